"""Reads of pillars, values and value assessments, including the coverage report."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Count
from django.utils.translation import get_language

from apps.core.models import Pillar, Value, ValueAssessment
from apps.core.services.values import assessments_of


def pillar_list() -> models.QuerySet:
    return Pillar.objects.order_by("position")


def value_list() -> models.QuerySet:
    return Value.objects.order_by("position")


def value_assessments_for(obj: models.Model) -> list[ValueAssessment]:
    """The object's assessments, in the order of the values."""
    return list(assessments_of(obj).select_related("value").order_by("value__position"))


@dataclass(frozen=True)
class CoverageRow:
    """How many objects of one model type serve one value."""

    value_code: str
    value_name: str
    app_label: str | None
    model: str | None
    model_label: str
    count: int


def _model_label(app_label: str | None, model_name: str | None) -> str:
    if not app_label or not model_name:
        return ""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return model_name
    return str(model._meta.verbose_name_plural).capitalize()


def value_coverage() -> list[CoverageRow]:
    """Count per value per model type, in ONE query.

    Values without any assessment are included with `model_label == ""` and a
    count of 0, so that a report shows every value, also an uncovered one.
    """
    english = (get_language() or "nl").startswith("en")
    rows = (
        Value.objects.values(
            "code",
            "name_nl",
            "name_en",
            "position",
            "assessments__content_type__app_label",
            "assessments__content_type__model",
        )
        .annotate(count=Count("assessments"))
        .order_by("position", "assessments__content_type__app_label", "assessments__content_type__model")
    )
    result = []
    for row in rows:
        app_label = row["assessments__content_type__app_label"]
        model_name = row["assessments__content_type__model"]
        result.append(
            CoverageRow(
                value_code=row["code"],
                value_name=row["name_en"] if english else row["name_nl"],
                app_label=app_label,
                model=model_name,
                model_label=_model_label(app_label, model_name),
                count=row["count"],
            )
        )
    return result


@dataclass
class CoverageMatrix:
    """The coverage rows pivoted: one line per model type, one column per value."""

    values: list[tuple[str, str]]  # (code, name), in the order of the values
    lines: list[tuple[str, list[int], int]] = field(default_factory=list)  # (model label, counts, total)
    totals: list[int] = field(default_factory=list)
    grand_total: int = 0

    @property
    def maximum(self) -> int:
        return max(self.totals, default=0)

    def bars(self) -> list[dict]:
        """Per value: name, total and share of the largest total (0–100), for a bar chart."""
        top = self.maximum or 1
        return [
            {"code": code, "name": name, "total": total, "percent": round(100 * total / top)}
            for (code, name), total in zip(self.values, self.totals, strict=True)
        ]


def value_coverage_matrix(rows: list[CoverageRow] | None = None) -> CoverageMatrix:
    rows = value_coverage() if rows is None else rows
    values: list[tuple[str, str]] = []
    for row in rows:
        if (row.value_code, row.value_name) not in values:
            values.append((row.value_code, row.value_name))
    index = {code: position for position, (code, _name) in enumerate(values)}
    per_model: dict[str, list[int]] = {}
    for row in rows:
        if not row.model_label:
            continue
        counts = per_model.setdefault(row.model_label, [0] * len(values))
        counts[index[row.value_code]] += row.count
    lines = [(label, counts, sum(counts)) for label, counts in sorted(per_model.items())]
    totals = [sum(line[1][i] for line in lines) for i in range(len(values))]
    return CoverageMatrix(values=values, lines=lines, totals=totals, grand_total=sum(totals))
