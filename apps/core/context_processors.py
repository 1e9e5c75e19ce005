from django.http import HttpRequest

from .areas import SERVICE_AREAS


def unread_notifications(request: HttpRequest) -> int:
    """The user's unread notifications, counted once per request (the header badge, the page cache key)."""
    unread = getattr(request, "_unread_notifications", None)
    if unread is None:
        user = getattr(request, "user", None)
        unread = 0
        if user is not None and user.is_authenticated:
            unread = user.notifications.filter(read_at__isnull=True).count()
        request._unread_notifications = unread
    return unread


def shell(request: HttpRequest) -> dict:
    """What the base layout needs on every page: navigation and unread count."""
    return {"service_areas": SERVICE_AREAS, "unread_notifications": unread_notifications(request)}
