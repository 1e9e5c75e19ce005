"""Deadlines, reports, personal data, and the desk's settings (categories, routing rules, closure days)."""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.permissions import permission_view
from apps.core.views.generic import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectEditView,
    ObjectListView,
)

from .. import reports, selectors, services
from ..filters import (
    CategoryFilterSet,
    ClosureDayFilterSet,
    RoutingRuleFilterSet,
)
from ..forms import (
    CategoryForm,
    ClosureDayForm,
    EraseForm,
    PersonalDataForm,
    RoutingRuleForm,
)
from ..models import Category, ClosureDay, RoutingRule
from ..tables import CategoryTable, ClosureDayTable, RoutingRuleTable

# --- SLA, reports, personal data ----------------------------------------------------------


@permission_view("questions.list_question")
def sla_dashboard(request):
    overview = selectors.sla_overview(user=request.user)
    return render(request, "questions/sla.html", {"title": _("Termijnen"), "overview": overview})


@permission_view("questions.view_report")
def report(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        year = today.year
    data = reports.questions_report(year=year)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        key = request.GET.get("tabel", "category")
        table = next((t for t in data["tables"] if t.key == key), None)
        if table is None:
            raise Http404(_("Deze tabel bestaat niet."))
        dataset = table.dataset()
        if export == "csv":
            response = HttpResponse(dataset.export("csv"), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                dataset.export("xlsx"),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="vragen-{key}-{year}.{export}"'
        return response
    return render(
        request,
        "questions/report.html",
        {
            "title": _("Rapport vragenloket %(year)s") % {"year": year},
            "data": data,
            "years": range(today.year - 4, today.year + 1),
        },
    )


@permission_view("questions.manage_personal_data")
def personal_data(request):
    """Export or erase an asker's personal data on their request."""
    lookup = PersonalDataForm(request.GET or None)
    erase_form = EraseForm(request.POST or None)
    found = None
    if request.method == "POST" and erase_form.is_valid():
        count = services.asker_data_erase(actor=request.user, email=erase_form.cleaned_data["email"])
        messages.success(request, _("De persoonsgegevens zijn gewist uit %(n)d vraag/vragen.") % {"n": count})
        return HttpResponseRedirect(reverse("questions:personal_data"))
    if lookup.is_valid():
        email = lookup.cleaned_data["email"]
        if request.GET.get("export") == "json":
            payload = services.asker_data_export(actor=request.user, email=email)
            response = HttpResponse(
                json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="persoonsgegevens-vragen.json"'
            return response
        found = list(services.questions_of_asker(email))
        erase_form = EraseForm(initial={"email": email})
    return render(
        request,
        "questions/personal_data.html",
        {"title": _("Persoonsgegevens van vraagstellers"), "lookup": lookup, "erase_form": erase_form, "found": found},
    )


# --- the desk's settings: categories, routing rules, closure days -------------------------


def _categories(*, user):
    return Category.objects.all()


def _rules(*, user):
    return RoutingRule.objects.select_related("category", "province", "region", "team", "assignee")


def _closure_days(*, user):
    return ClosureDay.objects.all()


class CategoryListView(ObjectListView):
    permission_required = "questions.manage_desk"
    model = Category
    selector = staticmethod(_categories)
    filterset_class = CategoryFilterSet
    table_class = CategoryTable
    create_url_name = "questions:category_create"
    create_permission = "questions.manage_desk"
    title = gettext_lazy("Vraagcategorieën en termijnen")


class CategoryCreateView(ObjectCreateView):
    permission_required = "questions.manage_desk"
    model = Category
    form_class = CategoryForm
    success_url = reverse_lazy("questions:category_list")


class CategoryEditView(ObjectEditView):
    permission_required = "questions.manage_desk"
    model = Category
    form_class = CategoryForm
    slug_field = "slug"
    success_url = reverse_lazy("questions:category_list")


class RoutingRuleListView(ObjectListView):
    permission_required = "questions.manage_desk"
    model = RoutingRule
    selector = staticmethod(_rules)
    filterset_class = RoutingRuleFilterSet
    table_class = RoutingRuleTable
    create_url_name = "questions:routingrule_create"
    create_permission = "questions.manage_desk"
    title = gettext_lazy("Toewijzingsregels")
    template_name = "questions/routing_list.html"


class RoutingRuleCreateView(ObjectCreateView):
    permission_required = "questions.manage_desk"
    model = RoutingRule
    form_class = RoutingRuleForm
    success_url = reverse_lazy("questions:routingrule_list")


class RoutingRuleEditView(ObjectEditView):
    permission_required = "questions.manage_desk"
    model = RoutingRule
    form_class = RoutingRuleForm
    success_url = reverse_lazy("questions:routingrule_list")


class RoutingRuleDeleteView(ObjectDeleteView):
    permission_required = "questions.manage_desk"
    model = RoutingRule
    success_url = reverse_lazy("questions:routingrule_list")


class ClosureDayListView(ObjectListView):
    permission_required = "questions.manage_desk"
    model = ClosureDay
    selector = staticmethod(_closure_days)
    filterset_class = ClosureDayFilterSet
    table_class = ClosureDayTable
    create_url_name = "questions:closureday_create"
    create_permission = "questions.manage_desk"
    title = gettext_lazy("Sluitingsdagen van de cel")


class ClosureDayCreateView(ObjectCreateView):
    permission_required = "questions.manage_desk"
    model = ClosureDay
    form_class = ClosureDayForm
    service = staticmethod(services.closure_day_save)
    success_url = reverse_lazy("questions:closureday_list")


class ClosureDayEditView(ObjectEditView):
    permission_required = "questions.manage_desk"
    model = ClosureDay
    form_class = ClosureDayForm
    service = staticmethod(services.closure_day_save)
    success_url = reverse_lazy("questions:closureday_list")


class ClosureDayDeleteView(ObjectDeleteView):
    permission_required = "questions.manage_desk"
    model = ClosureDay
    service = staticmethod(services.closure_day_delete)
    success_url = reverse_lazy("questions:closureday_list")
