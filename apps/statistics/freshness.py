"""Keeping comparisons in memory, correct across processes.

Building a year's facts (every library's territory, population and figures,
every derived value) is what made the dashboard and the report slow. A
`Comparisons` object keeps them, with the groups and their statistics, once
computed; `current_comparisons()` hands every request of a process the same
object as long as the data did not change.

"Did not change" is decided by `data_version()`, one query:

- a token in `DataVersion`, replaced by signal handlers whenever an input is
  saved or deleted (figures, submissions, indicators, libraries, organisations,
  served municipalities, territorial units, population, groupings and their
  memberships, cooperations and their memberships), and by `mark_changed()`;
- the highest primary key of each input table and of its history table, which
  also catch bulk inserts and bulk updates that write history (the registry
  importer's), which send no signals.

The version is read before the data, so a change that lands while a process
builds is seen on its next request. Every process drops its kept object on the
first request after a change, so no process serves stale figures.
"""

import threading

from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

_lock = threading.Lock()
_kept: dict = {}


def input_models() -> list:
    from apps.registry.models import (
        Cooperation,
        CooperationMembership,
        Grouping,
        GroupingMembership,
        Library,
        Organisation,
        Population,
        TerritorialUnit,
    )

    from .models import FigureValue, Indicator, Submission

    return [
        FigureValue,
        Submission,
        Indicator,
        Library,
        Organisation,
        Library.municipalities_served.through,
        TerritorialUnit,
        Population,
        Grouping,
        GroupingMembership,
        Cooperation,
        CooperationMembership,
    ]


def mark_changed(**_kwargs) -> None:
    """Give the data a new version: every process rebuilds its comparisons on its next request."""
    from apps.core.page_cache import replace_token

    from .models import DataVersion

    replace_token(DataVersion)


def _m2m_changed(action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        mark_changed()


def connect_signals() -> None:
    """Called from the app's `ready()`."""
    for model in input_models():
        uid = f"statistics-freshness-{model._meta.label_lower}"
        post_save.connect(mark_changed, sender=model, dispatch_uid=uid + "-save", weak=False)
        post_delete.connect(mark_changed, sender=model, dispatch_uid=uid + "-delete", weak=False)
    from apps.registry.models import Library

    m2m_changed.connect(
        _m2m_changed,
        sender=Library.municipalities_served.through,
        dispatch_uid="statistics-freshness-served",
        weak=False,
    )


def data_version() -> tuple:
    """The current version of every input, in one query."""
    from .models import DataVersion

    quote = connection.ops.quote_name
    parts = [f"(SELECT {quote('token')} FROM {quote(DataVersion._meta.db_table)} WHERE {quote('id')} = 1)"]
    for model in input_models():
        parts.append(f"(SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)})")
        history = getattr(model, "history", None)
        if history is not None:
            table = history.model._meta
            parts.append(f"(SELECT MAX({quote(table.pk.column)}) FROM {quote(table.db_table)})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    return (connection.alias, connection.settings_dict["NAME"], *(str(v) for v in row))


def current_comparisons(factory):
    """The process's kept comparisons of the current data version, built when the data changed."""
    version = data_version()
    with _lock:
        kept = _kept.get("comparisons")
        if kept is not None and kept[0] == version:
            return kept[1]
    fresh = factory()
    with _lock:
        _kept["comparisons"] = (version, fresh)
    return fresh


def forget() -> None:
    """Drop what this process keeps (tests, and after bulk writes within this process)."""
    with _lock:
        _kept.clear()
