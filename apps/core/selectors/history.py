"""Readable history: field-by-field diffs of django-simple-history records."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

HISTORY_TYPE_LABELS = {"+": "Aangemaakt", "~": "Gewijzigd", "-": "Verwijderd"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    # The row the entry is about, when a history shows more rows than the record itself.
    subject: str = ""
    # False when the version before this change was not read, so the changes are unknown.
    compared: bool = True


def _display(model_field: models.Field | None, value: Any, related_cache: dict) -> str:
    if value is None or value == "":
        return "—"
    if model_field is None:
        return str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        related = related_cache.setdefault(model_field.related_model, {})
        if value not in related:
            related[value] = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related[value]) if related[value] is not None else _("(verwijderd #%(pk)s)") % {"pk": value}
    if isinstance(model_field, models.BooleanField):
        return _("ja") if value else _("nee")
    if isinstance(model_field, models.TimeField) and isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(value)


def _display_m2m(model_field: models.ManyToManyField, rows: list | None, related_cache: dict) -> str:
    """simple-history gives m2m states as through-table dicts; show the related objects' names."""
    key = model_field.m2m_reverse_field_name()
    ids = [row.get(key) if isinstance(row, dict) else row for row in rows or []]
    related = related_cache.setdefault(model_field.related_model, {})
    missing = [pk for pk in ids if pk not in related]
    if missing:
        related.update(model_field.related_model._default_manager.in_bulk(missing))
    names = sorted(str(related.get(pk) or _("(verwijderd #%(pk)s)") % {"pk": pk}) for pk in ids)
    return ", ".join(names) or "—"


def history_entries(obj: models.Model, *, limit: int = 200) -> list[HistoryEntry]:
    """Newest first. Each entry lists only the fields that changed."""
    manager = getattr(obj, "history", None)
    if manager is None:
        return []
    records = list(manager.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    return _entries(records, type(obj), limit=limit)


def part_history_entries(
    model: type[models.Model], *, owner_field: str, owner_pk: Any, limit: int = 200
) -> list[HistoryEntry]:
    """History of the rows that belong to one record (a branch's opening hours, its exceptional days).

    Newest first, in one query. Each entry is named after its row ("Afwijkende openingsdag: 25-12-2026"), a
    change lists the fields that changed against that row's previous version, and a new row lists what it
    was created with. Rows deleted since are included: their history keeps them.
    """
    # Up to three versions per shown entry, so a change can nearly always be compared with the version before.
    records = list(
        model.history.filter(**{f"{owner_field}_id": owner_pk})  # type: ignore[attr-defined]
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: limit * 3]
    )
    return _entries(records, model, limit=limit, part_of=owner_field)


def _field_change(model: type[models.Model], name: str, old: Any, new: Any, related_cache: dict) -> FieldChange:
    try:
        model_field = model._meta.get_field(name)
    except Exception:
        model_field = None
    label = str(getattr(model_field, "verbose_name", name))
    if isinstance(model_field, models.ManyToManyField):
        old_text = _display_m2m(model_field, old, related_cache)
        new_text = _display_m2m(model_field, new, related_cache)
    else:
        old_text = _display(model_field, old, related_cache)
        new_text = _display(model_field, new, related_cache)
    return FieldChange(label=label.capitalize(), old=old_text, new=new_text)


def _created_values(model: type[models.Model], record: Any, skip: set[str], related_cache: dict) -> list[FieldChange]:
    """What a new row was created with: every filled-in field but the keys."""
    changes = []
    for model_field in model._meta.concrete_fields:
        if model_field.primary_key or model_field.attname in skip or model_field.name in skip:
            continue
        value = getattr(record, model_field.attname, None)
        if value is None or value == "":
            continue
        changes.append(_field_change(model, model_field.name, None, value, related_cache))
    return changes


def _entries(
    records: list[Any], model: type[models.Model], *, limit: int, part_of: str | None = None
) -> list[HistoryEntry]:
    """Entries for history records given newest first; each record is compared with its row's previous one."""
    pk_name = model._meta.pk.attname
    # For each record, the next older record of the same row (None when it is the oldest one read).
    previous_of: dict[int, Any] = {}
    newer_by_row: dict[Any, Any] = {}
    for record in reversed(records):
        row = getattr(record, pk_name)
        previous_of[record.history_id] = newer_by_row.get(row)
        newer_by_row[row] = record
    related_cache: dict = {}
    entries: list[HistoryEntry] = []
    verbose_name = str(model._meta.verbose_name).capitalize()
    for record in records[:limit]:
        previous = previous_of[record.history_id]
        changes: list[FieldChange] = []
        compared = True
        if record.history_type == "~":
            if previous is None:
                compared = False
            else:
                delta = record.diff_against(previous, foreign_keys_are_objs=False)
                changes = [
                    _field_change(model, change.field, change.old, change.new, related_cache)
                    for change in delta.changes
                ]
        elif record.history_type == "+" and part_of is not None:
            changes = _created_values(model, record, {part_of, f"{part_of}_id", "uuid"}, related_cache)
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(user) if user else _("systeem"),
                kind=_(HISTORY_TYPE_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
                subject=f"{verbose_name}: {record.instance}" if part_of is not None else "",
                compared=compared,
            )
        )
    return entries
