"""Libraries and their branches: lists, detail tabs, edit pages, opening hours."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.forms import add_change_reason_field
from apps.core.page_cache import CachedPageMixin
from apps.core.permissions import permission_view
from apps.core.selectors.history import part_history_entries
from apps.core.views.generic import (
    ChangeReasonMixin,
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    Tab,
    apply_validation_error,
)
from apps.registry import selectors, services
from apps.registry.filters import BranchFilterSet, LibraryFilterSet
from apps.registry.forms import (
    BranchForm,
    LibraryForm,
    OpeningExceptionForm,
    opening_hours_formsets,
    periods_from_formsets,
)
from apps.registry.models import Branch, CooperationMembership, Library, OpeningException, OpeningHours
from apps.registry.selectors.pages import (
    BRANCH_KEYS,
    LIBRARY_KEYS,
    branch_list_rows,
    library_list_rows,
    membership_timeline,
)
from apps.registry.tables import BranchTable, LibraryTable

from .common import (
    DemoAwareListView,
    LoginFirstMixin,
    OrganisationDetailView,
    OrganisationHistoryView,
    organisation_tabs,
)
from .organisations import OrganisationAffiliationsView, OrganisationContactsView, OrganisationPartnersView


def _libraries(*, user):
    return selectors.library_visible_to(user).order_by("organisation__name")


class LibraryListView(DemoAwareListView):
    permission_required = "registry.view_library"
    model = Library
    selector = staticmethod(_libraries)
    page_rows = staticmethod(library_list_rows)
    page_keys_filter = LIBRARY_KEYS
    filterset_class = LibraryFilterSet
    table_class = LibraryTable
    title = gettext_lazy("Bibliotheken")
    export_name = "bibliotheken"
    demo_field = "organisation__is_demo"
    create_url_name = "registry:library_create"
    create_permission = "registry.add_library"


class LibraryViewMixin:
    model = Library
    selector = staticmethod(selectors.library_visible_to)
    permission_required = "registry.view_library"
    tabs = organisation_tabs("library", branches=True)
    kind_label = gettext_lazy("Bibliotheek")
    edit_url_name = "registry:library_edit"
    edit_permission = "registry.change_library"
    delete_url_name = "registry:library_delete"
    delete_permission = "registry.delete_library"


class LibraryDetailView(LibraryViewMixin, OrganisationDetailView):
    template_name = "registry/library_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        library: Library = self.object
        # Only the columns the page shows: whole related records cost more to build than to fetch.
        served = list(library.municipalities_served.only("code", "name_nl").order_by("name_nl"))
        branches = list(
            selectors.branch_visible_to(self.request.user)
            .filter(library=library)
            .select_related(None)
            .only("uuid", "name", "is_main", "street", "postcode", "city")
            .order_by("-is_main", "name")
        )
        today = timezone.localdate()
        current = (
            CooperationMembership.objects.filter(library=library, valid_from__lte=today)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .select_related("cooperation__organisation")
            .only("cooperation__organisation__name", "cooperation__organisation__slug")
        )
        context.update(
            served=served,
            branches=branches,
            current_memberships=list(current),
            map_municipalities_url=(
                f"{reverse('registry-api-geo-municipalities')}?library={library.organisation.slug}" if served else ""
            ),
            map_branches_url=(
                f"{reverse('registry-api-geo-branches')}?library={library.organisation.slug}" if branches else ""
            ),
        )
        return context


class LibraryBranchesView(LibraryViewMixin, OrganisationDetailView):
    template_name = "registry/library_branches.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        branches = (
            selectors.branch_visible_to(self.request.user)
            .filter(library=self.object)
            .select_related("municipality")
            .defer("municipality__boundary")
            .prefetch_related("opening_hours")
            .order_by("-is_main", "name")
        )
        context["branches"] = [(branch, weekly_hours(branch)) for branch in branches]
        context["can_add_branch"] = self.request.user.has_perm("registry.add_branch")
        return context


class LibraryCooperationView(LibraryViewMixin, OrganisationDetailView):
    """The library's memberships over the years: a timeline and the same data as a table."""

    template_name = "registry/library_cooperation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        memberships = list(
            CooperationMembership.objects.filter(library=self.object)
            .select_related("cooperation__organisation")
            .order_by("valid_from", "cooperation__organisation__name")
        )
        context.update(
            memberships=memberships,
            timeline=membership_timeline(memberships),
            can_add_membership=self.request.user.has_perm("registry.add_cooperationmembership"),
        )
        return context


class LibraryPartnersView(LibraryViewMixin, OrganisationPartnersView):
    pass


class LibraryContactsView(LibraryViewMixin, OrganisationContactsView):
    permission_required = "registry.view_contact"


class LibraryAffiliationsView(LibraryViewMixin, OrganisationAffiliationsView):
    permission_required = "registry.manage_affiliations"


class LibraryHistoryView(LibraryViewMixin, OrganisationHistoryView):
    pass


class LibraryCreateView(ObjectCreateView):
    permission_required = "registry.add_library"
    model = Library
    form_class = LibraryForm
    service = staticmethod(services.library_save)
    title = gettext_lazy("Bibliotheek toevoegen")
    success_message = gettext_lazy("De bibliotheek is toegevoegd.")


class LibraryEditView(LoginFirstMixin, ObjectEditView):
    permission_required = "registry.change_library"
    model = Library
    selector = staticmethod(selectors.library_visible_to)
    slug_field = "organisation__slug"
    form_class = LibraryForm
    service = staticmethod(services.library_save)


class LibraryDeleteView(LoginFirstMixin, ObjectDeleteView):
    permission_required = "registry.delete_library"
    model = Library
    selector = staticmethod(selectors.library_visible_to)
    slug_field = "organisation__slug"
    service = staticmethod(services.library_delete)
    success_url = reverse_lazy("registry:library_list")


# --- Branches -------------------------------------------------------------------------------------


def weekly_hours(branch: Branch) -> list[tuple[str, list[OpeningHours]]]:
    """(weekday label, periods) for the seven days, from prefetched opening hours."""
    from apps.registry.models.libraries import Weekday

    by_day: dict[int, list[OpeningHours]] = {day.value: [] for day in Weekday}
    for period in branch.opening_hours.all():
        by_day[period.weekday].append(period)
    return [(str(day.label), by_day[day.value]) for day in Weekday]


def _branches(*, user):
    return selectors.branch_visible_to(user).order_by("library__organisation__name", "-is_main", "name")


class BranchListView(DemoAwareListView):
    permission_required = "registry.view_branch"
    model = Branch
    selector = staticmethod(_branches)
    page_rows = staticmethod(branch_list_rows)
    page_keys_filter = BRANCH_KEYS
    filterset_class = BranchFilterSet
    table_class = BranchTable
    title = gettext_lazy("Vestigingen")
    export_name = "vestigingen"
    create_url_name = "registry:branch_create"
    create_permission = "registry.add_branch"


class BranchViewMixin(LoginFirstMixin):
    model = Branch
    selector = staticmethod(selectors.branch_visible_to)
    permission_required = "registry.view_branch"
    slug_field = "uuid"
    slug_url_kwarg = "uuid"
    tabs = [
        Tab(gettext_lazy("Overzicht"), "registry:branch_detail"),
        Tab(gettext_lazy("Geschiedenis"), "registry:branch_history"),
    ]
    edit_url_name = "registry:branch_edit"
    edit_permission = "registry.change_branch"
    delete_url_name = "registry:branch_delete"
    delete_permission = "registry.delete_branch"

    def get_queryset(self):
        return (
            super()
            .get_queryset()  # type: ignore[misc]
            .select_related("library__organisation", "municipality")
            .defer("municipality__boundary")
        )


class BranchDetailView(CachedPageMixin, BranchViewMixin, ObjectDetailView):
    template_name = "registry/branch_detail.html"

    def get_queryset(self):
        today = timezone.localdate()
        return (
            super()
            .get_queryset()
            .prefetch_related(
                "opening_hours",
                Prefetch(
                    "opening_exceptions",
                    queryset=OpeningException.objects.filter(date__gte=today).order_by("date"),
                    to_attr="upcoming_exceptions",
                ),
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        branch: Branch = self.object
        context.update(
            week=weekly_hours(branch),
            exceptions=branch.upcoming_exceptions,
            past_exception_count=OpeningException.objects.filter(branch=branch, date__lt=timezone.localdate()).count(),
            can_view_exceptions=self.request.user.has_perm("registry.view_openingexception", branch),
            can_manage_exceptions=self.request.user.has_perm("registry.add_openingexception", branch),
            can_edit_hours=self.request.user.has_perm("registry.change_branch", branch),
            map_branches_url=(
                f"{reverse('registry-api-geo-branches')}?uuid={branch.uuid}" if branch.latitude is not None else ""
            ),
            map_municipalities_url=f"{reverse('registry-api-geo-municipalities')}?code={branch.municipality.code}",
        )
        return context


class BranchHistoryView(CachedPageMixin, BranchViewMixin, ObjectHistoryView):
    """The branch's own changes, and those of its opening hours and exceptional days, newest first."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        parts = [
            entry
            for model in (OpeningHours, OpeningException)
            for entry in part_history_entries(model, owner_field="branch", owner_pk=self.object.pk)
        ]
        context["history"] = sorted([*context["history"], *parts], key=lambda entry: entry.when, reverse=True)
        return context


class BranchCreateView(ObjectCreateView):
    permission_required = "registry.add_branch"
    model = Branch
    form_class = BranchForm
    service = staticmethod(services.branch_save)
    title = gettext_lazy("Vestiging toevoegen")
    success_message = gettext_lazy("De vestiging is toegevoegd.")

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("library"):
            initial["library"] = self.request.GET["library"]
        return initial


class BranchEditView(BranchViewMixin, ObjectEditView):
    permission_required = "registry.change_branch"
    form_class = BranchForm
    service = staticmethod(services.branch_save)


class BranchDeleteView(BranchViewMixin, ObjectDeleteView):
    permission_required = "registry.delete_branch"
    service = staticmethod(services.branch_delete)

    def get_success_url(self):
        return self.object.library.get_absolute_url()


class _ReasonForm(forms.Form):
    """Only the "Reden van wijziging" field, for pages that are not one model form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_change_reason_field(self)


def _branch_for_hours(request, uuid):
    return get_object_or_404(selectors.branch_visible_to(request.user), uuid=uuid)


@permission_view("registry.change_branch", get_object=_branch_for_hours)
def branch_opening_hours(request, uuid):
    """Edit a branch's week: one formset per weekday, several periods per day."""
    branch = get_object_or_404(
        selectors.branch_visible_to(request.user)
        .select_related("library__organisation")
        .prefetch_related("opening_hours"),
        uuid=uuid,
    )
    data = request.POST if request.method == "POST" else None
    formsets = opening_hours_formsets(branch, data)
    reason_form = _ReasonForm(data)
    if request.method == "POST" and reason_form.is_valid() and all(fs.is_valid() for _day, fs in formsets):
        try:
            with transaction.atomic():
                services.branch_opening_hours_set(
                    actor=request.user,
                    branch=branch,
                    periods=periods_from_formsets(formsets),
                    reason=reason_form.cleaned_data.get("change_reason", ""),
                )
        except ValidationError as error:
            apply_validation_error(reason_form, error)
        else:
            messages.success(request, _("De openingsuren zijn bewaard."))
            return HttpResponseRedirect(branch.get_absolute_url())
    return render(
        request,
        "registry/branch_opening_hours.html",
        {
            "object": branch,
            "formsets": formsets,
            "form": reason_form,
            "title": _("Openingsuren van %(branch)s") % {"branch": branch},
        },
    )


# --- Opening exceptions ---------------------------------------------------------------------------

# How many recent changes the exceptions page lists (deleted days included).
RECENT_EXCEPTION_CHANGES = 10


class BranchExceptionsView(BranchViewMixin, ObjectDetailView):
    """All exceptional days of a branch: the coming ones, the past ones folded away, recent changes."""

    permission_required = "registry.view_openingexception"
    template_name = "registry/branch_exceptions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        branch: Branch = self.object
        today = timezone.localdate()
        days = list(OpeningException.objects.filter(branch=branch).order_by("date"))
        changes = (
            OpeningException.history.filter(branch_id=branch.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[:RECENT_EXCEPTION_CHANGES]
        )
        context.update(
            upcoming=[day for day in days if day.date >= today],
            # Most recent first: the days someone looks back on are usually last month's.
            past=[day for day in reversed(days) if day.date < today],
            changes=list(changes),
            can_add=self.request.user.has_perm("registry.add_openingexception", branch),
            can_change=self.request.user.has_perm("registry.change_openingexception", branch),
            can_delete_day=self.request.user.has_perm("registry.delete_openingexception", branch),
        )
        return context


class OpeningExceptionMixin(LoginFirstMixin):
    """Pages of one branch's exceptional days: the branch comes from the URL, through the user's scope."""

    model = OpeningException

    def get_branch(self) -> Branch:
        branch = getattr(self, "_branch", None)
        if branch is None:
            branch = self._branch = get_object_or_404(
                selectors.branch_visible_to(self.request.user).select_related("library__organisation"),
                uuid=self.kwargs["uuid"],
            )
        return branch

    def get_queryset(self):
        return OpeningException.objects.filter(branch=self.get_branch()).select_related("branch")

    def get_success_url(self) -> str:
        return reverse("registry:branch_exceptions", kwargs={"uuid": self.get_branch().uuid})

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.update(branch=self.get_branch(), cancel_url=self.get_success_url())
        return context


class OpeningExceptionFormMixin(OpeningExceptionMixin):
    form_class = OpeningExceptionForm
    service = staticmethod(services.opening_exception_save)
    template_name = "registry/opening_exception_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["branch"] = self.get_branch()
        return kwargs


class OpeningExceptionCreateView(OpeningExceptionFormMixin, ObjectCreateView):
    permission_required = "registry.add_openingexception"
    success_message = gettext_lazy("De afwijkende openingsdag is toegevoegd.")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Afwijkende openingsdag toevoegen voor %(branch)s") % {"branch": self.get_branch()}
        return context


class OpeningExceptionEditView(OpeningExceptionFormMixin, ObjectEditView):
    permission_required = "registry.change_openingexception"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["title"] = _("Afwijkende openingsdag van %(day)s bewerken") % {
            "day": date_format(self.object.date, "j F Y")
        }
        return context


class OpeningExceptionDeleteView(OpeningExceptionMixin, ChangeReasonMixin, ObjectDeleteView):
    """GET asks "Weet je het zeker?"; POST deletes, with the reason in the exception's history."""

    permission_required = "registry.delete_openingexception"
    template_name = "registry/opening_exception_confirm_delete.html"

    def form_valid(self, form):
        exception = self.get_object()
        with transaction.atomic():
            services.opening_exception_delete(
                actor=self.request.user, instance=exception, reason=form.cleaned_data.get("change_reason", "")
            )
        messages.success(
            self.request,
            _("De afwijkende openingsdag van %(day)s is verwijderd.") % {"day": date_format(exception.date, "j F Y")},
        )
        return HttpResponseRedirect(self.get_success_url())
