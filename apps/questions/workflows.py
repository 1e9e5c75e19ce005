"""The question workflow, declared as data.

States, the transitions between them and who may take each one. Services and
rules read this table; nothing else tests a status by hand.

- handler: cell staff (every cell member may act on every question);
- asker: the person who asked (logged in, or through their personal link).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("Nieuw")
    ASSIGNED = "assigned", _("Toegewezen")
    WAITING = "waiting", _("Wacht op vraagsteller")
    ANSWERED = "answered", _("Beantwoord")
    CLOSED = "closed", _("Afgesloten")
    REOPENED = "reopened", _("Heropend")


class Actor(models.TextChoices):
    HANDLER = "handler", _("Behandelaar (cel)")
    ASKER = "asker", _("Vraagsteller")
    SYSTEM = "system", _("Systeem")


@dataclass(frozen=True)
class Transition:
    name: str
    label: object
    sources: frozenset[str]
    target: str
    actors: frozenset[str]


OPEN_STATES = frozenset({Status.NEW, Status.ASSIGNED, Status.WAITING, Status.REOPENED})
# States in which the SLA clock runs (waiting for the asker pauses it).
CLOCK_RUNNING_STATES = frozenset({Status.NEW, Status.ASSIGNED, Status.REOPENED})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "assign",
            _("Toewijzen"),
            frozenset({Status.NEW, Status.ASSIGNED, Status.REOPENED, Status.WAITING}),
            Status.ASSIGNED,
            frozenset({Actor.HANDLER, Actor.SYSTEM}),
        ),
        Transition(
            "wait",
            _("Wachten op vraagsteller"),
            frozenset({Status.NEW, Status.ASSIGNED, Status.REOPENED}),
            Status.WAITING,
            frozenset({Actor.HANDLER}),
        ),
        Transition(
            "resume",
            _("Verder behandelen"),
            frozenset({Status.WAITING}),
            Status.ASSIGNED,
            frozenset({Actor.HANDLER, Actor.ASKER}),
        ),
        Transition(
            "answer",
            _("Beantwoorden"),
            frozenset({Status.NEW, Status.ASSIGNED, Status.WAITING, Status.REOPENED}),
            Status.ANSWERED,
            frozenset({Actor.HANDLER}),
        ),
        Transition(
            "close",
            _("Afsluiten"),
            frozenset({Status.NEW, Status.ASSIGNED, Status.WAITING, Status.ANSWERED, Status.REOPENED}),
            Status.CLOSED,
            frozenset({Actor.HANDLER, Actor.ASKER}),
        ),
        Transition(
            "reopen",
            _("Heropenen"),
            frozenset({Status.ANSWERED, Status.CLOSED}),
            Status.REOPENED,
            frozenset({Actor.HANDLER, Actor.ASKER}),
        ),
    ]
}


def is_open(status: str) -> bool:
    return status in OPEN_STATES


def allowed(name: str, status: str, actor: str) -> bool:
    """Whether `actor` may take transition `name` from `status`."""
    transition = TRANSITIONS.get(name)
    return transition is not None and status in transition.sources and actor in transition.actors


def available(status: str, actor: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources and actor in t.actors]
