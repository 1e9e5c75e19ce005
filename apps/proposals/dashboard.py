"""Dashboard cards: open proposals per team for the cell, "mijn open voorstellen" for proposers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.dashboard import DashboardCard
from apps.core.rules import is_cell_staff

from . import selectors


def proposal_cards(user) -> list[DashboardCard]:
    if not user.is_authenticated:
        return []
    cards: list[DashboardCard] = []
    if is_cell_staff(user):
        review_url = reverse("proposals:list")
        rows = selectors.proposal_open_counts_by_team(user=user)
        total = sum(row["count"] for row in rows)
        cards.append(
            DashboardCard(
                title=_("Open wijzigingsvoorstellen"),
                value=total,
                url=review_url,
                description=", ".join(f"{row['team__name'] or _('zonder team')}: {row['count']}" for row in rows)
                or _("Niets te beslissen."),
            )
        )
        for row in rows:
            if row["team__slug"]:
                cards.append(
                    DashboardCard(
                        title=_("Voorstellen voor %(team)s") % {"team": row["team__name"]},
                        value=row["count"],
                        url=f"{review_url}?status=submitted&team={row['team__slug']}",
                        description=_("open, wachten op een beslissing"),
                    )
                )
    own_open = selectors.proposal_open_count_of(user=user)
    if own_open or user.has_perm("proposals.submit_changeproposal"):
        cards.append(
            DashboardCard(
                title=_("Mijn open voorstellen"),
                value=own_open,
                url=reverse("proposals:mine") + "?status=submitted",
                description=_("wachten op de cel"),
            )
        )
    return cards
