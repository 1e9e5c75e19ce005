"""Writes of the import app: check an uploaded file (dry run) and commit it, atomically."""

import hashlib
import logging
import threading
from collections.abc import Callable
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.permissions import check

from .engine import ImportDefinition, ImportResult, get_definition, run_import
from .models import ImportJob
from .readers import FileRejected, file_size, human_size, max_bytes

logger = logging.getLogger(__name__)
Status = ImportJob.Status


def inline_max_rows() -> int:
    """Files up to this many rows commit while the person waits; larger ones run as a background task."""
    return int(getattr(settings, "IMPORT_INLINE_MAX_ROWS", 500))


def definition_or_error(key: str) -> ImportDefinition:
    definition = get_definition(key or "")
    if definition is None:
        raise ValidationError({"model": _("Onbekende soort gegevens ‘%(key)s’.") % {"key": key}})
    return definition


def sha256_of(fileobj: IO[bytes]) -> str:
    digest = hashlib.sha256()
    fileobj.seek(0)
    while chunk := fileobj.read(1024 * 1024):
        digest.update(chunk)
    fileobj.seek(0)
    return digest.hexdigest()


def check_size(fileobj: IO[bytes]) -> None:
    size = file_size(fileobj)
    if size > max_bytes():
        raise ValidationError(
            {
                "file": _("Het bestand is te groot (%(size)s); het maximum is %(limit)s.")
                % {"size": human_size(size), "limit": human_size(max_bytes())}
            }
        )


def _reason(definition: ImportDefinition, name: str) -> str:
    return _("Import van %(what)s uit ‘%(file)s’") % {"what": str(definition.label).lower(), "file": name}


def import_check(*, actor, definition: ImportDefinition, upload: IO[bytes], filename: str) -> ImportResult:
    """A dry run of an uploaded file without storing anything (the API's dry_run=true)."""
    check(actor, definition.import_permission)
    check_size(upload)
    try:
        return run_import(
            definition=definition,
            fileobj=upload,
            filename=filename,
            actor=actor,
            commit=False,
            reason=_reason(definition, filename),
        )
    except FileRejected as exc:
        raise ValidationError({"file": exc.messages})


def import_job_create(*, actor, definition_key: str, upload: File) -> ImportJob:
    """Dry-run the uploaded file and store it with the result. A rejected file stores nothing."""
    definition = definition_or_error(definition_key)
    filename = upload.name or "upload.csv"
    result = import_check(actor=actor, definition=definition, upload=upload, filename=filename)
    job = ImportJob(
        definition=definition.key,
        original_name=filename[:255],
        size=file_size(upload),
        sha256=sha256_of(upload),
        created_by=actor,
        created_at=timezone.now(),
    )
    _store_result(job, result)
    job.checked_at = timezone.now()
    job.status = Status.CHECKED if result.ok else Status.INVALID
    upload.seek(0)
    job.file.save(filename, upload, save=False)
    job.save()
    return job


def _store_result(job: ImportJob, result: ImportResult) -> None:
    job.file_description = result.file_description[:200]
    job.rows = result.rows
    job.to_create = result.counts["create"]
    job.to_update = result.counts["update"]
    job.unchanged = result.counts["unchanged"]
    job.error_rows = result.counts["error"]
    job.errors = result.errors
    job.changes = result.changes


def import_job_commit(*, actor, job: ImportJob, background: bool | None = None) -> ImportJob:
    """Commit a checked job: inline for small files, else as a background task with progress."""
    definition = definition_or_error(job.definition)
    check(actor, definition.import_permission)
    if not job.can_commit:
        raise ValidationError(_("Deze import kan niet uitgevoerd worden: hij heeft fouten of is al uitgevoerd."))
    _verify_file(job)
    if background is None:
        background = job.rows > inline_max_rows()
    if not background:
        return import_job_run(job=job, actor=actor)
    from apps.core.services.tasks import enqueue_with_progress

    from .tasks import commit_import_job

    ImportJob.objects.filter(pk=job.pk).update(status=Status.QUEUED)
    job.status = Status.QUEUED
    progress = enqueue_with_progress(
        commit_import_job,
        title=_("Import van ‘%(file)s’") % {"file": job.original_name},
        owner=actor,
        total=job.rows,
        job_uuid=str(job.uuid),
        actor_id=actor.pk,
    )
    ImportJob.objects.filter(pk=job.pk).update(progress=progress)
    job.refresh_from_db()
    return job


def _verify_file(job: ImportJob) -> None:
    try:
        with job.file.open("rb") as handle:
            digest = sha256_of(handle)
    except OSError:
        raise ValidationError(_("Het opgeladen bestand is niet meer beschikbaar; laad het opnieuw op."))
    if digest != job.sha256:
        raise ValidationError(
            _("Het bestand is gewijzigd sinds de controle. Laad het opnieuw op, zodat het eerst gecontroleerd wordt.")
        )


def import_job_run(*, job: ImportJob, actor, on_progress: Callable[[int], None] | None = None) -> ImportJob:
    """Re-read the stored file and commit it in one transaction; on any failure nothing is kept.

    Used inline and by the background task. The result is recorded on the job;
    an unexpected exception is logged and recorded too (the transaction is rolled back).
    """
    definition = definition_or_error(job.definition)
    check(actor, definition.import_permission)
    ImportJob.objects.filter(pk=job.pk).update(status=Status.RUNNING)
    job.status = Status.RUNNING
    try:
        _verify_file(job)
        with job.file.open("rb") as handle:
            result = run_import(
                definition=definition,
                fileobj=handle,
                filename=job.original_name,
                actor=actor,
                commit=True,
                reason=_reason(definition, job.original_name),
                on_progress=on_progress,
                progress_every=max(250, job.rows // 20),
            )
    except (ValidationError, FileRejected) as exc:
        messages = getattr(exc, "messages", [str(exc)])
        return _fail(job, " ".join(str(m) for m in messages))
    except Exception as exc:  # a crash half-way: the run's transaction is already rolled back
        logger.exception("Import %s failed", job.uuid)
        return _fail(job, _("Onverwachte fout: %(error)s. Er is niets gewijzigd.") % {"error": exc})
    _store_result(job, result)
    if not result.committed:
        job.status = Status.FAILED
        job.failure = _(
            "Bij het importeren bleken er fouten (de gegevens zijn intussen gewijzigd). Er is niets gewijzigd."
        )
    else:
        job.status = Status.COMMITTED
        job.committed_at = timezone.now()
        job.committed_by = actor
    job.save()
    return job


def _fail(job: ImportJob, message: str) -> ImportJob:
    job.status = Status.FAILED
    job.failure = message
    job.save(update_fields=["status", "failure"])
    return job


def progress_reporter(progress_pk: int, total: int) -> Callable[[int], None]:
    """Report rows done while the import's transaction is open.

    Inside that transaction the worker's own writes are invisible to the page
    that polls, so on PostgreSQL each report is written by a short-lived thread
    on its own connection. SQLite allows one writer at a time and the import
    holds the write lock, so there the page shows the phase, not the count.
    """
    from apps.core.models import TaskProgress

    def report(done: int) -> None:
        if connection.vendor != "postgresql":
            return

        def write() -> None:
            try:
                TaskProgress.objects.filter(pk=progress_pk).update(
                    done=min(done, total),
                    message=_("%(done)s van %(total)s rijen verwerkt") % {"done": done, "total": total},
                )
            except Exception:  # progress is informative only; never break the import for it
                logger.warning("Could not report import progress", exc_info=True)
            finally:
                connections.close_all()

        thread = threading.Thread(target=write, daemon=True)
        thread.start()
        thread.join(timeout=5)

    return report
