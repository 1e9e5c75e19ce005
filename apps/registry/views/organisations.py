"""Tabs every organisation has (partners, contacts, staff), cooperations with their members, partners and links."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.forms import add_change_reason_field
from apps.core.permissions import permission_view
from apps.core.views.generic import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectEditView,
    apply_validation_error,
)
from apps.registry import selectors, services
from apps.registry.filters import CooperationFilterSet, PartnerFilterSet
from apps.registry.forms import CooperationForm, MembershipEndForm, MembershipForm, PartnerForm, PartnerLinkForm
from apps.registry.models import Affiliation, Cooperation, CooperationMembership, Partner, PartnerLink
from apps.registry.selectors.pages import COOPERATION_KEYS, PARTNER_KEYS, cooperation_list_rows, partner_list_rows
from apps.registry.tables import CooperationTable, PartnerTable

from .common import (
    DemoAwareListView,
    LoginFirstMixin,
    OrganisationDetailView,
    OrganisationHistoryView,
    organisation_tabs,
)


class OrganisationPartnersView(OrganisationDetailView):
    template_name = "registry/organisation_partners.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        links = PartnerLink.objects.select_related("partner__organisation", "organisation")
        if isinstance(self.object, Partner):
            links = links.filter(partner=self.object)
        else:
            links = links.filter(organisation=self.object.organisation)
        context["links"] = list(links.order_by("-valid_from", "partner__organisation__name"))
        context["is_partner_page"] = isinstance(self.object, Partner)
        context["can_add_link"] = self.request.user.has_perm("registry.add_partnerlink")
        context["can_change_link"] = self.request.user.has_perm("registry.change_partnerlink")
        return context


class OrganisationContactsView(OrganisationDetailView):
    """Contacts: only for cell staff and the organisation's own people (rule `registry.view_contact`)."""

    template_name = "registry/organisation_contacts.html"

    def get_permission_object(self):
        return self.get_object().organisation

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        contacts = selectors.contact_visible_to(self.request.user).filter(organisation=self.object.organisation)
        context["contacts"] = list(contacts.order_by("-is_primary", "last_name", "first_name"))
        context["can_add_contact"] = self.request.user.has_perm("registry.add_contact")
        context["can_change_contact"] = self.request.user.has_perm("registry.change_contact")
        return context


class OrganisationAffiliationsView(OrganisationDetailView):
    """Which users work for this organisation; cell staff manage it."""

    template_name = "registry/organisation_affiliations.html"

    def get_permission_object(self):
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        affiliations = Affiliation.objects.filter(organisation=self.object.organisation).select_related("user")
        context["affiliations"] = list(affiliations.order_by("user__username"))
        return context


# --- Cooperations ---------------------------------------------------------------------------------


def _cooperations(*, user):
    return selectors.cooperation_visible_to(user).order_by("organisation__name")


class CooperationListView(DemoAwareListView):
    permission_required = "registry.view_cooperation"
    model = Cooperation
    selector = staticmethod(_cooperations)
    page_rows = staticmethod(cooperation_list_rows)
    page_keys_filter = COOPERATION_KEYS
    filterset_class = CooperationFilterSet
    table_class = CooperationTable
    title = gettext_lazy("Samenwerkingsverbanden")
    export_name = "samenwerkingsverbanden"
    demo_field = "organisation__is_demo"
    create_url_name = "registry:cooperation_create"
    create_permission = "registry.add_cooperation"


class CooperationViewMixin:
    model = Cooperation
    selector = staticmethod(selectors.cooperation_visible_to)
    permission_required = "registry.view_cooperation"
    tabs = organisation_tabs("cooperation", members=True)
    kind_label = gettext_lazy("Samenwerkingsverband")
    edit_url_name = "registry:cooperation_edit"
    edit_permission = "registry.change_cooperation"
    delete_url_name = "registry:cooperation_delete"
    delete_permission = "registry.delete_cooperation"


def _members_on(cooperation: Cooperation, day):
    return (
        CooperationMembership.objects.filter(cooperation=cooperation, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .select_related("library__organisation", "municipality")
        .defer("municipality__boundary")
    )


class CooperationDetailView(CooperationViewMixin, OrganisationDetailView):
    template_name = "registry/cooperation_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("coordinator")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        members = list(_members_on(self.object, timezone.localdate()))
        slug = self.object.organisation.slug
        context.update(
            members=members,
            map_municipalities_url=f"{reverse('registry-api-geo-municipalities')}?cooperation={slug}"
            if members
            else "",
            map_branches_url=f"{reverse('registry-api-geo-branches')}?cooperation={slug}" if members else "",
            can_view_coordinator=self.request.user.has_perm("registry.view_contact", self.object.organisation),
        )
        return context


class CooperationMembersView(CooperationViewMixin, OrganisationDetailView):
    """Members over time: every membership, current and past."""

    template_name = "registry/cooperation_members.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        memberships = (
            CooperationMembership.objects.filter(cooperation=self.object)
            .select_related("cooperation__organisation", "library__organisation", "municipality")
            .defer("municipality__boundary")
            .order_by("valid_from", "library__organisation__name", "municipality__name_nl")
        )
        context.update(
            memberships=list(memberships),
            today=timezone.localdate(),
            can_add_membership=self.request.user.has_perm("registry.add_cooperationmembership"),
            can_change_membership=self.request.user.has_perm("registry.change_cooperationmembership"),
        )
        return context


class CooperationPartnersView(CooperationViewMixin, OrganisationPartnersView):
    pass


class CooperationContactsView(CooperationViewMixin, OrganisationContactsView):
    permission_required = "registry.view_contact"


class CooperationAffiliationsView(CooperationViewMixin, OrganisationAffiliationsView):
    permission_required = "registry.manage_affiliations"


class CooperationHistoryView(CooperationViewMixin, OrganisationHistoryView):
    pass


class CooperationCreateView(ObjectCreateView):
    permission_required = "registry.add_cooperation"
    model = Cooperation
    form_class = CooperationForm
    service = staticmethod(services.cooperation_save)
    title = gettext_lazy("Samenwerkingsverband toevoegen")
    success_message = gettext_lazy("Het samenwerkingsverband is toegevoegd.")


class CooperationEditView(LoginFirstMixin, ObjectEditView):
    permission_required = "registry.change_cooperation"
    model = Cooperation
    selector = staticmethod(selectors.cooperation_visible_to)
    slug_field = "organisation__slug"
    form_class = CooperationForm
    service = staticmethod(services.cooperation_save)


class CooperationDeleteView(LoginFirstMixin, ObjectDeleteView):
    permission_required = "registry.delete_cooperation"
    model = Cooperation
    selector = staticmethod(selectors.cooperation_visible_to)
    slug_field = "organisation__slug"
    service = staticmethod(services.cooperation_delete)
    success_url = reverse_lazy("registry:cooperation_list")


# --- Memberships ------------------------------------------------------------------------------------


class MembershipSuccessMixin:
    def get_success_url(self):
        return reverse("registry:cooperation_members", kwargs={"slug": self.object.cooperation.organisation.slug})


class MembershipCreateView(MembershipSuccessMixin, ObjectCreateView):
    permission_required = "registry.add_cooperationmembership"
    model = CooperationMembership
    form_class = MembershipForm
    service = staticmethod(services.membership_save)
    title = gettext_lazy("Lidmaatschap toevoegen")
    success_message = gettext_lazy("Het lidmaatschap is toegevoegd.")

    def get_initial(self):
        initial = super().get_initial()
        for key in ("cooperation", "library"):
            if self.request.GET.get(key):
                initial[key] = self.request.GET[key]
        return initial


class MembershipEditView(LoginFirstMixin, MembershipSuccessMixin, ObjectEditView):
    permission_required = "registry.change_cooperationmembership"
    model = CooperationMembership
    selector = staticmethod(selectors.membership_visible_to)
    form_class = MembershipForm
    service = staticmethod(services.membership_save)
    title = gettext_lazy("Lidmaatschap bewerken")


class MembershipDeleteView(LoginFirstMixin, MembershipSuccessMixin, ObjectDeleteView):
    permission_required = "registry.delete_cooperationmembership"
    model = CooperationMembership
    selector = staticmethod(selectors.membership_visible_to)
    service = staticmethod(services.membership_delete)


def _membership(request, pk):
    return get_object_or_404(selectors.membership_visible_to(request.user), pk=pk)


@permission_view("registry.change_cooperationmembership", get_object=_membership)
def membership_end(request, pk):
    """End a running membership on a chosen day (the last day included)."""
    membership = get_object_or_404(
        selectors.membership_visible_to(request.user).select_related(
            "cooperation__organisation", "library__organisation", "municipality"
        ),
        pk=pk,
    )
    form = MembershipEndForm(request.POST or None, membership=membership, initial={"valid_until": timezone.localdate()})
    add_change_reason_field(form)
    if request.method == "POST" and form.is_valid():
        data = {
            "cooperation": membership.cooperation,
            "library": membership.library,
            "municipality": membership.municipality,
            "valid_from": membership.valid_from,
            "valid_until": form.cleaned_data["valid_until"],
            "note": membership.note,
        }
        try:
            with transaction.atomic():
                services.membership_save(
                    actor=request.user,
                    instance=membership,
                    data=data,
                    reason=form.cleaned_data.get("change_reason", ""),
                )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Het lidmaatschap is beëindigd."))
            return HttpResponseRedirect(
                reverse("registry:cooperation_members", kwargs={"slug": membership.cooperation.organisation.slug})
            )
    title = _("Lidmaatschap van %(member)s beëindigen") % {"member": membership.library or membership.municipality}
    return render(request, "registry/membership_end.html", {"form": form, "object": membership, "title": title})


# --- Partners ---------------------------------------------------------------------------------------


def _partners(*, user):
    return selectors.partner_visible_to(user).order_by("organisation__name")


class PartnerListView(DemoAwareListView):
    permission_required = "registry.view_partner"
    model = Partner
    selector = staticmethod(_partners)
    page_rows = staticmethod(partner_list_rows)
    page_keys_filter = PARTNER_KEYS
    filterset_class = PartnerFilterSet
    table_class = PartnerTable
    title = gettext_lazy("Partners")
    export_name = "partners"
    demo_field = "organisation__is_demo"
    create_url_name = "registry:partner_create"
    create_permission = "registry.add_partner"


class PartnerViewMixin:
    model = Partner
    selector = staticmethod(selectors.partner_visible_to)
    permission_required = "registry.view_partner"
    tabs = organisation_tabs("partner")
    kind_label = gettext_lazy("Partner")
    edit_url_name = "registry:partner_edit"
    edit_permission = "registry.change_partner"
    delete_url_name = "registry:partner_delete"
    delete_permission = "registry.delete_partner"


class PartnerDetailView(PartnerViewMixin, OrganisationDetailView):
    template_name = "registry/partner_detail.html"


class PartnerPartnersView(PartnerViewMixin, OrganisationPartnersView):
    pass


class PartnerContactsView(PartnerViewMixin, OrganisationContactsView):
    permission_required = "registry.view_contact"


class PartnerAffiliationsView(PartnerViewMixin, OrganisationAffiliationsView):
    permission_required = "registry.manage_affiliations"


class PartnerHistoryView(PartnerViewMixin, OrganisationHistoryView):
    pass


class PartnerCreateView(ObjectCreateView):
    permission_required = "registry.add_partner"
    model = Partner
    form_class = PartnerForm
    service = staticmethod(services.partner_save)
    title = gettext_lazy("Partner toevoegen")
    success_message = gettext_lazy("De partner is toegevoegd.")


class PartnerEditView(LoginFirstMixin, ObjectEditView):
    permission_required = "registry.change_partner"
    model = Partner
    selector = staticmethod(selectors.partner_visible_to)
    slug_field = "organisation__slug"
    form_class = PartnerForm
    service = staticmethod(services.partner_save)


class PartnerDeleteView(LoginFirstMixin, ObjectDeleteView):
    permission_required = "registry.delete_partner"
    model = Partner
    selector = staticmethod(selectors.partner_visible_to)
    slug_field = "organisation__slug"
    service = staticmethod(services.partner_delete)
    success_url = reverse_lazy("registry:partner_list")


# --- Partner links ------------------------------------------------------------------------------------


class PartnerLinkSuccessMixin:
    def get_success_url(self):
        return reverse("registry:partner_partners", kwargs={"slug": self.object.partner.organisation.slug})


class PartnerLinkCreateView(PartnerLinkSuccessMixin, ObjectCreateView):
    permission_required = "registry.add_partnerlink"
    model = PartnerLink
    form_class = PartnerLinkForm
    service = staticmethod(services.partner_link_save)
    title = gettext_lazy("Partnerschap toevoegen")
    success_message = gettext_lazy("Het partnerschap is toegevoegd.")

    def get_initial(self):
        initial = super().get_initial()
        for key in ("organisation", "partner"):
            if self.request.GET.get(key):
                initial[key] = self.request.GET[key]
        return initial


class PartnerLinkEditView(LoginFirstMixin, PartnerLinkSuccessMixin, ObjectEditView):
    permission_required = "registry.change_partnerlink"
    model = PartnerLink
    selector = staticmethod(selectors.partner_link_visible_to)
    form_class = PartnerLinkForm
    service = staticmethod(services.partner_link_save)
    title = gettext_lazy("Partnerschap bewerken")


class PartnerLinkDeleteView(LoginFirstMixin, PartnerLinkSuccessMixin, ObjectDeleteView):
    permission_required = "registry.delete_partnerlink"
    model = PartnerLink
    selector = staticmethod(selectors.partner_link_visible_to)
    service = staticmethod(services.partner_link_delete)
