"""The generic import engine: definitions, and one run that serves dry-run and commit alike.

An app registers an `ImportDefinition` per importable model (see
apps/registry/importers.py). `run_import` reads the file row by row, parses
every cell, finds the existing object by its natural key, compares, and for
rows that create or change something calls the definition's `save` — the
app's own service — inside a savepoint. The whole run is one transaction: a
dry run always rolls it back, a commit keeps it only when no row failed. So a
dry run reports exactly the errors a commit would meet, and a commit is all or
nothing.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, ClassVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from .columns import CellError, Column
from .readers import FileRejected, Table, normalise_label, open_table

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


class ImportContext:
    """Per-run state: the actor, lookups prefetched once, and anything a definition caches."""

    def __init__(self, *, actor: Any, reason: str = "") -> None:
        self.actor = actor
        self.reason = reason
        self.cache: dict[str, Any] = {}

    def cached(self, name: str, load: Callable[[], Any]) -> Any:
        if name not in self.cache:
            self.cache[name] = load()
        return self.cache[name]


class ImportDefinition(ABC):
    """What can be imported for one model. Subclass, fill in, and `register()` an instance.

    - `columns`: the columns, in the order of the template and the export;
    - `natural_key(values)`: a tuple that identifies the row's object (matching is
      case-insensitive for text), `existing(context)`: dict natural key → object;
    - `save(context, instance, values)`: create (instance None) or change it through
      the app's service; raise ValidationError with Dutch messages;
    - `export_queryset(user)`, `filterset_class`: what an export shows.
    """

    key: ClassVar[str] = ""
    label: ClassVar[str] = ""
    description: ClassVar[str] = ""
    columns: ClassVar[list[Column]] = []
    import_permission: ClassVar[str] = "imports.run_import"
    #: When > 0, rows to save are handed to `save_batch` this many at a time instead of `save` one by one.
    batch_size: ClassVar[int] = 0
    export_permission: ClassVar[str] = "imports.run_import"
    filterset_class: ClassVar[Any] = None

    # --- to implement -------------------------------------------------------------
    @abstractmethod
    def natural_key(self, values: dict[str, Any]) -> tuple:
        """The identity of a parsed row (text parts casefolded)."""

    @abstractmethod
    def existing(self, context: ImportContext) -> dict[tuple, Model]:
        """Every existing object by its natural key, loaded in a few queries."""

    @abstractmethod
    def save(self, context: ImportContext, instance: Model | None, values: dict[str, Any]) -> Model:
        """Create or change one object through the app's service."""

    @abstractmethod
    def export_queryset(self, user: Any) -> QuerySet:
        """What `user` may export, before filters, with what `columns` read prefetched."""

    def natural_key_of(self, obj: Model) -> tuple:
        return self.natural_key({column.key: column.value_of(obj) for column in self.columns})

    # --- shared behaviour ---------------------------------------------------------
    def key_label(self, values: dict[str, Any]) -> str:
        """How a row's object is named on the dry-run screen."""
        parts = []
        for column in self.columns:
            if column.required and not column.readonly and values.get(column.key) not in (None, ""):
                parts.append(column.type.format(values[column.key]))
            if len(parts) == 2:
                break
        return " · ".join(parts)

    def save_batch(self, context: ImportContext, rows: list["PendingRow"]) -> dict[int, ValidationError]:
        """Save many rows at once; return the rows refused, by row number (the others set `row.obj`).

        Only definitions with `batch_size` use it. It must apply the same rules as
        `save`; the default simply calls `save` per row, each in its own savepoint.
        """
        refused: dict[int, ValidationError] = {}
        for row in rows:
            try:
                with transaction.atomic():
                    row.obj = self.save(context, row.instance, row.values)
            except ValidationError as exc:
                refused[row.number] = exc
        return refused

    def column_for_field(self, name: str) -> Column | None:
        for column in self.columns:
            if name in column.field_names:
                return column
        return None

    def after_save(self, context: ImportContext, obj: Model, values: dict[str, Any]) -> None:  # noqa: B027
        """Update the run's lookups with a created object (so later rows can refer to it)."""

    @property
    def labels(self) -> list[str]:
        return [str(column.label) for column in self.columns]


_REGISTRY: dict[str, ImportDefinition] = {}


def register(definition: ImportDefinition) -> ImportDefinition:
    _REGISTRY[definition.key] = definition
    return definition


def get_definition(key: str) -> ImportDefinition | None:
    return _REGISTRY.get(key)


def definitions() -> list[ImportDefinition]:
    return list(_REGISTRY.values())


def definition_choices() -> list[tuple[str, str]]:
    return [(definition.key, definition.label) for definition in _REGISTRY.values()]


# --- Results ------------------------------------------------------------------------


@dataclass
class ImportResult:
    """The outcome of a run, JSON-serialisable through `as_dict`."""

    counts: dict[str, int] = field(default_factory=lambda: {CREATE: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0})
    errors: list[dict[str, Any]] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)
    rows: int = 0
    file_description: str = ""
    encoding: str = ""
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, row: int | None, column: str, value: str, message: str) -> None:
        self.errors.append({"row": row, "column": str(column), "value": str(value), "message": str(message)})

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": dict(self.counts),
            "errors": self.errors,
            "changes": self.changes,
            "rows": self.rows,
            "file_description": self.file_description,
            "encoding": self.encoding,
            "committed": self.committed,
        }


def max_stored_changes() -> int:
    return int(getattr(settings, "IMPORT_MAX_STORED_CHANGES", 5000))


# --- Header --------------------------------------------------------------------------


def map_header(definition: ImportDefinition, header: list[str]) -> list[tuple[int, Column]]:
    """Match the file's header to the definition's columns; FileRejected lists every problem."""
    by_label = {normalise_label(column.label): column for column in definition.columns}
    by_label.update({normalise_label(column.key): column for column in definition.columns})
    problems: list[str] = []
    mapping: list[tuple[int, Column]] = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(header):
        label = normalise_label(raw)
        if not label:
            continue
        column = by_label.get(label)
        if column is None:
            problems.append(_("Onbekende kolom ‘%(column)s’.") % {"column": raw.strip()})
            continue
        if column.key in seen:
            problems.append(_("Kolom ‘%(column)s’ staat twee keer in de kopregel.") % {"column": column.label})
            continue
        seen[column.key] = raw
        mapping.append((index, column))
    for column in definition.columns:
        if column.required and not column.readonly and column.key not in seen:
            problems.append(_("Kolom ‘%(column)s’ ontbreekt.") % {"column": column.label})
    if problems:
        problems.append(
            _("Verwachte kolommen: %(columns)s.") % {"columns": ", ".join(f"‘{label}’" for label in definition.labels)}
        )
        raise FileRejected(*problems)
    return mapping


def open_for(definition: ImportDefinition, fileobj: IO[bytes], filename: str) -> tuple[Table, list[tuple[int, Column]]]:
    table = open_table(fileobj, filename, known_headers=definition.labels)
    try:
        mapping = map_header(definition, table.header)
    except FileRejected:
        table.close()
        raise
    return table, mapping


# --- The run ---------------------------------------------------------------------------


@dataclass
class PendingRow:
    """A row that creates or changes an object, waiting for `save_batch`."""

    number: int
    instance: Model | None
    values: dict[str, Any]
    texts: dict[str, str]
    action: str
    diff: list[list[str]]
    obj: Model | None = None


class _Rollback(Exception):
    """Leaves the run's transaction without keeping anything."""


def run_import(
    *,
    definition: ImportDefinition,
    fileobj: IO[bytes],
    filename: str,
    actor: Any,
    commit: bool,
    reason: str = "",
    on_progress: Callable[[int], None] | None = None,
    progress_every: int = 250,
) -> ImportResult:
    """Read, validate and (when `commit` and there is no error) save every row, atomically.

    Raises FileRejected when the file as a whole is unusable; row problems are
    returned in `result.errors`. The database is left as before unless
    `result.committed`.
    """
    table, mapping = open_for(definition, fileobj, filename)
    result = ImportResult(file_description=table.description, encoding=table.encoding_label)
    context = ImportContext(actor=actor, reason=reason or _("Import uit ‘%(file)s’") % {"file": filename})
    try:
        with transaction.atomic():
            processor = _RowProcessor(definition, mapping, context, result)
            for number, cells in table.rows:
                processor.process(number, cells)
                if on_progress and result.rows % progress_every == 0:
                    on_progress(result.rows)
            processor.flush()
            result.errors.sort(key=lambda error: error["row"] or 0)
            if result.rows == 0:
                raise FileRejected(_("Het bestand bevat een kopregel maar geen gegevens."))
            if not commit or result.errors:
                raise _Rollback
            result.committed = True
    except _Rollback:
        pass
    finally:
        table.close()
    if on_progress:
        on_progress(result.rows)
    return result


class _RowProcessor:
    def __init__(
        self,
        definition: ImportDefinition,
        mapping: list[tuple[int, Column]],
        context: ImportContext,
        result: ImportResult,
    ) -> None:
        self.definition = definition
        self.mapping = mapping
        self.present = {column.key for _index, column in mapping if not column.readonly}
        self.context = context
        self.result = result
        self.existing = definition.existing(context)
        self.seen_keys: dict[tuple, tuple[int, tuple[str, ...]]] = {}
        self.change_limit = max_stored_changes()
        self.pending: list[PendingRow] = []
        # Labels are lazy translations: resolve each once per run, not once per cell.
        self.labels = {column.key: str(column.label) for column in definition.columns}

    def process(self, number: int, cells: list[str]) -> None:
        result = self.result
        result.rows += 1
        texts = {column.key: (cells[index].strip() if index < len(cells) else "") for index, column in self.mapping}
        values, ok = self._parse(number, texts)
        if not ok:
            result.counts[ERROR] += 1
            return
        key = self.definition.natural_key(values)
        if self._is_duplicate(number, key, texts, values):
            result.counts[ERROR] += 1
            return
        instance = self.existing.get(key)
        if instance is not None:
            diff = self._diff(instance, values, texts)
            if not diff:
                result.counts[UNCHANGED] += 1
                return
            action = UPDATE
        else:
            # A new object's fields are shown as typed (cheap; formatting every cell costs on big files).
            diff = [
                [self.labels[column.key], "", texts[column.key]]
                for column in self._present_columns()
                if texts[column.key]
            ]
            action = CREATE
        if self.definition.batch_size:
            self.pending.append(PendingRow(number, instance, values, texts, action, diff))
            if len(self.pending) >= self.definition.batch_size:
                self.flush()
            return
        if not self._save(number, instance, values, texts):
            result.counts[ERROR] += 1
            return
        self._record(number, action, values, diff)

    def _record(self, number: int, action: str, values: dict[str, Any], diff: list[list[str]]) -> None:
        result = self.result
        result.counts[action] += 1
        if len(result.changes) < self.change_limit:
            result.changes.append(
                {"row": number, "action": action, "object": str(self.definition.key_label(values)), "diff": diff}
            )

    def flush(self) -> None:
        """Hand the waiting rows to the definition's batch save (in one savepoint)."""
        if not self.pending:
            return
        rows, self.pending = self.pending, []
        with transaction.atomic():
            refused = self.definition.save_batch(self.context, rows)
        for row in rows:
            if row.number in refused:
                self._report_validation(row.number, refused[row.number], row.texts)
                self.result.counts[ERROR] += 1
                continue
            self.existing[self.definition.natural_key(row.values)] = row.obj
            self.definition.after_save(self.context, row.obj, row.values)
            self._record(row.number, row.action, row.values, row.diff)

    def _present_columns(self) -> Iterator[Column]:
        return (column for column in self.definition.columns if column.key in self.present)

    def _parse(self, number: int, texts: dict[str, str]) -> tuple[dict[str, Any], bool]:
        values: dict[str, Any] = {}
        ok = True
        for column in self.definition.columns:
            if column.key not in self.present:
                continue
            text = texts[column.key]
            if not text:
                if column.required:
                    self.result.add_error(number, self.labels[column.key], "", _("Dit veld is verplicht."))
                    ok = False
                values[column.key] = column.type.empty
                continue
            try:
                values[column.key] = column.type.parse(text, self.context)
            except CellError as exc:
                self.result.add_error(number, self.labels[column.key], text, exc.message)
                ok = False
        return values, ok

    def _is_duplicate(self, number: int, key: tuple, texts: dict[str, str], values: dict[str, Any]) -> bool:
        fingerprint = tuple(texts[column.key] for _index, column in self.mapping if not column.readonly)
        earlier = self.seen_keys.get(key)
        if earlier is None:
            self.seen_keys[key] = (number, fingerprint)
            return False
        earlier_number, earlier_fingerprint = earlier
        if earlier_fingerprint == fingerprint:
            message = _("Rij %(row)s is een dubbel van rij %(earlier)s.") % {"row": number, "earlier": earlier_number}
        else:
            message = _(
                "Rij %(row)s gaat over hetzelfde als rij %(earlier)s (%(object)s); "
                "een bestand mag elk object maar één keer bevatten."
            ) % {"row": number, "earlier": earlier_number, "object": str(self.definition.key_label(values))}
        self.result.add_error(number, "", "", message)
        return True

    def _diff(self, instance: Model, values: dict[str, Any], texts: dict[str, str]) -> list[list[str]]:
        diff = []
        for column in self._present_columns():
            if column.blank_keeps and not texts[column.key]:
                continue
            old = column.text_of(instance)
            new = column.type.format(values[column.key])
            if old != new:
                diff.append([self.labels[column.key], old, new])
        return diff

    def _save(self, number: int, instance: Model | None, values: dict[str, Any], texts: dict[str, str]) -> bool:
        full_values = dict(values)
        try:
            with transaction.atomic():
                obj = self.definition.save(self.context, instance, full_values)
        except ValidationError as exc:
            self._report_validation(number, exc, texts)
            return False
        except DatabaseError as exc:
            self.result.add_error(
                number, "", "", _("De databank weigerde deze rij: %(error)s") % {"error": str(exc).splitlines()[0]}
            )
            return False
        key = self.definition.natural_key(values)
        self.existing[key] = obj
        self.definition.after_save(self.context, obj, values)
        return True

    def _report_validation(self, number: int, exc: ValidationError, texts: dict[str, str]) -> None:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                column = self.definition.column_for_field(name) if name != NON_FIELD_ERRORS else None
                label = column.label if column else ""
                value = texts.get(column.key, "") if column else ""
                for error in errors:
                    for message in error.messages:
                        self.result.add_error(number, label, value, message)
        else:
            for message in exc.messages:
                self.result.add_error(number, "", "", message)


# --- Export ------------------------------------------------------------------------------


def export_rows(definition: ImportDefinition, queryset: QuerySet) -> Iterator[list[str]]:
    """The rows of an export: the import's columns, formatted exactly as import reads them."""
    # iterator() with a chunk size streams the rows and still honours prefetch_related per chunk.
    for obj in queryset.iterator(chunk_size=2000):
        yield [column.text_of(obj) for column in definition.columns]
