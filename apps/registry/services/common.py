"""Helpers shared by the registry's services: unit lookup, dates, slugs, saving with history."""

import datetime
import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.registry.models import Organisation, TerritorialUnit

NIS_PATTERN = re.compile(r"^\d{5}$")


class Errors:
    """Collects field → message errors and raises them together as one ValidationError."""

    def __init__(self) -> None:
        self.messages: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.messages.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.messages)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def resolve_municipality(value: Any, *, field: str, errors: Errors) -> TerritorialUnit | None:
    """A municipality from a unit, or from its 5-digit NIS code; records a Dutch error otherwise."""
    if value in (None, ""):
        return None
    if isinstance(value, TerritorialUnit):
        return value
    code = str(value).strip()
    if not NIS_PATTERN.match(code):
        errors.add(field, _("Een NIS-code bestaat uit 5 cijfers."))
        return None
    unit = TerritorialUnit.objects.filter(scheme="nis", code=code, level="municipality").first()
    if unit is None:
        errors.add(field, _("Onbekende NIS-code: %(code)s.") % {"code": code})
    return unit


def resolve_municipalities(values: Iterable[Any] | None, *, field: str, errors: Errors) -> list[TerritorialUnit]:
    units = []
    for value in values or []:
        unit = resolve_municipality(value, field=field, errors=errors)
        if unit is not None:
            units.append(unit)
    return units


def check_period(start, end, *, errors: Errors, field: str = "valid_until") -> None:
    if start is not None and end is not None and end < start:
        errors.add(field, _("De einddatum ligt vóór de begindatum."))


def format_day(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the name, with -2, -3 ... when it is taken."""
    base = slugify(name)[:190] or "organisatie"
    taken = Organisation.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    used = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in used:
        slug = f"{base}-{number}"
        number += 1
    return slug


def assign(instance: models.Model, data: dict[str, Any], fields: Iterable[str]) -> None:
    """Copy the given fields from data (only the keys present, so updates may be partial)."""
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])


def save_with_history(instance: models.Model, *, actor, reason: str, exclude: list[str] | None = None) -> None:
    """Validate the row (field and constraint errors in Dutch), then save it with who and why."""
    instance.full_clean(exclude=exclude)
    instance._change_reason = reason
    instance._history_user = actor
    instance.save()


def delete_with_history(instance: models.Model, *, actor, reason: str = "") -> None:
    instance._change_reason = reason
    instance._history_user = actor
    instance.delete()
