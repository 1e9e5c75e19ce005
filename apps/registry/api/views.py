"""The registry's API: the list pages' FilterSets, the scoping selectors, and writes through the services."""

from typing import Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.permissions import RulesPermission
from apps.registry import selectors, services
from apps.registry.filters import (
    AffiliationFilterSet,
    BranchFilterSet,
    ContactFilterSet,
    CooperationFilterSet,
    GroupingFilterSet,
    LibraryFilterSet,
    MembershipFilterSet,
    MunicipalityFilterSet,
    PartnerFilterSet,
    PartnerLinkFilterSet,
    TerritorialChangeFilterSet,
)
from apps.registry.models import (
    Affiliation,
    Branch,
    Contact,
    Cooperation,
    CooperationMembership,
    Grouping,
    Library,
    OpeningException,
    Partner,
    PartnerLink,
    TerritorialChange,
    TerritorialUnit,
)
from apps.registry.selectors.pages import (
    COLOUR_MODES,
    branch_points,
    branch_rows,
    cooperation_rows,
    library_rows,
    municipality_api_rows,
    municipality_map,
    partner_rows,
)
from apps.registry.views.people import _affiliations
from apps.registry.views.territory import change_list, grouping_list

from . import serializers as api
from .filters import OpeningExceptionFilterSet


def crud_permissions(model: str, *, view: str | None = None) -> dict[str, str]:
    view = view or f"registry.view_{model}"
    return {
        "list": view,
        "retrieve": view,
        "create": f"registry.add_{model}",
        "update": f"registry.change_{model}",
        "partial_update": f"registry.change_{model}",
        "destroy": f"registry.delete_{model}",
    }


def read_permissions(perm: str) -> dict[str, str]:
    return {"list": perm, "retrieve": perm}


class ServiceWriteMixin:
    """create/update/destroy call the registry service; its Dutch field errors become a 400 body."""

    save_service: ClassVar[Any] = None
    delete_service: ClassVar[Any] = None

    def _save(self, serializer, instance=None):
        data = dict(serializer.validated_data)
        reason = data.pop("change_reason", "")
        try:
            with transaction.atomic():
                serializer.instance = type(self).save_service(
                    actor=self.request.user, instance=instance, data=data, reason=reason
                )
        except DjangoValidationError as error:
            if hasattr(error, "error_dict"):
                raise serializers.ValidationError(error.message_dict) from error
            raise serializers.ValidationError({"non_field_errors": error.messages}) from error

    def perform_create(self, serializer):
        self._save(serializer)

    def perform_update(self, serializer):
        self._save(serializer, instance=serializer.instance)

    def perform_destroy(self, instance):
        with transaction.atomic():
            type(self).delete_service(actor=self.request.user, instance=instance)


class RegistryViewSet(ServiceWriteMixin, viewsets.ModelViewSet):
    permission_classes = [RulesPermission]
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]


class ReadOnlyRegistryViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [RulesPermission]


# --- Territory --------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        description=(
            "Gemeenten zoals op een dag (standaard vandaag: 304; `?on=2024-12-31`: "
            "de 300 Vlaamse van vóór de fusies plus Brussel). Dezelfde filters als de lijstpagina."
        )
    )
)
class MunicipalityViewSet(ReadOnlyRegistryViewSet):
    queryset = TerritorialUnit.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.MunicipalitySerializer
    filterset_class = MunicipalityFilterSet
    permission_required = read_permissions("registry.view_municipality")
    lookup_field = "code"
    lookup_value_regex = r"[0-9A-Za-z]+"

    # The list is counted and paged lean; the page's rows get their names and figures (PageRowsPagination).
    page_rows = staticmethod(municipality_api_rows)

    def get_queryset(self):
        return TerritorialUnit.objects.order_by("name_nl")

    def get_object(self):
        # A disappeared municipality is still found by its code (the date filter is for lists).
        rows = municipality_api_rows(TerritorialUnit.objects.filter(level="municipality"))
        unit = get_object_or_404(rows, code=self.kwargs["code"])
        self.check_object_permissions(self.request, unit)
        return unit


class GroupingViewSet(ReadOnlyRegistryViewSet):
    queryset = Grouping.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.GroupingSerializer
    filterset_class = GroupingFilterSet
    permission_required = read_permissions("registry.view_municipality")

    def get_queryset(self):
        return grouping_list(user=self.request.user)


class TerritorialChangeViewSet(ReadOnlyRegistryViewSet):
    queryset = TerritorialChange.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.TerritorialChangeSerializer
    filterset_class = TerritorialChangeFilterSet
    permission_required = read_permissions("registry.view_municipality")

    def get_queryset(self):
        return change_list(user=self.request.user)


# --- Organisations --------------------------------------------------------------------------------------

SLUG_PARAMETER = OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH, description="Korte naam")


@extend_schema_view(
    retrieve=extend_schema(parameters=[SLUG_PARAMETER]),
    update=extend_schema(parameters=[SLUG_PARAMETER]),
    partial_update=extend_schema(parameters=[SLUG_PARAMETER]),
    destroy=extend_schema(parameters=[SLUG_PARAMETER]),
)
class OrganisationViewSet(RegistryViewSet):
    lookup_field = "organisation__slug"
    lookup_url_kwarg = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"


class LibraryViewSet(OrganisationViewSet):
    queryset = Library.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.LibrarySerializer
    filterset_class = LibraryFilterSet
    permission_required = crud_permissions("library")
    save_service = staticmethod(services.library_save)
    delete_service = staticmethod(services.library_delete)

    def get_queryset(self):
        return library_rows(selectors.library_visible_to(self.request.user)).prefetch_related("municipalities_served")


class CooperationViewSet(OrganisationViewSet):
    queryset = Cooperation.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.CooperationSerializer
    filterset_class = CooperationFilterSet
    permission_required = crud_permissions("cooperation")
    save_service = staticmethod(services.cooperation_save)
    delete_service = staticmethod(services.cooperation_delete)

    def get_queryset(self):
        return cooperation_rows(selectors.cooperation_visible_to(self.request.user))


class PartnerViewSet(OrganisationViewSet):
    queryset = Partner.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.PartnerSerializer
    filterset_class = PartnerFilterSet
    permission_required = crud_permissions("partner")
    save_service = staticmethod(services.partner_save)
    delete_service = staticmethod(services.partner_delete)

    def get_queryset(self):
        return partner_rows(selectors.partner_visible_to(self.request.user))


class BranchViewSet(RegistryViewSet):
    queryset = Branch.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.BranchSerializer
    filterset_class = BranchFilterSet
    permission_required = crud_permissions("branch")
    lookup_field = "uuid"
    save_service = staticmethod(services.branch_save)
    delete_service = staticmethod(services.branch_delete)

    def get_queryset(self):
        return branch_rows(selectors.branch_visible_to(self.request.user))


class OpeningExceptionViewSet(RegistryViewSet):
    """Exceptional days of the branches the user may see; writes through the same services as the pages."""

    queryset = OpeningException.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.OpeningExceptionSerializer
    filterset_class = OpeningExceptionFilterSet
    permission_required = crud_permissions("openingexception")
    save_service = staticmethod(services.opening_exception_save)
    delete_service = staticmethod(services.opening_exception_delete)

    def get_queryset(self):
        return (
            OpeningException.objects.filter(branch__in=selectors.branch_visible_to(self.request.user))
            .select_related("branch")
            .order_by("branch_id", "date")
        )


class MembershipViewSet(RegistryViewSet):
    queryset = CooperationMembership.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.MembershipSerializer
    filterset_class = MembershipFilterSet
    permission_required = crud_permissions("cooperationmembership")
    save_service = staticmethod(services.membership_save)
    delete_service = staticmethod(services.membership_delete)

    def get_queryset(self):
        return (
            selectors.membership_visible_to(self.request.user)
            .select_related("cooperation__organisation", "library__organisation", "municipality")
            .defer("municipality__boundary")
            .order_by("valid_from", "pk")
        )


class PartnerLinkViewSet(RegistryViewSet):
    queryset = PartnerLink.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.PartnerLinkSerializer
    filterset_class = PartnerLinkFilterSet
    permission_required = crud_permissions("partnerlink")
    save_service = staticmethod(services.partner_link_save)
    delete_service = staticmethod(services.partner_link_delete)

    def get_queryset(self):
        return selectors.partner_link_visible_to(self.request.user).order_by("-valid_from", "pk")


class ContactViewSet(RegistryViewSet):
    """Contacts the user may see: all for cell staff, their own organisation's for others."""

    queryset = Contact.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.ContactSerializer
    filterset_class = ContactFilterSet
    permission_required = crud_permissions("contact", view="registry.view_registry") | {
        "retrieve": "registry.view_contact"
    }
    lookup_field = "uuid"
    save_service = staticmethod(services.contact_save)
    delete_service = staticmethod(services.contact_delete)

    def get_queryset(self):
        return (
            selectors.contact_visible_to(self.request.user).select_related("organisation").order_by("last_name", "pk")
        )


class AffiliationViewSet(RegistryViewSet):
    queryset = Affiliation.objects.none()  # for the schema; get_queryset scopes the real one
    serializer_class = api.AffiliationSerializer
    filterset_class = AffiliationFilterSet
    permission_required = dict.fromkeys(
        ("list", "retrieve", "create", "update", "partial_update", "destroy"), "registry.manage_affiliations"
    )
    save_service = staticmethod(services.affiliation_save)
    delete_service = staticmethod(services.affiliation_delete)

    def get_queryset(self):
        return _affiliations(user=self.request.user)

    def get_object(self):
        affiliation = get_object_or_404(
            Affiliation.objects.select_related("user", "organisation"), pk=self.kwargs["pk"]
        )
        self.check_object_permissions(self.request, affiliation)
        return affiliation


# --- GeoJSON ------------------------------------------------------------------------------------------------


def _filter_errors(filterset) -> Response:
    return Response({name: [str(e) for e in errors] for name, errors in filterset.errors.items()}, status=400)


class MunicipalityGeoJSONView(APIView):
    """Municipality polygons as a GeoJSON FeatureCollection, coloured for the registry map."""

    permission_classes = [RulesPermission]
    permission_required = "registry.view_municipality"

    @extend_schema(
        parameters=[
            OpenApiParameter("on", OpenApiTypes.DATE, description="Situatie op datum (standaard vandaag)"),
            OpenApiParameter("colour", OpenApiTypes.STR, enum=list(COLOUR_MODES), description="Inkleuring"),
            OpenApiParameter("referentieregio", OpenApiTypes.STR),
            OpenApiParameter("province", OpenApiTypes.STR),
            OpenApiParameter("cooperation", OpenApiTypes.STR),
            OpenApiParameter("library", OpenApiTypes.STR),
            OpenApiParameter("code", OpenApiTypes.STR),
        ],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request):
        filterset = MunicipalityFilterSet(request.GET, queryset=TerritorialUnit.objects.all())
        if not filterset.is_valid():
            return _filter_errors(filterset)
        day = filterset.form.cleaned_data.get("on") or timezone.localdate()
        data = municipality_map(
            None if filterset.filters_only_the_day() else filterset.qs,
            colour=request.GET.get("colour", "referentieregio"),
            user=request.user,
            day=day,
        )
        return HttpResponse(data.geojson, content_type="application/geo+json")


class BranchGeoJSONView(APIView):
    """Branch points as a GeoJSON FeatureCollection (the branch list's filters apply)."""

    permission_classes = [RulesPermission]
    permission_required = "registry.view_branch"

    @extend_schema(
        parameters=[
            OpenApiParameter("library", OpenApiTypes.STR),
            OpenApiParameter("cooperation", OpenApiTypes.STR),
            OpenApiParameter("municipality", OpenApiTypes.STR),
            OpenApiParameter("referentieregio", OpenApiTypes.STR),
            OpenApiParameter("uuid", OpenApiTypes.UUID),
        ],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request):
        filterset = BranchFilterSet(request.GET, queryset=selectors.branch_visible_to(request.user))
        if not filterset.is_valid():
            return _filter_errors(filterset)
        return HttpResponse(branch_points(filterset.qs), content_type="application/geo+json")
