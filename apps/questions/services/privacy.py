"""Personal data of askers: redaction, export and erasure on request, anonymising after the retention period."""

import datetime
import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.permissions import check

from ..models import Question, Reply, Satisfaction
from ..workflows import Status
from .common import (
    _save,
)

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
