"""Pages of background jobs: the user's list, a polled progress page, cancel."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.models import TaskProgress
from apps.core.permissions import permission_view
from apps.core.services.tasks import progress_cancel
from apps.core.views.access import declare, deny


def task_list_for(user):
    """The user's own jobs, newest first (cell staff open others' by link, but list their own)."""
    return TaskProgress.objects.filter(owner=user).order_by("-created_at")


def _progress_or_deny(request, uuid, perm: str):
    progress = get_object_or_404(TaskProgress, uuid=uuid)
    if request.user.has_perm(perm, progress):
        return progress, None
    visible = request.user.is_authenticated and request.user.has_perm("core.view_taskprogress", progress)
    return None, deny(request, visible=visible)


@permission_view("core.list_taskprogress")
def task_list(request):
    page = Paginator(task_list_for(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "core/task_list.html", {"page_obj": page, "tasks": page.object_list})


@declare("core.view_taskprogress")
def task_progress(request, uuid):
    """The progress page; htmx polls it every second and gets only the partial."""
    progress, refusal = _progress_or_deny(request, uuid, "core.view_taskprogress")
    if refusal is not None:
        return refusal
    context = {
        "progress": progress,
        "can_cancel": not progress.is_finished and request.user.has_perm("core.change_taskprogress", progress),
    }
    if getattr(request, "htmx", False):
        return render(request, "core/partials/task_progress.html", context)
    return render(request, "core/task_progress.html", context)


@require_POST
@declare("core.change_taskprogress")
def task_cancel(request, uuid):
    progress, refusal = _progress_or_deny(request, uuid, "core.change_taskprogress")
    if refusal is not None:
        return refusal
    progress = progress_cancel(actor=request.user, progress=progress)
    if progress.status == TaskProgress.Status.CANCELLED:
        messages.success(request, _("De taak is geannuleerd."))
    elif not progress.is_finished:
        messages.info(request, _("De taak stopt na de stap waarmee ze nu bezig is."))
    return redirect("core:task_progress", uuid=progress.uuid)
