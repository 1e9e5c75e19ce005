"""Background task: commit a checked import with progress the page can poll."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_tasks import task

from apps.core.services.tasks import track_progress

from .models import ImportJob
from .services import import_job_run, progress_reporter


@task()
def commit_import_job(*, progress_uuid: str, job_uuid: str, actor_id: int) -> str:
    with track_progress(progress_uuid) as tracker:
        job = ImportJob.objects.get(uuid=job_uuid)
        actor = get_user_model().objects.get(pk=actor_id)
        tracker.step(0, message=_("Bestand wordt gelezen en geïmporteerd…"))
        job = import_job_run(job=job, actor=actor, on_progress=progress_reporter(tracker.progress.pk, job.rows))
        if job.status != ImportJob.Status.COMMITTED:
            tracker.fail(job.failure)
            return job.status
        tracker.finish(
            result_url=job.get_absolute_url(),
            message=_("%(rows)s rijen geïmporteerd: %(create)s nieuw, %(update)s gewijzigd.")
            % {"rows": job.rows, "create": job.to_create, "update": job.to_update},
        )
    return job.status
