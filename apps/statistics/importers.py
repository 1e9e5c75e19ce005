"""Figures upload through the generic import engine (apps/imports), in two layouts.

- wide: one row per library and year, one column per base indicator (as BIOS exports look);
- long: one row per library, year and indicator (as data warehouses export).

Every row is written by `services.figures_save`, so an upload meets the same
permission (own library, open delivery), range and plausibility rules as the
form; any row error rolls the whole file back.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.imports.columns import CellError, Column, Number, Reference, Year
from apps.imports.engine import ImportContext, ImportDefinition, register
from apps.registry.models import Library

from .models import FigureValue, Indicator, IndicatorKind, Submission
from .selectors import figure_list, submission_list
from .services import figures_save


def _libraries(context: ImportContext) -> dict[str, Library]:
    def load() -> dict[str, Library]:
        found: dict[str, Library] = {}
        for library in Library.objects.select_related("organisation"):
            found[library.organisation.slug.casefold()] = library
            if library.bios_code:
                found[library.bios_code.casefold()] = library
        return found

    return context.cached("libraries", load)


def _indicators(context: ImportContext) -> dict[str, Indicator]:
    return context.cached(
        "indicators", lambda: {i.code.casefold(): i for i in Indicator.objects.filter(kind=IndicatorKind.BASE)}
    )


LIBRARY = Reference(
    lookup=_libraries,
    identify=lambda library: library.organisation.slug,
    unknown=gettext_lazy("Onbekende bibliotheek ‘%(value)s’ (gebruik de korte naam of de BIOS-code)."),
    hint=gettext_lazy("korte naam of BIOS-code van de bibliotheek"),
    normalise=lambda text: text.strip().casefold(),
)
INDICATOR = Reference(
    lookup=_indicators,
    identify=lambda indicator: indicator.code,
    unknown=gettext_lazy("Onbekende indicator ‘%(value)s’."),
    hint=gettext_lazy("code van een basisindicator, bv. visits"),
    normalise=lambda text: text.strip().casefold(),
)


class FigureNumber(Number):
    """A figure: not negative, at most two decimals' worth of meaning, never absurdly large."""

    def __init__(self) -> None:
        super().__init__(minimum=0, maximum=999_999_999_999)

    def parse(self, text: str, context: Any) -> float:
        try:
            return super().parse(text, context)
        except CellError as error:
            if text.strip().startswith("-"):
                raise CellError(_("Een cijfer kan niet negatief zijn."))
            if any(c.isalpha() for c in text):
                raise CellError(_("Geen geldig getal."))
            raise error

    def format(self, value: Any) -> str:
        if value is None:
            return ""
        number = Decimal(str(value)).normalize()
        text = f"{number:f}"
        return text.replace(".", ",")


def _save_figures(context: ImportContext, library: Library, year: int, values: dict[str, Any]) -> None:
    try:
        figures_save(
            actor=context.actor,
            library=library,
            year=year,
            values={code: Decimal(str(value)) for code, value in values.items()},
            reason=context.reason,
        )
    except PermissionDenied as error:
        raise ValidationError(str(error) or _("U mag de cijfers van deze bibliotheek niet wijzigen."))


class _LazyExisting(dict):
    """Existing objects, loaded per library and year on first use (a file touches few of them)."""

    def __init__(self, load) -> None:
        super().__init__()
        self.loaded: set[tuple[int, int]] = set()
        self.load = load

    def get(self, key, default=None):
        chunk = (key[0], key[1])
        if chunk not in self.loaded:
            self.loaded.add(chunk)
            for found_key, obj in self.load(*chunk):
                self.setdefault(found_key, obj)
        return super().get(key, default)


def value_map(submission: Submission) -> dict[str, Decimal]:
    cached = getattr(submission, "_figure_map", None)
    if cached is None:
        cached = {fv.indicator.code: fv.value for fv in submission.values.all()}
        submission._figure_map = cached
    return cached


class WideFiguresImport(ImportDefinition):
    key = "statistics-figures-wide"
    label = gettext_lazy("Cijfers (breed: één rij per bibliotheek en jaar)")
    description = gettext_lazy("Eén kolom per basisindicator; een lege cel laat het bestaande cijfer staan.")
    import_permission = "statistics.import_figures"
    export_permission = "statistics.list_figures"

    @property
    def columns(self) -> list[Column]:  # type: ignore[override]
        columns = [
            Column("library", _("Bibliotheek"), LIBRARY, required=True, get=lambda s: s.library),
            Column("year", _("Jaar"), Year(), required=True),
        ]
        for indicator in Indicator.objects.filter(kind=IndicatorKind.BASE).order_by("position"):
            columns.append(
                Column(
                    indicator.code,
                    indicator.code,
                    FigureNumber(),
                    help=indicator.name_nl,
                    get=lambda s, code=indicator.code: value_map(s).get(code),
                    blank_keeps=True,
                )
            )
        return columns

    def natural_key(self, values: dict[str, Any]) -> tuple:
        return (values["library"].pk, values["year"])

    def existing(self, context: ImportContext) -> dict:
        def load(library_id: int, year: int):
            for submission in Submission.objects.filter(library_id=library_id, year=year).prefetch_related(
                "values__indicator"
            ):
                yield (library_id, year), submission

        return _LazyExisting(load)

    def save(self, context: ImportContext, instance, values: dict[str, Any]):
        figures = {k: v for k, v in values.items() if k not in {"library", "year"} and v is not None}
        _save_figures(context, values["library"], values["year"], figures)
        submission = Submission.objects.get(library=values["library"], year=values["year"])
        return submission

    def export_queryset(self, user):
        return (
            submission_list(user=user)
            .prefetch_related("values__indicator")
            .order_by("-year", "library__organisation__name")
        )


class LongFiguresImport(ImportDefinition):
    key = "statistics-figures-long"
    label = gettext_lazy("Cijfers (lang: één rij per bibliotheek, jaar en indicator)")
    description = gettext_lazy("Kolommen Bibliotheek, Jaar, Indicator, Waarde.")
    import_permission = "statistics.import_figures"
    export_permission = "statistics.list_figures"
    columns = [
        Column("library", gettext_lazy("Bibliotheek"), LIBRARY, required=True, get=lambda fv: fv.submission.library),
        Column("year", gettext_lazy("Jaar"), Year(), required=True, get=lambda fv: fv.submission.year),
        Column("indicator", gettext_lazy("Indicator"), INDICATOR, required=True),
        Column("value", gettext_lazy("Waarde"), FigureNumber(), required=True),
    ]

    def natural_key(self, values: dict[str, Any]) -> tuple:
        return (values["library"].pk, values["year"], values["indicator"].code)

    def existing(self, context: ImportContext) -> dict:
        def load(library_id: int, year: int):
            for figure in FigureValue.objects.filter(
                submission__library_id=library_id, submission__year=year
            ).select_related("indicator", "submission"):
                yield (library_id, year, figure.indicator.code), figure

        return _LazyExisting(load)

    def save(self, context: ImportContext, instance, values: dict[str, Any]):
        _save_figures(context, values["library"], values["year"], {values["indicator"].code: values["value"]})
        return FigureValue.objects.select_related("indicator", "submission").get(
            submission__library=values["library"], submission__year=values["year"], indicator=values["indicator"]
        )

    def export_queryset(self, user):
        return figure_list(user=user)


register(WideFiguresImport())
register(LongFiguresImport())
