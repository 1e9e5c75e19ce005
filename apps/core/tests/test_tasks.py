"""Background task progress: the tracker, cancel, the polled page, the list, and a real worker run."""

from datetime import timedelta

from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from apps.core.models import TaskProgress
from apps.core.services.tasks import (
    Cancelled,
    enqueue_with_progress,
    progress_cancel,
    progress_start,
    track_progress,
)

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
Status = TaskProgress.Status


@task()
def count_to(*, progress_uuid: str, to: int, fail_at: int | None = None, cancel_at: int | None = None) -> int:
    """A test job: counts, can fail or be cancelled half-way."""
    with track_progress(progress_uuid) as progress:
        for number in range(1, to + 1):
            if number == fail_at:
                raise RuntimeError(f"kapot bij stap {number}")
            if number == cancel_at:
                TaskProgress.objects.filter(uuid=progress_uuid).update(cancel_requested=True)
            progress.step(message=f"Stap {number}")
        progress.finish(result_url="/resultaat/")
        return to
    return -1


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_job_reports_each_step_and_finishes(cell_staff):
    progress = enqueue_with_progress(count_to, title="Tellen", owner=cell_staff, total=3, to=3)
    assert progress.status == Status.DONE
    assert (progress.done, progress.total) == (3, 3)
    assert progress.result_url == "/resultaat/"
    assert progress.started_at and progress.finished_at
    assert progress.task_result_id


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_failure_is_stored_on_the_record(cell_staff):
    progress = enqueue_with_progress(count_to, title="Tellen", owner=cell_staff, total=5, to=5, fail_at=3)
    assert progress.status == Status.FAILED
    assert progress.done == 2
    assert "kapot bij stap 3" in progress.error
    assert progress.message == "De taak is mislukt."


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_cancel_requested_stops_the_job_at_the_next_step(cell_staff):
    progress = enqueue_with_progress(count_to, title="Tellen", owner=cell_staff, total=10, to=10, cancel_at=4)
    assert progress.status == Status.CANCELLED
    assert progress.done == 4
    assert progress.result_url == ""


def test_a_queued_job_cancelled_before_it_starts_never_runs(cell_staff):
    progress = progress_start(title="Tellen", owner=cell_staff, total=2)
    progress_cancel(actor=cell_staff, progress=progress)
    progress.refresh_from_db()
    assert progress.status == Status.CANCELLED

    assert count_to.call(progress_uuid=str(progress.uuid), to=2) == -1
    progress.refresh_from_db()
    assert progress.status == Status.CANCELLED and progress.done == 0


def test_cancelled_exception_outside_a_step_also_ends_as_cancelled(cell_staff):
    progress = progress_start(title="Tellen", owner=cell_staff, total=2)
    with track_progress(str(progress.uuid)):
        raise Cancelled
    progress.refresh_from_db()
    assert progress.status == Status.CANCELLED


def test_remaining_time_is_estimated_from_the_pace(cell_staff):
    progress = progress_start(title="Tellen", owner=cell_staff, total=12)
    progress.status = Status.RUNNING
    progress.done = 3
    progress.started_at = timezone.now() - timedelta(seconds=6)
    assert progress.remaining_seconds == 18
    progress.done = 0
    assert progress.remaining_seconds is None


def test_progress_partial_says_how_far_and_how_long(cell_staff, cell_client):
    progress = progress_start(title="Rapport", owner=cell_staff, total=12)
    TaskProgress.objects.filter(pk=progress.pk).update(
        status=Status.RUNNING, done=3, started_at=timezone.now() - timedelta(seconds=7)
    )
    response = cell_client.get(reverse("core:task_progress", args=[progress.uuid]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # only the partial
    assert "3 van 12 stappen, nog ongeveer 2" in html  # 21 s, give or take a second of test time
    assert 'hx-trigger="every 1s"' in html


def test_finished_job_stops_polling_and_links_the_result(cell_staff, cell_client):
    progress = progress_start(title="Rapport", owner=cell_staff, total=2)
    TaskProgress.objects.filter(pk=progress.pk).update(status=Status.DONE, done=2, result_url="/resultaat/")
    response = cell_client.get(reverse("core:task_progress", args=[progress.uuid]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Rapport</h1>" in html
    assert "every 1s" not in html
    assert 'href="/resultaat/"' in html
    assert "Annuleren" not in html


def test_cancel_button_cancels(cell_staff, cell_client):
    progress = progress_start(title="Rapport", owner=cell_staff, total=2)
    page = cell_client.get(reverse("core:task_progress", args=[progress.uuid])).content.decode()
    assert reverse("core:task_cancel", args=[progress.uuid]) in page
    response = cell_client.post(reverse("core:task_cancel", args=[progress.uuid]))
    assert response.status_code == 302
    progress.refresh_from_db()
    assert progress.status == Status.CANCELLED and progress.cancel_requested


def test_running_job_gets_a_cancel_request(library_staff, library_client):
    progress = progress_start(title="Rapport", owner=library_staff, total=2)
    TaskProgress.objects.filter(pk=progress.pk).update(status=Status.RUNNING)
    library_client.post(reverse("core:task_cancel", args=[progress.uuid]))
    progress.refresh_from_db()
    assert progress.status == Status.RUNNING and progress.cancel_requested


def test_others_cannot_see_or_cancel_my_job(library_staff, citizen_client, anon_client, cell_client):
    progress = progress_start(title="Rapport", owner=library_staff, total=2)
    page = reverse("core:task_progress", args=[progress.uuid])
    cancel = reverse("core:task_cancel", args=[progress.uuid])
    assert citizen_client.get(page).status_code == 404
    assert citizen_client.post(cancel).status_code == 404
    assert anon_client.get(page).status_code == 302
    assert anon_client.post(cancel).status_code == 302
    progress.refresh_from_db()
    assert progress.status == Status.QUEUED and not progress.cancel_requested
    # cell staff may follow anyone's job
    assert cell_client.get(page).status_code == 200


def test_cancel_is_post_only(cell_staff, cell_client):
    progress = progress_start(title="Rapport", owner=cell_staff, total=2)
    assert cell_client.get(reverse("core:task_cancel", args=[progress.uuid])).status_code == 405
    progress.refresh_from_db()
    assert progress.status == Status.QUEUED


def test_task_list_shows_only_my_jobs(library_staff, library_client, cell_staff, anon_client):
    progress_start(title="Mijn export", owner=library_staff, total=1)
    progress_start(title="Export van de cel", owner=cell_staff, total=1)
    html = library_client.get(reverse("core:task_list")).content.decode()
    assert "Mijn export" in html and "Export van de cel" not in html
    assert anon_client.get(reverse("core:task_list")).status_code == 302


def test_db_worker_runs_the_real_report(cell_staff, cell_client, monkeypatch):
    # The worker closes "old" connections between tasks; inside the test's
    # transaction that would drop the connection on PostgreSQL, so keep it.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    # given the configured database backend, a report queued from the page
    response = cell_client.post(reverse("core:values_coverage_report"))
    progress = TaskProgress.objects.get(owner=cell_staff)
    assert response.status_code == 302 and progress.status == Status.QUEUED
    # when the worker drains the queue
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    # then the job is done and its file can be downloaded
    progress.refresh_from_db()
    assert progress.status == Status.DONE, progress.error
    assert cell_client.get(progress.result_url).status_code == 200
