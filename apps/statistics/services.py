"""Writes of the statistics app: catalogue, deliveries, figures with plausibility checks, peer groups, reminders."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.permissions import check
from apps.core.services.notifications import notify
from apps.registry.models import Affiliation, Library

from .formulas import POPULATION, names_in
from .models import DeliveryYear, FigureValue, Indicator, IndicatorKind, PeerGroup, Submission

CHANGE_LIMIT = Decimal("0.5")  # a change of more than 50% against last year is flagged


# --- catalogue --------------------------------------------------------------------------------


def indicator_save(*, actor, instance: Indicator | None, data: dict[str, Any], reason: str = "") -> Indicator:
    check(actor, "statistics.change_indicator" if instance else "statistics.add_indicator")
    indicator = instance or Indicator()
    for name, value in data.items():
        if name != "change_reason" and hasattr(indicator, name):
            setattr(indicator, name, value)
    if indicator.kind == IndicatorKind.DERIVED:
        known = set(Indicator.objects.exclude(pk=indicator.pk).values_list("code", flat=True)) | {POPULATION}
        unknown = names_in(indicator.formula) - known
        if unknown:
            raise ValidationError(
                {"formula": _("Onbekende indicator in de formule: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}}
            )
    indicator.full_clean()
    indicator._change_reason = reason
    indicator.save()
    return indicator


# --- deliveries -------------------------------------------------------------------------------


def delivery_save(*, actor, instance: DeliveryYear | None, data: dict[str, Any], reason: str = "") -> DeliveryYear:
    check(actor, "statistics.change_deliveryyear" if instance else "statistics.add_deliveryyear")
    delivery = instance or DeliveryYear()
    for name in ("year", "opens_on", "deadline", "status", "note"):
        if name in data:
            setattr(delivery, name, data[name])
    if DeliveryYear.objects.exclude(pk=delivery.pk).filter(year=delivery.year).exists():
        raise ValidationError({"year": _("Er is al een gegevenslevering voor %(year)s.") % {"year": delivery.year}})
    delivery.full_clean()
    delivery._change_reason = reason
    delivery.save()
    return delivery


def submission_extend(*, actor, submission: Submission, until: datetime.date, reason: str = "") -> Submission:
    """The cell grants a library more time after the deadline."""
    check(actor, "statistics.manage_deliveries")
    if until < datetime.date.today():
        raise ValidationError({"until": _("Het uitstel moet op of na vandaag eindigen.")})
    with transaction.atomic():
        if submission.pk is None:
            submission.save()
        submission.extended_until = until
        submission._change_reason = reason or _("Uitstel toegestaan tot %(day)s") % {"day": until.strftime("%d-%m-%Y")}
        submission.save()
    return submission


@dataclass
class DeliveryRow:
    library: Library
    submission: Submission | None
    state: str  # "confirmed", "draft", "missing"
    late: bool


def delivery_overview(*, delivery: DeliveryYear) -> list[DeliveryRow]:
    """Who delivered, who is busy, who is late — every library, three queries."""
    submissions = {
        s.library_id: s
        for s in Submission.objects.filter(year=delivery.year).only(
            "library_id", "status", "extended_until", "confirmed_at", "pk", "uuid", "year"
        )
    }
    today = datetime.date.today()
    rows = []
    for library in Library.objects.select_related("organisation").order_by("organisation__name"):
        submission = submissions.get(library.pk)
        state = "missing" if submission is None else "confirmed" if submission.is_confirmed else "draft"
        last_day = max(delivery.deadline, (submission.extended_until if submission else None) or delivery.deadline)
        rows.append(DeliveryRow(library, submission, state, late=state != "confirmed" and today > last_day))
    return rows


def delivery_send_reminders(*, actor, delivery: DeliveryYear) -> int:
    """Notify the staff of every library that has not confirmed yet. Returns the number of people notified."""
    check(actor, "statistics.manage_deliveries")
    pending = [row.library for row in delivery_overview(delivery=delivery) if row.state != "confirmed"]
    today = datetime.date.today()
    affiliations = (
        Affiliation.objects.filter(organisation_id__in=[library.pk for library in pending])
        .exclude(valid_until__lt=today)
        .select_related("user", "organisation")
    )
    sent = 0
    with transaction.atomic():
        for affiliation in affiliations:
            if not affiliation.user.is_active:
                continue
            url = reverse(
                "statistics:submission_edit", kwargs={"slug": affiliation.organisation.slug, "year": delivery.year}
            )
            notify(
                recipient=affiliation.user,
                title=_("Herinnering: cijfers %(year)s van %(library)s")
                % {"year": delivery.year, "library": affiliation.organisation.name},
                body=_(
                    "De uiterste datum voor de gegevenslevering %(year)s is %(deadline)s. "
                    "Vul de cijfers in en bevestig ze."
                )
                % {"year": delivery.year, "deadline": delivery.deadline.strftime("%d-%m-%Y")},
                url=url,
            )
            sent += 1
    return sent


# --- figures and plausibility -------------------------------------------------------------------


@dataclass
class Issue:
    code: str
    level: str  # "warning" or "error"
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "level": self.level, "message": self.message}


def plausibility(*, library: Library, year: int, values: dict[str, Decimal | None], final: bool) -> list[Issue]:
    """Check a year's base figures: required, range, and change against last year.

    Out-of-range values are errors; missing required values are errors when
    confirming (`final`) and warnings while drafting; a change of more than 50%
    against the previous year is a warning the library must acknowledge.
    """
    indicators = list(Indicator.objects.filter(kind=IndicatorKind.BASE))
    previous = dict(
        FigureValue.objects.filter(submission__library=library, submission__year=year - 1).values_list(
            "indicator__code", "value"
        )
    )
    issues = []
    for indicator in indicators:
        value = values.get(indicator.code)
        name = indicator.name_nl
        if value is None:
            if indicator.required:
                issues.append(
                    Issue(
                        indicator.code,
                        "error" if final else "warning",
                        _("%(name)s: dit cijfer is verplicht.") % {"name": name},
                    )
                )
            continue
        if value < 0:
            issues.append(
                Issue(indicator.code, "error", _("%(name)s: een cijfer kan niet negatief zijn.") % {"name": name})
            )
            continue
        if (
            indicator.min_value is not None
            and value < indicator.min_value
            or (indicator.max_value is not None and value > indicator.max_value)
        ):
            issues.append(
                Issue(
                    indicator.code,
                    "error",
                    _("%(name)s: %(value)s ligt buiten het aanvaardbare bereik (%(min)s – %(max)s).")
                    % {
                        "name": name,
                        "value": _fmt(value),
                        "min": _fmt(indicator.min_value),
                        "max": _fmt(indicator.max_value),
                    },
                )
            )
            continue
        before = previous.get(indicator.code)
        if before and abs(value - before) / before > CHANGE_LIMIT:
            issues.append(
                Issue(
                    indicator.code,
                    "warning",
                    _("%(name)s: %(value)s wijkt meer dan 50%% af van vorig jaar (%(before)s). Klopt dit?")
                    % {"name": name, "value": _fmt(value), "before": _fmt(before)},
                )
            )
    return issues


def _fmt(value) -> str:
    if value is None:
        return "—"
    number = Decimal(value)
    text = f"{number:,.2f}".rstrip("0").rstrip(".") if number % 1 else f"{number:,.0f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _check_change(actor, submission: Submission) -> None:
    if not actor.has_perm("statistics.change_submission", submission):
        if actor.has_perm("statistics.view_submission", submission):
            raise PermissionDenied(
                _(
                    "De gegevenslevering voor %(year)s is afgesloten of de uiterste datum is voorbij; "
                    "vraag de cel om uitstel."
                )
                % {"year": submission.year}
            )
        raise PermissionDenied(_("U mag de cijfers van deze bibliotheek niet wijzigen."))


def submission_for(library: Library, year: int) -> Submission:
    """The existing submission, or an unsaved one to check permissions on."""
    return Submission.objects.filter(library=library, year=year).first() or Submission(library=library, year=year)


def figures_save(
    *, actor, library: Library, year: int, values: dict[str, Decimal | None], reason: str = ""
) -> tuple[Submission, list[Issue]]:
    """Store a year's base figures (missing keys stay as they are; None clears). Errors save nothing.

    Saving changed figures of a confirmed year turns it back into a draft: the library confirms again.
    """
    submission = submission_for(library, year)
    _check_change(actor, submission)
    known = {i.code: i for i in Indicator.objects.filter(kind=IndicatorKind.BASE)}
    unknown = set(values) - set(known)
    if unknown:
        raise ValidationError(_("Onbekende indicator: %(codes)s.") % {"codes": ", ".join(sorted(unknown))})
    with transaction.atomic():
        current = {}
        if submission.pk:
            current = {fv.indicator.code: fv for fv in submission.values.select_related("indicator")}
        merged = {code: fv.value for code, fv in current.items()}
        merged.update(values)
        issues = plausibility(library=library, year=year, values=merged, final=False)
        errors = [issue for issue in issues if issue.level == "error"]
        if errors:
            raise ValidationError({issue.code: issue.message for issue in errors})
        changed = False
        if submission.pk is None:
            submission.save()
        for code, value in values.items():
            existing = current.get(code)
            if value is None:
                if existing is not None:
                    existing._change_reason = reason
                    existing.delete()
                    changed = True
                continue
            if existing is None:
                figure = FigureValue(submission=submission, indicator=known[code], value=value)
                figure._change_reason = reason
                figure.save()
                changed = True
            elif existing.value != value:
                existing.value = value
                existing._change_reason = reason
                existing.save(update_fields=["value"])
                changed = True
        submission.warnings = [issue.as_dict() for issue in issues]
        if changed and submission.is_confirmed:
            submission.status = Submission.Status.DRAFT
            submission.confirmed_at = None
            submission.confirmed_by = None
        submission._change_reason = reason
        submission.save()
    return submission, issues


def submission_confirm(*, actor, submission: Submission, acknowledge_warnings: bool = False) -> Submission:
    """The library signs off its figures. Missing required values block; warnings must be acknowledged."""
    _check_change(actor, submission)
    if submission.pk is None:
        raise ValidationError(_("Er zijn nog geen cijfers om te bevestigen."))
    values = dict(submission.values.values_list("indicator__code", "value"))
    issues = plausibility(library=submission.library, year=submission.year, values=values, final=True)
    errors = [issue.message for issue in issues if issue.level == "error"]
    if errors:
        raise ValidationError(errors)
    if any(issue.level == "warning" for issue in issues) and not acknowledge_warnings:
        raise ValidationError(
            {"acknowledge_warnings": _("Bevestig dat u de waarschuwingen nagekeken hebt en dat de cijfers kloppen.")}
        )
    with transaction.atomic():
        submission.status = Submission.Status.CONFIRMED
        submission.confirmed_at = timezone.now()
        submission.confirmed_by = actor
        submission.warnings = [issue.as_dict() for issue in issues]
        submission._change_reason = _("Cijfers bevestigd")
        submission.save()
    return submission


# --- peer groups --------------------------------------------------------------------------------


def peergroup_save(*, actor, instance: PeerGroup | None, data: dict[str, Any], reason: str = "") -> PeerGroup:
    if instance is None:
        check(actor, "statistics.add_peergroup")
        group = PeerGroup(owner=actor)
    else:
        check(actor, "statistics.change_peergroup", instance)
        group = instance
    group.name = data["name"]
    group.description = data.get("description", "")
    group.shared = bool(data.get("shared"))
    group.criteria = data["criteria"]
    if not group.criteria:
        raise ValidationError(_("Kies minstens één criterium."))
    group.full_clean()
    group._change_reason = reason
    group.save()
    return group


def peergroup_delete(*, actor, instance: PeerGroup) -> None:
    check(actor, "statistics.delete_peergroup", instance)
    instance.delete()
