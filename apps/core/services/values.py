"""Writes and rules of the value assessment ("waardetoets").

Any model can be assessed: an assessment points at its object through a
content type, so a model adopts it with `values = ValueAssessmentRelation()`
(for reverse queries) or even without any field at all.
"""

from collections.abc import Mapping

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from apps.core.models import Value, ValueAssessment
from apps.core.permissions import check

# Once an object reaches one of these states it must serve at least one value.
STATES_REQUIRING_VALUES = frozenset({"published", "submitted", "approved"})

MESSAGE_AT_LEAST_ONE = _("Kies minstens één waarde en motiveer ze.")


def assessments_of(obj: models.Model) -> models.QuerySet:
    content_type = ContentType.objects.get_for_model(obj)
    return ValueAssessment.objects.filter(content_type=content_type, object_id=str(obj.pk))


@transaction.atomic
def value_assessment_set(
    *,
    actor,
    obj: models.Model,
    assessments: Mapping[str, str],
    reason: str = "",
    check_permission: bool = True,
) -> list[ValueAssessment]:
    """Replace the object's assessments by `assessments` ({value code: motivation}).

    Unchanged rows stay untouched, changed motivations are updated, removed
    values are deleted and new ones created, each with a history row that
    names the actor and the reason.
    """
    if check_permission:
        check(actor, "core.change_valueassessment", obj)
    cleaned = {code: (motivation or "").strip() for code, motivation in assessments.items()}
    values = {value.code: value for value in Value.objects.filter(code__in=cleaned)}
    unknown = sorted(set(cleaned) - set(values))
    if unknown:
        raise ValidationError(_("Onbekende waarde: %(codes)s.") % {"codes": ", ".join(unknown)})
    missing = [values[code].name for code, motivation in cleaned.items() if not motivation]
    if missing:
        raise ValidationError(
            _("Motiveer waarom dit bijdraagt aan: %(values)s.") % {"values": ", ".join(sorted(missing))}
        )

    content_type = ContentType.objects.get_for_model(obj)
    existing = {a.value.code: a for a in assessments_of(obj).select_related("value").select_for_update()}

    def _stamp(assessment: ValueAssessment) -> ValueAssessment:
        assessment._history_user = actor
        assessment._change_reason = reason
        return assessment

    for code, assessment in existing.items():
        if code not in cleaned:
            _stamp(assessment).delete()
    result: list[ValueAssessment] = []
    for code, motivation in cleaned.items():
        assessment = existing.get(code)
        if assessment is None:
            assessment = ValueAssessment(
                content_type=content_type, object_id=str(obj.pk), value=values[code], motivation=motivation
            )
            _stamp(assessment).save()
        elif assessment.motivation != motivation:
            assessment.motivation = motivation
            _stamp(assessment).save(update_fields=["motivation"])
        result.append(assessment)
    return sorted(result, key=lambda a: a.value.position)


def value_assessment_validate(*, obj: models.Model, state: str, assessments: Mapping[str, str] | None = None) -> None:
    """Raise ValidationError when `obj` may not enter `state` without a value.

    Drafts (and any state outside STATES_REQUIRING_VALUES) may have none yet.
    Pass `assessments` to validate what a form is about to store instead of
    what is in the database.
    """
    if state not in STATES_REQUIRING_VALUES:
        return
    if assessments is not None:
        has_any = any((motivation or "").strip() for motivation in assessments.values())
    else:
        has_any = assessments_of(obj).exists()
    if not has_any:
        raise ValidationError(MESSAGE_AT_LEAST_ONE, code="values_required")
