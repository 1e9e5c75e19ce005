"""The accounts card on the home dashboard (cell staff only)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.dashboard import DashboardCard
from apps.core.rules import is_cell_staff

from .roles import Role
from .selectors import role_counts, user_totals


def accounts_cards(user) -> list[DashboardCard]:
    if not is_cell_staff(user):
        return []
    counts = role_counts()
    totals = user_totals()
    per_role = ", ".join(f"{Role(code).label}: {counts[code]}" for code in Role.values)
    user_list = reverse("accounts:user_list")
    return [
        DashboardCard(
            title=_("Actieve gebruikers"),
            value=totals["active"],
            url=user_list,
            description=_("Per rol — %(roles)s.") % {"roles": per_role},
        ),
        DashboardCard(
            title=_("Onbevestigde registraties"),
            value=totals["unverified"],
            url=f"{user_list}?role={Role.CITIZEN}&email_verified=0&active=1",
            description=_("Burgers die zich registreerden maar hun e-mailadres nog niet bevestigden."),
        ),
    ]
