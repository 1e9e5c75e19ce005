"""Signed, expiring links that confirm an e-mail address.

The token carries the user id and the address it was sent to, signed with the
project's SECRET_KEY under its own salt. It stops working when it is older than
ACCOUNTS_EMAIL_VERIFICATION_MAX_AGE seconds, or when the user's address has
changed since it was sent.
"""

from django.conf import settings
from django.core import signing

SALT = "knooppunt.accounts.email-verification"
DEFAULT_MAX_AGE = 3 * 24 * 3600


class InvalidToken(Exception):
    """The link is broken, forged or for another address."""


class ExpiredToken(InvalidToken):
    """The link was valid but is too old."""


def max_age() -> int:
    return int(getattr(settings, "ACCOUNTS_EMAIL_VERIFICATION_MAX_AGE", DEFAULT_MAX_AGE))


def make_email_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email.lower()}, salt=SALT, compress=True)


def read_email_token(token: str) -> tuple[int, str]:
    """Return (user id, address) or raise InvalidToken / ExpiredToken."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.SignatureExpired as exc:
        raise ExpiredToken from exc
    except signing.BadSignature as exc:
        raise InvalidToken from exc
    if not isinstance(payload, dict) or "u" not in payload or "e" not in payload:
        raise InvalidToken
    return int(payload["u"]), str(payload["e"])
