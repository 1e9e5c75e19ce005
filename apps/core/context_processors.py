from django.http import HttpRequest

from .areas import SERVICE_AREAS


def shell(request: HttpRequest) -> dict:
    """What the base layout needs on every page: navigation and unread count."""
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {"service_areas": SERVICE_AREAS, "unread_notifications": unread}
