"""Background job: every library's one-page report of a year, as PDFs in one zip.

HTML is rendered here (it needs the database); the PDFs are rendered by a pool
of worker processes (both cores by default, `STATISTICS_REPORT_WORKERS`), which
only receive HTML strings and never touch the database.
"""

import io
import zipfile
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from apps.core.models import Attachment
from apps.core.services.tasks import track_progress
from apps.registry.models import Library

from .models import PeerGroup, Submission
from .pdf import render_named, warm_up
from .reports import Comparisons, OwnFigures, build_report


def report_workers() -> int:
    return max(1, int(getattr(settings, "STATISTICS_REPORT_WORKERS", 2)))


def batch_libraries(year: int):
    return (
        Library.objects.filter(submissions__year=year)
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name")
    )


def report_html(report, *, for_pdf: bool) -> str:
    return render_to_string("statistics/report_document.html", {"report": report, "for_pdf": for_pdf})


def build_batch_pdfs(
    *, year: int, group: PeerGroup | None = None, workers: int | None = None, limit: int | None = None
):
    """Yield (file name, PDF bytes) for every library with figures in `year` (the first `limit` by name)."""
    comparisons = Comparisons.current()
    libraries = list(batch_libraries(year)[:limit] if limit else batch_libraries(year))
    own_rows: dict[int, OwnFigures] = {library.pk: OwnFigures() for library in libraries}
    from .models import FigureValue

    for library_id, y, status, code, value in FigureValue.objects.filter(submission__library__in=libraries).values_list(
        "submission__library_id", "submission__year", "submission__status", "indicator__code", "value"
    ):
        own = own_rows[library_id]
        own.by_year.setdefault(y, {})[code] = float(value)
        own.status[y] = status
    for library_id, y, status in Submission.objects.filter(library__in=libraries).values_list(
        "library_id", "year", "status"
    ):
        own_rows[library_id].status[y] = status
        own_rows[library_id].by_year.setdefault(y, {})

    def items():
        # A generator: the pool's workers start rendering while the parent still writes HTML.
        for library in libraries:
            report = build_report(comparisons, library=library, year=year, group=group, own=own_rows[library.pk])
            yield (f"rapport-{year}-{library.organisation.slug}.pdf", report_html(report, for_pdf=True))

    workers = workers or report_workers()
    if workers == 1 or len(libraries) < 4:
        for item in items():
            yield render_named(item)
        return
    # "spawn": the workers start clean (no copy of the parent's database connections or threads);
    # each loads WeasyPrint, the stylesheet and the fonts once (`warm_up`) and reuses them.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"), initializer=warm_up) as pool:
        yield from pool.map(render_named, items(), chunksize=2)


def store_zip(*, owner, progress, name: str, content: bytes, description: str) -> Attachment:
    """Attach the generated zip to the job's progress record (downloaded through core's permission-checked view).

    core's `attachment_add` only accepts the file kinds people may upload, and a zip
    is not one of them; this file is generated here, so its kind is known.
    """
    attachment = Attachment(
        content_type=ContentType.objects.get_for_model(progress),
        object_id=str(progress.pk),
        original_name=name,
        content_type_sniffed="application/zip",
        size=len(content),
        description=description,
        uploaded_by=owner,
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


@task()
def report_batch(*, progress_uuid: str, year: int, owner_id: int, group_uuid: str = "") -> str:
    with track_progress(progress_uuid) as progress:
        owner = get_user_model().objects.filter(pk=owner_id).first()
        group = PeerGroup.objects.filter(uuid=group_uuid).first() if group_uuid else None
        with translation.override(getattr(owner, "preferred_language", None) or "nl"):
            total = batch_libraries(year).count()
            progress.set_total(total + 1)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for done, (name, pdf) in enumerate(build_batch_pdfs(year=year, group=group), start=1):
                    archive.writestr(name, pdf)
                    progress.step(message=_("%(done)s van %(total)s rapporten klaar.") % {"done": done, "total": total})
            attachment = store_zip(
                owner=owner,
                progress=progress.progress,
                name=f"rapporten-{year}.zip",
                content=buffer.getvalue(),
                description=_("Rapporten %(year)s") % {"year": year},
            )
            url = reverse("core:attachment_download", kwargs={"uuid": attachment.uuid})
            progress.finish(result_url=url, message=_("%(total)s rapporten klaar om te downloaden.") % {"total": total})
            return url
    return ""
