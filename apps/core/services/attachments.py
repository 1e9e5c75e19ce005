"""Uploaded files attached to any object: checked, stored privately, deleted with care.

The type of a file is decided by its content (its first bytes, or the
manifest inside a zip container), never by the name or the browser's claim;
the extension must then agree with what the content is.
"""

import codecs
import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.models import Attachment
from apps.core.permissions import check


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str | Promise
    mime: str
    extensions: tuple[str, ...]


KINDS: dict[str, FileKind] = {
    kind.code: kind
    for kind in [
        FileKind("pdf", "PDF", "application/pdf", (".pdf",)),
        FileKind("png", "PNG", "image/png", (".png",)),
        FileKind("jpeg", "JPEG", "image/jpeg", (".jpg", ".jpeg")),
        FileKind("gif", "GIF", "image/gif", (".gif",)),
        FileKind("webp", "WebP", "image/webp", (".webp",)),
        FileKind(
            "docx", "Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)
        ),
        FileKind(
            "xlsx", "Excel (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
        ),
        FileKind(
            "pptx",
            "PowerPoint (PPTX)",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        FileKind("odt", gettext_lazy("OpenDocument-tekst (ODT)"), "application/vnd.oasis.opendocument.text", (".odt",)),
        FileKind(
            "ods",
            gettext_lazy("OpenDocument-rekenblad (ODS)"),
            "application/vnd.oasis.opendocument.spreadsheet",
            (".ods",),
        ),
        FileKind("csv", "CSV", "text/csv", (".csv",)),
        FileKind("txt", gettext_lazy("tekst (TXT)"), "text/plain", (".txt",)),
    ]
}

# The main part of each Office Open XML document type, as named in [Content_Types].xml.
_OOXML_MAIN_PARTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_TEXT_CHUNK = 64 * 1024


def allowed_extensions() -> list[str]:
    return sorted({ext for kind in KINDS.values() for ext in kind.extensions})


def _sniff_zip(uploaded: UploadedFile) -> str | None:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return _ODF_MIMETYPES.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                manifest = archive.read("[Content_Types].xml").decode("utf-8", errors="replace")
                for code, part in _OOXML_MAIN_PARTS.items():
                    if part in manifest:
                        return code
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def _is_utf8_text(uploaded: UploadedFile) -> bool:
    """The whole file decodes as UTF-8 and holds no control bytes but tab, newline, return, form feed."""
    uploaded.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    allowed_controls = {"\t", "\n", "\r", "\f"}
    try:
        while chunk := uploaded.read(_TEXT_CHUNK):
            text = decoder.decode(chunk)
            if any(ch < " " and ch not in allowed_controls for ch in text):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff_file_kind(uploaded: UploadedFile) -> str | None:
    """The code of the allowed kind the content is, or None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(uploaded)
    if _is_utf8_text(uploaded):
        # CSV and plain text share their bytes; the extension decides which of the two.
        extension = os.path.splitext(uploaded.name or "")[1].lower()
        return "csv" if extension == ".csv" else "txt"
    return None


def attachment_check(uploaded: UploadedFile) -> FileKind:
    """Validate size and type; raise ValidationError with a Dutch message."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if uploaded.size is None or uploaded.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    if uploaded.size > limit:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s); het maximum is %(max)s.")
            % {"size": filesizeformat(uploaded.size), "max": filesizeformat(limit)},
            code="too_large",
        )
    code = sniff_file_kind(uploaded)
    uploaded.seek(0)
    if code is None:
        labels = ", ".join(str(kind.label) for kind in KINDS.values())
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Toegestaan zijn: %(kinds)s.") % {"kinds": labels},
            code="type_not_allowed",
        )
    kind = KINDS[code]
    extension = os.path.splitext(uploaded.name or "")[1].lower()
    if extension not in kind.extensions:
        raise ValidationError(
            _("De extensie “%(ext)s” past niet bij de inhoud van het bestand (%(kind)s). Gebruik %(expected)s.")
            % {"ext": extension or _("(geen)"), "kind": str(kind.label), "expected": " of ".join(kind.extensions)},
            code="extension_mismatch",
        )
    return kind


def _safe_name(name: str) -> str:
    base = os.path.basename(name or "").replace("\x00", "").strip() or "bestand"
    stem, extension = os.path.splitext(base)
    return f"{stem[:150]}{extension[:10].lower()}"


def attachment_add(
    *, actor, obj: models.Model, uploaded_file: UploadedFile, description: str = "", check_permission: bool = True
) -> Attachment:
    """Check the file and attach it to `obj`. Nothing is stored when a check fails."""
    if check_permission:
        check(actor, "core.add_attachment", obj)
    kind = attachment_check(uploaded_file)
    name = _safe_name(uploaded_file.name)
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        original_name=name,
        content_type_sniffed=kind.mime,
        size=uploaded_file.size,
        description=description.strip(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attachment._history_user = attachment.uploaded_by
    stored_name = None
    try:
        with transaction.atomic():
            attachment.file.save(name, uploaded_file, save=False)
            stored_name = attachment.file.name
            attachment.save()
    except Exception:
        if stored_name:
            attachment.file.storage.delete(stored_name)
        raise
    return attachment


def attachment_delete(*, actor, attachment: Attachment, check_permission: bool = True) -> None:
    """Delete the record (history keeps who and when) and, once committed, the file."""
    if check_permission:
        check(actor, "core.delete_attachment", attachment)
    storage, stored_name = attachment.file.storage, attachment.file.name
    with transaction.atomic():
        attachment._history_user = actor
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(stored_name))


def attachments_of(obj: models.Model) -> models.QuerySet:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("uploaded_by")
