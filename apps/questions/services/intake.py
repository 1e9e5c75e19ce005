"""Intake: the public form and staff entry; placing, routing, deadlines, acknowledgement mail."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.permissions import check
from apps.core.services.attachments import attachment_add

from .. import mails
from ..models import Category, Question
from ..selectors import routing_rule_for, suggest_municipality, suggest_organisation
from ..workflows import Status
from .common import _acknowledge, _check_files, _notify_handlers, _place, _save, sla_recompute


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
