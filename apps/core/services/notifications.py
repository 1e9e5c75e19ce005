"""Notifications: in-app messages to one user, also sent by e-mail.

Mail goes out after the surrounding transaction commits (a rolled-back action
sends nothing), in the recipient's language, either at once or bundled in a
daily digest, as the recipient chose in their notification preference.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core.links import absolute_url
from apps.core.models import Notification, NotificationPreference
from apps.core.permissions import check

EmailMode = NotificationPreference.EmailMode


def email_mode_of(user) -> str:
    mode = NotificationPreference.objects.filter(user=user).values_list("email_mode", flat=True).first()
    return mode or EmailMode.IMMEDIATE


def _language_of(user) -> str:
    return getattr(user, "preferred_language", None) or settings.LANGUAGE_CODE


def _greeting(user) -> str:
    return _("Beste %(name)s,") % {"name": user.first_name or user.get_username()}


def _footer() -> str:
    return _("Je meldingen en je e-mailvoorkeur vind je op %(url)s") % {
        "url": absolute_url(reverse("core:notifications"))
    }


def _send_one(notification: Notification) -> None:
    recipient = notification.recipient
    with translation.override(_language_of(recipient)):
        lines = [_greeting(recipient), "", notification.title]
        if notification.body:
            lines += ["", notification.body]
        if notification.url:
            lines += ["", _("Bekijk het hier: %(url)s") % {"url": absolute_url(notification.url)}]
        lines += ["", "—", _footer()]
        subject = _("[Knooppunt] %(title)s") % {"title": notification.title}
        send_mail(subject, "\n".join(lines), None, [recipient.email])
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def notify(*, recipient, title: str, body: str = "", url: str = "", email: bool = True) -> Notification:
    """Create an in-app notification for `recipient` and, unless they opted out, mail it."""
    with transaction.atomic():
        notification = Notification.objects.create(
            recipient=recipient, title=title[:200], body=body, url=url[:500], email_wanted=email
        )
        if email and recipient.email and recipient.is_active and email_mode_of(recipient) == EmailMode.IMMEDIATE:
            transaction.on_commit(lambda: _send_one(notification))
    return notification


def notification_digest_send() -> int:
    """Mail every daily-digest user one overview of what they have not been mailed yet. Returns mails sent."""
    pending = (
        Notification.objects.filter(
            email_wanted=True,
            emailed_at__isnull=True,
            read_at__isnull=True,
            recipient__is_active=True,
            recipient__notification_preference__email_mode=EmailMode.DAILY,
        )
        .select_related("recipient")
        .order_by("recipient_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    for notifications in by_user.values():
        recipient = notifications[0].recipient
        if not recipient.email:
            continue
        with translation.override(_language_of(recipient)):
            count = len(notifications)
            subject = ngettext(
                "[Knooppunt] %(count)d nieuwe melding", "[Knooppunt] %(count)d nieuwe meldingen", count
            ) % {"count": count}
            lines = [_greeting(recipient), "", _("Dit is er nieuw voor jou in Knooppunt:"), ""]
            for notification in notifications:
                lines.append(f"• {notification.title}")
                if notification.url:
                    lines.append(f"  {absolute_url(notification.url)}")
            lines += ["", "—", _footer()]
            send_mail(subject, "\n".join(lines), None, [recipient.email])
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())
        sent += 1
    return sent


def notification_mark_read(*, actor, notification: Notification) -> Notification:
    check(actor, "core.change_notification", notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor) -> int:
    """Mark all of the actor's unread notifications read; returns how many."""
    check(actor, "core.view_notifications")
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


def notification_preference_set(*, actor, email_mode: str) -> NotificationPreference:
    check(actor, "core.change_notificationpreference")
    if email_mode not in EmailMode.values:
        raise ValidationError(_("Kies een geldige voorkeur."))
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
        if preference.email_mode != email_mode:
            preference.email_mode = email_mode
            preference._history_user = actor
            preference.save()
    return preference
