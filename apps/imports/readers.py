"""Reading uploaded tables (CSV and XLSX) the way people really make them.

CSV: `;`, `,`, tab or `|` separated (sniffed from the header line), encoded as
UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode text") or
Windows-1252 (Excel's "CSV" on a Dutch Windows). XLSX: the first sheet, with a
header row, read with openpyxl in read-only (streaming) mode.

Rows are yielded one at a time; no file is loaded whole. Everything that makes a
file unusable raises `FileRejected` with a specific Dutch message before a
single row is handed out.
"""

import codecs
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
CHUNK = 64 * 1024
DELIMITERS = (";", ",", "\t", "|")
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls (and .doc) container
# Control characters that never occur in a text table (tab, CR, LF are fine).
NON_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 met BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}


class FileRejected(Exception):
    """The file cannot be used; `messages` say why, in Dutch (one or more, e.g. per bad header column)."""

    def __init__(self, *messages: str) -> None:
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]

    @property
    def message(self) -> str:
        return " ".join(self.messages)


def max_bytes() -> int:
    return int(getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def human_size(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{max(size // 1024, 1)} kB"


@dataclass
class Table:
    """An opened table: its header, how it was read, and its rows (a one-shot iterator)."""

    format: str  # "csv" or "xlsx"
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number as the spreadsheet shows it, cells)
    encoding: str = ""
    delimiter: str = ""
    closers: list[Any] = field(default_factory=list)

    @property
    def encoding_label(self) -> str:
        return ENCODING_LABELS.get(self.encoding, self.encoding)

    @property
    def description(self) -> str:
        if self.format == "xlsx":
            return _("Excel-werkmap (XLSX)")
        if self.format == "jsonl":
            return _("JSON Lines (UTF-8)")
        names = {";": _("puntkomma"), ",": _("komma"), "\t": _("tab"), "|": _("verticale streep")}
        return _("CSV, %(encoding)s, gescheiden door %(delimiter)s") % {
            "encoding": self.encoding_label,
            "delimiter": names.get(self.delimiter, self.delimiter),
        }

    def close(self) -> None:
        for closer in self.closers:
            closer.close()


def file_size(fileobj: IO[bytes]) -> int:
    """The size in bytes, from the upload's own record or by seeking (never by reading)."""
    size = getattr(fileobj, "size", None)
    if size is not None:
        return int(size)
    position = fileobj.tell()
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(position)
    return size


def open_table(fileobj: IO[bytes], filename: str, *, known_headers: Iterable[str] = ()) -> Table:
    """Open an uploaded CSV or XLSX file; raise FileRejected when it is not a usable table.

    `known_headers` (the column labels the caller expects) helps choose the
    delimiter when the header line contains several candidates.
    """
    size = file_size(fileobj)
    limit = max_bytes()
    if size > limit:
        raise FileRejected(
            _("Het bestand is te groot (%(size)s); het maximum is %(limit)s.")
            % {"size": human_size(size), "limit": human_size(limit)}
        )
    if size == 0:
        raise FileRejected(_("Het bestand is leeg."))
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    name = (filename or "").lower()
    if head.startswith(ZIP_MAGIC) or name.endswith(".xlsx"):
        return _open_xlsx(fileobj, name)
    if name.endswith((".jsonl", ".ndjson")) or (not name.endswith((".csv", ".txt")) and head.lstrip()[:1] == b"{"):
        return _open_jsonl(fileobj)
    if head.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise FileRejected(
            _("Dit is een oud Excel-bestand (.xls). Bewaar het in Excel als .xlsx of als CSV en laad het opnieuw op.")
        )
    return _open_csv(fileobj, known_headers=known_headers)


# --- CSV ---------------------------------------------------------------------------


def detect_encoding(fileobj: IO[bytes]) -> str:
    """Decode the whole file once, chunk by chunk, strictly: UTF-16 (BOM), UTF-8, else Windows-1252.

    Also refuses files that are not text (NUL bytes, control characters).
    """
    fileobj.seek(0)
    start = fileobj.read(4)
    fileobj.seek(0)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        if b"\x00" in start:
            raise FileRejected(
                _("Dit is geen tekstbestand (het bevat binaire gegevens). Kies een CSV- of XLSX-bestand.")
            )
        candidates = ["utf-8-sig", "cp1252"]
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        fileobj.seek(0)
        try:
            while chunk := fileobj.read(CHUNK):
                if encoding != "utf-16" and b"\x00" in chunk:
                    raise FileRejected(
                        _("Dit is geen tekstbestand (het bevat binaire gegevens). Kies een CSV- of XLSX-bestand.")
                    )
                _check_text(decoder.decode(chunk))
            _check_text(decoder.decode(b"", final=True))
        except UnicodeDecodeError:
            continue
        fileobj.seek(0)
        if encoding == "utf-8-sig" and start.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        return "utf-8" if encoding == "utf-8-sig" else encoding
    raise FileRejected(
        _("De tekencodering van het bestand is onbekend. Bewaar het als CSV in UTF-8 of Windows-1252 (ANSI).")
    )


def _check_text(text: str) -> None:
    if NON_TEXT.search(text):
        raise FileRejected(_("Dit is geen tekstbestand (het bevat binaire gegevens). Kies een CSV- of XLSX-bestand."))


def _split_outside_quotes(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter, quotechar='"'), [])


def _first_record(text_stream: IO[str]) -> str:
    """The header record's raw text (it may span lines inside quotes)."""
    lines = []
    quotes = 0
    for line in text_stream:
        lines.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0 and line.strip("\r\n"):
            break
        if quotes % 2 == 0 and not line.strip("\r\n"):
            lines.clear()
    return "".join(lines).rstrip("\r\n")


def sniff_delimiter(header_line: str, known_headers: Iterable[str] = ()) -> str:
    """Choose the delimiter: the one under which most cells are known column labels, else the most frequent."""
    known = {normalise_label(label) for label in known_headers}

    def score(delimiter: str) -> tuple[int, int, int]:
        cells = _split_outside_quotes(header_line, delimiter)
        matches = sum(1 for cell in cells if normalise_label(cell) in known)
        preference = -DELIMITERS.index(delimiter)
        return (matches, len(cells), preference)

    return max(DELIMITERS, key=score)


def _open_csv(fileobj: IO[bytes], *, known_headers: Iterable[str]) -> Table:
    encoding = detect_encoding(fileobj)
    fileobj.seek(0)
    stream = io.TextIOWrapper(fileobj, encoding=encoding, newline="")
    # Detach (not close) when done: the caller's file stays open, e.g. to be stored after a dry run.
    releaser = _Detacher(stream)
    try:
        header_line = _first_record(stream)
        if not header_line.strip():
            raise FileRejected(_("Het bestand is leeg."))
        delimiter = sniff_delimiter(header_line, known_headers)
        stream.seek(0)
        reader = csv.reader(stream, delimiter=delimiter, quotechar='"', strict=False)
        try:
            header = _next_nonblank(reader)
        except csv.Error as exc:
            raise FileRejected(_("De kopregel van het bestand is onleesbaar: %(error)s") % {"error": exc})
        if header is None:
            raise FileRejected(_("Het bestand is leeg."))
    except FileRejected:
        releaser.close()
        raise

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for record in reader:
                number += 1
                if any(cell.strip() for cell in record):
                    yield number, record
        except csv.Error as exc:
            raise FileRejected(_("Rij %(row)s is onleesbaar: %(error)s") % {"row": number + 1, "error": exc})

    return Table(
        format="csv",
        header=[cell.strip() for cell in header],
        rows=rows(),
        encoding=encoding,
        delimiter=delimiter,
        closers=[releaser],
    )


class _Detacher:
    def __init__(self, stream: io.TextIOWrapper) -> None:
        self.stream: io.TextIOWrapper | None = stream

    def close(self) -> None:
        if self.stream is not None:
            self.stream.detach()
            self.stream = None


def _next_nonblank(reader) -> list[str] | None:
    for record in reader:
        if any(cell.strip() for cell in record):
            return record
    return None


# --- JSON Lines ----------------------------------------------------------------------


def _jsonl_records(fileobj: IO[bytes]) -> Iterator[tuple[int, dict]]:
    """(line number, object) for every non-blank line; FileRejected on a line that is not a JSON object."""
    fileobj.seek(0)
    number = 0
    for raw in fileobj:
        number += 1
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise FileRejected(_("Regel %(row)s is geen UTF-8; bewaar JSON Lines in UTF-8.") % {"row": number})
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise FileRejected(_("Regel %(row)s is geen geldige JSON: %(error)s") % {"row": number, "error": exc})
        if not isinstance(record, dict):
            raise FileRejected(_("Regel %(row)s is geen JSON-object ({…}).") % {"row": number})
        yield number, record


def _json_cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_json_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return cell_text(value)


def _open_jsonl(fileobj: IO[bytes]) -> Table:
    """JSON Lines: one object per line; the header is every key, in order of first appearance."""
    header: dict[str, None] = {}
    for _number, record in _jsonl_records(fileobj):
        for key in record:
            header.setdefault(str(key), None)
    if not header:
        raise FileRejected(_("Het bestand is leeg."))
    keys = list(header)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, record in _jsonl_records(fileobj):
            yield number, [_json_cell(record.get(key)) for key in keys]

    return Table(format="jsonl", header=keys, rows=rows(), encoding="utf-8")


# --- XLSX ---------------------------------------------------------------------------


def _open_xlsx(fileobj: IO[bytes], name: str) -> Table:
    from openpyxl import load_workbook

    fileobj.seek(0)
    if not zipfile.is_zipfile(fileobj):
        raise FileRejected(
            _("Dit is geen geldig Excel-bestand (XLSX): het bestand is beschadigd of van een ander type.")
        )
    fileobj.seek(0)
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a zip that is not a workbook
        raise FileRejected(
            _("Dit is geen geldig Excel-bestand (XLSX): het bestand is beschadigd of van een ander type.")
        )
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    if sheet is None:
        workbook.close()
        raise FileRejected(_("Het Excel-bestand bevat geen werkblad."))
    values = sheet.iter_rows(values_only=True)
    header = None
    number = 0
    for raw in values:
        number += 1
        cells = [cell_text(value) for value in raw]
        if any(cells):
            header = cells
            break
    if header is None:
        workbook.close()
        raise FileRejected(_("Het bestand is leeg."))

    def rows() -> Iterator[tuple[int, list[str]]]:
        row_number = number
        for raw in values:
            row_number += 1
            cells = [cell_text(value) for value in raw]
            if any(cell.strip() for cell in cells):
                yield row_number, cells

    return Table(format="xlsx", header=[cell.strip() for cell in header], rows=rows(), closers=[workbook])


def cell_text(value: Any) -> str:
    """An Excel cell as the text a person would type: dates as yyyy-mm-dd, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0, 0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def normalise_label(label: str) -> str:
    """Header labels match case-insensitively and ignore surrounding and repeated spaces."""
    return " ".join(str(label).replace("\ufeff", "").split()).casefold()
