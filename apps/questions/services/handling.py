"""Handling: assignment, the conversation, internal notes, workflow steps, corrections, satisfaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.permissions import check
from apps.core.rules import is_cell_staff
from apps.core.services.notifications import notify

from .. import mails
from ..models import InternalNote, Question, Reply, Satisfaction
from ..rules import is_own_question
from ..workflows import TRANSITIONS, Actor, Status
from .common import (
    _acknowledge,
    _attach,
    _check_files,
    _move,
    _notify_handlers,
    _place,
    _save,
    _verified_account,
    sla_recompute,
)


@transaction.atomic
def question_assign(*, actor, question: Question, team=None, assignee=None, reason: str = "") -> Question:
    """Manual (re)assignment to a team and/or a person of the cell."""
    check(actor, "questions.assign_question", question)
    if team is None and assignee is None:
        raise ValidationError({"team": _("Kies een team of een behandelaar.")})
    if assignee is not None and not is_cell_staff(assignee):
        raise ValidationError({"assignee": _("Een behandelaar moet medewerker van de cel zijn.")})
    question = Question.objects.select_for_update().get(pk=question.pk)
    now = timezone.now()
    previous = question.assignee
    question.team = team
    question.assignee = assignee
    _acknowledge(question, actor, now)
    _move(question, "assign", Actor.HANDLER, now)
    _save(question, actor=actor, reason=reason or _("Toegewezen"))
    if assignee is not None and assignee != actor and assignee != previous:
        notify(
            recipient=assignee,
            title=_("Vraag %(ref)s is aan jou toegewezen") % {"ref": question.reference},
            body=question.subject,
            url=question.get_absolute_url(),
        )
    elif assignee is None and team is not None:
        _notify_handlers(
            question, _("Vraag %(ref)s is aan je team toegewezen") % {"ref": question.reference}, exclude=actor
        )
    return question


REPLY_THEN = {"answer": "answer", "wait": "wait", "keep": None}


@transaction.atomic
def question_reply(*, actor, question: Question, body: str, then: str = "answer", files=()) -> Reply:
    """A reply by cell staff, mailed to the asker; `then` moves the question: answered, waiting, or as it is."""
    check(actor, "questions.handle_question", question)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Schrijf een bericht.")})
    if then not in REPLY_THEN:
        raise ValidationError({"then": _("Kies wat er daarna met de vraag gebeurt.")})
    files = _check_files(files)
    question = Question.objects.select_for_update().select_related("category").get(pk=question.pk)
    if question.status == Status.CLOSED:
        raise ValidationError(_("Deze vraag is afgesloten. Heropen ze eerst."))
    now = timezone.now()
    _acknowledge(question, actor, now)
    name = REPLY_THEN[then]
    if name is not None and question.status != TRANSITIONS[name].target:
        _move(question, name, Actor.HANDLER, now)
    elif name is None and question.status == Status.NEW:
        _move(question, "assign", Actor.HANDLER, now)
        question.assignee = question.assignee or actor
    is_answer = name == "answer"
    if is_answer and question.first_answered_at is None:
        question.first_answered_at = now
    if question.assignee is None:
        question.assignee = actor
    reply = Reply.objects.create(
        question=question,
        author=actor,
        author_name=actor.get_full_name() or actor.username,
        body=body,
        is_answer=is_answer,
        created_at=now,
    )
    _save(question, actor=actor, reason=_("Antwoord verstuurd") if is_answer else _("Reactie verstuurd"))
    _attach(question, reply, files, actor=actor)
    mails.send_reply(question, reply)
    account = question.asker or _verified_account(question.asker_email)
    if account is not None:
        # The mail carries the message; the in-app list keeps a pointer for an asker with an account.
        notify(
            recipient=account,
            title=_("Nieuw bericht over je vraag %(ref)s") % {"ref": question.reference},
            url=question.get_absolute_url(),
            email=False,
        )
    return reply


@transaction.atomic
def question_reply_as_asker(*, question: Question, body: str, actor=None, files=()) -> Reply:
    """The asker writes back (logged in, or through the personal link: `actor` is then None).

    Waiting for the asker ends (the clock runs again); an answered or closed
    question is reopened.
    """
    if actor is not None and getattr(actor, "is_authenticated", False) and not is_own_question(actor, question):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Schrijf een bericht.")})
    files = _check_files(files)
    question = Question.objects.select_for_update().select_related("category").get(pk=question.pk)
    if question.anonymised_at is not None:
        raise ValidationError(_("De gegevens van deze vraag zijn gewist; stel een nieuwe vraag."))
    now = timezone.now()
    if question.status == Status.WAITING:
        _move(question, "resume", Actor.ASKER, now)
    elif question.status in (Status.ANSWERED, Status.CLOSED):
        _move(question, "reopen", Actor.ASKER, now)
    reply = Reply.objects.create(
        question=question,
        author=actor if getattr(actor, "is_authenticated", False) else None,
        author_name=question.asker_name,
        from_asker=True,
        body=body,
        created_at=now,
    )
    _save(question, actor=actor, reason=_("Reactie van de vraagsteller"))
    _attach(question, reply, files, actor=actor)
    _notify_handlers(
        question,
        _("Reactie van de vraagsteller op %(ref)s") % {"ref": question.reference},
        question.subject,
    )
    return reply


@transaction.atomic
def question_note_add(*, actor, question: Question, body: str) -> InternalNote:
    check(actor, "questions.view_internalnote", question)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Schrijf een notitie.")})
    question = Question.objects.select_for_update().get(pk=question.pk)
    now = timezone.now()
    note = InternalNote.objects.create(question=question, author=actor, body=body, created_at=now)
    if question.acknowledged_at is None:
        _acknowledge(question, actor, now)
        _save(question, actor=actor, reason=_("Interne notitie"))
    return note


@transaction.atomic
def question_transition(*, actor, question: Question, name: str, reason: str = "") -> Question:
    """A workflow step taken by cell staff (wait, resume, answer, close, reopen)."""
    if name not in TRANSITIONS:
        raise ValidationError(_("Onbekende stap."))
    check(actor, f"questions.{name}_question", question)
    question = Question.objects.select_for_update().select_related("category").get(pk=question.pk)
    now = timezone.now()
    _acknowledge(question, actor, now)
    _move(question, name, Actor.HANDLER, now)
    if question.assignee is None and name != "close":
        question.assignee = actor
    _save(question, actor=actor, reason=reason or str(TRANSITIONS[name].label))
    if name == "close":
        mails.send_rating_request(question)
    return question


@transaction.atomic
def question_close_as_asker(*, question: Question, actor=None) -> Question:
    """The asker closes their own question (the answer helped)."""
    if actor is not None and getattr(actor, "is_authenticated", False) and not is_own_question(actor, question):
        raise PermissionDenied
    question = Question.objects.select_for_update().get(pk=question.pk)
    _move(question, "close", Actor.ASKER, timezone.now())
    _save(question, actor=actor, reason=_("Afgesloten door de vraagsteller"))
    mails.send_rating_request(question)
    return question


@transaction.atomic
def question_update(*, actor, instance: Question, data: dict, reason: str = "") -> Question:
    """Cell staff correct the category, pillar or the linked organisation/municipality."""
    check(actor, "questions.change_question", instance)
    question = Question.objects.select_for_update().get(pk=instance.pk)
    category_changed = data["category"].pk != question.category_id
    for field in ("subject", "category", "pillar", "organisation", "municipality"):
        setattr(question, field, data.get(field))
    question.organisation_suggested = False
    question.province = question.region = None
    _place(question)
    if category_changed:
        sla_recompute(question)
    _acknowledge(question, actor, timezone.now())
    _save(question, actor=actor, reason=reason)
    return question


# --- satisfaction -------------------------------------------------------------------------


@transaction.atomic
def satisfaction_record(*, question: Question, score: int, comment: str | None = None) -> Satisfaction:
    """The asker's pulse: one click sets the score (a later click changes it); the comment is optional."""
    if question.status != Status.CLOSED:
        raise ValidationError(_("Je kan pas een score geven als de vraag is afgesloten."))
    if score not in range(1, 6):
        raise ValidationError({"score": _("Kies een score van 1 tot 5.")})
    satisfaction = Satisfaction.objects.select_for_update().filter(question=question).first()
    if satisfaction is None:
        satisfaction = Satisfaction(question=question, score=score)
    satisfaction.score = score
    if comment is not None:
        satisfaction.comment = comment.strip()[:2000]
    satisfaction.responded_at = timezone.now()
    satisfaction.save()
    return satisfaction
