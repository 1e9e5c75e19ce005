"""The import pages as a person uses them, and who is refused."""

import datetime

import pytest
from django.urls import reverse

from apps.imports.models import ImportJob
from apps.registry.models import Library, Organisation

from .conftest import make_csv, upload
from .test_registry_imports import LIB_HEADER, registry_checksum

EXCEL_HEADER = ["Naam", "Korte naam", "Status", "NIS-code", "Bestuursvorm", "Wettelijke bibliotheek", "Opgericht in"]


def excel_csv(rows) -> bytes:
    """What Excel on a Belgian Windows writes for "CSV (gescheiden door lijstscheidingsteken)"."""
    return make_csv(EXCEL_HEADER, rows, delimiter=";", encoding="cp1252")


GOOD_ROWS = [
    ["Bibliotheek Sint-Genesius-Rode — Coördinatie", "", "Actief", "23101", "Gemeentelijk", "ja", "1978"],
    ["Zaventem – Wézembeek", "zaventem-wezembeek", "Actief", "23094", "Intergemeentelijk", "ja", "1985"],
    ["Bibliotheek Kraainem", "", "Gepland", "23099", "Gemeentelijk", "nee", ""],
]
BAD_ROWS = [
    ["Bibliotheek Sint-Genesius-Rode — Coördinatie", "", "Actief", "99999", "Gemeentelijk", "ja", "1978"],
    ["Zaventem – Wézembeek", "zaventem-wezembeek", "Actief", "23094", "Intergemeentelijk", "misschien", "1985"],
    ["Bibliotheek Kraainem", "", "Gepland", "23099", "Gemeentelijk", "nee", "198x"],
]


def post_upload(client, content: bytes, *, model="libraries", name="bibliotheken.csv"):
    return client.post(reverse("imports:upload"), {"model": model, "file": upload(content, name)})


@pytest.mark.django_db
def test_excel_csv_with_three_bad_rows_then_fixed_then_exported_and_reimported(cell_client, reference_data):
    # given a CSV saved from Excel with three bad rows
    before = Organisation.objects.count()
    response = post_upload(cell_client, excel_csv(BAD_ROWS))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    page = cell_client.get(job.get_absolute_url()).content.decode()
    # then the dry run lists each error with its row number, column and value, and offers no import
    assert job.status == ImportJob.Status.INVALID
    assert job.error_rows == 3
    assert {(e["row"], e["column"]) for e in job.errors} == {
        (2, "NIS-code"),
        (3, "Wettelijke bibliotheek"),
        (4, "Opgericht in"),
    }
    assert "Onbekende NIS-code 99999." in page
    assert "Windows-1252" in page
    assert "Importeren</button>" not in page
    assert cell_client.post(reverse("imports:job_commit", args=[job.uuid])).status_code == 302
    assert Organisation.objects.count() == before

    # when the fixed file is uploaded and imported
    post_upload(cell_client, excel_csv(GOOD_ROWS))
    job = ImportJob.objects.latest("created_at")
    assert (job.to_create, job.to_update, job.unchanged, job.error_rows) == (3, 0, 0, 0)
    page = cell_client.get(job.get_absolute_url()).content.decode()
    assert "Importeren</button>" in page and "Zaventem – Wézembeek" in page
    cell_client.post(reverse("imports:job_commit", args=[job.uuid]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.COMMITTED
    assert Organisation.objects.count() == before + 3
    rode = Library.objects.get(organisation__name="Bibliotheek Sint-Genesius-Rode — Coördinatie")
    assert rode.organisation.municipality.code == "23101"
    assert list(rode.municipalities_served.values_list("code", flat=True)) == ["23101"]

    # then the export of the filtered list re-imports unchanged
    response = cell_client.get(reverse("imports:export", args=["libraries"]), {"q": "Bibliotheek", "export": "csv"})
    exported = b"".join(response.streaming_content)
    assert exported.startswith(b"\xef\xbb\xbfNaam;Korte naam;")
    assert "Zaventem – Wézembeek".encode() not in exported  # filtered out by q=Bibliotheek
    assert b"Bibliotheek Kraainem" in exported
    post_upload(cell_client, exported, name="export.csv")
    job = ImportJob.objects.latest("created_at")
    assert (job.to_create, job.to_update, job.error_rows) == (0, 0, 0)
    assert job.unchanged >= 2


@pytest.mark.django_db
def test_xlsx_export_reimports_unchanged(cell_client, reference_data):
    post_upload(cell_client, excel_csv(GOOD_ROWS))
    cell_client.post(reverse("imports:job_commit", args=[ImportJob.objects.get().uuid]))
    response = cell_client.get(reverse("imports:export", args=["libraries"]), {"export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    post_upload(cell_client, response.content, name="export.xlsx")
    job = ImportJob.objects.latest("created_at")
    assert (job.to_create, job.to_update, job.error_rows) == (0, 0, 0)
    assert job.file_description == "Excel-werkmap (XLSX)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "leeg.csv", "Het bestand is leeg."),
        (b"\x00\x01\x02binair" * 10, "foto.csv", "geen tekstbestand"),
        (b"niet;een;zip", "lijst.xlsx", "geen geldig Excel-bestand"),
        (b"Naam;Xyz\r\nA;b\r\n", "kop.csv", "Onbekende kolom ‘Xyz’."),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(cell_client, units, content, name, message):
    response = post_upload(cell_client, content, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_an_oversized_body_is_refused_before_it_is_read(cell_client, settings, units):
    settings.IMPORT_MAX_BYTES = 1000
    content = make_csv(LIB_HEADER, [["Bibliotheek", "", "Actief", "98101", "Gemeentelijk", "ja", ""]] * 8000)
    response = post_upload(cell_client, content)
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_a_file_changed_between_dry_run_and_commit_is_refused(cell_client, units):
    post_upload(cell_client, make_csv(LIB_HEADER, [["Bib Rode", "", "Actief", "98101", "Gemeentelijk", "ja", ""]]))
    job = ImportJob.objects.get()
    with open(job.file.path, "ab") as handle:
        handle.write(b"Bib Extra;;Actief;98101;Gemeentelijk;ja;\r\n")
    response = cell_client.post(reverse("imports:job_commit", args=[job.uuid]), follow=True)
    assert "gewijzigd sinds de controle" in response.content.decode()
    assert not Organisation.objects.filter(name__startswith="Bib ").exists()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED


@pytest.mark.django_db
def test_large_files_commit_as_a_background_task_with_progress(cell_client, settings, units):
    settings.IMPORT_INLINE_MAX_ROWS = 1
    rows = [[f"Bib {n}", "", "Actief", "98101", "Gemeentelijk", "ja", ""] for n in range(3)]
    post_upload(cell_client, make_csv(LIB_HEADER, rows))
    job = ImportJob.objects.get()
    cell_client.post(reverse("imports:job_commit", args=[job.uuid]))
    job.refresh_from_db()
    # the immediate task backend (tests) has run the task already
    assert job.status == ImportJob.Status.COMMITTED
    assert job.progress is not None and job.progress.status == "done"
    assert Organisation.objects.filter(name__startswith="Bib ").count() == 3
    status = cell_client.get(reverse("imports:job_status", args=[job.uuid]), HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true"


@pytest.mark.django_db
def test_pages_and_templates(cell_client, units):
    assert cell_client.get(reverse("imports:upload")).status_code == 200
    assert cell_client.get(reverse("imports:job_list")).status_code == 200
    csv_template = cell_client.get(reverse("imports:template", args=["branches", "csv"]))
    assert csv_template.content.decode("utf-8-sig").startswith("Bibliotheek;Naam;Hoofdbibliotheek;")
    xlsx_template = cell_client.get(reverse("imports:template", args=["memberships", "xlsx"]))
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(xlsx_template.content))
    assert workbook.sheetnames[1] == "Toelichting"
    assert [c.value for c in next(workbook.worksheets[0].iter_rows())][:2] == ["Samenwerkingsverband", "Bibliotheek"]


# --- refusals: nothing changes ------------------------------------------------------------------------


@pytest.mark.django_db
def test_library_staff_and_anonymous_are_refused_and_nothing_changes(library_client, anon_client, cell_staff, units):
    content = make_csv(LIB_HEADER, [["Bib Rode", "", "Actief", "98101", "Gemeentelijk", "ja", ""]])
    before = registry_checksum()
    assert post_upload(library_client, content).status_code == 403
    response = post_upload(anon_client, content)
    assert response.status_code == 302 and "/account/" in response["Location"]
    assert library_client.get(reverse("imports:upload")).status_code == 403
    assert library_client.get(reverse("imports:job_list")).status_code == 403
    assert ImportJob.objects.count() == 0
    # a job checked by the cell cannot be committed by library staff
    from apps.imports.services import import_job_create

    job = import_job_create(actor=cell_staff, definition_key="libraries", upload=upload(content))
    assert library_client.post(reverse("imports:job_commit", args=[job.uuid])).status_code == 403
    assert library_client.get(job.get_absolute_url()).status_code == 403
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED
    assert registry_checksum() == before


@pytest.mark.django_db
def test_export_needs_the_definitions_permission(citizen_client, anon_client, library_client, units):
    url = reverse("imports:export", args=["contacts"])
    assert citizen_client.get(url).status_code == 403
    assert anon_client.get(url).status_code == 302
    # library staff may export the registry, but see no contacts of organisations they do not work for
    from apps.registry.tests.factories import ContactFactory

    ContactFactory(first_name="Geheim", organisation__municipality=units["rode"])
    response = library_client.get(url)
    assert response.status_code == 200
    assert "Geheim" not in b"".join(response.streaming_content).decode("utf-8-sig")


def test_date_parsing_accepts_both_orders():
    from apps.imports.columns import CellError, Date

    assert Date().parse("31-12-2024", None) == datetime.date(2024, 12, 31)
    assert Date().parse("2024-12-31", None) == datetime.date(2024, 12, 31)
    with pytest.raises(CellError):
        Date().parse("31-13-2024", None)
