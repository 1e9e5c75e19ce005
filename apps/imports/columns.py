"""Column types of an import definition: how a cell is parsed, and how a value is written back.

Every type turns the text a person typed into a value (`parse`), raising
`CellError` with a Dutch message when it cannot, and turns a value into the text
an export writes (`format`). Export and import use the same `format`, which is
what makes "export, then import the same file" change nothing.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _


class CellError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ColumnType:
    """Text by default; subclasses parse and format other kinds of values."""

    empty: Any = ""
    #: How the template's explanation sheet describes the expected format.
    hint = gettext_lazy("tekst")

    def parse(self, text: str, context: "Any") -> Any:
        return text

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)


class Text(ColumnType):
    def __init__(self, max_length: int | None = None) -> None:
        self.max_length = max_length

    def parse(self, text: str, context: Any) -> str:
        if self.max_length and len(text) > self.max_length:
            raise CellError(
                _("Te lang: %(length)s tekens, maximaal %(max)s.") % {"length": len(text), "max": self.max_length}
            )
        return text


class Email(Text):
    hint = gettext_lazy("e-mailadres, bv. info@bibliotheek.be")
    _validator = EmailValidator()

    def parse(self, text: str, context: Any) -> str:
        text = super().parse(text, context)
        try:
            self._validator(text)
        except ValidationError:
            raise CellError(_("Geen geldig e-mailadres."))
        return text.lower()


class Url(Text):
    hint = gettext_lazy("webadres, bv. https://www.bibliotheek.be")
    _validator = URLValidator(schemes=["http", "https"])

    def parse(self, text: str, context: Any) -> str:
        text = super().parse(text, context)
        if "://" not in text:
            text = f"https://{text}"
        try:
            self._validator(text)
        except ValidationError:
            raise CellError(_("Geen geldig webadres."))
        return text


class Integer(ColumnType):
    empty = None
    hint = gettext_lazy("geheel getal")

    def __init__(self, minimum: int | None = None, maximum: int | None = None) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def parse(self, text: str, context: Any) -> int:
        cleaned = text.replace(" ", "").replace("\u00a0", "")
        if re.fullmatch(r"[+-]?\d+([.,]0+)?", cleaned) is None:
            raise CellError(_("Geen geheel getal."))
        number = int(re.split(r"[.,]", cleaned)[0])
        if self.minimum is not None and number < self.minimum:
            raise CellError(_("Moet minstens %(min)s zijn.") % {"min": self.minimum})
        if self.maximum is not None and number > self.maximum:
            raise CellError(_("Mag hoogstens %(max)s zijn.") % {"max": self.maximum})
        return number


class Year(Integer):
    hint = gettext_lazy("jaartal, bv. 1998")

    def __init__(self) -> None:
        super().__init__(minimum=1000, maximum=2999)

    def parse(self, text: str, context: Any) -> int:
        try:
            return super().parse(text, context)
        except CellError:
            raise CellError(_("Geen geldig jaartal (vier cijfers)."))


class Number(ColumnType):
    """A decimal number; accepts a comma as decimal separator (Dutch Excel)."""

    empty = None
    hint = gettext_lazy("getal, bv. 50,8503")

    def __init__(self, minimum: float | None = None, maximum: float | None = None) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def parse(self, text: str, context: Any) -> float:
        cleaned = text.replace(" ", "").replace("\u00a0", "").replace(",", ".")
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            raise CellError(_("Geen geldig getal."))
        if not number.is_finite():
            raise CellError(_("Geen geldig getal."))
        value = float(number)
        if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
            raise CellError(_("Moet tussen %(min)s en %(max)s liggen.") % {"min": self.minimum, "max": self.maximum})
        return value

    def format(self, value: Any) -> str:
        if value is None:
            return ""
        # Seven decimals is about a centimetre: enough for coordinates, and stable on a round trip.
        text = f"{float(value):.7f}".rstrip("0").rstrip(".")
        return text.replace(".", ",")


DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")


class Date(ColumnType):
    empty = None
    hint = gettext_lazy("datum: dd-mm-jjjj of jjjj-mm-dd")

    def parse(self, text: str, context: Any) -> datetime.date:
        candidate = text.split(" ")[0] if re.fullmatch(r"\d{4}-\d{2}-\d{2}[ T]00:00(:00)?", text) else text
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(candidate, pattern).date()
            except ValueError:
                continue
        raise CellError(_("Geen geldige datum; schrijf dd-mm-jjjj (bv. 31-12-2024) of jjjj-mm-dd."))

    def format(self, value: Any) -> str:
        return value.strftime("%d-%m-%Y") if value else ""


TRUE_WORDS = {"ja", "j", "yes", "y", "waar", "true", "1", "x", "oui"}
FALSE_WORDS = {"nee", "neen", "n", "no", "onwaar", "false", "0", "non"}


class Boolean(ColumnType):
    hint = gettext_lazy("ja of nee")

    def __init__(self, default: bool = False) -> None:
        self.empty = default

    def parse(self, text: str, context: Any) -> bool:
        word = text.strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise CellError(_("Schrijf ja of nee."))

    def format(self, value: Any) -> str:
        return _("ja") if value else _("nee")


class Choice(ColumnType):
    """One of a model field's choices, by its Dutch label or by its code."""

    def __init__(self, choices: Iterable[tuple[str, Any]], default: Any = "") -> None:
        self.choices = list(choices)
        self.empty = default
        self._labels: dict[str | None, dict[Any, str]] = {}

    @property
    def hint(self) -> str:  # type: ignore[override]
        return _("een van: %(labels)s") % {"labels": ", ".join(str(label) for _code, label in self.choices)}

    def parse(self, text: str, context: Any) -> str:
        wanted = " ".join(text.split()).casefold()
        for code, label in self.choices:
            if wanted in {str(code).casefold(), str(label).casefold()}:
                return code
        raise CellError(
            _("Onbekende waarde. Kies uit: %(labels)s.")
            % {"labels": ", ".join(str(label) for _code, label in self.choices)}
        )

    def format(self, value: Any) -> str:
        # Labels are lazy translations; resolve them once per language, not once per cell.
        language = get_language()
        labels = self._labels.get(language)
        if labels is None:
            labels = self._labels[language] = {code: str(label) for code, label in self.choices}
        if value in labels:
            return labels[value]
        return "" if value is None else str(value)


class Reference(ColumnType):
    """A pointer to another object by a stable identifier (a NIS code, a slug).

    `lookup(context)` returns the dict identifier → object, prefetched once per
    import; `identify(obj)` gives an object's identifier for export.
    """

    empty = None

    def __init__(
        self,
        *,
        lookup: Callable[[Any], dict[str, Any]],
        identify: Callable[[Any], str],
        unknown: str,
        hint: str,
        normalise: Callable[[str], str] = str.strip,
    ) -> None:
        self.lookup = lookup
        self.identify = identify
        self.unknown = unknown
        self.hint = hint
        self.normalise = normalise

    def parse(self, text: str, context: Any) -> Any:
        key = self.normalise(text)
        found = self.lookup(context).get(key)
        if found is None:
            raise CellError(str(self.unknown) % {"value": text})
        return found

    def format(self, value: Any) -> str:
        return self.identify(value) if value is not None else ""


class ReferenceList(ColumnType):
    """Several references in one cell, separated by commas or semicolons."""

    empty: Any = ()

    def __init__(self, item: Reference) -> None:
        self.item = item
        self.hint = _("%(item)s; meerdere gescheiden door komma's") % {"item": item.hint}

    def parse(self, text: str, context: Any) -> tuple:
        parts = [part for part in re.split(r"[,;]", text) if part.strip()]
        found = []
        for part in parts:
            value = self.item.parse(part, context)
            if value not in found:
                found.append(value)
        return tuple(found)

    def format(self, value: Any) -> str:
        return ", ".join(sorted(self.item.format(item) for item in value or ()))


@dataclass
class Column:
    """One column of an import definition.

    `key` names the value in the parsed row (and, usually, the service's data key);
    `label` is the Dutch header, identical in the template, the export and the
    import; `get(obj)` reads the current value from an existing object.
    """

    key: str
    label: str
    type: ColumnType = field(default_factory=Text)
    required: bool = False
    help: str = ""
    example: str = ""
    get: Callable[[Any], Any] | None = None
    #: Model field names whose validation errors belong to this column.
    fields: tuple[str, ...] = ()
    #: Exported for people to read (e.g. a municipality's name next to its NIS code); ignored on import.
    readonly: bool = False
    #: An empty cell keeps the current value instead of clearing it (e.g. the korte naam).
    blank_keeps: bool = False

    def value_of(self, obj: Any) -> Any:
        if self.get is not None:
            return self.get(obj)
        return getattr(obj, self.key)

    def text_of(self, obj: Any) -> str:
        return self.type.format(self.value_of(obj))

    @property
    def field_names(self) -> tuple[str, ...]:
        return self.fields or (self.key,)
