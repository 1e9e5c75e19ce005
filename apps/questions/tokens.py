"""Personal links for askers: signed, time-limited, and void once the asker's data is erased.

A link carries the question's UUID and a fingerprint of the asker's address;
erasing or anonymising the question changes that address, so every link that
was mailed before stops working.
"""

import hashlib
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext_lazy as _

FOLLOW_SALT = "questions.follow"
RATING_SALT = "questions.rating"
FOLLOW_MAX_AGE = 365 * 24 * 3600  # a year: long enough to come back to an old question
RATING_MAX_AGE = 60 * 24 * 3600  # the pulse asks about a fresh experience


class LinkRefused(Exception):
    """The link is forged, expired, or points at a question that is gone or anonymised."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class _Purpose:
    salt: str
    max_age: int


FOLLOW = _Purpose(FOLLOW_SALT, FOLLOW_MAX_AGE)
RATING = _Purpose(RATING_SALT, RATING_MAX_AGE)


def _fingerprint(question) -> str:
    return hashlib.sha256(f"{question.uuid}:{(question.asker_email or '').lower()}".encode()).hexdigest()[:16]


def make_token(question, purpose: _Purpose = FOLLOW) -> str:
    return signing.dumps({"q": str(question.uuid), "f": _fingerprint(question)}, salt=purpose.salt, compress=True)


def read_token(token: str, purpose: _Purpose = FOLLOW):
    """The question the link is for, or raise LinkRefused with a Dutch explanation."""
    from .models import Question

    try:
        payload = signing.loads(token, salt=purpose.salt, max_age=purpose.max_age)
    except signing.SignatureExpired:
        raise LinkRefused(_("Deze link is verlopen. Vraag de cel om een nieuwe link."))
    except signing.BadSignature:
        raise LinkRefused(_("Deze link is ongeldig. Gebruik de link uit je e-mail, volledig en ongewijzigd."))
    question = Question.objects.filter(uuid=payload.get("q")).select_related("category").first()
    if question is None or question.anonymised_at is not None or payload.get("f") != _fingerprint(question):
        raise LinkRefused(_("Deze link is niet meer geldig: de gegevens van deze vraag zijn gewist."))
    return question
