"""Every write of the questions desk: intake, routing, conversation, workflow, SLA clock, satisfaction."""

import datetime
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.permissions import check
from apps.core.rules import is_cell_staff
from apps.core.services.attachments import attachment_add, attachment_check
from apps.core.services.notifications import notify
from apps.registry.selectors import referentieregio_of
from apps.search.services import index_object

from . import mails
from .models import Category, InternalNote, Question, Reply, Satisfaction
from .rules import is_own_question
from .selectors import routing_rule_for, suggest_municipality, suggest_organisation
from .sla import WorkingCalendar
from .workflows import TRANSITIONS, Actor, Status, allowed

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


# --- intake ---------------------------------------------------------------------------


def _intake(*, actor, data: dict, files, channel: str) -> Question:
    files = _check_files(files)
    category = data["category"]
    if not isinstance(category, Category) or not category.is_active:
        raise ValidationError({"category": _("Kies een categorie.")})
    asker = data.get("asker")
    email = (data.get("asker_email") or "").strip()
    organisation = data.get("organisation")
    municipality = data.get("municipality")
    suggested = False
    if organisation is None:
        organisation = suggest_organisation(user=asker, email=email)
        suggested = organisation is not None
    if organisation is None and municipality is None:
        municipality = suggest_municipality(email=email)
        suggested = municipality is not None
    now = timezone.now()
    question = Question(
        subject=data["subject"].strip(),
        body=data["body"].strip(),
        channel=channel,
        asker=asker,
        asker_name=data["asker_name"].strip(),
        asker_email=email,
        asker_phone=(data.get("asker_phone") or "").strip(),
        category=category,
        pillar=data.get("pillar"),
        organisation=organisation,
        organisation_suggested=suggested,
        municipality=municipality,
        received_at=now,
        is_demo=bool(data.get("is_demo", False)),
    )
    _place(question)
    sla_recompute(question)
    rule = routing_rule_for(question)
    if rule is not None:
        question.team = rule.team
        question.assignee = rule.assignee
        question.status = Status.ASSIGNED
    if channel != "web":
        # Entered by a staff member: that is the first human action.
        _acknowledge(question, actor, now)
    _save(
        question,
        actor=actor,
        reason=_("Vraag ontvangen") if rule is None else _("Toegewezen volgens regel: %(rule)s") % {"rule": rule},
    )
    for uploaded in files:
        attachment_add(actor=actor, obj=question, uploaded_file=uploaded, check_permission=False)
    mails.send_acknowledgement(question)
    _notify_handlers(
        question,
        _("Nieuwe vraag %(ref)s: %(subject)s") % {"ref": question.reference, "subject": question.subject},
        _("Categorie: %(category)s") % {"category": category},
        exclude=actor if getattr(actor, "is_authenticated", False) else None,
    )
    return question


@transaction.atomic
def question_submit(*, actor, data: dict, files=()) -> Question:
    """A question through the public form, by a visitor or a logged-in user (their account is the asker)."""
    data = dict(data)
    if getattr(actor, "is_authenticated", False):
        data["asker"] = actor
        data["asker_name"] = data.get("asker_name") or actor.get_full_name() or actor.username
        data["asker_email"] = actor.email
    else:
        data["asker"] = None
    if not data.get("asker_email"):
        raise ValidationError({"asker_email": _("Vul je e-mailadres in, zodat we je kunnen antwoorden.")})
    return _intake(actor=actor, data=data, files=files, channel="web")


@transaction.atomic
def question_create(*, actor, data: dict, files=()) -> Question:
    """A question that came in by phone or mail, entered by cell staff."""
    check(actor, "questions.add_question")
    if data.get("channel") not in {"phone", "mail", "other"}:
        raise ValidationError({"channel": _("Kies hoe de vraag binnenkwam.")})
    if not data.get("asker_email") and not data.get("asker_phone"):
        raise ValidationError({"asker_email": _("Vul een e-mailadres of een telefoonnummer van de vraagsteller in.")})
    return _intake(actor=actor, data=data, files=files, channel=data["channel"])


# --- handling ---------------------------------------------------------------------------


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


# --- SLA upkeep -------------------------------------------------------------------------


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
    from .models import ClosureDay

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
    from .selectors import sla_lists

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


# --- personal data ------------------------------------------------------------------------

ERASED_NAME = "(gewist)"


def redact_asker(text: str, question: Question) -> str:
    """The text with the asker's name, address and phone replaced (for articles, the index, anonymising)."""
    if question.asker_name == ERASED_NAME:
        return text
    placeholder = _("[vraagsteller]")
    # Whole strings first (the address contains the name), then each part of the name as a word.
    for secret in (question.asker_email, question.asker_phone, question.asker_name):
        if secret and len(secret) > 2:
            text = text.replace(secret, placeholder)
    for part in question.asker_name.split():
        if len(part) > 2:
            text = re.sub(rf"\b{re.escape(part)}\b", placeholder, text)
    return text


def _erase_question(question: Question, *, actor, reason: str, now) -> None:
    for reply in question.replies.all():
        reply.body = redact_asker(reply.body, question)
        if reply.from_asker:
            reply.author_name = ERASED_NAME
            reply.author = None
        reply.save()
    question.body = redact_asker(question.body, question)
    question.subject = redact_asker(question.subject, question)
    question.asker = None
    question.asker_name = ERASED_NAME
    question.asker_email = ""
    question.asker_phone = ""
    question.anonymised_at = now
    _save(question, actor=actor, reason=reason)
    # The history keeps the organisational record, not the person.
    question.history.model.objects.filter(uuid=question.uuid).update(
        asker_name=ERASED_NAME, asker_email="", asker_phone="", asker=None
    )
    Reply.history.model.objects.filter(question_id=question.pk, from_asker=True).update(
        author_name=ERASED_NAME, author=None
    )
    Satisfaction.objects.filter(question=question).update(comment="")


def questions_of_asker(email: str):
    email = (email or "").strip()
    if not email:
        return Question.objects.none()
    return Question.objects.filter(Q(asker_email__iexact=email) | Q(asker__email__iexact=email)).select_related(
        "category", "organisation"
    )


def asker_data_export(*, actor, email: str) -> dict:
    """Everything the desk holds about one asker, as plain data (for a request to see one's data)."""
    check(actor, "questions.manage_personal_data")
    questions = []
    for question in questions_of_asker(email).prefetch_related("replies"):
        satisfaction = Satisfaction.objects.filter(question=question).first()
        questions.append(
            {
                "referentie": question.reference,
                "ontvangen_op": question.received_at.isoformat(),
                "naam": question.asker_name,
                "e-mailadres": question.asker_email,
                "telefoon": question.asker_phone,
                "onderwerp": question.subject,
                "vraag": question.body,
                "status": question.get_status_display(),
                "organisatie": str(question.organisation or ""),
                "reacties": [
                    {"op": r.created_at.isoformat(), "van": r.author_name, "bericht": r.body}
                    for r in question.replies.all()
                ],
                "tevredenheid": {"score": satisfaction.score, "opmerking": satisfaction.comment}
                if satisfaction
                else None,
            }
        )
    return {"e-mailadres": email, "vragen": questions}


@transaction.atomic
def asker_data_erase(*, actor, email: str, reason: str = "") -> int:
    """Erase one asker's personal data from every question (on request). Returns how many questions."""
    check(actor, "questions.manage_personal_data")
    now = timezone.now()
    count = 0
    for question in questions_of_asker(email).select_for_update(of=("self",)):
        _erase_question(question, actor=actor, reason=reason or _("Persoonsgegevens gewist op verzoek"), now=now)
        count += 1
    return count


ANONYMISE_AFTER_DAYS = 365


def questions_anonymise_closed(*, older_than_days: int | None = None, now=None) -> int:
    """Anonymise closed questions whose closing lies longer ago than the retention period."""
    from django.conf import settings

    days = older_than_days or getattr(settings, "QUESTIONS_ANONYMISE_AFTER_DAYS", ANONYMISE_AFTER_DAYS)
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=days)
    count = 0
    for question in Question.objects.filter(status=Status.CLOSED, closed_at__lt=limit, anonymised_at__isnull=True):
        with transaction.atomic():
            _erase_question(question, actor=None, reason=_("Automatisch geanonimiseerd na de bewaartermijn"), now=now)
        count += 1
    return count


# --- knowledge ---------------------------------------------------------------------------


@transaction.atomic
def question_to_article(*, actor, question: Question):
    """Turn a closed question and its answer into a draft knowledge article, anonymised, linked both ways."""
    from . import knowledge

    check(actor, "questions.to_article_question", question)
    question = Question.objects.select_for_update().get(pk=question.pk)
    answers = list(question.replies.filter(from_asker=False).order_by("created_at"))
    if not answers:
        raise ValidationError(_("Deze vraag heeft nog geen antwoord om een artikel van te maken."))
    answer_text = "\n\n".join(redact_asker(r.body, question) for r in answers)
    question_text = redact_asker(question.body, question)
    source_url = mails.absolute(question.get_absolute_url())
    body = (
        f"<h2>{_('De vraag')}</h2>\n<p>{_escape(question_text)}</p>\n"
        f"<h2>{_('Het antwoord')}</h2>\n<p>{_escape(answer_text)}</p>\n"
        f"<p>{_('Bron: vraag %(ref)s aan het vragenloket.') % {'ref': question.reference}}</p>"
    )
    article = knowledge.create_article_draft(
        actor=actor,
        title=redact_asker(question.subject, question),
        summary=redact_asker(question_text, question)[:300],
        body=body,
        source_url=source_url,
    )
    url = article.get_absolute_url() if hasattr(article, "get_absolute_url") else ""
    question.knowledge_article_url = url or "-"
    _save(question, actor=actor, reason=_("Kennisartikel gemaakt"))
    return article


def _escape(text: str) -> str:
    from django.utils.html import escape, linebreaks

    return linebreaks(escape(text)).removeprefix("<p>").removesuffix("</p>")
