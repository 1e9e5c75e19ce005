"""What can be proposed, on which registry records, and how an approved proposal is applied.

Each target type names the registry model, how its URL identifies a record, the
fields the field may propose changes to, the organisation a record belongs to, and
the registry service that writes it. Library and cooperation records show the
fields of their organisation too (name, e-mail, website…), as their edit forms do.

Values are stored as JSON: foreign keys as their primary key, dates and times as
ISO strings. `to_json` and `from_json` convert; `display` makes a value readable.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.registry.models import Branch, Contact, Cooperation, Library, OpeningHours, Organisation
from apps.registry.models.libraries import Weekday


@dataclass(frozen=True)
class TargetType:
    key: str
    model: type[models.Model]
    label: Promise
    fields: tuple[str, ...]
    lookup: str
    organisation_of: Callable[[Any], Organisation]
    service_name: str

    def get_object(self, value: str):
        return self.model._default_manager.get(**{self.lookup: value})

    def url_value(self, obj) -> str:
        value = obj
        for part in self.lookup.split("__"):
            value = getattr(value, part)
        return str(value)


ORGANISATION_FIELDS = ("name", "website", "email", "phone", "description")

TARGET_TYPES: dict[str, TargetType] = {
    t.key: t
    for t in [
        TargetType(
            key="bibliotheek",
            model=Library,
            label=gettext_lazy("bibliotheek"),
            fields=(*ORGANISATION_FIELDS, "opened_year", "bios_code"),
            lookup="organisation__slug",
            organisation_of=lambda obj: obj.organisation,
            service_name="library_save",
        ),
        TargetType(
            key="samenwerkingsverband",
            model=Cooperation,
            label=gettext_lazy("samenwerkingsverband"),
            fields=(*ORGANISATION_FIELDS, "founded_on"),
            lookup="organisation__slug",
            organisation_of=lambda obj: obj.organisation,
            service_name="cooperation_save",
        ),
        TargetType(
            key="vestiging",
            model=Branch,
            label=gettext_lazy("vestiging"),
            fields=(
                "name",
                "street",
                "postcode",
                "city",
                "email",
                "phone",
                "accessibility",
                "co_location",
                "latitude",
                "longitude",
            ),
            lookup="uuid",
            organisation_of=lambda obj: obj.library.organisation,
            service_name="branch_save",
        ),
        TargetType(
            key="contact",
            model=Contact,
            label=gettext_lazy("contactpersoon"),
            fields=("first_name", "last_name", "function", "email", "phone", "is_primary"),
            lookup="uuid",
            organisation_of=lambda obj: obj.organisation,
            service_name="contact_save",
        ),
    ]
}

TARGET_TYPE_BY_MODEL: dict[type[models.Model], TargetType] = {t.model: t for t in TARGET_TYPES.values()}


@dataclass(frozen=True)
class CreateType:
    """A new record proposed under an organisation: which model, which fields, how to attach it."""

    key: str
    model: type[models.Model]
    label: Promise
    fields: tuple[str, ...]
    parent_data: Callable[[Organisation], dict]
    allowed_for: Callable[[Organisation], bool]
    service_name: str


CREATE_TYPES: dict[str, CreateType] = {
    c.key: c
    for c in [
        CreateType(
            key="vestiging",
            model=Branch,
            label=gettext_lazy("nieuwe vestiging"),
            fields=(
                "name",
                "street",
                "postcode",
                "city",
                "municipality",
                "email",
                "phone",
                "accessibility",
                "co_location",
                "latitude",
                "longitude",
            ),
            parent_data=lambda organisation: {"library": organisation.library},
            allowed_for=lambda organisation: hasattr(organisation, "library"),
            service_name="branch_save",
        ),
        CreateType(
            key="contact",
            model=Contact,
            label=gettext_lazy("nieuwe contactpersoon"),
            fields=("first_name", "last_name", "function", "email", "phone", "is_primary"),
            parent_data=lambda organisation: {"organisation": organisation},
            allowed_for=lambda organisation: True,
            service_name="contact_save",
        ),
    ]
}

CREATE_TYPE_BY_MODEL: dict[type[models.Model], CreateType] = {c.model: c for c in CREATE_TYPES.values()}


def target_type_of(obj) -> TargetType:
    return TARGET_TYPE_BY_MODEL[type(obj)]


def organisation_of(obj) -> Organisation:
    if isinstance(obj, Organisation):
        return obj
    return target_type_of(obj).organisation_of(obj)


# --- Fields and values ---------------------------------------------------------


def model_field(model: type[models.Model], name: str) -> models.Field:
    """The field `name` of `model`, or of its organisation for libraries and cooperations."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        if model in (Library, Cooperation):
            return Organisation._meta.get_field(name)
        raise


def holder_of(obj, name: str):
    """The instance that carries field `name`: the object, or its organisation."""
    try:
        type(obj)._meta.get_field(name)
        return obj
    except FieldDoesNotExist:
        return obj.organisation


def field_label(model: type[models.Model], name: str) -> str:
    return str(model_field(model, name).verbose_name).capitalize()


def form_field(model: type[models.Model], name: str):
    """The form field a direct edit would use for `name` (URLs assume https, as Django 6 will)."""
    field = model_field(model, name)
    if isinstance(field, models.URLField):
        return field.formfield(assume_scheme="https")
    return field.formfield()


def to_json(field: models.Field, value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None and not field.null and isinstance(field, models.CharField | models.TextField):
        return ""
    return value


def from_json(field: models.Field, raw: Any) -> Any:
    """A stored JSON value back to what the model (and the registry service) expects."""
    if raw is None:
        return None
    if isinstance(field, models.ForeignKey):
        return field.related_model._default_manager.filter(pk=raw).first()
    return field.to_python(raw)


def current_value(obj, name: str) -> Any:
    """The record's value of field `name`, JSON-ready (foreign keys as primary key)."""
    holder = holder_of(obj, name)
    field = model_field(type(obj), name)
    return to_json(field, field.value_from_object(holder))


def display(model: type[models.Model], name: str, raw: Any) -> str:
    """A readable value for the diff: choice labels, names of related records, ja/nee."""
    field = model_field(model, name)
    if raw is None or raw == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(field, models.BooleanField):
        return _("ja") if raw else _("nee")
    if isinstance(field, models.ForeignKey):
        related = from_json(field, raw)
        return str(related) if related is not None else _("(verwijderd)")
    return str(raw)


# --- Opening hours ---------------------------------------------------------------

HOURS_KEY = "periods"


def normalise_periods(periods: list[dict]) -> list[dict]:
    """Sorted {"weekday", "opens", "closes"} with times as HH:MM, for comparing and storing."""

    def hhmm(value: Any) -> str:
        if isinstance(value, datetime.time):
            return value.strftime("%H:%M")
        return str(value)[:5]

    rows = [{"weekday": int(p["weekday"]), "opens": hhmm(p["opens"]), "closes": hhmm(p["closes"])} for p in periods]
    return sorted(rows, key=lambda row: (row["weekday"], row["opens"], row["closes"]))


def current_periods(branch: Branch) -> list[dict]:
    rows = OpeningHours.objects.filter(branch=branch).values("weekday", "opens", "closes")
    return normalise_periods(list(rows))


def periods_as_times(periods: list[dict]) -> list[dict]:
    """Stored periods with real time objects, as the registry service takes them."""
    return [
        {
            "weekday": p["weekday"],
            "opens": datetime.time.fromisoformat(p["opens"]),
            "closes": datetime.time.fromisoformat(p["closes"]),
        }
        for p in normalise_periods(periods)
    ]


def day_summary(periods: list[dict], weekday: int) -> str:
    day = [f"{p['opens']}–{p['closes']}" for p in periods if p["weekday"] == weekday]
    return ", ".join(day) if day else _("gesloten")


def weekdays() -> list[tuple[int, str]]:
    return [(value, str(label)) for value, label in Weekday.choices]
