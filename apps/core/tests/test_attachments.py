"""Attachments: content sniffing, size and type checks, private storage, permission-checked download and delete."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import Workbook

from apps.core.models import Attachment, TaskProgress
from apps.core.services.attachments import attachment_add, attachment_delete, sniff_file_kind
from apps.core.services.tasks import progress_start
from conftest import make_user

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"This program cannot be run"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx() -> bytes:
    manifest = (
        '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    return _zip({"[Content_Types].xml": manifest.encode(), "word/document.xml": b"<w:document/>"})


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def owner_object(library_staff) -> TaskProgress:
    """A core object with real rules: its owner (and cell staff) may view and change it."""
    return progress_start(title="Export", owner=library_staff, total=1)


# --- sniffing and checks ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("verslag.pdf", PDF, "pdf"),
        ("logo.png", PNG, "png"),
        ("foto.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "jpeg"),
        ("anim.gif", b"GIF89a" + b"\x00" * 20, "gif"),
        ("beeld.webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "webp"),
        ("nota.docx", _docx(), "docx"),
        ("cijfers.xlsx", _xlsx(), "xlsx"),
        ("tekst.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
        ("blad.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ods"),
        ("lijst.csv", "naam;gemeente\nBib Brugge;Brugge\nCoöperatie;Gent\n".encode(), "csv"),
        ("leesmij.txt", "Één regel tekst.\n".encode(), "txt"),
        ("programma.pdf", EXE, None),
        ("archief.docx", _zip({"iets.txt": b"geen office"}), None),
        ("latin1.txt", "caf\xe9".encode("latin-1"), None),
    ],
)
def test_sniffing_decides_by_content(name, data, kind):
    assert sniff_file_kind(_upload(name, data)) == kind


def test_accepted_file_is_stored_privately(owner_object, library_staff, media_root, settings):
    attachment = attachment_add(
        actor=library_staff, obj=owner_object, uploaded_file=_upload("../../verslag.PDF", PDF), description=" Jaar "
    )
    assert attachment.original_name == "verslag.pdf"
    assert attachment.content_type_sniffed == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.description == "Jaar"
    assert attachment.uploaded_by == library_staff
    stored = Path(attachment.file.path)
    assert stored.read_bytes() == PDF
    assert media_root in stored.parents
    assert not str(stored).startswith(str(settings.STATIC_ROOT))
    assert attachment.history.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("programma.pdf", EXE, "Dit bestandstype is niet toegestaan"),
        ("programma.exe", EXE, "Dit bestandstype is niet toegestaan"),
        ("tekst.pdf", b"Gewoon tekst.\n", "past niet bij de inhoud"),
        ("verslag.png", PDF, "past niet bij de inhoud"),
        ("verslag", PDF, "past niet bij de inhoud"),
        ("leeg.txt", b"", "Het bestand is leeg"),
    ],
)
def test_refused_files_store_nothing(owner_object, library_staff, media_root, name, data, message):
    with pytest.raises(ValidationError) as error:
        attachment_add(actor=library_staff, obj=owner_object, uploaded_file=_upload(name, data))
    assert message in error.value.messages[0]
    assert not Attachment.objects.exists()
    assert _stored_files(media_root) == []


def test_too_large_file_is_refused(owner_object, library_staff, media_root, settings):
    settings.ATTACHMENT_MAX_BYTES = 50
    with pytest.raises(ValidationError) as error:
        attachment_add(actor=library_staff, obj=owner_object, uploaded_file=_upload("verslag.pdf", PDF))
    assert "Het bestand is te groot" in error.value.messages[0]
    assert not Attachment.objects.exists()
    assert _stored_files(media_root) == []


def test_adding_without_change_permission_is_refused(owner_object, citizen, media_root):
    with pytest.raises(PermissionDenied):
        attachment_add(actor=citizen, obj=owner_object, uploaded_file=_upload("verslag.pdf", PDF))
    assert not Attachment.objects.exists()
    assert _stored_files(media_root) == []


def test_delete_removes_record_and_file_after_commit(
    owner_object, library_staff, media_root, django_capture_on_commit_callbacks
):
    attachment = attachment_add(actor=library_staff, obj=owner_object, uploaded_file=_upload("a.pdf", PDF))
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(actor=library_staff, attachment=attachment)
    assert not Attachment.objects.exists()
    assert _stored_files(media_root) == []
    assert Attachment.history.filter(history_type="-", history_user=library_staff).exists()


# --- views ----------------------------------------------------------------------------------


def _upload_url(obj) -> str:
    from django.contrib.contenttypes.models import ContentType

    return reverse("core:attachment_upload", args=[ContentType.objects.get_for_model(obj).pk, obj.pk])


def test_upload_page_stores_and_redirects(owner_object, library_client):
    url = _upload_url(owner_object)
    assert library_client.get(url).status_code == 200
    response = library_client.post(url, {"file": _upload("nota.docx", _docx()), "next": "/taken/"})
    assert response.status_code == 302 and response["Location"] == "/taken/"
    assert Attachment.objects.get().original_name == "nota.docx"


def test_upload_page_shows_dutch_error_and_stores_nothing(owner_object, library_client, media_root):
    response = library_client.post(_upload_url(owner_object), {"file": _upload("programma.pdf", EXE)})
    assert response.status_code == 400
    assert "Dit bestandstype is niet toegestaan" in response.content.decode()
    assert not Attachment.objects.exists()
    assert _stored_files(media_root) == []


def test_htmx_upload_returns_the_panel(owner_object, library_client):
    response = library_client.post(
        _upload_url(owner_object), {"file": _upload("logo.png", PNG)}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "logo.png" in html


def test_upload_refusals_store_nothing(owner_object, citizen_client, anon_client, media_root, db):
    other_staff = make_user("anderebib", "library_staff")
    other_client = type(citizen_client)()
    other_client.force_login(other_staff)
    url = _upload_url(owner_object)
    assert citizen_client.post(url, {"file": _upload("a.pdf", PDF)}).status_code == 404
    assert other_client.post(url, {"file": _upload("a.pdf", PDF)}).status_code == 404
    assert anon_client.post(url, {"file": _upload("a.pdf", PDF)}).status_code == 302
    assert not Attachment.objects.exists()
    assert _stored_files(media_root) == []


def test_download_serves_the_file_as_attachment(owner_object, library_staff, library_client, cell_client):
    attachment = attachment_add(actor=library_staff, obj=owner_object, uploaded_file=_upload("verslag.pdf", PDF))
    response = library_client.get(reverse("core:attachment_download", args=[attachment.uuid]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="verslag.pdf"' in response["Content-Disposition"]
    # cell staff may view every job, so also its attachments
    assert cell_client.get(reverse("core:attachment_download", args=[attachment.uuid])).status_code == 200


def test_download_is_refused_without_view_permission_on_the_owner(
    owner_object, library_staff, citizen_client, anon_client
):
    attachment = attachment_add(actor=library_staff, obj=owner_object, uploaded_file=_upload("verslag.pdf", PDF))
    url = reverse("core:attachment_download", args=[attachment.uuid])
    assert citizen_client.get(url).status_code == 404
    response = anon_client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_delete_asks_confirmation_then_deletes(owner_object, library_staff, library_client, media_root):
    attachment = attachment_add(actor=library_staff, obj=owner_object, uploaded_file=_upload("verslag.pdf", PDF))
    url = reverse("core:attachment_delete", args=[attachment.uuid])
    page = library_client.get(url)
    assert page.status_code == 200 and "Ja, verwijderen" in page.content.decode()
    assert Attachment.objects.exists()
    response = library_client.post(url, {"next": "/taken/"})
    assert response.status_code == 302 and response["Location"] == "/taken/"
    assert not Attachment.objects.exists()


def test_delete_refusals_change_nothing(owner_object, library_staff, citizen_client, anon_client, media_root):
    attachment = attachment_add(actor=library_staff, obj=owner_object, uploaded_file=_upload("verslag.pdf", PDF))
    url = reverse("core:attachment_delete", args=[attachment.uuid])
    assert citizen_client.post(url).status_code == 404
    assert anon_client.post(url).status_code == 302
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert len(_stored_files(media_root)) == 1


def test_panel_tag_lists_attachments_and_offers_upload_to_who_may_change(owner_object, library_staff, cell_staff, db):
    attachment_add(actor=library_staff, obj=owner_object, uploaded_file=_upload("verslag.pdf", PDF))
    template = Template("{% load core_panels %}{% attachments_panel obj %}")
    request = RequestFactory().get("/taken/")
    request.user = library_staff
    html = template.render(Context({"request": request, "obj": owner_object}))
    assert "verslag.pdf" in html and "Bijlage opladen" in html
    reader = make_user("lezer", "citizen")
    request.user = reader
    html = template.render(Context({"request": request, "obj": owner_object}))
    assert "Bijlage opladen" not in html


def test_the_panel_upload_form_is_the_form_rendered_and_follows_the_size_setting(owner_object, library_staff, settings):
    from django.template.defaultfilters import filesizeformat
    from django.template.loader import render_to_string

    from apps.core.forms import AttachmentForm

    template = Template("{% load core_panels %}{% attachments_panel obj %}")
    request = RequestFactory().get("/taken/")
    request.user = library_staff
    html = template.render(Context({"request": request, "obj": owner_object}))
    expected = render_to_string("core/partials/form.html", {"form": AttachmentForm(), "summary": False})
    assert expected.strip() in html
    # the help text names the largest accepted file: a new limit shows at once, not a cached old one
    settings.ATTACHMENT_MAX_BYTES = 3 * 1024 * 1024
    html = template.render(Context({"request": request, "obj": owner_object}))
    assert filesizeformat(3 * 1024 * 1024) in html
