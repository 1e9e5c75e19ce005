"""API representations of the registry. Relations are stable identifiers (NIS codes, slugs, UUIDs).

Writes do not use `serializer.save()`: the view hands `validated_data` to the
registry service, the same one the edit pages call.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.models import User
from apps.registry.models import (
    Affiliation,
    Branch,
    Contact,
    Cooperation,
    CooperationMembership,
    Grouping,
    Library,
    OpeningException,
    Organisation,
    Partner,
    PartnerLink,
    TerritorialChange,
    TerritorialUnit,
)
from apps.registry.models.cooperations import CooperationType
from apps.registry.models.libraries import GovernanceType
from apps.registry.models.organisations import OrganisationStatus
from apps.registry.models.partners import PartnerType


@extend_schema_field(OpenApiTypes.STR)
class NisCodeField(serializers.SlugRelatedField):
    """A municipality by its 5-digit NIS code, with Dutch errors for a malformed or unknown code."""

    default_error_messages = {
        "malformed": _("Een NIS-code bestaat uit 5 cijfers, bijvoorbeeld 23106."),
        "does_not_exist": _("Onbekende NIS-code: {value}."),
        "invalid": _("Ongeldige NIS-code."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", TerritorialUnit.objects.municipalities().defer("boundary"))
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str | int) or not str(data).isdigit() or len(str(data)) != 5:
            self.fail("malformed")
        return super().to_internal_value(str(data))


@extend_schema_field(OpenApiTypes.STR)
class OrganisationSlugField(serializers.SlugRelatedField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("slug_field", "organisation__slug")
        super().__init__(**kwargs)


class ChangeReasonMixin(serializers.Serializer):
    change_reason = serializers.CharField(
        write_only=True, required=False, allow_blank=True, max_length=300, help_text=_("Komt in de geschiedenis.")
    )


# --- Territory ----------------------------------------------------------------------------------


class MunicipalitySerializer(serializers.ModelSerializer):
    nis_code = serializers.CharField(source="code", read_only=True)
    province = serializers.SerializerMethodField()
    arrondissement = serializers.SerializerMethodField()
    referentieregio = serializers.CharField(source="referentieregio_code", read_only=True, allow_null=True)
    referentieregio_name = serializers.CharField(read_only=True, allow_null=True)
    population = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = TerritorialUnit
        fields = [
            "nis_code",
            "name_nl",
            "name_fr",
            "province",
            "arrondissement",
            "referentieregio",
            "referentieregio_name",
            "population",
            "area_km2",
            "valid_from",
            "valid_until",
            "latitude",
            "longitude",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_province(self, unit: TerritorialUnit) -> str | None:
        # Codes from the rows' annotations (apps.registry.selectors.pages.municipality_api_rows).
        return unit.province_code if unit.province_level == "province" else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_arrondissement(self, unit: TerritorialUnit) -> str | None:
        return unit.arrondissement_code if unit.arrondissement_level == "arrondissement" else None


class GroupingSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)
    population_total = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Grouping
        fields = [
            "id",
            "kind",
            "code",
            "name",
            "description",
            "valid_from",
            "valid_until",
            "source",
            "member_count",
            "population_total",
        ]
        read_only_fields = fields


class TerritorialChangeSerializer(serializers.ModelSerializer):
    predecessors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    successors = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = TerritorialChange
        fields = ["id", "kind", "effective_date", "predecessors", "successors", "description", "source"]
        read_only_fields = fields


# --- Organisations ------------------------------------------------------------------------------

ORGANISATION_FIELD_NAMES = (
    "name",
    "slug",
    "status",
    "municipality",
    "website",
    "email",
    "phone",
    "description",
    "is_demo",
)


class _Flat:
    """Reads an organisation's common fields through its kind's detail record, so one flat serializer covers both."""

    def __init__(self, detail) -> None:
        self._detail = detail

    def __getattr__(self, name: str):
        if name in ORGANISATION_FIELD_NAMES or name == "uuid":
            return getattr(self._detail.organisation, name)
        return getattr(self._detail, name)


class OrganisationSerializer(ChangeReasonMixin, serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    name = serializers.CharField(max_length=200)
    slug = serializers.SlugField(max_length=200, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=OrganisationStatus.choices, default=OrganisationStatus.ACTIVE)
    municipality = NisCodeField(required=False, allow_null=True)
    website = serializers.URLField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    is_demo = serializers.BooleanField(read_only=True)

    def to_representation(self, instance):
        return super().to_representation(_Flat(instance))


class LibrarySerializer(OrganisationSerializer):
    governance_type = serializers.ChoiceField(choices=GovernanceType.choices, default=GovernanceType.MUNICIPAL)
    is_statutory = serializers.BooleanField(default=True)
    opened_year = serializers.IntegerField(required=False, allow_null=True, min_value=1800, max_value=2100)
    closed_year = serializers.IntegerField(required=False, allow_null=True, min_value=1800, max_value=2100)
    bios_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    municipalities_served = NisCodeField(many=True, required=False)


class CooperationSerializer(OrganisationSerializer):
    cooperation_type = serializers.ChoiceField(choices=CooperationType.choices, default=CooperationType.LIBRARY_NETWORK)
    founded_on = serializers.DateField(required=False, allow_null=True)
    dissolved_on = serializers.DateField(required=False, allow_null=True)


class PartnerSerializer(OrganisationSerializer):
    partner_type = serializers.ChoiceField(choices=PartnerType.choices)


class BranchSerializer(ChangeReasonMixin, serializers.ModelSerializer):
    library = OrganisationSlugField(queryset=Library.objects.select_related("organisation"))
    municipality = NisCodeField()

    class Meta:
        model = Branch
        fields = [
            "uuid",
            "library",
            "name",
            "is_main",
            "street",
            "postcode",
            "city",
            "municipality",
            "latitude",
            "longitude",
            "accessibility",
            "co_location",
            "opened_year",
            "closed_year",
            "email",
            "phone",
            "is_demo",
            "change_reason",
        ]
        read_only_fields = ["uuid", "is_demo"]
        # Rules that span rows (one open main branch per library) are the service's.
        validators: list = []


class OpeningExceptionSerializer(ChangeReasonMixin, serializers.ModelSerializer):
    """A day with other hours than usual; `opens`/`closes` only on an open day (`is_closed` false)."""

    branch = serializers.SlugRelatedField(slug_field="uuid", queryset=Branch.objects.all())

    class Meta:
        model = OpeningException
        fields = ["id", "branch", "date", "is_closed", "opens", "closes", "note", "change_reason"]
        read_only_fields = ["id"]
        # Explicit: the model's default (closed) would turn "hours without is_closed" into an error.
        extra_kwargs = {"is_closed": {"required": True}}
        # One exception per branch and day is the service's rule, with its Dutch message on `date`.
        validators: list = []


class MembershipSerializer(ChangeReasonMixin, serializers.ModelSerializer):
    cooperation = OrganisationSlugField(queryset=Cooperation.objects.select_related("organisation"))
    library = OrganisationSlugField(
        queryset=Library.objects.select_related("organisation"), required=False, allow_null=True
    )
    municipality = NisCodeField(required=False, allow_null=True)

    class Meta:
        model = CooperationMembership
        fields = [
            "id",
            "cooperation",
            "library",
            "municipality",
            "valid_from",
            "valid_until",
            "note",
            "is_demo",
            "change_reason",
        ]
        read_only_fields = ["id", "is_demo"]
        validators: list = []

    def validate(self, attrs):
        start = attrs.get("valid_from", getattr(self.instance, "valid_from", None))
        end = attrs.get("valid_until", getattr(self.instance, "valid_until", None))
        if start and end and end < start:
            raise serializers.ValidationError({"valid_until": _("De einddatum ligt vóór de begindatum.")})
        return attrs


class PartnerLinkSerializer(ChangeReasonMixin, serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.filter(kind__in=["library", "cooperation"])
    )
    partner = OrganisationSlugField(queryset=Partner.objects.select_related("organisation"))

    class Meta:
        model = PartnerLink
        fields = ["id", "organisation", "partner", "nature", "valid_from", "valid_until", "is_demo", "change_reason"]
        read_only_fields = ["id", "is_demo"]
        validators: list = []


class ContactSerializer(ChangeReasonMixin, serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())

    class Meta:
        model = Contact
        fields = [
            "uuid",
            "organisation",
            "first_name",
            "last_name",
            "function",
            "email",
            "phone",
            "is_primary",
            "is_demo",
            "change_reason",
        ]
        read_only_fields = ["uuid", "is_demo"]


class AffiliationSerializer(ChangeReasonMixin, serializers.ModelSerializer):
    user = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.all())
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all())

    class Meta:
        model = Affiliation
        fields = ["id", "user", "organisation", "valid_from", "valid_until", "change_reason"]
        read_only_fields = ["id"]
        # The service reports "already works there" in Dutch on the organisation field.
        validators: list = []
