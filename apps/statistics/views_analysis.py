"""Pages that compare: the statistics home, a library's dashboard and report, peer groups, the report batch."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from apps.core.permissions import permission_view
from apps.core.services.tasks import enqueue_with_progress
from apps.core.views.access import declare, deny
from apps.core.views.generic import apply_validation_error
from apps.registry.models import Library

from . import selectors, services
from .benchmarks import privacy_floor
from .charts import Series, line_chart
from .forms import PeerGroupForm, ReportBatchForm
from .models import PeerGroup
from .pdf import render_pdf
from .peergroups import describe
from .reports import TREND_YEARS, Comparisons, build_report, dashboard_series, peer_group_overview
from .tasks import batch_libraries, report_batch, report_html


def _fmt(value, decimals: int) -> str:
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@permission_view("statistics.view_statistics")
def home(request):
    return render(
        request,
        "statistics/home.html",
        {
            "own_libraries": selectors.own_libraries(request.user)[:20],
            "open_deliveries": selectors.open_deliveries(),
            "peer_groups": selectors.peergroup_visible_to(request.user)[:20],
            "years": selectors.years_with_figures(),
        },
    )


def _library_or_deny(request, slug: str):
    library = get_object_or_404(Library.objects.select_related("organisation"), organisation__slug=slug)
    if not request.user.has_perm("statistics.view_library_figures", library):
        return library, deny(request, visible=False)
    return library, None


def _group_from(request) -> PeerGroup | None:
    uuid = request.GET.get("groep", "")
    if not uuid:
        return None
    group = selectors.peergroup_visible_to(request.user).filter(uuid=uuid).first() if len(uuid) == 36 else None
    if group is None:
        raise Http404
    return group


def _years(request, available: list[int]) -> list[int]:
    return available[-TREND_YEARS:]


def _dashboard_series_html(comparisons, library, indicator, years, group, querystring):
    rows = dashboard_series(comparisons, library=library, indicator=indicator, years=years, group=group)
    series = []
    if rows:
        series.append(Series(library.organisation.name, [(r.year, r.own) for r in rows]))
        for index, comparison in enumerate(rows[-1].comparisons):
            series.append(
                Series(
                    _("mediaan %(group)s") % {"group": comparison.label},
                    [(r.year, r.comparisons[index].stats.median) for r in rows],
                )
            )
    band = (
        (_("kwartielen vergelijkingsgroep"), [(r.year, r.peers.stats.q1, r.peers.stats.q3) for r in rows])
        if rows
        else None
    )
    chart = line_chart(
        series,
        title=_("%(indicator)s van %(library)s en vergelijkingen")
        % {"indicator": indicator.name_nl, "library": library.organisation.name},
        band=band,
    )
    html = render_to_string(
        "statistics/partials/dashboard_series.html",
        {"library": library, "indicator": indicator, "rows": rows, "chart": chart, "querystring": querystring},
    )
    return rows, mark_safe(html)


@declare("statistics.view_library_figures")
def library_dashboard(request, slug: str):
    """One indicator over the years: the library against Flanders, its region, cooperation and peer group."""
    library, refusal = _library_or_deny(request, slug)
    if refusal:
        return refusal
    comparisons = Comparisons.current()
    ordered = comparisons.catalogue.ordered()
    code = request.GET.get("indicator") or "loans_per_inhabitant"
    indicator = comparisons.catalogue.get(code)
    if indicator is None:
        raise Http404
    group = _group_from(request)
    years = _years(request, comparisons.years())
    querystring = request.GET.urlencode()
    export = request.GET.get("export")
    # Rows, chart and table depend only on the data, the choices in the address, the language and the floor.
    key = (library.pk, indicator.code, group.pk if group else None, tuple(years))
    key += (translation.get_language(), privacy_floor())
    if export in {"csv", "xlsx"}:
        rows = comparisons.kept(
            ("dashboard-rows", *key),
            lambda: dashboard_series(comparisons, library=library, indicator=indicator, years=years, group=group),
        )
        return _export_series(library, indicator, rows, export)
    key = ("dashboard", *key, querystring)
    rows, series_html = comparisons.kept(
        key, lambda: _dashboard_series_html(comparisons, library, indicator, years, group, querystring)
    )
    return render(
        request,
        "statistics/library_dashboard.html",
        {
            "library": library,
            "indicator": indicator,
            "indicators": ordered,
            "rows": rows,
            "series_html": series_html,
            "group": group,
            "groups": selectors.peergroup_visible_to(request.user),
            "querystring": querystring,
            "shows_demo_data": library.organisation.is_demo
            or any(r.own is not None for r in rows)
            and bool(comparisons.demo_years(library.pk)),
            "can_edit_year": _editable_year(request.user, library),
        },
    )


def _editable_year(user, library: Library) -> int | None:
    delivery = selectors.open_deliveries().first()
    if delivery and user.has_perm("statistics.change_submission", services.submission_for(library, delivery.year)):
        return delivery.year
    return None


def _export_series(library, indicator, rows, export: str) -> HttpResponse:
    header = [_("Jaar"), library.organisation.name]
    if rows:
        for comparison in rows[-1].comparisons:
            header += [
                f"{comparison.label}: {_('aantal')}",
                f"{comparison.label}: Q1",
                f"{comparison.label}: {_('mediaan')}",
                f"{comparison.label}: Q3",
            ]
        header.append(_("Rang in vergelijkingsgroep"))
    body = []
    for row in rows:
        line = [row.year, row.own]
        for comparison in row.comparisons:
            s = comparison.stats
            line += [s.n, s.q1, s.median, s.q3]
        line.append(row.peers.stats.rank)
        body.append(line)
    name = f"{library.organisation.slug}-{indicator.code}"
    if export == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = indicator.code[:31]
        sheet.append(header)
        for line in body:
            sheet.append(line)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";")
        writer.writerow(header)
        for line in body:
            writer.writerow(
                ["" if v is None else (str(round(v, 4)).replace(".", ",") if isinstance(v, float) else v) for v in line]
            )
        response = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{export}"'
    return response


def _report_for(request, slug: str):
    library, refusal = _library_or_deny(request, slug)
    if refusal:
        return None, refusal, None
    comparisons = Comparisons.current()
    years = comparisons.years()
    try:
        year = int(request.GET.get("jaar") or (years[-1] if years else 0))
    except ValueError:
        raise Http404
    if year not in years:
        raise Http404
    group = _group_from(request)
    key = ("report", library.pk, year, group.pk if group else None, translation.get_language(), privacy_floor())
    report = comparisons.kept(key, lambda: build_report(comparisons, library=library, year=year, group=group))
    return report, None, comparisons


def _document(report, *, for_pdf: bool) -> str:
    """The report's HTML (kept with the comparisons: it depends on the same things as the report)."""
    found = report.documents.get(for_pdf)
    if found is None:
        found = report.documents[for_pdf] = mark_safe(report_html(report, for_pdf=for_pdf))
    return found


@declare("statistics.view_library_figures")
def library_report(request, slug: str):
    report, refusal, comparisons = _report_for(request, slug)
    if refusal:
        return refusal
    return render(
        request,
        "statistics/library_report.html",
        {
            "report": report,
            "document": _document(report, for_pdf=False),
            "years": comparisons.years(),
            "groups": selectors.peergroup_visible_to(request.user),
            "querystring": request.GET.urlencode(),
            "shows_demo_data": report.is_demo,
        },
    )


@declare("statistics.view_library_figures")
def library_report_pdf(request, slug: str):
    report, refusal, comparisons = _report_for(request, slug)
    if refusal:
        return refusal
    response = HttpResponse(render_pdf(_document(report, for_pdf=True)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="rapport-{report.year}-{report.library.organisation.slug}.pdf"'
    return response


# --- peer groups --------------------------------------------------------------------------------


@permission_view("statistics.view_benchmark")
def peergroup_list(request):
    return render(request, "statistics/peergroup_list.html", {"groups": selectors.peergroup_visible_to(request.user)})


@permission_view("statistics.add_peergroup")
def peergroup_create(request):
    return _peergroup_form(request, None)


@declare("statistics.change_peergroup")
def peergroup_edit(request, uuid):
    group = get_object_or_404(PeerGroup, uuid=uuid)
    if not request.user.has_perm("statistics.change_peergroup", group):
        return deny(request, visible=request.user.has_perm("statistics.view_peergroup", group))
    return _peergroup_form(request, group)


def _peergroup_form(request, group: PeerGroup | None):
    initial = PeerGroupForm.initial_from(group) if group else None
    form = PeerGroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "criteria": form.criteria()}
        try:
            group = services.peergroup_save(actor=request.user, instance=group, data=data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("De vergelijkingsgroep is bewaard."))
            return redirect(group.get_absolute_url())
    return render(
        request, "statistics/peergroup_form.html", {"form": form, "group": group}, status=400 if form.errors else 200
    )


@require_POST
@declare("statistics.delete_peergroup")
def peergroup_delete(request, uuid):
    group = get_object_or_404(PeerGroup, uuid=uuid)
    if not request.user.has_perm("statistics.delete_peergroup", group):
        return deny(request, visible=request.user.has_perm("statistics.view_peergroup", group))
    services.peergroup_delete(actor=request.user, instance=group)
    messages.success(request, _("De vergelijkingsgroep is verwijderd."))
    return redirect("statistics:peergroup_list")


@declare("statistics.view_peergroup")
def peergroup_detail(request, uuid):
    group = get_object_or_404(PeerGroup.objects.select_related("owner"), uuid=uuid)
    if not request.user.has_perm("statistics.view_peergroup", group):
        return deny(request, visible=False)
    years = selectors.years_with_figures()
    try:
        year = int(request.GET.get("jaar") or (years[-1] if years else 0))
    except ValueError:
        raise Http404
    comparisons = Comparisons.current()
    overview = peer_group_overview(
        comparisons, group=group, year=year, with_members=request.user.has_perm("statistics.manage_deliveries")
    )
    own = [lib for lib in selectors.own_libraries(request.user) if lib.pk in overview["members"]]
    return render(
        request,
        "statistics/peergroup_detail.html",
        {
            "group": group,
            "year": year,
            "years": years,
            "criteria": describe(group.criteria, territory=comparisons.territory),
            "overview": overview,
            "own_in_group": own,
            "can_edit": request.user.has_perm("statistics.change_peergroup", group),
            "shows_demo_data": overview["any_demo"] or group.is_demo,
        },
    )


# --- report batch -------------------------------------------------------------------------------


@permission_view("statistics.run_report_batch")
def report_batch_start(request):
    years = selectors.years_with_figures()
    form = ReportBatchForm(request.POST or None, years=years)
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        progress = enqueue_with_progress(
            report_batch,
            title=_("Rapporten %(year)s (PDF, zip)") % {"year": year},
            owner=request.user,
            total=batch_libraries(year).count() + 1,
            year=year,
            owner_id=request.user.pk,
        )
        return redirect("core:task_progress", uuid=progress.uuid)
    return render(request, "statistics/report_batch.html", {"form": form}, status=400 if form.errors else 200)
