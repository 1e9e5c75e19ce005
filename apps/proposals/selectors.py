"""Reads for change proposals, scoped to the user, and the field diff of one proposal."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from apps.core.rules import is_cell_staff

from . import targets
from .models import ChangeProposal, Kind
from .services import proposal_conflicts
from .workflows import OPEN_STATES


def _base() -> QuerySet:
    return ChangeProposal.objects.select_related(
        "proposer", "team", "organisation", "decided_by", "target_type", "create_type"
    )


def proposal_visible_to(user) -> QuerySet:
    """Cell staff see every proposal; anyone else only their own."""
    if not user.is_authenticated:
        return ChangeProposal.objects.none()
    if is_cell_staff(user):
        return _base()
    return _base().filter(proposer=user)


def proposal_list(*, user, **_ignored) -> QuerySet:
    return proposal_visible_to(user)


def proposal_review_list(*, user, **_ignored) -> QuerySet:
    """The cell's review list: every proposal (empty for anyone else)."""
    if not is_cell_staff(user):
        return ChangeProposal.objects.none()
    return _base()


def proposal_own_list(*, user, **_ignored) -> QuerySet:
    if not user.is_authenticated:
        return ChangeProposal.objects.none()
    return _base().filter(proposer=user)


def proposal_open_counts_by_team(*, user) -> list[dict]:
    """[{"team_id", "team__name", "team__slug", "count"}] of open proposals, one row per team (None = no team)."""
    if not is_cell_staff(user):
        return []
    return list(
        ChangeProposal.objects.filter(status__in=OPEN_STATES)
        .values("team_id", "team__name", "team__slug")
        .annotate(count=Count("id"))
        .order_by("team__name")
    )


def proposal_counts_by_status(queryset: QuerySet) -> dict[str, int]:
    rows = queryset.order_by().values("status").annotate(count=Count("id"))
    return {row["status"]: row["count"] for row in rows}


def proposal_open_count_of(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return ChangeProposal.objects.filter(proposer=user, status__in=OPEN_STATES).count()


def proposals_for_target(*, user, target) -> QuerySet:
    """Open proposals on one record, for a "pending proposals" note on registry pages."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(type(target))
    return proposal_visible_to(user).filter(Q(target_type=content_type, target_id=target.pk), status__in=OPEN_STATES)


@dataclass
class DiffRow:
    field: str
    label: str
    base: str
    current: str
    proposed: str
    changed: bool
    conflict: bool


def proposal_diff(proposal: ChangeProposal) -> list[DiffRow]:
    """One row per proposed field (per weekday for opening hours): snapshot, current, proposed."""
    conflicts = {c.field for c in proposal_conflicts(proposal)} if proposal.is_open else set()
    if proposal.kind == Kind.OPENING_HOURS:
        return _hours_diff(proposal, conflicts)
    if proposal.kind == Kind.CREATE:
        model = proposal.create_type.model_class()
        return [
            DiffRow(name, targets.field_label(model, name), "—", "—", targets.display(model, name, value), True, False)
            for name, value in proposal.proposed_data.items()
        ]
    target = proposal.target
    model = proposal.target_type.model_class()
    rows = []
    for name, value in proposal.proposed_data.items():
        base = proposal.base_data.get(name)
        current = targets.current_value(target, name) if target is not None else None
        rows.append(
            DiffRow(
                name,
                targets.field_label(model, name),
                targets.display(model, name, base),
                targets.display(model, name, current) if target is not None else "—",
                targets.display(model, name, value),
                current != value,
                name in conflicts,
            )
        )
    return rows


def _hours_diff(proposal: ChangeProposal, conflicts: set[str]) -> list[DiffRow]:
    target = proposal.target
    base = proposal.base_data.get(targets.HOURS_KEY, [])
    wanted = proposal.proposed_data.get(targets.HOURS_KEY, [])
    now = targets.current_periods(target) if target is not None else []
    rows = []
    for weekday, label in targets.weekdays():
        b, c, p = (targets.day_summary(x, weekday) for x in (base, now, wanted))
        rows.append(
            DiffRow(f"weekday_{weekday}", label.capitalize(), b, c, p, c != p, f"weekday_{weekday}" in conflicts)
        )
    return rows
