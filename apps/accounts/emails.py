"""The mails accounts sends: e-mail verification and the set-password invitation.

Links are absolute; the base comes from the request when there is one, else
from the KNOOPPUNT_BASE_URL setting (management commands, API scripts).
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from apps.core.links import absolute_url

from .tokens import make_email_token, max_age


def _absolute(path: str, request=None) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return absolute_url(path)


def _send(user, template: str, context: dict) -> None:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
        body = render_to_string(f"accounts/email/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def send_verification_mail(user, *, request=None) -> None:
    path = reverse("accounts:verify_email", kwargs={"token": make_email_token(user)})
    _send(
        user,
        "verify_email",
        {"user": user, "verify_url": _absolute(path, request), "valid_hours": max_age() // 3600},
    )


def send_invitation_mail(user, *, request=None) -> None:
    """A link to choose a first password (the password-reset confirm page)."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
    _send(
        user,
        "invitation",
        {
            "user": user,
            "set_password_url": _absolute(path, request),
            "login_url": _absolute(reverse("accounts:login"), request),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
    )
