"""What the registry's views share: organisation detail tabs, demo flags, history of two records."""

from typing import Any, ClassVar

from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext_lazy as _

from apps.core.page_cache import CachedPageMixin
from apps.core.selectors.history import history_entries
from apps.core.views.generic import ObjectDetailView, ObjectHistoryView, ObjectListView, Tab


class LoginFirstMixin:
    """Anonymous visitors go to the login page before a scoped lookup could answer 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class DemoAwareListView(CachedPageMixin, ObjectListView):
    """A list page that shows the demo banner when the filtered rows contain invented records."""

    demo_field: ClassVar[str] = "is_demo"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if not self.request.GET.get(self.export_trigger_param):
            # The banner says what this page shows: decided on the rows already fetched, no query.
            page = context["table"].page
            context["shows_demo_data"] = any(self._is_demo(row.record) for row in page.object_list)
        return context

    def _is_demo(self, record) -> bool:
        value = record
        for part in self.demo_field.split("__"):
            value = getattr(value, part, None)
        return bool(value)


class OrganisationDetailMixin(LoginFirstMixin):
    """Detail pages of a library, cooperation or partner: looked up by the organisation's slug."""

    slug_field = "organisation__slug"
    slug_url_kwarg = "slug"
    kind_label: ClassVar[str] = ""

    def get_queryset(self):
        return super().get_queryset().select_related("organisation", "organisation__municipality")  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        organisation = self.object.organisation  # type: ignore[attr-defined]
        context.update(
            organisation=organisation,
            shows_demo_data=organisation.is_demo,
            kind_label=self.kind_label,
        )
        return context

    def get_tabs(self) -> list[dict[str, Any]]:
        # The contacts tab is decided on the organisation: cell staff and its own people see it.
        organisation = self.object.organisation  # type: ignore[attr-defined]
        tabs = []
        for tab in self.tabs:
            target = organisation if tab.permission == "registry.view_contact" else self.object
            if tab.permission and not self.request.user.has_perm(tab.permission, target):
                continue
            tabs.append(tab)
        original, self.tabs = self.tabs, tabs
        try:
            return super().get_tabs()  # type: ignore[misc]
        finally:
            self.tabs = original


def organisation_tabs(prefix: str, *, branches: bool = False, members: bool = False) -> list[Tab]:
    tabs = [Tab(_("Overzicht"), f"registry:{prefix}_detail")]
    if branches:
        tabs.append(Tab(_("Vestigingen"), f"registry:{prefix}_branches"))
    if members:
        tabs.append(Tab(_("Leden"), f"registry:{prefix}_members"))
    if prefix == "library":
        tabs.append(Tab(_("Samenwerking"), "registry:library_cooperation"))
    tabs += [
        Tab(_("Partners"), f"registry:{prefix}_partners"),
        Tab(_("Contacten"), f"registry:{prefix}_contacts", permission="registry.view_contact"),
        Tab(_("Medewerkers"), f"registry:{prefix}_affiliations", permission="registry.manage_affiliations"),
        Tab(_("Geschiedenis"), f"registry:{prefix}_history"),
    ]
    return tabs


class OrganisationDetailView(CachedPageMixin, OrganisationDetailMixin, ObjectDetailView):
    pass


class OrganisationHistoryView(CachedPageMixin, OrganisationDetailMixin, ObjectHistoryView):
    """History of both records that make up the organisation (its common fields and its kind's details)."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entries = history_entries(self.object.organisation) + history_entries(self.object)
        context["history"] = sorted(entries, key=lambda entry: entry.when, reverse=True)
        return context
