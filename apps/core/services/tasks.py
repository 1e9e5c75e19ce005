"""Progress of background jobs, as seen by the people waiting for them.

A job is an ordinary django-tasks task that accepts `progress_uuid` and wraps
its work in `track_progress`::

    @task()
    def rebuild_index(*, progress_uuid: str) -> None:
        with track_progress(progress_uuid) as progress:
            for batch in batches:
                ...
                progress.step(message=gettext("Batch %(n)s verwerkt") % {"n": batch.number})
            progress.finish(result_url=...)

and a view starts it with `enqueue_with_progress(rebuild_index, title=..., owner=request.user, total=n)`.
`step()` notices a cancellation asked for on the page and stops the job there.
"""

import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.models import TaskProgress
from apps.core.permissions import check

Status = TaskProgress.Status


class Cancelled(Exception):
    """Raised inside a job when someone asked to cancel it; `track_progress` turns it into status cancelled."""


def progress_start(*, title: str, owner, total: int, message: str = "") -> TaskProgress:
    """Create the progress record of a job that is about to be queued."""
    return TaskProgress.objects.create(
        title=title[:200],
        owner=owner if getattr(owner, "is_authenticated", False) else None,
        total=max(int(total), 0),
        message=message or _("Wacht op een vrije verwerker…"),
    )


class ProgressTracker:
    """What a running job uses to report; every call writes through at once (no transaction)."""

    def __init__(self, progress: TaskProgress) -> None:
        self.progress = progress

    def _update(self, **fields: Any) -> None:
        TaskProgress.objects.filter(pk=self.progress.pk).update(**fields)
        self.progress.refresh_from_db()

    def check_cancelled(self) -> None:
        requested = TaskProgress.objects.filter(pk=self.progress.pk).values_list("cancel_requested", flat=True).first()
        if requested:
            raise Cancelled

    def set_total(self, total: int) -> None:
        self._update(total=max(int(total), 0))

    def step(self, n: int = 1, message: str = "") -> None:
        """Count `n` steps as done, show `message`, and stop here if cancellation was asked."""
        fields: dict[str, Any] = {"done": F("done") + n}
        if message:
            fields["message"] = message[:300]
        self._update(**fields)
        if self.progress.cancel_requested:
            raise Cancelled

    def finish(self, *, result_url: str = "", message: str = "") -> None:
        self._update(
            status=Status.DONE,
            done=F("total") if self.progress.total else F("done"),
            result_url=result_url,
            message=(message or _("Klaar."))[:300],
            finished_at=timezone.now(),
        )

    def fail(self, error: str) -> None:
        self._update(
            status=Status.FAILED,
            error=error,
            message=_("De taak is mislukt.")[:300],
            finished_at=timezone.now(),
        )

    def cancelled(self) -> None:
        self._update(
            status=Status.CANCELLED, message=_("Geannuleerd op vraag van de gebruiker."), finished_at=timezone.now()
        )


@contextmanager
def track_progress(progress_uuid: str) -> Iterator[ProgressTracker]:
    """Run the body as the job of `progress_uuid`: running → done / failed / cancelled.

    A `Cancelled` raised in the body ends the job quietly as cancelled; any
    other exception is stored on the record and re-raised, so the task backend
    records the failure too. A body that returns without `finish()` is done.
    """
    progress = TaskProgress.objects.get(uuid=progress_uuid)
    tracker = ProgressTracker(progress)
    if progress.status == Status.CANCELLED or progress.cancel_requested:
        tracker.cancelled()
        with suppress(Cancelled):
            yield _SkippedTracker(progress)
        return
    tracker._update(status=Status.RUNNING, started_at=timezone.now(), message=_("Bezig…"))
    try:
        yield tracker
    except Cancelled:
        tracker.cancelled()
        return
    except Exception as exc:
        tracker.fail(f"{type(exc).__name__}: {exc}\n\n{traceback.format_exc(limit=8)}")
        raise
    if tracker.progress.status == Status.RUNNING:
        tracker.finish()


class _SkippedTracker(ProgressTracker):
    """Given to a body whose job was cancelled before it started: the first step stops it."""

    def step(self, n: int = 1, message: str = "") -> None:
        raise Cancelled

    def check_cancelled(self) -> None:
        raise Cancelled

    def finish(self, *, result_url: str = "", message: str = "") -> None:
        raise Cancelled


def enqueue_with_progress(task, *, title: str, owner, total: int, **kwargs: Any) -> TaskProgress:
    """Create the progress record and queue `task(progress_uuid=..., **kwargs)`.

    `kwargs` must be JSON-serialisable (they are stored with the queued task).
    With the immediate backend (tests) the job has already run on return.
    """
    progress = progress_start(title=title, owner=owner, total=total)
    result = task.enqueue(progress_uuid=str(progress.uuid), **kwargs)
    TaskProgress.objects.filter(pk=progress.pk).update(task_result_id=str(result.id)[:64])
    progress.refresh_from_db()
    return progress


def progress_cancel(*, actor, progress: TaskProgress) -> TaskProgress:
    """Ask a job to stop. A job still in the queue is cancelled at once; a running one at its next step."""
    check(actor, "core.change_taskprogress", progress)
    with transaction.atomic():
        progress = TaskProgress.objects.select_for_update().get(pk=progress.pk)
        if progress.is_finished:
            return progress
        progress.cancel_requested = True
        fields = ["cancel_requested"]
        if progress.status == Status.QUEUED:
            progress.status = Status.CANCELLED
            progress.finished_at = timezone.now()
            progress.message = _("Geannuleerd voor de start.")
            fields += ["status", "finished_at", "message"]
        progress.save(update_fields=fields)
    return progress
