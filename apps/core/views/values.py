"""Pages of the values: the coverage report and the generic value-assessment edit page."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.forms_values import ValueAssessmentForm
from apps.core.permissions import permission_view
from apps.core.selectors.values import value_assessments_for, value_coverage_matrix
from apps.core.services.tasks import enqueue_with_progress
from apps.core.services.values import STATES_REQUIRING_VALUES, value_assessment_set
from apps.core.tasks import value_coverage_report, value_coverage_report_steps
from apps.core.views.access import can_view, declare, deny, get_target, safe_next


@permission_view("core.view_value_coverage")
def values_coverage(request):
    """How many objects of each type serve each value: a table, a bar chart and a CSV export."""
    matrix = value_coverage_matrix()
    if request.GET.get("export") == "csv":
        return _coverage_csv(matrix)
    return render(request, "core/values_coverage.html", {"matrix": matrix, "bars": matrix.bars()})


def _coverage_csv(matrix) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="waardedekking-{timezone.localdate():%Y-%m-%d}.csv"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Soort"), *[name for _code, name in matrix.values], _("Totaal")])
    for label, counts, total in matrix.lines:
        writer.writerow([label, *counts, total])
    writer.writerow([_("Totaal"), *matrix.totals, matrix.grand_total])
    return response


@require_POST
@permission_view("core.view_value_coverage")
def values_coverage_report(request):
    """Start the XLSX coverage report in the background and show its progress."""
    progress = enqueue_with_progress(
        value_coverage_report,
        title=_("Waardedekking-rapport (XLSX)"),
        owner=request.user,
        total=value_coverage_report_steps(),
    )
    return redirect("core:task_progress", uuid=progress.uuid)


@declare("core.change_valueassessment")
def value_assessment_edit(request, content_type_id: int, object_id: str):
    """Edit which values any object serves, and why (permission: change on the object)."""
    target = get_target(content_type_id, object_id)
    if not request.user.has_perm("core.change_valueassessment", target):
        return deny(request, visible=request.user.is_authenticated and can_view(request.user, target))
    fallback = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
    next_url = safe_next(request, fallback)
    require_one = getattr(target, "status", None) in STATES_REQUIRING_VALUES
    form = ValueAssessmentForm(request.POST or None, obj=target, require_one=require_one, prefix="values")
    if request.method == "POST" and form.is_valid():
        try:
            value_assessment_set(
                actor=request.user,
                obj=target,
                assessments=form.assessments,
                reason=request.POST.get("change_reason", "")[:300],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De waardetoets is bewaard."))
            return redirect(next_url)
    context = {
        "target": target,
        "form": form,
        "next": next_url,
        "assessments": value_assessments_for(target),
        "require_one": require_one,
    }
    return render(request, "core/values_assessment_edit.html", context)
