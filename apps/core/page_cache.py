"""Whole pages kept in the cache while nothing they show has changed.

A registry page at ten times Flanders costs 15–25 ms to build (the queries are
compiled and run, tables and forms rendered), and most requests ask for a page
that was built a moment ago: the same list with the same filters, the same
library. `CachedPageMixin` serves those from the cache.

A cached page is found under a key made of everything its HTML depends on:

- the path and the query string, the language and today's date;
- the user and their session's CSRF secret (the page carries the user's name,
  menus that depend on their roles, and forms with a CSRF token);
- the number of unread notifications (the badge in the header);
- the content version (`content_version()`, one query): a token that signal
  handlers replace whenever a record of a versioned app is saved or deleted, and
  the highest primary key of every registry table and of every history table,
  which also move on bulk inserts and on imports that write history.

So a change anywhere in the data gives every page a new key: nothing is ever
invalidated by hand, and no process serves a page built before the change. Code
that writes in bulk without signals or history (`QuerySet.update`,
`bulk_update`) calls `mark_changed()`.

Not cached: pages with flash messages to show, htmx fragments, anything but a
200 HTML response, and everything when `KNOOPPUNT_PAGE_CACHE` is off. The bench
reports page times with the cache off and on.
"""

import hashlib
import uuid

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from apps.core.context_processors import unread_notifications

CACHE_PREFIX = "page:v1:"
CACHE_SECONDS = 60 * 60

# Saving a record of these apps gives the content a new version.
VERSIONED_APPS = frozenset(
    {"accounts", "auth", "core", "registry", "proposals", "imports", "statistics", "scale", "knowledge", "questions"}
)
# Records that change often and show on no cached page (or only in the part of the
# page that is part of the key, like the notification badge).
UNVERSIONED_MODELS = frozenset(
    {
        "core.contentversion",
        "core.notification",
        "core.notificationpreference",
        "core.taskprogress",
        "statistics.dataversion",
    }
)
# The highest primary key of every versioned table is part of the version: bulk inserts send no signals.


def replace_token(model) -> None:
    """Give a single-row version model (`token`, `changed_at`) a new token.

    Shared by the page cache (`ContentVersion`) and the statistics comparisons
    (`statistics.DataVersion`), which version a narrower set of inputs.
    """
    token, now = uuid.uuid4(), timezone.now()
    if not model.objects.filter(pk=1).update(token=token, changed_at=now):
        model.objects.update_or_create(pk=1, defaults={"token": token, "changed_at": now})


def mark_changed(**_kwargs) -> None:
    """Give the content a new version: every cached page is rebuilt on its next request."""
    from apps.core.models import ContentVersion

    replace_token(ContentVersion)


def _is_versioned(sender) -> bool:
    if getattr(sender, "__module__", "") == "__fake__":
        return False  # a historical model of a data migration: the version table may not exist yet
    meta = getattr(sender, "_meta", None)
    return bool(meta and meta.app_label in VERSIONED_APPS and meta.label_lower not in UNVERSIONED_MODELS)


def _saved_or_deleted(sender, **kwargs) -> None:
    if _is_versioned(sender) and not kwargs.get("raw"):
        mark_changed()


def _m2m_changed(sender, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and _is_versioned(kwargs.get("model")):
        mark_changed()


def connect_signals() -> None:
    """Called from the core app's `ready()`."""
    post_save.connect(_saved_or_deleted, dispatch_uid="page-cache-save", weak=False)
    post_delete.connect(_saved_or_deleted, dispatch_uid="page-cache-delete", weak=False)
    m2m_changed.connect(_m2m_changed, dispatch_uid="page-cache-m2m", weak=False)


def _version_sql() -> str:
    from apps.core.models import ContentVersion

    quote = connection.ops.quote_name
    table = quote(ContentVersion._meta.db_table)
    parts = [f"(SELECT {quote('token')} FROM {table} WHERE {quote('id')} = 1)"]
    for model in apps.get_models():
        meta = model._meta
        is_history = meta.model_name.startswith("historical") and meta.pk.name == "history_id"
        versioned = meta.app_label in VERSIONED_APPS and meta.label_lower not in UNVERSIONED_MODELS
        if is_history or (versioned and meta.pk.get_internal_type().endswith("AutoField")):
            parts.append(f"(SELECT MAX({quote(meta.pk.column)}) FROM {quote(meta.db_table)})")
    return "SELECT " + ", ".join(parts)


_sql: dict[str, str] = {}


def content_version() -> str:
    """The current content version, in one query."""
    sql = _sql.get(connection.vendor)
    if sql is None:
        sql = _sql[connection.vendor] = _version_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return ",".join(str(value) for value in row)


def request_content_version(request) -> str:
    """`content_version()`, read once per request (the page cache and cached fragments both use it)."""
    version = getattr(request, "_content_version", None)
    if version is None:
        version = request._content_version = content_version()
    return version


def cheap_content_version(request) -> str | None:
    """The request's content version when it costs next to nothing, else None.

    On SQLite the version query takes about 0.1 ms. On PostgreSQL planning its eighty-odd
    subqueries takes about 15 ms, more than a fragment's own queries: there the version is only
    used when the page cache has already read it for this request.
    """
    if getattr(request, "_content_version", None) is not None or connection.vendor == "sqlite":
        return request_content_version(request)
    return None


def page_key(request) -> str | None:
    """The cache key of the page this request asks for, or None when it must not be cached."""
    if request.method != "GET" or getattr(request, "htmx", False):
        return None
    if len(get_messages(request)):
        return None
    user = request.user
    unread = unread_notifications(request)
    get_token(request)  # makes sure the session has a CSRF secret (the page's forms carry tokens of it)
    digest = hashlib.blake2b(digest_size=20)
    for part in (
        request.path,
        sorted(request.GET.lists()),
        translation.get_language(),
        timezone.localdate(),
        user.pk,
        request.META.get("CSRF_COOKIE"),
        unread,
        request_content_version(request),
    ):
        digest.update(repr(part).encode())
        digest.update(b"\x1f")
    return CACHE_PREFIX + digest.hexdigest()


class CachedPageMixin:
    """Serve the view's GET responses from the cache while the content has not changed.

    Put it after the permission mixin, so that the permission check runs first on
    every request; only `get` is cached.
    """

    def get(self, request, *args, **kwargs):
        if not settings.KNOOPPUNT_PAGE_CACHE:
            return super().get(request, *args, **kwargs)  # type: ignore[misc]
        key = page_key(request)
        if key is None:
            return super().get(request, *args, **kwargs)  # type: ignore[misc]
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = super().get(request, *args, **kwargs)  # type: ignore[misc]
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html") and not response.streaming:
            cache.set(key, (response.content, content_type), CACHE_SECONDS)
        return response
