"""The content version (apps.core.page_cache, ADR 0008): moved by database triggers on every write of a
versioned or history table, whatever wrote it, and by nothing else. Runs on SQLite and on PostgreSQL."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection

from apps.core.models import ContentVersion, Notification, TaskProgress
from apps.core.page_cache import TRIGGER, content_version, install_triggers, mark_changed, versioned_tables
from apps.registry.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def counter() -> int:
    return ContentVersion.objects.get(pk=1).counter


def tables_with_triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
                [TRIGGER],
            )
        else:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s", [TRIGGER + "%"]
            )
        return {table for (table,) in cursor.fetchall()}


def test_every_versioned_and_history_table_has_a_trigger_and_no_other_table_has():
    tables = set(versioned_tables())
    assert tables_with_triggers() == tables
    # Registry tables, their history, many-to-many tables and tables whose key is a one-to-one field.
    assert {"registry_library", "registry_historicalorganisation", "registry_library_municipalities_served"} <= tables
    assert {"accounts_user", "auth_group", "accounts_user_groups"} <= tables
    # The version itself, records that change often and show on no cached page, and sessions.
    assert not tables & {
        "core_contentversion",
        "core_notification",
        "core_notificationpreference",
        "core_taskprogress",
        "statistics_dataversion",
        "django_session",
    }


def test_the_version_is_one_query_and_stable_while_nothing_is_written(django_assert_num_queries):
    Group.objects.create(name="Vooraf")
    with django_assert_num_queries(1):
        first = content_version()
    assert content_version() == content_version() == first


def test_bulk_create_moves_the_version_once_per_statement_on_postgresql():
    before, count = content_version(), counter()
    Group.objects.bulk_create([Group(name=f"Groep {n}") for n in range(40)])
    assert content_version() != before
    # A statement trigger on PostgreSQL; row triggers on SQLite (which has no others).
    assert counter() - count == (1 if connection.vendor == "postgresql" else 40)


def test_a_queryset_update_moves_the_version():
    Group.objects.create(name="Oud")
    before = content_version()
    assert Group.objects.filter(name="Oud").update(name="Nieuw") == 1
    assert content_version() != before


def test_a_delete_moves_the_version():
    group = Group.objects.create(name="Weg")
    before = content_version()
    Group.objects.filter(pk=group.pk).delete()
    assert content_version() != before


def test_a_history_insert_without_signals_moves_the_version():
    organisation = OrganisationFactory()
    record = organisation.history.first()
    before = content_version()
    record.history_id = None
    type(record).objects.bulk_create([record])  # how imports write history: no signal is sent
    assert content_version() != before


def test_raw_sql_moves_the_version():
    group = Group.objects.create(name="Rauw")
    before = content_version()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE auth_group SET name = %s WHERE id = %s", ["Gekookt", group.pk])
    assert content_version() != before


def test_notifications_and_task_progress_leave_the_version_alone():
    user = UserFactory()
    before = content_version()
    notification = Notification.objects.create(recipient=user, title="Nieuw voorstel")
    Notification.objects.filter(pk=notification.pk).update(title="Gelezen voorstel")
    task = TaskProgress.objects.create(title="Import")
    task.done = 3
    task.save()
    Notification.objects.all().delete()
    # (Deleting a task would write versioned tables: Django sets their references to it to NULL.
    # On PostgreSQL such a statement moves the version even when it changes no row.)
    assert content_version() == before


def test_mark_changed_moves_the_version():
    before = content_version()
    mark_changed()
    assert content_version() != before


def test_an_emptied_version_table_gives_a_version_never_seen_before():
    before = content_version()
    ContentVersion.objects.all().delete()  # as a flush does
    after = content_version()
    assert after != before
    assert after.split(":")[0] != before.split(":")[0]  # a new token: counting from 0 again repeats no version
    Group.objects.create(name="Daarna")
    assert content_version() != after


def test_installing_again_repairs_and_changes_nothing_else():
    wanted = tables_with_triggers()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER {TRIGGER} ON auth_group")
        else:
            cursor.execute(f'DROP TRIGGER "{TRIGGER}_auth_group_insert"')
    install_triggers()
    install_triggers()
    assert tables_with_triggers() == wanted
    before = content_version()
    Group.objects.create(name="Hersteld")
    assert content_version() != before
