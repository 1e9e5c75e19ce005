"""Reads of a user's own notifications."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from apps.core.models import Notification, NotificationPreference


def notification_list(*, user) -> QuerySet:
    """The user's notifications: unread first, newest first within each group."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return (
        Notification.objects.filter(recipient=user)
        .annotate(
            unread_rank=Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
        )
        .order_by("unread_rank", "-created_at", "-pk")
    )


def notification_unread_count(*, user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_preference_of(*, user) -> str:
    mode = NotificationPreference.objects.filter(user=user).values_list("email_mode", flat=True).first()
    return mode or NotificationPreference.EmailMode.IMMEDIATE
