"""The change-proposal workflow, declared as data.

A proposal is submitted by someone who works for the organisation; the cell
approves or rejects it, or the proposer withdraws it. Each transition names the
role that may take it (a predicate over user and proposal, see rules.py) and
whether a reason is required. Services and rules read this table; nothing else
tests a status by hand.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Ingediend")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Afgewezen")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


class Actor(models.TextChoices):
    CELL_STAFF = "cell_staff", _("Medewerker van de cel")
    PROPOSER = "proposer", _("Indiener")


@dataclass(frozen=True)
class Transition:
    name: str
    label: object
    sources: frozenset[str]
    target: str
    actor: str
    reason_required: bool = False
    # Shown on the confirmation page and in the proposer's notification.
    past_label: object = ""


OPEN_STATES: frozenset[str] = frozenset({Status.SUBMITTED})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            name="approve",
            label=_("Goedkeuren"),
            sources=frozenset({Status.SUBMITTED}),
            target=Status.APPROVED,
            actor=Actor.CELL_STAFF,
            past_label=_("goedgekeurd"),
        ),
        Transition(
            name="reject",
            label=_("Afwijzen"),
            sources=frozenset({Status.SUBMITTED}),
            target=Status.REJECTED,
            actor=Actor.CELL_STAFF,
            reason_required=True,
            past_label=_("afgewezen"),
        ),
        Transition(
            name="withdraw",
            label=_("Intrekken"),
            sources=frozenset({Status.SUBMITTED}),
            target=Status.WITHDRAWN,
            actor=Actor.PROPOSER,
            past_label=_("ingetrokken"),
        ),
    ]
}


def is_open(status: str) -> bool:
    return status in OPEN_STATES


def allowed_from(name: str, status: str) -> bool:
    """Whether transition `name` may start from `status` (roles are checked in rules.py)."""
    transition = TRANSITIONS.get(name)
    return transition is not None and status in transition.sources
