"""Writes for change proposals: submit, approve, reject, withdraw, assign a team.

Approval never writes registry tables itself: it calls the registry's own
service, exactly as a direct edit by the cell would, so the same validation runs
and the record's history names the approver (history user) and the proposer (in
the change reason).
"""

import copy
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.services.notifications import notify

from . import targets
from .models import ChangeProposal, Kind
from .routing import team_for
from .rules import actor_may
from .workflows import TRANSITIONS, Status, allowed_from


class _DryRunDone(Exception):
    """Raised inside the dry-run savepoint to roll it back."""


@dataclass(frozen=True)
class Conflict:
    field: str
    label: str
    base: str
    current: str
    proposed: str


class ProposalConflict(ValidationError):
    """The record changed since the proposal was made, on a field the proposal changes."""

    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        fields = ", ".join(c.label for c in conflicts)
        super().__init__(
            _(
                "Het record is gewijzigd sinds dit voorstel werd ingediend (%(fields)s). "
                "Er is niets overschreven: vergelijk de waarden en wijs het voorstel af of vraag een nieuw voorstel."
            )
            % {"fields": fields},
            code="conflict",
        )


# --- Helpers -----------------------------------------------------------------------


def _user_name(user) -> str:
    return str(user)


def _clean_values(model, names: tuple[str, ...], data: dict[str, Any]) -> dict[str, Any]:
    """Validate each proposed value with the field's own form field; JSON-ready result."""
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise ValidationError(
            _("Deze velden kunnen niet voorgesteld worden: %(fields)s.") % {"fields": ", ".join(unknown)},
            code="unknown_field",
        )
    cleaned: dict[str, Any] = {}
    errors: dict[str, list] = {}
    for name, value in data.items():
        model_field = targets.model_field(model, name)
        form_field = targets.form_field(model, name)
        try:
            python = form_field.clean(value) if form_field is not None else value
        except ValidationError as error:
            errors[name] = error.error_list
            continue
        cleaned[name] = targets.to_json(model_field, python)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_periods(raw: Any) -> list[dict]:
    if not isinstance(raw, list):
        raise ValidationError({"periods": _("Geef de openingsuren als een lijst van periodes.")})
    try:
        periods = targets.normalise_periods(raw)
        as_times = targets.periods_as_times(periods)
    except (KeyError, TypeError, ValueError):
        raise ValidationError(
            {"periods": _("Elke periode heeft een weekdag (0–6), een openingsuur en een sluitingsuur (UU:MM).")}
        )
    for period in as_times:
        if not 0 <= period["weekday"] <= 6:
            raise ValidationError({"periods": _("De weekdag moet tussen 0 (maandag) en 6 (zondag) liggen.")})
        if period["closes"] <= period["opens"]:
            raise ValidationError({"periods": _("Het sluitingsuur moet na het openingsuur liggen.")})
    for before, after in zip(periods, periods[1:], strict=False):
        if before["weekday"] == after["weekday"] and after["opens"] < before["closes"]:
            day = dict(targets.weekdays())[before["weekday"]]
            raise ValidationError({"periods": _("Twee periodes op %(day)s overlappen.") % {"day": day}})
    return periods


def _registry_service(name: str):
    """The registry's own write service called `name` (library_save, branch_save, ...)."""
    from apps.registry import services as registry_services

    return getattr(registry_services, name)


def _fresh(obj):
    """A new instance of the same row: the services may change the instance they get."""
    return type(obj)._default_manager.get(pk=obj.pk)


def _apply(*, kind: str, target, create_type, proposed: dict, actor, reason: str):
    """Write the proposal through the normal registry service; returns the written record."""
    if kind == Kind.OPENING_HOURS:
        periods = targets.periods_as_times(proposed[targets.HOURS_KEY])
        _registry_service("branch_opening_hours_set")(actor=actor, branch=target, periods=periods, reason=reason)
        # Opening hours keep their own history rows; an entry on the branch itself makes the
        # change (and who proposed and approved it) visible in the branch's history too.
        _registry_service("branch_save")(
            actor=actor, instance=target, data={}, reason=_("Openingsuren gewijzigd. %(reason)s") % {"reason": reason}
        )
        return target
    if kind == Kind.CREATE:
        spec = targets.CREATE_TYPE_BY_MODEL[create_type]
        data = {name: targets.from_json(targets.model_field(spec.model, name), v) for name, v in proposed.items()}
        data.update(spec.parent_data(target))
        return _registry_service(spec.service_name)(actor=actor, instance=None, data=data, reason=reason)
    spec = targets.target_type_of(target)
    data = {name: targets.from_json(targets.model_field(spec.model, name), v) for name, v in proposed.items()}
    return _registry_service(spec.service_name)(actor=actor, instance=target, data=data, reason=reason)


def _dry_run_actor(actor):
    """The proposer, allowed the registry's write permissions for a rolled-back trial only.

    The trial runs the registry service exactly as approval will, so that a value the
    registry refuses is refused now, with its message, instead of at approval.
    """
    stand_in = copy.copy(actor)
    real_has_perm = actor.has_perm

    def has_perm(perm: str, obj: Any = None) -> bool:
        return perm.startswith("registry.") or real_has_perm(perm, obj)

    stand_in.has_perm = has_perm
    return stand_in


def _dry_run(*, kind: str, target, create_type, proposed: dict, actor) -> None:
    try:
        with transaction.atomic():
            _apply(
                kind=kind,
                target=_fresh(target),
                create_type=create_type,
                proposed=proposed,
                actor=_dry_run_actor(actor),
                reason=_("Proefrit van een voorstel (niet bewaard)"),
            )
            raise _DryRunDone
    except _DryRunDone:
        pass


def _base_values(kind: str, target, proposed: dict) -> dict:
    if kind == Kind.OPENING_HOURS:
        return {targets.HOURS_KEY: targets.current_periods(target)}
    if kind == Kind.CREATE:
        return {}
    return {name: targets.current_value(target, name) for name in proposed}


def _prepare(*, target, data: dict, create: str | None) -> tuple[str, Any, dict]:
    """(kind, create model, cleaned proposed values) for a submission."""
    from apps.registry.models import Branch, Organisation

    if create:
        spec = targets.CREATE_TYPES.get(create)
        if spec is None or not isinstance(target, Organisation) or not spec.allowed_for(target):
            raise ValidationError(_("Voor deze organisatie kan zo'n nieuw record niet voorgesteld worden."))
        proposed = _clean_values(spec.model, spec.fields, data)
        return Kind.CREATE, spec.model, proposed
    if set(data) == {targets.HOURS_KEY}:
        if not isinstance(target, Branch):
            raise ValidationError(_("Openingsuren horen bij een vestiging."))
        periods = _clean_periods(data[targets.HOURS_KEY])
        if periods == targets.current_periods(target):
            raise ValidationError(_("Deze openingsuren zijn dezelfde als de huidige. Er is niets voorgesteld."))
        return Kind.OPENING_HOURS, None, {targets.HOURS_KEY: periods}
    if type(target) not in targets.TARGET_TYPE_BY_MODEL:
        raise ValidationError(_("Voor dit soort record kan geen wijziging voorgesteld worden."))
    spec = targets.target_type_of(target)
    cleaned = _clean_values(spec.model, spec.fields, data)
    proposed = {name: value for name, value in cleaned.items() if value != targets.current_value(target, name)}
    if not proposed:
        raise ValidationError(_("Dit voorstel verandert niets aan de huidige gegevens. Er is niets voorgesteld."))
    return Kind.CHANGE, None, proposed


def _notify_team(proposal: ChangeProposal) -> None:
    if proposal.team is None:
        return
    for member in proposal.team.members.filter(is_active=True).exclude(pk=proposal.proposer_id):
        notify(
            recipient=member,
            title=_("Nieuw wijzigingsvoorstel: %(target)s") % {"target": proposal.target_label},
            body=_("%(proposer)s stelt een wijziging voor aan %(target)s.")
            % {"proposer": _user_name(proposal.proposer), "target": proposal.target_label},
            url=proposal.get_absolute_url(),
        )


def _notify_proposer(proposal: ChangeProposal, transition_name: str) -> None:
    transition = TRANSITIONS[transition_name]
    body = _("%(who)s heeft je voorstel %(verb)s.") % {
        "who": _user_name(proposal.decided_by),
        "verb": transition.past_label,
    }
    if proposal.decision_reason:
        body += "\n\n" + _("Motivering: %(reason)s") % {"reason": proposal.decision_reason}
    notify(
        recipient=proposal.proposer,
        title=_("Je voorstel voor %(target)s is %(verb)s")
        % {"target": proposal.target_label, "verb": transition.past_label},
        body=body,
        url=proposal.get_absolute_url(),
    )


def _lock(proposal: ChangeProposal) -> ChangeProposal:
    return ChangeProposal.objects.select_for_update(of=("self",)).select_related("proposer", "team").get(pk=proposal.pk)


def _check_transition(actor, proposal: ChangeProposal, name: str) -> None:
    """Role first (PermissionDenied), then state (a Dutch ValidationError)."""
    if not actor_may(actor, name, proposal):
        raise PermissionDenied(f"proposals.{name}_changeproposal")
    if not allowed_from(name, proposal.status):
        raise ValidationError(
            _("Dit voorstel is al %(status)s; het kan niet meer %(verb)s worden.")
            % {"status": proposal.get_status_display().lower(), "verb": TRANSITIONS[name].past_label},
            code="invalid_state",
        )


def _target_of(proposal: ChangeProposal):
    model = proposal.target_type.model_class()
    return model._default_manager.select_for_update().filter(pk=proposal.target_id).first()


# --- Conflicts ---------------------------------------------------------------------


def proposal_conflicts(proposal: ChangeProposal, target=None) -> list[Conflict]:
    """The proposed fields whose current value differs from both the snapshot and the proposal."""
    if proposal.kind == Kind.CREATE:
        return []
    target = target if target is not None else proposal.target
    if target is None:
        return []
    conflicts: list[Conflict] = []
    if proposal.kind == Kind.OPENING_HOURS:
        base = proposal.base_data.get(targets.HOURS_KEY, [])
        wanted = proposal.proposed_data.get(targets.HOURS_KEY, [])
        now = targets.current_periods(target)
        if now != base and now != wanted:
            for weekday, label in targets.weekdays():
                b, c, p = (targets.day_summary(x, weekday) for x in (base, now, wanted))
                if b != c:
                    conflicts.append(Conflict(f"weekday_{weekday}", label.capitalize(), b, c, p))
        return conflicts
    model = type(target)
    for name, wanted in proposal.proposed_data.items():
        base = proposal.base_data.get(name)
        now = targets.current_value(target, name)
        if now != base and now != wanted:
            conflicts.append(
                Conflict(
                    name,
                    targets.field_label(model, name),
                    targets.display(model, name, base),
                    targets.display(model, name, now),
                    targets.display(model, name, wanted),
                )
            )
    return conflicts


# --- Services ----------------------------------------------------------------------


def proposal_submit(*, actor, target, data: dict, reason: str = "", create: str | None = None) -> ChangeProposal:
    """Propose a change to `target` (or, with `create`, a new record under the organisation `target`).

    `data` is field → new value; for opening hours it is {"periods": [{"weekday", "opens",
    "closes"}, ...]} with the whole new weekly schedule. Refused unless the actor may
    propose changes for the target's organisation. Values are validated now, by the
    field rules and by a rolled-back trial of the registry service.
    """
    if target is None or not actor.has_perm("proposals.add_changeproposal", target):
        raise PermissionDenied("proposals.add_changeproposal")
    with transaction.atomic():
        kind, create_model, proposed = _prepare(target=target, data=data, create=create)
        _dry_run(kind=kind, target=target, create_type=create_model, proposed=proposed, actor=actor)
        organisation = targets.organisation_of(target)
        from django.contrib.contenttypes.models import ContentType

        label = str(target)
        if create_model is not None:
            label = _("%(what)s bij %(organisation)s") % {
                "what": str(targets.CREATE_TYPE_BY_MODEL[create_model].label).capitalize(),
                "organisation": organisation,
            }
        elif not isinstance(target, type(organisation)):
            label = f"{target} ({organisation})" if str(target) != str(organisation) else label
        proposal = ChangeProposal(
            kind=kind,
            target_type=ContentType.objects.get_for_model(type(target)),
            target_id=target.pk,
            create_type=ContentType.objects.get_for_model(create_model) if create_model else None,
            organisation=organisation,
            target_label=label[:300],
            proposed_data=proposed,
            base_data=_base_values(kind, target, proposed),
            motivation=reason,
            proposer=actor,
            team=team_for(organisation),
        )
        proposal.full_clean(exclude=["target_type", "organisation", "proposer", "team"])
        proposal._history_user = actor
        proposal._change_reason = _("Ingediend")
        proposal.save()
        _notify_team(proposal)
    return proposal


def proposal_approve(*, actor, proposal: ChangeProposal, reason: str = "") -> ChangeProposal:
    """Apply the proposal through the registry service, unless the record changed meanwhile."""
    with transaction.atomic():
        proposal = _lock(proposal)
        _check_transition(actor, proposal, "approve")
        target = _target_of(proposal)
        if target is None:
            raise ValidationError(_("Het record van dit voorstel bestaat niet meer. Wijs het voorstel af."))
        conflicts = proposal_conflicts(proposal, target)
        if conflicts:
            raise ProposalConflict(conflicts)
        history_reason = _("Voorstel van %(proposer)s goedgekeurd door %(approver)s") % {
            "proposer": _user_name(proposal.proposer),
            "approver": _user_name(actor),
        }
        if reason:
            history_reason += f": {reason}"
        written = _apply(
            kind=proposal.kind,
            target=target,
            create_type=proposal.create_type.model_class() if proposal.create_type_id else None,
            proposed=proposal.proposed_data,
            actor=actor,
            reason=history_reason,
        )
        if proposal.kind == Kind.CREATE:
            proposal.created_object_id = written.pk
        proposal.status = Status.APPROVED
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.decision_reason = reason
        proposal._history_user = actor
        proposal._change_reason = history_reason
        proposal.save()
        _notify_proposer(proposal, "approve")
    return proposal


def proposal_reject(*, actor, proposal: ChangeProposal, reason: str) -> ChangeProposal:
    with transaction.atomic():
        proposal = _lock(proposal)
        _check_transition(actor, proposal, "reject")
        if not (reason or "").strip():
            raise ValidationError({"reason": _("Geef een motivering: de indiener krijgt die te lezen.")})
        proposal.status = Status.REJECTED
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.decision_reason = reason.strip()
        proposal._history_user = actor
        proposal._change_reason = _("Afgewezen")
        proposal.save()
        _notify_proposer(proposal, "reject")
    return proposal


def proposal_withdraw(*, actor, proposal: ChangeProposal, reason: str = "") -> ChangeProposal:
    with transaction.atomic():
        proposal = _lock(proposal)
        _check_transition(actor, proposal, "withdraw")
        proposal.status = Status.WITHDRAWN
        proposal.decided_by = actor
        proposal.decided_at = timezone.now()
        proposal.decision_reason = (reason or "").strip()
        proposal._history_user = actor
        proposal._change_reason = _("Ingetrokken door de indiener")
        proposal.save()
    return proposal


def proposal_assign_team(*, actor, proposal: ChangeProposal, team) -> ChangeProposal:
    """Move an open proposal to another cell team (or to none)."""
    with transaction.atomic():
        proposal = _lock(proposal)
        if not actor.has_perm("proposals.review_changeproposal"):
            raise PermissionDenied("proposals.assign_changeproposal")
        if not actor.has_perm("proposals.assign_changeproposal", proposal):
            raise ValidationError(_("Een beslist voorstel kan niet meer naar een ander team."))
        if proposal.team_id != (team.pk if team else None):
            proposal.team = team
            proposal._history_user = actor
            proposal._change_reason = _("Toegewezen aan een ander team")
            proposal.save()
            _notify_team(proposal)
    return proposal
