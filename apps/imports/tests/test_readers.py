"""The reader: files as people make them, and files that must be refused."""

import codecs
import csv
import io
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from apps.imports.readers import FileRejected, open_table

pytestmark = pytest.mark.sqlite_only

HEADER = ["Naam", "Korte naam", "NIS-code"]


def rows_of(table):
    return [cells for _number, cells in table.rows]


@pytest.mark.parametrize(
    ("encoding", "bom", "label"),
    [("utf-8", b"", "UTF-8"), ("utf-8", codecs.BOM_UTF8, "UTF-8 met BOM"), ("cp1252", b"", "Windows-1252")],
)
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_encodings_and_delimiters(encoding, bom, label, delimiter):
    text = delimiter.join(HEADER) + "\r\n" + delimiter.join(["Zaventem – Wézembeek", "zaventem", "23094"]) + "\r\n"
    table = open_table(io.BytesIO(bom + text.encode(encoding)), "x.csv", known_headers=HEADER)
    assert table.header == HEADER
    assert table.delimiter == delimiter
    assert table.encoding_label == label
    assert rows_of(table) == [["Zaventem – Wézembeek", "zaventem", "23094"]]


def test_row_numbers_follow_the_spreadsheet_and_skip_blank_lines():
    data = b"Naam;NIS-code\r\nA;1\r\n;\r\nB;2\r\n"
    table = open_table(io.BytesIO(data), "x.csv")
    assert list(table.rows) == [(2, ["A", "1"]), (4, ["B", "2"])]


def test_quoted_field_with_delimiter_newline_and_quote():
    data = b'Naam;Omschrijving\r\n"Bib; Rode";"lijn 1\nlijn ""2"""\r\n'
    table = open_table(io.BytesIO(data), "x.csv")
    assert rows_of(table) == [["Bib; Rode", 'lijn 1\nlijn "2"']]


def test_utf16_from_excel_unicode_text():
    data = "Naam\tNIS-code\r\nCoördinatie\t23101\r\n".encode("utf-16")
    table = open_table(io.BytesIO(data), "x.txt")
    assert table.delimiter == "\t"
    assert rows_of(table) == [["Coördinatie", "23101"]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"\r\n\r\n", "Het bestand is leeg."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "geen tekstbestand"),
        (b"Naam;NIS\r\nabc\x01def;1\r\n", "geen tekstbestand"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud Excel-bestand"),
        (b"Naam;NIS\r\nBib \x81;1\r\n", "tekencodering"),
    ],
)
def test_bad_files_are_refused_with_a_dutch_message(content, message):
    with pytest.raises(FileRejected) as info:
        open_table(io.BytesIO(content), "bestand.csv")
    assert message in info.value.message


def test_xlsx_that_is_not_a_zip():
    with pytest.raises(FileRejected) as info:
        open_table(io.BytesIO(b"Naam;NIS\r\n"), "bestand.xlsx")
    assert "geen geldig Excel-bestand" in info.value.message


def test_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hallo.txt", "geen werkmap")
    buffer.seek(0)
    with pytest.raises(FileRejected) as info:
        open_table(buffer, "bestand.csv")
    assert "geen geldig Excel-bestand" in info.value.message


class CountingFile(io.RawIOBase):
    """A seekable file of `size` bytes that records how much was read."""

    def __init__(self, size: int) -> None:
        self.size_ = size
        self.position = 0
        self.bytes_read = 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, offset, whence=io.SEEK_SET):
        self.position = {io.SEEK_SET: offset, io.SEEK_CUR: self.position + offset, io.SEEK_END: self.size_ + offset}[
            whence
        ]
        return self.position

    def tell(self):
        return self.position

    def readinto(self, buffer):
        n = max(0, min(len(buffer), self.size_ - self.position))
        buffer[:n] = b"a" * n
        self.position += n
        self.bytes_read += n
        return n


def test_a_50_mb_file_is_refused_without_reading_it():
    big = CountingFile(50 * 1024 * 1024)
    with pytest.raises(FileRejected) as info:
        open_table(big, "groot.csv")
    assert "te groot (50 MB)" in info.value.message
    assert "maximum is 20 MB" in info.value.message
    assert big.bytes_read == 0


def test_limit_follows_the_setting(settings):
    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(FileRejected):
        open_table(io.BytesIO(b"Naam;NIS\r\nA;1\r\n"), "x.csv")


def _xlsx(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_xlsx_with_header_numbers_and_dates():
    import datetime

    buffer = _xlsx(
        [HEADER + ["Lid vanaf"], ["Rode", "rode", 23101, datetime.datetime(2020, 1, 1)], [None, None, None, None]]
    )
    table = open_table(buffer, "lijst.xlsx")
    assert table.format == "xlsx"
    assert table.header == HEADER + ["Lid vanaf"]
    assert rows_of(table) == [["Rode", "rode", "23101", "2020-01-01"]]


def test_empty_xlsx():
    with pytest.raises(FileRejected) as info:
        open_table(_xlsx([]), "leeg.xlsx")
    assert "leeg" in info.value.message


# --- hypothesis: what csv writes, with any delimiter and encoding, reads back the same -------------

CP1252_TEXT = st.text(
    alphabet=st.characters(codec="cp1252", exclude_categories=("Cc", "Cs")) | st.sampled_from(list(';,"\n\t')),
    max_size=20,
)


@given(
    rows=st.lists(st.lists(CP1252_TEXT, min_size=3, max_size=3), min_size=1, max_size=8),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
)
def test_csv_round_trip(rows, delimiter, encoding, quoting):
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    table = open_table(io.BytesIO(buffer.getvalue().encode(encoding)), "x.csv", known_headers=HEADER)
    assert table.header == HEADER
    assert table.delimiter == delimiter
    assert rows_of(table) == rows
