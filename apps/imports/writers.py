"""Writing exports and templates in the formats that import reads back.

CSV: UTF-8 with a BOM and `;` as separator, which is what Excel on a Dutch or
Belgian Windows opens without a text-import wizard. XLSX: one sheet with a bold
header row (openpyxl write-only, so large exports stream); a template adds a
second sheet that explains every column.
"""

import codecs
import csv
import io
import tempfile
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from .engine import ImportDefinition

CSV_DELIMITER = ";"


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(header: list[str], rows: Iterable[list[str]]) -> Iterator[bytes]:
    """A CSV file, piece by piece: BOM, header, then the rows (for a streaming response)."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    yield codecs.BOM_UTF8 + writer.writerow(header).encode("utf-8")
    buffer: list[str] = []
    for row in rows:
        buffer.append(writer.writerow(row))
        if len(buffer) >= 500:
            yield "".join(buffer).encode("utf-8")
            buffer.clear()
    if buffer:
        yield "".join(buffer).encode("utf-8")


def csv_bytes(header: list[str], rows: Iterable[list[str]]) -> bytes:
    return b"".join(csv_chunks(header, rows))


def xlsx_bytes(
    header: list[str], rows: Iterable[list[str]], *, sheet_title: str, notes: list[list[str]] | None = None
) -> bytes:
    """An XLSX workbook with the rows as text cells (so NIS codes and postcodes keep their digits)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_safe_title(sheet_title))
    bold = Font(bold=True)

    def header_cells(labels: list[str]) -> list:
        cells = []
        for label in labels:
            cell = WriteOnlyCell(sheet, value=label)
            cell.font = bold
            cells.append(cell)
        return cells

    sheet.append(header_cells(header))
    for row in rows:
        sheet.append([value if value != "" else None for value in row])
    if notes:
        explanation = workbook.create_sheet(title=_safe_title(_("Toelichting")))
        explanation.append(header_cells([_("Kolom"), _("Verplicht"), _("Formaat"), _("Uitleg"), _("Voorbeeld")]))
        for note in notes:
            explanation.append(note)
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as spool:
        workbook.save(spool)
        spool.seek(0)
        return spool.read()


def _safe_title(title: str) -> str:
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31] or "Blad1"


def template_notes(definition: ImportDefinition) -> list[list[str]]:
    notes = []
    for column in definition.columns:
        notes.append(
            [
                str(column.label),
                _("ja") if column.required else _("nee"),
                str(column.type.hint),
                str(column.help),
                column.example,
            ]
        )
    return notes


def template_file(definition: ImportDefinition, file_format: str) -> bytes:
    """An empty file with the header row (and, for XLSX, a sheet explaining the columns)."""
    if file_format == "xlsx":
        return xlsx_bytes(definition.labels, [], sheet_title=str(definition.label), notes=template_notes(definition))
    return csv_bytes(definition.labels, [])


def as_file(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)
