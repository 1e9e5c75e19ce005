"""Contact persons (cell staff's list; on organisation pages for permitted users) and who works where."""

from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy

from apps.core.views.generic import ObjectCreateView, ObjectDeleteView, ObjectEditView, ObjectListView
from apps.registry import selectors, services
from apps.registry.filters import AffiliationFilterSet, ContactFilterSet
from apps.registry.forms import AffiliationForm, ContactForm
from apps.registry.models import Affiliation, Contact
from apps.registry.tables import AffiliationTable, ContactTable

from .common import DemoAwareListView, LoginFirstMixin


def _contacts(*, user):
    return selectors.contact_visible_to(user).select_related("organisation").order_by("last_name", "first_name")


class ContactListView(DemoAwareListView):
    """The full list is for cell staff; others see contacts on their own organisation's page."""

    permission_required = "registry.view_contact"
    model = Contact
    selector = staticmethod(_contacts)
    filterset_class = ContactFilterSet
    table_class = ContactTable
    title = gettext_lazy("Contactpersonen")
    export_name = "contactpersonen"
    create_url_name = "registry:contact_create"
    create_permission = "registry.add_contact"


class ContactSuccessMixin:
    def get_success_url(self):
        organisation = self.object.organisation
        route = f"registry:{organisation.kind}_contacts"
        return reverse(route, kwargs={"slug": organisation.slug})


class ContactCreateView(ContactSuccessMixin, ObjectCreateView):
    permission_required = "registry.add_contact"
    model = Contact
    form_class = ContactForm
    service = staticmethod(services.contact_save)
    title = gettext_lazy("Contactpersoon toevoegen")
    success_message = gettext_lazy("De contactpersoon is toegevoegd.")

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("organisation"):
            initial["organisation"] = self.request.GET["organisation"]
        return initial


class ContactEditView(LoginFirstMixin, ContactSuccessMixin, ObjectEditView):
    permission_required = "registry.change_contact"
    model = Contact
    selector = staticmethod(selectors.contact_visible_to)
    slug_field = "uuid"
    slug_url_kwarg = "uuid"
    form_class = ContactForm
    service = staticmethod(services.contact_save)
    title = gettext_lazy("Contactpersoon bewerken")


class ContactDeleteView(LoginFirstMixin, ContactSuccessMixin, ObjectDeleteView):
    permission_required = "registry.delete_contact"
    model = Contact
    selector = staticmethod(selectors.contact_visible_to)
    slug_field = "uuid"
    slug_url_kwarg = "uuid"
    service = staticmethod(services.contact_delete)


# --- Affiliations ------------------------------------------------------------------------------------


def _affiliations(*, user):
    return Affiliation.objects.select_related("user", "organisation").order_by("user__username", "organisation__name")


class AffiliationListView(ObjectListView):
    permission_required = "registry.manage_affiliations"
    model = Affiliation
    selector = staticmethod(_affiliations)
    filterset_class = AffiliationFilterSet
    table_class = AffiliationTable
    title = gettext_lazy("Wie werkt waar")
    export_name = "medewerkers"
    create_url_name = "registry:affiliation_create"
    create_permission = "registry.manage_affiliations"


class AffiliationCreateView(ObjectCreateView):
    permission_required = "registry.manage_affiliations"
    model = Affiliation
    form_class = AffiliationForm
    service = staticmethod(services.affiliation_save)
    title = gettext_lazy("Medewerker aan een organisatie koppelen")
    success_message = gettext_lazy("De koppeling is bewaard.")
    success_url = reverse_lazy("registry:affiliation_list")

    def get_initial(self):
        initial = super().get_initial()
        for key in ("organisation", "user"):
            if self.request.GET.get(key):
                initial[key] = self.request.GET[key]
        return initial


class AffiliationEditView(ObjectEditView):
    permission_required = "registry.manage_affiliations"
    model = Affiliation
    form_class = AffiliationForm
    service = staticmethod(services.affiliation_save)
    title = gettext_lazy("Koppeling bewerken")
    success_url = reverse_lazy("registry:affiliation_list")

    def get_permission_object(self):
        return None


class AffiliationDeleteView(ObjectDeleteView):
    permission_required = "registry.manage_affiliations"
    model = Affiliation
    service = staticmethod(services.affiliation_delete)
    success_url = reverse_lazy("registry:affiliation_list")

    def get_permission_object(self):
        return None
