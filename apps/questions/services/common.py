"""Shared steps of the desk's services: saving with history and index, placing, the clock, files, notices."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.services.attachments import attachment_add, attachment_check
from apps.core.services.notifications import notify
from apps.registry.selectors import referentieregio_of
from apps.search.services import index_object

from ..models import Question, Reply
from ..sla import WorkingCalendar
from ..workflows import TRANSITIONS, Status, allowed

MAX_ATTACHMENTS = 3

# --- helpers ------------------------------------------------------------------------


def _save(question: Question, *, actor=None, reason: str = "") -> None:
    question._history_user = actor if getattr(actor, "is_authenticated", False) else None
    question._change_reason = reason
    question.save()
    index_object(question)


def sla_recompute(question: Question, calendar: WorkingCalendar | None = None) -> None:
    """Set both deadlines from the day received, the category's terms and the paused working days."""
    calendar = calendar or WorkingCalendar()
    received = timezone.localdate(question.received_at)
    question.ack_due = calendar.add_working_days(received, question.category.ack_days + question.paused_days)
    question.answer_due = calendar.add_working_days(received, question.category.answer_days + question.paused_days)


def _place(question: Question) -> None:
    """Municipality, province and referentieregio follow the linked organisation."""
    if question.organisation is not None and question.organisation.municipality_id:
        question.municipality = question.organisation.municipality
    if question.municipality is not None:
        parent = question.municipality.parent
        while parent is not None and parent.level != "province":
            parent = parent.parent
        question.province = parent
        question.region = referentieregio_of(question.municipality, timezone.localdate(question.received_at))


def _handlers(question: Question) -> list[User]:
    """Who hears about the question: the assignee, else the team's members, else the whole cell."""
    if question.assignee is not None:
        return [question.assignee]
    if question.team is not None:
        members = list(question.team.members.filter(is_active=True))
        if members:
            return members
    return list(User.objects.filter(is_active=True, groups__name="cell_staff").distinct())


def _verified_account(email: str) -> User | None:
    """The account that owns this address (verified), which also sees questions asked without logging in."""
    if not email:
        return None
    return User.objects.filter(email__iexact=email, email_verified=True, is_active=True).first()


def _notify_handlers(question: Question, title: str, body: str = "", *, exclude=None) -> None:
    for user in _handlers(question):
        if exclude is not None and user.pk == exclude.pk:
            continue
        notify(recipient=user, title=title, body=body, url=question.get_absolute_url())


def _stop_clock(question: Question, now: datetime.datetime, calendar: WorkingCalendar | None = None) -> None:
    """Leaving "waiting for the asker": the working days waited move both deadlines."""
    if question.paused_since is None:
        return
    calendar = calendar or WorkingCalendar()
    question.paused_days += calendar.working_days_between(
        timezone.localdate(question.paused_since), timezone.localdate(now)
    )
    question.paused_since = None
    sla_recompute(question, calendar)


def _move(question: Question, name: str, actor_kind: str, now: datetime.datetime) -> None:
    """Apply a workflow transition to the object (no save); refuses a step the table does not allow."""
    if not allowed(name, question.status, actor_kind):
        raise ValidationError(
            _("“%(action)s” kan niet wanneer de vraag de status “%(status)s” heeft.")
            % {"action": TRANSITIONS[name].label, "status": question.get_status_display()}
        )
    target = TRANSITIONS[name].target
    if question.status == Status.WAITING and target != Status.WAITING:
        _stop_clock(question, now)
    if target == Status.WAITING:
        question.paused_since = now
    if target == Status.CLOSED:
        question.closed_at = now
    if target == Status.REOPENED:
        question.closed_at = None
    question.status = target


def _acknowledge(question: Question, actor, now: datetime.datetime) -> None:
    """The first action by a person (not the automatic mail) stops the acknowledgement clock."""
    if question.acknowledged_at is None and getattr(actor, "is_authenticated", False):
        question.acknowledged_at = now


def _check_files(files) -> list:
    files = [f for f in (files or []) if f]
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _("Voeg hoogstens %(n)d bijlagen toe.") % {"n": MAX_ATTACHMENTS}})
    for uploaded in files:
        try:
            attachment_check(uploaded)
        except ValidationError as error:
            raise ValidationError({"attachments": error.messages})
    return files


def _attach(question: Question, reply: Reply, files, *, actor) -> None:
    """Files sent with a reply belong to the question (its page and the personal link show them)."""
    description = _("Bij het bericht van %(who)s op %(when)s") % {
        "who": reply.author_name,
        "when": timezone.localtime(reply.created_at).strftime("%d/%m/%Y %H:%M"),
    }
    for uploaded in files:
        attachment_add(
            actor=actor, obj=question, uploaded_file=uploaded, description=description, check_permission=False
        )
