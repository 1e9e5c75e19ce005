"""Import pages: upload → dry-run screen → commit (inline or with progress), templates, exports, history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from apps.core.permissions import permission_view

from .engine import definitions, export_rows, get_definition
from .forms import UploadForm
from .models import ImportJob
from .readers import human_size, max_bytes
from .services import import_job_commit, import_job_create
from .writers import csv_chunks, template_file, xlsx_bytes

# Multipart framing around the file: a few kB; refuse before reading a body that cannot fit.
BODY_OVERHEAD = 256 * 1024
PAGE_SIZE = 50


def body_too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > max_bytes() + BODY_OVERHEAD


def too_large_message() -> str:
    return _("Het bestand is te groot; het maximum is %(limit)s. Er is niets opgeladen of gewijzigd.") % {
        "limit": human_size(max_bytes())
    }


def _upload_context(form: UploadForm) -> dict:
    return {
        "form": form,
        "definitions": definitions(),
        "recent_jobs": ImportJob.objects.select_related("created_by")[:5],
    }


@permission_view("imports.run_import")
@csrf_exempt  # the CSRF check runs in _upload_form, after the size check, so an oversized body is never read
def upload(request):
    if request.method == "POST" and body_too_large(request):
        form = UploadForm()
        context = _upload_context(form)
        context["refusal"] = too_large_message()
        return render(request, "imports/upload.html", context, status=413)
    return _upload_form(request)


@csrf_protect
def _upload_form(request):
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                job = import_job_create(
                    actor=request.user, definition_key=form.cleaned_data["model"], upload=form.cleaned_data["file"]
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                return redirect(job.get_absolute_url())
    else:
        form = UploadForm(initial={"model": request.GET.get("model", "")})
    status = 400 if form.errors else 200
    return render(request, "imports/upload.html", _upload_context(form), status=status)


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                for message in error.messages:
                    form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


@permission_view("imports.view_importjob")
def job_list(request):
    jobs = ImportJob.objects.select_related("created_by", "committed_by")
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "imports/job_list.html", {"page": page, "jobs": page.object_list})


def _job(uuid) -> ImportJob:
    return get_object_or_404(ImportJob.objects.select_related("created_by", "committed_by", "progress"), uuid=uuid)


@permission_view("imports.view_importjob")
def job_detail(request, uuid):
    job = _job(uuid)
    errors = Paginator(job.errors, PAGE_SIZE).get_page(request.GET.get("fouten"))
    changes = Paginator(job.changes, PAGE_SIZE).get_page(request.GET.get("wijzigingen"))
    return render(
        request,
        "imports/job_detail.html",
        {
            "job": job,
            "definition": get_definition(job.definition),
            "errors_page": errors,
            "changes_page": changes,
            "changes_truncated": job.to_create + job.to_update > len(job.changes),
            # Each list pages on its own parameter and keeps the other list's page.
            "errors_query": _query_without(request, "fouten"),
            "changes_query": _query_without(request, "wijzigingen"),
            "can_commit": job.can_commit and job.has_changes and request.user.has_perm("imports.run_import"),
        },
    )


def _query_without(request, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


@require_POST
@permission_view("imports.run_import")
def job_commit(request, uuid):
    job = _job(uuid)
    try:
        job = import_job_commit(actor=request.user, job=job)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(job.get_absolute_url())
    if job.status == ImportJob.Status.COMMITTED:
        messages.success(
            request,
            _("Geïmporteerd: %(create)s nieuw, %(update)s gewijzigd, %(unchanged)s ongewijzigd.")
            % {"create": job.to_create, "update": job.to_update, "unchanged": job.unchanged},
        )
    elif job.status == ImportJob.Status.FAILED:
        messages.error(request, job.failure)
    return redirect(job.get_absolute_url())


@permission_view("imports.view_importjob")
def job_status(request, uuid):
    """The status block that the detail page polls (htmx) while a background import runs."""
    job = _job(uuid)
    response = render(request, "imports/partials/job_status.html", {"job": job})
    if getattr(request, "htmx", False) and not job.is_busy:
        response["HX-Refresh"] = "true"
    return response


@permission_view("imports.run_import")
def template_download(request, key, file_format):
    definition = get_definition(key)
    if definition is None or file_format not in {"csv", "xlsx"}:
        raise Http404
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if file_format == "xlsx"
        else "text/csv; charset=utf-8"
    )
    response = HttpResponse(template_file(definition, file_format), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="sjabloon-{definition.key}.{file_format}"'
    return response


@permission_view("imports.export_data")
def export(request, key):
    """What a registry list shows for these filters, in the columns that import reads back."""
    definition = get_definition(key)
    if definition is None:
        raise Http404
    if not request.user.has_perm(definition.export_permission):
        raise PermissionDenied
    file_format = request.GET.get("export", "csv")
    if file_format not in {"csv", "xlsx"}:
        raise Http404
    queryset = definition.export_queryset(request.user)
    if definition.filterset_class is not None:
        params = request.GET.copy()
        params.pop("export", None)
        filterset = definition.filterset_class(params, queryset=queryset, request=request)
        queryset = filterset.qs
    filename = f"{definition.key}-{timezone.localdate():%Y-%m-%d}.{file_format}"
    rows = export_rows(definition, queryset)
    if file_format == "xlsx":
        response = HttpResponse(
            xlsx_bytes(definition.labels, rows, sheet_title=str(definition.label)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = StreamingHttpResponse(csv_chunks(definition.labels, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
