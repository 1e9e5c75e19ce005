"""Background jobs of the core app (django-tasks; run by `manage.py db_worker`)."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from openpyxl import Workbook
from openpyxl.styles import Font

from apps.core.models import Value, ValueAssessment
from apps.core.rules import owner_perm
from apps.core.selectors.values import value_coverage_matrix
from apps.core.services.attachments import attachment_add
from apps.core.services.tasks import track_progress

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def value_coverage_report_steps() -> int:
    """Coverage sheet, one sheet per value, and storing the file."""
    return Value.objects.count() + 2


def _bold_row(sheet, values: list) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _coverage_sheet(workbook: Workbook) -> None:
    matrix = value_coverage_matrix()
    sheet = workbook.active
    sheet.title = _("Dekking")[:31]
    _bold_row(sheet, [_("Soort"), *[name for _code, name in matrix.values], _("Totaal")])
    for label, counts, total in matrix.lines:
        sheet.append([label, *counts, total])
    _bold_row(sheet, [_("Totaal"), *matrix.totals, matrix.grand_total])
    sheet.column_dimensions["A"].width = 32


def _value_sheet(workbook: Workbook, value: Value, owner) -> int:
    """One sheet listing the assessed objects the owner may see; returns the number of rows."""
    sheet = workbook.create_sheet(title=value.name[:31])
    _bold_row(sheet, [_("Soort"), _("Object"), _("Motivering")])
    assessments = (
        ValueAssessment.objects.filter(value=value)
        .select_related("content_type")
        .prefetch_related("content_object")
        .order_by("content_type__app_label", "content_type__model", "object_id")
    )
    rows = 0
    for assessment in assessments:
        target = assessment.content_object
        if target is None or owner is None or not owner.has_perm(owner_perm(target, "view"), target):
            continue
        sheet.append([str(target._meta.verbose_name).capitalize(), str(target), assessment.motivation])
        rows += 1
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["C"].width = 80
    return rows


@task()
def value_coverage_report(*, progress_uuid: str) -> str:
    """ "Waardedekking-rapport (XLSX)": coverage per value and model type, and what serves each value.

    The workbook becomes an attachment of the job's progress record, so only
    the person who asked for it (and cell staff) can download it.
    """
    with track_progress(progress_uuid) as progress:
        record = progress.progress
        owner = record.owner
        language = getattr(owner, "preferred_language", None) or "nl"
        with translation.override(language):
            progress.set_total(value_coverage_report_steps())
            progress.check_cancelled()
            workbook = Workbook()
            _coverage_sheet(workbook)
            progress.step(message=_("Dekking per waarde berekend."))
            for value in Value.objects.order_by("position"):
                count = _value_sheet(workbook, value, owner)
                progress.step(message=_("%(value)s: %(count)d objecten.") % {"value": value.name, "count": count})
            buffer = BytesIO()
            workbook.save(buffer)
            name = f"waardedekking-{timezone.localdate():%Y-%m-%d}.xlsx"
            attachment = attachment_add(
                actor=owner,
                obj=record,
                uploaded_file=SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX_MIME),
                description=_("Waardedekking-rapport"),
                check_permission=False,
            )
            url = reverse("core:attachment_download", kwargs={"uuid": attachment.uuid})
            progress.finish(result_url=url, message=_("Het rapport is klaar."))
            return url
    return ""
