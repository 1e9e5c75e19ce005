"""Absolute links for e-mails and exports, built from settings.KNOOPPUNT_BASE_URL.

Mail is often sent outside a request (tasks, management commands), so the
site's address comes from the setting, not from the request's host.
"""

from django.conf import settings


def absolute_url(url: str) -> str:
    """`/vragen/…` → `https://knooppunt.example/vragen/…`; absolute URLs and "" pass through."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return f"{settings.KNOOPPUNT_BASE_URL.rstrip('/')}{url}"
