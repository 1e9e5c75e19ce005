"""Readable history: field-by-field diffs of django-simple-history records."""

from dataclasses import dataclass, field
from datetime import datetime
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
    when: datetime
    who: str
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


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
    model = type(obj)
    related_cache: dict = {}
    entries: list[HistoryEntry] = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, foreign_keys_are_objs=False)
            for change in delta.changes:
                try:
                    model_field = model._meta.get_field(change.field)
                except Exception:
                    model_field = None
                label = str(getattr(model_field, "verbose_name", change.field))
                if isinstance(model_field, models.ManyToManyField):
                    old = _display_m2m(model_field, change.old, related_cache)
                    new = _display_m2m(model_field, change.new, related_cache)
                else:
                    old = _display(model_field, change.old, related_cache)
                    new = _display(model_field, change.new, related_cache)
                changes.append(FieldChange(label=label.capitalize(), old=old, new=new))
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=str(user) if user else _("systeem"),
                kind=_(HISTORY_TYPE_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
