"""Dashboard cards: breached and due-soon questions for the cell, open own questions for askers."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.dashboard import DashboardCard
from apps.core.rules import is_cell_staff

from . import selectors


def question_cards(user) -> list[DashboardCard]:
    if not user.is_authenticated:
        return []
    cards: list[DashboardCard] = []
    if is_cell_staff(user):
        counts = selectors.sla_counts(user=user)
        url = reverse("questions:sla")
        cards.append(
            DashboardCard(
                title=_("Vragen over hun termijn"),
                value=counts["breached"],
                url=url,
                description=_("te laat opgepakt of beantwoord (werkdagen)"),
            )
        )
        cards.append(
            DashboardCard(
                title=_("Vragen bijna over hun termijn"),
                value=counts["due_soon"],
                url=url,
                description=_("vandaag of de volgende werkdag"),
            )
        )
    own_open = selectors.question_own_list(user=user).filter(asker=user).open().count()
    if own_open:
        cards.append(
            DashboardCard(
                title=_("Mijn open vragen"), value=own_open, url=reverse("questions:mine"), description=_("bij de cel")
            )
        )
    return cards
