"""Pages of the catalogue, the deliveries, a library's figures and the figures upload."""

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.permissions import permission_view
from apps.core.views.access import declare, deny
from apps.core.views.generic import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    Tab,
    apply_validation_error,
)
from apps.imports.engine import get_definition
from apps.imports.models import ImportJob
from apps.imports.services import import_job_commit, import_job_create
from apps.registry.models import Library

from . import selectors, services
from .filters import FigureFilterSet, IndicatorFilterSet
from .forms import ConfirmForm, DeliveryForm, ExtensionForm, FiguresForm, FiguresUploadForm, IndicatorForm
from .models import DeliveryYear, FigureValue, Indicator, IndicatorKind
from .tables import DeliveryTable, FigureTable, IndicatorTable

# --- catalogue --------------------------------------------------------------------------------

INDICATOR_TABS = [
    Tab(gettext_lazy("Metadata"), "statistics:indicator_detail", key="detail"),
    Tab(gettext_lazy("Geschiedenis"), "statistics:indicator_history", key="history"),
]


class IndicatorListView(ObjectListView):
    permission_required = "statistics.view_indicator"
    selector = staticmethod(selectors.indicator_list)
    model = Indicator
    filterset_class = IndicatorFilterSet
    table_class = IndicatorTable
    title = gettext_lazy("Indicatoren")
    export_name = "indicatoren"
    create_url_name = "statistics:indicator_create"
    create_permission = "statistics.add_indicator"
    paginate_by = 50


class IndicatorDetailView(ObjectDetailView):
    permission_required = "statistics.view_indicator"
    model = Indicator
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "statistics/indicator_detail.html"
    tabs = INDICATOR_TABS
    active_tab = "detail"
    edit_url_name = "statistics:indicator_edit"
    edit_permission = "statistics.change_indicator"


class IndicatorHistoryView(ObjectHistoryView):
    permission_required = "statistics.view_indicator"
    model = Indicator
    slug_field = "code"
    slug_url_kwarg = "code"
    tabs = INDICATOR_TABS


class IndicatorCreateView(ObjectCreateView):
    permission_required = "statistics.add_indicator"
    model = Indicator
    form_class = IndicatorForm
    service = staticmethod(services.indicator_save)


class IndicatorEditView(ObjectEditView):
    permission_required = "statistics.change_indicator"
    model = Indicator
    form_class = IndicatorForm
    slug_field = "code"
    slug_url_kwarg = "code"
    service = staticmethod(services.indicator_save)


# --- deliveries -------------------------------------------------------------------------------


class DeliveryListView(ObjectListView):
    permission_required = "statistics.view_deliveryyear"
    selector = staticmethod(selectors.delivery_list)
    model = DeliveryYear
    table_class = DeliveryTable
    title = gettext_lazy("Gegevensleveringen")
    export_name = "gegevensleveringen"
    create_url_name = "statistics:delivery_create"
    create_permission = "statistics.add_deliveryyear"


class DeliveryCreateView(ObjectCreateView):
    permission_required = "statistics.add_deliveryyear"
    model = DeliveryYear
    form_class = DeliveryForm
    service = staticmethod(services.delivery_save)
    title = gettext_lazy("Gegevenslevering openen")


class DeliveryEditView(ObjectEditView):
    permission_required = "statistics.change_deliveryyear"
    model = DeliveryYear
    form_class = DeliveryForm
    slug_field = "year"
    slug_url_kwarg = "year"
    service = staticmethod(services.delivery_save)


@permission_view("statistics.manage_deliveries")
def delivery_detail(request, year: int):
    delivery = get_object_or_404(DeliveryYear, year=year)
    rows = services.delivery_overview(delivery=delivery)
    state = request.GET.get("toestand", "")
    shown = [row for row in rows if not state or row.state == state or (state == "late" and row.late)]
    counts = {
        "confirmed": sum(r.state == "confirmed" for r in rows),
        "draft": sum(r.state == "draft" for r in rows),
        "missing": sum(r.state == "missing" for r in rows),
        "late": sum(r.late for r in rows),
    }
    page = Paginator(shown, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "statistics/delivery_detail.html",
        {
            "delivery": delivery,
            "page_obj": page,
            "rows": page.object_list,
            "counts": counts,
            "state": state,
            "shows_demo_data": delivery.is_demo,
        },
    )


@require_POST
@permission_view("statistics.manage_deliveries")
def delivery_remind(request, year: int):
    delivery = get_object_or_404(DeliveryYear, year=year)
    sent = services.delivery_send_reminders(actor=request.user, delivery=delivery)
    messages.success(request, _("Herinnering verstuurd naar %(count)s personen.") % {"count": sent})
    return redirect("statistics:delivery_detail", year=year)


# --- a library's figures ------------------------------------------------------------------------


def _library(slug: str) -> Library:
    return get_object_or_404(Library.objects.select_related("organisation"), organisation__slug=slug)


@declare("statistics.change_submission")
def submission_edit(request, slug: str, year: int):
    """Fill in or correct a year's figures; plausibility warnings are shown, errors save nothing."""
    library = _library(slug)
    submission = services.submission_for(library, year)
    if not request.user.has_perm("statistics.view_submission", submission):
        return deny(request, visible=False)
    can_change = request.user.has_perm("statistics.change_submission", submission)
    base = list(Indicator.objects.filter(kind=IndicatorKind.BASE).order_by("position"))
    current = {}
    if submission.pk:
        current = dict(submission.values.values_list("indicator__code", "value"))
    form = FiguresForm(request.POST or None, indicators=base, initial=current)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            values = {code: form.cleaned_data.get(code) for code in form.fields}
            try:
                submission, issues = services.figures_save(
                    actor=request.user, library=library, year=year, values=values, reason=_("Cijfers ingevuld")
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                warnings = [i for i in issues if i.level == "warning"]
                if warnings:
                    messages.warning(
                        request,
                        _("De cijfers zijn bewaard, met %(count)s waarschuwingen. Kijk ze na voor u bevestigt.")
                        % {"count": len(warnings)},
                    )
                else:
                    messages.success(request, _("De cijfers zijn bewaard."))
                return redirect("statistics:submission_edit", slug=slug, year=year)
    delivery = DeliveryYear.objects.filter(year=year).first()
    return render(
        request,
        "statistics/submission_edit.html",
        {
            "library": library,
            "year": year,
            "submission": submission,
            "delivery": delivery,
            "form": form,
            "can_change": can_change,
            "confirm_form": ConfirmForm(),
            "extension_form": ExtensionForm(),
            "can_extend": request.user.has_perm("statistics.manage_deliveries"),
            "shows_demo_data": submission.is_demo or library.organisation.is_demo,
        },
        status=400 if form.errors else 200,
    )


@require_POST
@declare("statistics.change_submission")
def submission_confirm(request, slug: str, year: int):
    library = _library(slug)
    submission = services.submission_for(library, year)
    if not request.user.has_perm("statistics.change_submission", submission):
        return deny(request, visible=request.user.has_perm("statistics.view_submission", submission))
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.submission_confirm(
            actor=request.user,
            submission=submission,
            acknowledge_warnings=form.cleaned_data.get("acknowledge_warnings", False),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Bedankt: de cijfers van %(year)s zijn bevestigd.") % {"year": year})
    return redirect("statistics:submission_edit", slug=slug, year=year)


@require_POST
@permission_view("statistics.manage_deliveries")
def submission_extend(request, slug: str, year: int):
    library = _library(slug)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            services.submission_extend(
                actor=request.user, submission=services.submission_for(library, year), until=form.cleaned_data["until"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Uitstel toegestaan."))
    else:
        messages.error(request, _("Kies een geldige datum voor het uitstel."))
    return redirect("statistics:submission_edit", slug=slug, year=year)


class FigureListView(ObjectListView):
    permission_required = "statistics.list_figures"
    selector = staticmethod(selectors.figure_list)
    page_rows = staticmethod(selectors.figure_list_rows)
    model = FigureValue
    filterset_class = FigureFilterSet
    table_class = FigureTable
    title = gettext_lazy("Cijfers")
    export_name = "cijfers"
    paginate_by = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # A demo figure among the shown rows answers the question without asking the database.
        shown = context["table"].paginated_rows
        context["shows_demo_data"] = (
            any(row.record.is_demo for row in shown) or self.object_list.filter(is_demo=True).exists()
        )
        return context


# --- upload ---------------------------------------------------------------------------------------

IMPORT_KEYS = ("statistics-figures-wide", "statistics-figures-long")


def _own_job(request, uuid) -> ImportJob:
    job = get_object_or_404(ImportJob, uuid=uuid, definition__in=IMPORT_KEYS)
    if job.created_by_id != request.user.pk and not request.user.has_perm("statistics.manage_deliveries"):
        raise Http404
    return job


@permission_view("statistics.import_figures")
def figures_upload(request):
    form = FiguresUploadForm(request.POST or None, request.FILES or None, initial={"layout": IMPORT_KEYS[0]})
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(
                actor=request.user, definition_key=form.cleaned_data["layout"], upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            return redirect("statistics:figures_upload_result", uuid=job.uuid)
    wide = get_definition(IMPORT_KEYS[0])
    return render(
        request,
        "statistics/figures_upload.html",
        {
            "form": form,
            "wide_columns": wide.columns if wide else [],
            "long_columns": get_definition(IMPORT_KEYS[1]).columns,
        },
        status=400 if form.errors else 200,
    )


@permission_view("statistics.import_figures")
def figures_upload_result(request, uuid):
    job = _own_job(request, uuid)
    errors = Paginator(job.errors, 50).get_page(request.GET.get("fouten"))
    changes = Paginator(job.changes, 50).get_page(request.GET.get("wijzigingen"))
    return render(
        request,
        "statistics/figures_upload_result.html",
        {"job": job, "errors_page": errors, "changes_page": changes, "can_commit": job.can_commit and job.has_changes},
    )


@require_POST
@permission_view("statistics.import_figures")
def figures_upload_commit(request, uuid):
    job = _own_job(request, uuid)
    try:
        job = import_job_commit(actor=request.user, job=job, background=False)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if job.status == ImportJob.Status.COMMITTED:
            messages.success(
                request,
                _("Geïmporteerd: %(create)s nieuw, %(update)s gewijzigd.")
                % {"create": job.to_create, "update": job.to_update},
            )
        else:
            messages.error(request, job.failure)
    return redirect("statistics:figures_upload_result", uuid=job.uuid)


def default_year() -> int:
    return datetime.date.today().year - 1
