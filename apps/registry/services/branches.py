"""Writes for branches, their weekly opening hours and exceptional days."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.permissions import check
from apps.registry.models import Branch, OpeningException, OpeningHours, TerritorialUnit

from . import geometry
from .common import Errors, assign, delete_with_history, format_day, resolve_municipality, save_with_history

BRANCH_FIELDS = (
    "library",
    "name",
    "is_main",
    "street",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "accessibility",
    "co_location",
    "opened_year",
    "closed_year",
    "email",
    "phone",
    "is_demo",
    "source",
)
EXCEPTION_FIELDS = ("branch", "date", "is_closed", "opens", "closes", "note")


def territory_bbox() -> list[float] | None:
    """The union of the loaded municipalities' bounding boxes (Flanders and Brussels)."""
    boxes = [box for box in TerritorialUnit.objects.municipalities().values_list("bbox", flat=True) if box]
    if not boxes:
        return None
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def check_coordinates(*, municipality: TerritorialUnit | None, lat, lon, errors: Errors) -> None:
    """Both or neither; inside the municipality's boundary (or inside Flanders/Brussels when it has none)."""
    if lat is None and lon is None:
        return
    if lat is None or lon is None:
        errors.add("latitude", _("Geef zowel de breedtegraad als de lengtegraad op."))
        return
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors.add("latitude", _("Deze coördinaten bestaan niet."))
        return
    if municipality is not None and municipality.boundary:
        if not geometry.contains(municipality.boundary, lat=lat, lon=lon, box=municipality.bbox):
            errors.add("latitude", _("Deze coördinaten liggen niet in %(place)s.") % {"place": municipality.name_nl})
        return
    box = territory_bbox()
    if box is not None and not (box[0] <= lon <= box[2] and box[1] <= lat <= box[3]):
        errors.add("latitude", _("Deze coördinaten liggen niet in Vlaanderen of Brussel."))


def branch_save(*, actor, instance: Branch | None = None, data: dict[str, Any], reason: str = "") -> Branch:
    """Create or update a branch: address, coordinates inside its municipality, at most one open main branch."""
    if instance is None:
        check(actor, "registry.add_branch")
    else:
        check(actor, "registry.change_branch", instance)
    errors = Errors()
    with transaction.atomic():
        branch = instance or Branch()
        assign(branch, data, BRANCH_FIELDS)
        if "municipality" in data:
            branch.municipality = resolve_municipality(data["municipality"], field="municipality", errors=errors)
        if branch.opened_year and branch.closed_year and branch.closed_year < branch.opened_year:
            errors.add("closed_year", _("Het jaar van sluiting ligt vóór het jaar van opening."))
        municipality = branch.municipality if branch.municipality_id else None
        check_coordinates(municipality=municipality, lat=branch.latitude, lon=branch.longitude, errors=errors)
        if branch.is_main and branch.closed_year is None and branch.library_id:
            others = Branch.objects.filter(library_id=branch.library_id, is_main=True, closed_year__isnull=True)
            if branch.pk:
                others = others.exclude(pk=branch.pk)
            if others.exists():
                errors.add("is_main", _("Deze bibliotheek heeft al een hoofdbibliotheek."))
        errors.raise_if_any()
        save_with_history(branch, actor=actor, reason=reason)
    return branch


def branch_delete(*, actor, instance: Branch) -> None:
    check(actor, "registry.delete_branch", instance)
    with transaction.atomic():
        delete_with_history(instance, actor=actor)


# --- opening hours --------------------------------------------------------------------------


def _period(item: Any) -> tuple[int, datetime.time, datetime.time]:
    if isinstance(item, dict):
        return int(item["weekday"]), item["opens"], item["closes"]
    if isinstance(item, OpeningHours):
        return item.weekday, item.opens, item.closes
    weekday, opens, closes = item
    return int(weekday), opens, closes


def _as_time(value: Any) -> datetime.time:
    return value if isinstance(value, datetime.time) else datetime.time.fromisoformat(str(value))


def branch_opening_hours_set(*, actor, branch: Branch, periods: Iterable[Any], reason: str = "") -> list[OpeningHours]:
    """Replace the branch's weekly schedule by `periods` ({weekday, opens, closes} or tuples)."""
    check(actor, "registry.change_branch", branch)
    errors = Errors()
    parsed = []
    for item in periods:
        try:
            weekday, opens, closes = _period(item)
            opens, closes = _as_time(opens), _as_time(closes)
        except (KeyError, TypeError, ValueError):
            errors.add("periods", _("Een openingsperiode heeft een weekdag, een openingsuur en een sluitingsuur."))
            continue
        if not 0 <= weekday <= 6:
            errors.add("periods", _("Onbekende weekdag."))
        elif closes <= opens:
            errors.add("periods", _("Het sluitingsuur moet na het openingsuur liggen."))
        parsed.append((weekday, opens, closes))
    parsed.sort()
    for (day_a, _opens_a, closes_a), (day_b, opens_b, _closes_b) in zip(parsed, parsed[1:], strict=False):
        if day_a == day_b and opens_b < closes_a:
            errors.add("periods", _("Twee openingsperiodes op dezelfde dag overlappen."))
            break
    errors.raise_if_any()
    with transaction.atomic():
        Branch.objects.select_for_update().filter(pk=branch.pk).first()
        for old in list(branch.opening_hours.all()):
            delete_with_history(old, actor=actor, reason=reason)
        created = []
        for weekday, opens, closes in parsed:
            hours = OpeningHours(branch=branch, weekday=weekday, opens=opens, closes=closes)
            save_with_history(hours, actor=actor, reason=reason)
            created.append(hours)
    return created


def opening_hours_save(
    *, actor, instance: OpeningHours | None = None, data: dict[str, Any], reason: str = ""
) -> OpeningHours:
    """One opening period (the weekly schedule as a whole: branch_opening_hours_set)."""
    branch = data.get("branch") or (instance.branch if instance else None)
    check(actor, "registry.change_branch", branch)
    errors = Errors()
    with transaction.atomic():
        hours = instance or OpeningHours()
        assign(hours, data, ("branch", "weekday", "opens", "closes"))
        if hours.opens and hours.closes and hours.closes <= hours.opens:
            errors.add("closes", _("Het sluitingsuur moet na het openingsuur liggen."))
        elif hours.branch_id and hours.opens and hours.closes:
            overlap = OpeningHours.objects.filter(
                branch_id=hours.branch_id, weekday=hours.weekday, opens__lt=hours.closes, closes__gt=hours.opens
            )
            if hours.pk:
                overlap = overlap.exclude(pk=hours.pk)
            if overlap.exists():
                errors.add("opens", _("Deze periode overlapt met een andere openingsperiode op dezelfde dag."))
        errors.raise_if_any()
        save_with_history(hours, actor=actor, reason=reason)
    return hours


def opening_hours_delete(*, actor, instance: OpeningHours) -> None:
    check(actor, "registry.change_branch", instance.branch)
    with transaction.atomic():
        delete_with_history(instance, actor=actor)


# How far from today an exception's date may lie. Wide enough for planning next year's holiday
# closures and for recording last year's days (the yearly statistics count opening days), narrow
# enough to catch a mistyped year (2062 for 2026). Existing rows outside the window stay editable
# as long as their date does not change.
EXCEPTION_WINDOW_YEARS = 2


def _exception_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    def shift(years: int) -> datetime.date:
        try:
            return today.replace(year=today.year + years)
        except ValueError:  # 29 February
            return today.replace(year=today.year + years, day=28)

    return shift(-EXCEPTION_WINDOW_YEARS), shift(EXCEPTION_WINDOW_YEARS)


def _check_exception(exception: OpeningException, *, data: dict[str, Any], date_changed: bool, errors: Errors) -> None:
    """The day's rules, each reported on the field to correct; the row itself is not touched."""
    hours_given = bool(data.get("opens") or data.get("closes"))
    if exception.is_closed:
        if hours_given:
            errors.add("is_closed", _("Een gesloten dag heeft geen openingsuren: maak de uren leeg of kies 'open'."))
    else:
        if exception.opens is None:
            errors.add("opens", _("Geef het openingsuur van deze dag op, of kies 'gesloten'."))
        if exception.closes is None:
            errors.add("closes", _("Geef het sluitingsuur van deze dag op, of kies 'gesloten'."))
        if exception.opens and exception.closes and exception.closes <= exception.opens:
            errors.add("closes", _("Het sluitingsuur moet na het openingsuur liggen."))
    if exception.date is None:
        return
    if date_changed:
        earliest, latest = _exception_window(timezone.localdate())
        if not earliest <= exception.date <= latest:
            errors.add(
                "date",
                _("Kies een datum tussen %(earliest)s en %(latest)s.")
                % {"earliest": format_day(earliest), "latest": format_day(latest)},
            )
    if exception.branch_id:
        clash = OpeningException.objects.filter(branch_id=exception.branch_id, date=exception.date)
        if exception.pk:
            clash = clash.exclude(pk=exception.pk)
        if clash.exists():
            errors.add(
                "date",
                _("Voor %(day)s is er al een afwijkende openingsdag bij deze vestiging.")
                % {"day": format_day(exception.date)},
            )


def opening_exception_save(
    *, actor, instance: OpeningException | None = None, data: dict[str, Any], reason: str = ""
) -> OpeningException:
    """Create or change one exceptional day of a branch (a closure, or other hours).

    A closed day has no hours: giving both is an error rather than a silent choice. When a partial
    update (the API's PATCH) only says `is_closed`, the hours already stored are cleared. An
    exception stays with its branch; the date lies within EXCEPTION_WINDOW_YEARS of today.
    """
    if instance is None:
        check(actor, "registry.add_openingexception", data.get("branch"))
    else:
        check(actor, "registry.change_openingexception", instance)
    errors = Errors()
    with transaction.atomic():
        exception = instance or OpeningException()
        old_date = exception.date
        if instance is not None and "branch" in data and data["branch"] != instance.branch:
            errors.add("branch", _("Een afwijkende openingsdag kan niet naar een andere vestiging verhuizen."))
        assign(exception, data, EXCEPTION_FIELDS)
        if exception.is_closed and not ("opens" in data or "closes" in data):
            exception.opens = exception.closes = None
        if instance is None and exception.branch_id is None:
            errors.add("branch", _("Kies de vestiging."))
        _check_exception(exception, data=data, date_changed=exception.date != old_date, errors=errors)
        errors.raise_if_any()
        save_with_history(exception, actor=actor, reason=reason)
    return exception


def opening_exception_delete(*, actor, instance: OpeningException, reason: str = "") -> None:
    check(actor, "registry.delete_openingexception", instance)
    with transaction.atomic():
        delete_with_history(instance, actor=actor, reason=reason)
