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
- the content version (`content_version()`, a single-row read): a counter that
  database triggers on every versioned table and every history table move on each
  INSERT, UPDATE and DELETE, whether it comes from `save()`, `bulk_create`,
  `QuerySet.update()`, an import writing history or raw SQL (ADR 0008).

So a change anywhere in the data gives every page a new key: nothing is ever
invalidated by hand, and no process serves a page built before the change. Code
that changes what a page shows without writing a versioned table calls
`mark_changed()`.

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
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

from apps.core.context_processors import unread_notifications

CACHE_PREFIX = "page:v1:"
CACHE_SECONDS = 60 * 60

# Writing a table of these apps gives the content a new version.
VERSIONED_APPS = frozenset(
    {"accounts", "auth", "core", "registry", "proposals", "imports", "statistics", "scale", "knowledge", "questions"}
)
# Records that change often and show on no cached page (or only in the part of the
# page that is part of the key, like the notification badge). The version's own table
# is never versioned: its triggers would fire on their own updates.
UNVERSIONED_MODELS = frozenset(
    {
        "core.contentversion",
        "core.notification",
        "core.notificationpreference",
        "core.taskprogress",
        "statistics.dataversion",
    }
)
# The name of the triggers (and on PostgreSQL of their function) that move the version.
TRIGGER = "knooppunt_content_changed"


def replace_token(model) -> None:
    """Give a single-row version model (`token`, `changed_at`) a new token.

    Used by the statistics comparisons (`statistics.DataVersion`), which version a
    narrower set of inputs than the page cache.
    """
    token, now = uuid.uuid4(), timezone.now()
    if not model.objects.filter(pk=1).update(token=token, changed_at=now):
        model.objects.update_or_create(pk=1, defaults={"token": token, "changed_at": now})


def mark_changed(**_kwargs) -> None:
    """Give the content a new version: every cached page is rebuilt on its next request.

    Writes to versioned tables move the version by themselves (triggers); this is for
    changes the database cannot see, and costs one UPDATE.
    """
    from apps.core.models import ContentVersion

    if not ContentVersion.objects.filter(pk=1).update(counter=F("counter") + 1):
        ContentVersion.objects.get_or_create(pk=1)  # a new row draws a new token: a version never seen


def versioned_tables() -> list[str]:
    """The tables whose writes move the content version, sorted.

    Every table of a versioned app (many-to-many tables included) except the
    unversioned models, and every history table (bulk imports write history).
    """
    from apps.core.models import ContentVersion

    tables = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        is_history = meta.model_name.startswith("historical") and meta.pk.name == "history_id"
        versioned = meta.app_label in VERSIONED_APPS and meta.label_lower not in UNVERSIONED_MODELS
        if is_history or versioned:
            tables.add(meta.db_table)
    tables.discard(ContentVersion._meta.db_table)
    return sorted(tables)


def install_triggers(using: str = DEFAULT_DB_ALIAS, **_kwargs) -> None:
    """Install the triggers that move the content version, idempotently (a post_migrate handler).

    Creates the missing triggers, replaces changed ones, drops those of tables that
    are no longer versioned, and makes sure the version row exists. Without the
    version table (migrated back before it) every trigger is dropped: a write would
    fail on a trigger that updates a table that is not there.
    """
    from apps.core.models import ContentVersion

    db = connections[using]
    meta = ContentVersion._meta
    with db.cursor() as cursor:
        existing = set(db.introspection.table_names(cursor))
        ready = meta.db_table in existing and "counter" in {
            column.name for column in db.introspection.get_table_description(cursor, meta.db_table)
        }
    tables = [table for table in versioned_tables() if table in existing] if ready else []
    quote = db.ops.quote_name
    bump = f"UPDATE {quote(meta.db_table)} SET {quote('counter')} = {quote('counter')} + 1 WHERE {quote('id')} = 1"
    with transaction.atomic(using=using), db.cursor() as cursor:
        if db.vendor == "postgresql":
            _install_postgresql(cursor, quote, bump, tables)
        elif db.vendor == "sqlite":
            _install_sqlite(cursor, quote, bump, tables)
        else:
            # ADR 0002: Knooppunt runs on SQLite or PostgreSQL only; any other database is a configuration error.
            raise ImproperlyConfigured(f"Knooppunt supports SQLite and PostgreSQL, not {db.vendor}")
        if ready:
            ContentVersion.objects.using(using).get_or_create(pk=1)


def _install_postgresql(cursor, quote, bump: str, tables: list[str]) -> None:
    # One trigger per table and statement, however many rows the statement writes.
    if not tables:
        cursor.execute(f"DROP FUNCTION IF EXISTS {TRIGGER}() CASCADE")
        return
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n    {bump};\n    RETURN NULL;\nEND\n$$"
    )
    cursor.execute(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " WHERE t.tgname = %s AND pg_table_is_visible(c.oid)",
        [TRIGGER],
    )
    installed = {name for (name,) in cursor.fetchall()}
    for table in sorted(installed - set(tables)):
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(table)}")
    for table in tables:
        if table not in installed:
            cursor.execute(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(table)}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()"
            )


def _install_sqlite(cursor, quote, bump: str, tables: list[str]) -> None:
    # SQLite has row triggers only: one small UPDATE of the version row per row written.
    wanted = {}
    for table in tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"{TRIGGER}_{table}_{event.lower()}"
            wanted[name] = f"CREATE TRIGGER {quote(name)} AFTER {event} ON {quote(table)} BEGIN {bump}; END"
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    installed = {name: sql for name, sql in cursor.fetchall() if name.startswith(TRIGGER + "_")}
    for name, sql in installed.items():
        if wanted.get(name) != sql:
            cursor.execute(f"DROP TRIGGER IF EXISTS {quote(name)}")
    for name, sql in wanted.items():
        if installed.get(name) != sql:
            cursor.execute(sql)


_sql: dict[str, str] = {}


def content_version() -> str:
    """The current content version: one row read by its primary key."""
    from apps.core.models import ContentVersion

    sql = _sql.get(connection.vendor)
    if sql is None:
        quote, table = connection.ops.quote_name, ContentVersion._meta.db_table
        sql = _sql[connection.vendor] = (
            f"SELECT {quote('token')}, {quote('counter')} FROM {quote(table)} WHERE {quote('id')} = 1"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    if row is None:  # emptied (a flush): a new row with a new token
        ContentVersion.objects.get_or_create(pk=1)
        return content_version()
    return f"{row[0]}:{row[1]}"


def request_content_version(request) -> str:
    """`content_version()`, read once per request (the page cache and cached fragments both use it)."""
    version = getattr(request, "_content_version", None)
    if version is None:
        version = request._content_version = content_version()
    return version


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
