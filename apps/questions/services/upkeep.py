"""SLA upkeep: closure days move open deadlines; daily reminders for late and nearly late questions."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.permissions import check

from ..models import Question
from ..sla import WorkingCalendar
from .common import (
    _notify_handlers,
    sla_recompute,
)


def sla_recompute_open() -> int:
    """After a change of closure days: move the deadlines of every open question."""
    calendar = WorkingCalendar()
    count = 0
    for question in Question.objects.open().select_related("category"):
        ack, answer = question.ack_due, question.answer_due
        sla_recompute(question, calendar)
        if (ack, answer) != (question.ack_due, question.answer_due):
            Question.objects.filter(pk=question.pk).update(ack_due=question.ack_due, answer_due=question.answer_due)
            count += 1
    return count


@transaction.atomic
def closure_day_save(*, actor, instance=None, data: dict, reason: str = ""):
    from ..models import ClosureDay

    check(actor, "questions.manage_desk")
    closure = instance or ClosureDay()
    closure.date = data["date"]
    closure.reason = data["reason"]
    closure._history_user = actor
    closure._change_reason = reason
    closure.save()
    sla_recompute_open()
    return closure


@transaction.atomic
def closure_day_delete(*, actor, instance) -> None:
    check(actor, "questions.manage_desk")
    instance._history_user = actor
    instance.delete()
    sla_recompute_open()


def sla_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the handlers of questions that are due today or tomorrow, or late; once a day per question."""
    from ..selectors import sla_lists

    today = today or timezone.localdate()
    sent = 0
    overview = sla_lists(today=today)
    for kind, questions in (("breached", overview["breached"]), ("due_soon", overview["due_soon"])):
        for question in questions:
            if question.last_reminded_on == today:
                continue
            with transaction.atomic():
                if kind == "breached":
                    title = _("Termijn overschreden: %(ref)s %(subject)s")
                else:
                    title = _("Termijn verstrijkt bijna: %(ref)s %(subject)s")
                _notify_handlers(question, title % {"ref": question.reference, "subject": question.subject})
                Question.objects.filter(pk=question.pk).update(last_reminded_on=today)
            sent += 1
    return sent
