"""FilterSets shared by the list pages, their exports, the API and the GeoJSON layers.

Every filter takes a stable identifier (NIS code, grouping code, slug), so a
filtered URL reads the same on a page and on the API: ``?referentieregio=REFREG01``.
"""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from apps.core.filtersets import SharedFormFilterSet
from apps.core.widgets import ValuesModelChoiceField
from apps.registry.models import (
    Affiliation,
    Branch,
    Contact,
    Cooperation,
    CooperationMembership,
    Grouping,
    GroupingMembership,
    Library,
    Partner,
    PartnerLink,
    TerritorialChange,
    TerritorialUnit,
)
from apps.registry.models.cooperations import CooperationType
from apps.registry.models.libraries import GovernanceType
from apps.registry.models.organisations import OrganisationKind, OrganisationStatus
from apps.registry.models.partners import PartnerType
from apps.registry.models.territory import TerritorialLevel

REFERENTIEREGIO = "referentieregio"

DEMO_CHOICES = (("true", _("Ja, alleen demogegevens")), ("false", _("Nee, geen demogegevens")))


# Choice lists load only what an <option> shows: a unit's boundary is a large JSON
# document, and parsing 300 of them made every filtered list page slow.
UNIT_CHOICE_FIELDS = ("id", "code", "name_nl", "level")


def _provinces(request=None) -> QuerySet:
    return TerritorialUnit.objects.filter(level=TerritorialLevel.PROVINCE).only(*UNIT_CHOICE_FIELDS).order_by("name_nl")


def _arrondissements(request=None) -> QuerySet:
    return (
        TerritorialUnit.objects.filter(level=TerritorialLevel.ARRONDISSEMENT)
        .only(*UNIT_CHOICE_FIELDS)
        .order_by("name_nl")
    )


def _regions(request=None) -> QuerySet:
    return TerritorialUnit.objects.filter(level=TerritorialLevel.REGION).only(*UNIT_CHOICE_FIELDS).order_by("name_nl")


def _municipalities(request=None) -> QuerySet:
    return (
        TerritorialUnit.objects.filter(level=TerritorialLevel.MUNICIPALITY)
        .only(*UNIT_CHOICE_FIELDS)
        .order_by("name_nl")
    )


def _referentieregios(request=None) -> QuerySet:
    return Grouping.objects.filter(kind=REFERENTIEREGIO).order_by("name")


def _cooperations(request=None) -> QuerySet:
    return Cooperation.objects.select_related("organisation").order_by("organisation__name")


def _libraries(request=None) -> QuerySet:
    return Library.objects.select_related("organisation").order_by("organisation__name")


class OrganisationSlugChoiceField(ValuesModelChoiceField):
    """A library, cooperation or partner chosen by its organisation's slug."""

    label_path = "organisation__name"

    def __init__(self, *args, **kwargs):
        kwargs["to_field_name"] = "organisation__slug"
        super().__init__(*args, **kwargs)

    def prepare_value(self, value):
        if hasattr(value, "_meta"):
            return value.organisation.slug
        return super().prepare_value(value)

    def label_from_instance(self, obj) -> str:
        return obj.organisation.name


@extend_schema_field(OpenApiTypes.STR)
class OrganisationSlugFilter(django_filters.ModelChoiceFilter):
    """Filter by a library's, cooperation's or partner's slug."""

    field_class = OrganisationSlugChoiceField


class OrganisationLookupField(OrganisationSlugChoiceField):
    """A library typed in by slug or by its exact name: a select of thousands of libraries is unusable
    (and costs a quarter of a second to render), so the page shows a search box instead."""

    widget = forms.TextInput(attrs={"type": "search", "autocomplete": "off"})
    default_error_messages = {"invalid_choice": _("Geen bibliotheek met deze naam of korte naam.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        match = self.queryset.filter(Q(organisation__slug=value) | Q(organisation__name__iexact=value)).first()
        if match is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return match


@extend_schema_field(OpenApiTypes.STR)
class OrganisationLookupFilter(django_filters.ModelChoiceFilter):
    """Filter by a library's slug or exact name, typed in a search box."""

    field_class = OrganisationLookupField


@extend_schema_field(OpenApiTypes.STR)
class CodeFilter(django_filters.ModelChoiceFilter):
    """Filter by a unit's NIS code or a grouping's code (a string in the API).

    Its options are read as (code, name) pairs: pass `label_path`, the field the
    option shows ("name_nl" for a unit, "name" for a grouping).
    """

    field_class = ValuesModelChoiceField


def _in_grouping(unit_ref: str, grouping) -> Exists:
    """An EXISTS over the grouping's members, so a unit in two periods is not counted twice."""
    return Exists(GroupingMembership.objects.filter(grouping=grouping, unit=OuterRef(unit_ref)))


def _served_in(municipality_field: str, units_q: Q) -> Q:
    return Q(**{f"{municipality_field}__in": TerritorialUnit.objects.filter(units_q)})


def _text_filter(label):
    return django_filters.CharFilter(label=label, method="filter_q", widget=forms.TextInput(attrs={"type": "search"}))


def _province_filter(province_field: str) -> CodeFilter:
    """The province filter, given the path from the listed model to the province unit."""
    return CodeFilter(
        label=_("Provincie"),
        queryset=_provinces,
        to_field_name="code",
        label_path="name_nl",
        field_name=province_field,
        empty_label=_("Alle provincies"),
    )


def _referentieregio_filter(municipality_ref: str) -> CodeFilter:
    """The referentieregio filter, given the path from the listed model to its municipality."""
    return CodeFilter(
        label=_("Referentieregio"),
        queryset=_referentieregios,
        to_field_name="code",
        label_path="name",
        method=lambda queryset, name, value: queryset.filter(_in_grouping(municipality_ref, value)),
        empty_label=_("Alle referentieregio's"),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# --- Territory ---------------------------------------------------------------------


class MunicipalityFilterSet(SharedFormFilterSet):
    """Municipalities as they were on a day (default: today)."""

    q = _text_filter(_("Naam of NIS-code"))
    on = django_filters.DateFilter(label=_("Situatie op datum"), method="filter_on", widget=DateInput())
    region = CodeFilter(
        label=_("Gewest"),
        queryset=_regions,
        to_field_name="code",
        label_path="name_nl",
        method="filter_region",
        empty_label=_("Alle gewesten"),
    )
    province = _province_filter("parent__parent")
    arrondissement = CodeFilter(
        label=_("Arrondissement"),
        queryset=_arrondissements,
        to_field_name="code",
        label_path="name_nl",
        field_name="parent",
        empty_label=_("Alle arrondissementen"),
    )
    referentieregio = _referentieregio_filter("pk")
    cooperation = OrganisationSlugFilter(
        label=_("Samenwerkingsverband"),
        queryset=_cooperations,
        method="filter_cooperation",
        empty_label=_("Alle samenwerkingsverbanden"),
    )
    library = OrganisationLookupFilter(
        label=_("Bediend door bibliotheek"),
        queryset=_libraries,
        method="filter_library",
        empty_label=_("Alle bibliotheken"),
    )
    code = django_filters.CharFilter(label=_("NIS-code"), field_name="code", widget=forms.HiddenInput())

    class Meta:
        model = TerritorialUnit
        fields = [
            "q",
            "on",
            "region",
            "province",
            "arrondissement",
            "referentieregio",
            "cooperation",
            "library",
            "code",
        ]

    def __init__(self, data=None, *args, **kwargs):
        # Always bound: an empty query still means "the municipalities of today".
        super().__init__(data if data is not None else {}, *args, **kwargs)

    def day(self) -> datetime.date:
        value = self.form.cleaned_data.get("on") if hasattr(self.form, "cleaned_data") else None
        return value or timezone.localdate()

    def filters_only_the_day(self) -> bool:
        """Valid, and no filter but the as-of date is set: the result is every municipality of that day."""
        return self.is_valid() and all(
            value in (None, "") for name, value in self.form.cleaned_data.items() if name != "on"
        )

    def filter_queryset(self, queryset):
        queryset = queryset.filter(level=TerritorialLevel.MUNICIPALITY)
        # The as-of date applies even when the form leaves it empty: today.
        if not self.form.cleaned_data.get("on"):
            queryset = queryset.valid_on(timezone.localdate())
        return super().filter_queryset(queryset)

    def filter_on(self, queryset, name, value):
        return queryset.valid_on(value)

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(code__startswith=value)
        return queryset.filter(Q(name_nl__icontains=value) | Q(name_fr__icontains=value))

    def filter_region(self, queryset, name, value):
        # Brussels municipalities hang under an arrondissement directly below the region.
        return queryset.filter(Q(parent__parent__parent=value) | Q(parent__parent=value))

    def filter_cooperation(self, queryset, name, value):
        day = self.day()
        active = Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        members = CooperationMembership.objects.filter(active, cooperation=value)
        return queryset.filter(
            Q(pk__in=members.filter(municipality__isnull=False).values("municipality"))
            | Q(libraries_serving__in=members.filter(library__isnull=False).values("library"))
        ).distinct()

    def filter_library(self, queryset, name, value):
        return queryset.filter(libraries_serving=value)


class GroupingFilterSet(SharedFormFilterSet):
    q = _text_filter(_("Naam of code"))
    kind = django_filters.CharFilter(label=_("Soort"), field_name="kind")

    class Meta:
        model = Grouping
        fields = ["q", "kind"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))


class TerritorialChangeFilterSet(SharedFormFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=TerritorialChange.Kind.choices, empty_label=_("Alle"))
    effective_date = django_filters.DateFilter(label=_("Datum"), widget=DateInput())
    q = _text_filter(_("Gemeente"))

    class Meta:
        model = TerritorialChange
        fields = ["kind", "effective_date", "q"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        units = TerritorialUnit.objects.filter(Q(name_nl__icontains=value) | Q(code=value))
        return queryset.filter(Q(predecessors__in=units) | Q(successors__in=units)).distinct()


# --- Organisations -----------------------------------------------------------------


class OrganisationFilterMixin(SharedFormFilterSet):
    """Filters every organisation kind shares (name, status, province, referentieregio, municipality, demo)."""

    q = _text_filter(_("Naam"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), field_name="organisation__status", choices=OrganisationStatus.choices, empty_label=_("Alle")
    )
    province = _province_filter("organisation__municipality__parent__parent")
    referentieregio = _referentieregio_filter("organisation__municipality")
    municipality = CodeFilter(
        label=_("Gemeente"),
        queryset=_municipalities,
        to_field_name="code",
        label_path="name_nl",
        method="filter_municipality",
        empty_label=_("Alle gemeenten"),
    )
    demo = django_filters.ChoiceFilter(
        label=_("Demogegevens"), choices=DEMO_CHOICES, method="filter_demo", empty_label=_("Alle")
    )

    def filter_q(self, queryset, name, value):
        return queryset.filter(organisation__name__icontains=value.strip())

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(organisation__municipality=value)

    def filter_demo(self, queryset, name, value):
        return queryset.filter(organisation__is_demo=(value == "true"))


class LibraryFilterSet(OrganisationFilterMixin):
    governance_type = django_filters.ChoiceFilter(
        label=_("Bestuursvorm"), choices=GovernanceType.choices, empty_label=_("Alle")
    )
    cooperation = OrganisationSlugFilter(
        label=_("Samenwerkingsverband (vandaag)"),
        queryset=_cooperations,
        method="filter_cooperation",
        empty_label=_("Alle samenwerkingsverbanden"),
    )
    is_statutory = django_filters.BooleanFilter(label=_("Wettelijke bibliotheek"))

    class Meta:
        model = Library
        fields = [
            "q",
            "province",
            "referentieregio",
            "cooperation",
            "status",
            "governance_type",
            "municipality",
            "is_statutory",
            "demo",
        ]

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(Q(organisation__municipality=value) | Q(municipalities_served=value)).distinct()

    def filter_cooperation(self, queryset, name, value):
        day = timezone.localdate()
        members = CooperationMembership.objects.filter(
            Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day)), cooperation=value
        )
        return queryset.filter(pk__in=members.values("library"))


class CooperationFilterSet(OrganisationFilterMixin):
    cooperation_type = django_filters.ChoiceFilter(
        label=_("Soort samenwerking"), choices=CooperationType.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Cooperation
        fields = ["q", "cooperation_type", "status", "province", "referentieregio", "municipality", "demo"]


class PartnerFilterSet(OrganisationFilterMixin):
    partner_type = django_filters.ChoiceFilter(
        label=_("Soort partner"), choices=PartnerType.choices, empty_label=_("Alle")
    )

    class Meta:
        model = Partner
        fields = ["q", "partner_type", "status", "province", "referentieregio", "municipality", "demo"]


class BranchFilterSet(SharedFormFilterSet):
    q = _text_filter(_("Naam of adres"))
    library = OrganisationLookupFilter(
        label=_("Bibliotheek"),
        queryset=_libraries,
        empty_label=_("Alle bibliotheken"),
    )
    province = _province_filter("municipality__parent__parent")
    referentieregio = _referentieregio_filter("municipality")
    municipality = CodeFilter(
        label=_("Gemeente"), queryset=_municipalities, to_field_name="code", empty_label=_("Alle gemeenten")
    )
    is_main = django_filters.BooleanFilter(label=_("Hoofdbibliotheek"))
    accessibility = django_filters.ChoiceFilter(
        label=_("Toegankelijkheid"), choices=Branch.Accessibility.choices, empty_label=_("Alle")
    )
    open = django_filters.BooleanFilter(label=_("Open (niet gesloten)"), field_name="closed_year", lookup_expr="isnull")
    cooperation = OrganisationSlugFilter(
        label=_("Samenwerkingsverband (vandaag)"),
        queryset=_cooperations,
        method="filter_cooperation",
        empty_label=_("Alle samenwerkingsverbanden"),
    )
    demo = django_filters.ChoiceFilter(
        label=_("Demogegevens"), choices=DEMO_CHOICES, method="filter_demo", empty_label=_("Alle")
    )
    uuid = django_filters.UUIDFilter(label=_("Vestiging (UUID)"), field_name="uuid", widget=forms.HiddenInput())

    class Meta:
        model = Branch
        fields = [
            "q",
            "library",
            "cooperation",
            "province",
            "referentieregio",
            "municipality",
            "is_main",
            "accessibility",
            "open",
            "demo",
            "uuid",
        ]

    def filter_cooperation(self, queryset, name, value):
        day = timezone.localdate()
        members = CooperationMembership.objects.filter(
            Q(valid_from__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day)), cooperation=value
        )
        return queryset.filter(
            Q(library__in=members.values("library")) | Q(municipality__in=members.values("municipality"))
        )

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__icontains=value) | Q(street__icontains=value) | Q(city__icontains=value) | Q(postcode=value)
        )

    def filter_demo(self, queryset, name, value):
        return queryset.filter(is_demo=(value == "true"))


class MembershipFilterSet(SharedFormFilterSet):
    cooperation = OrganisationSlugFilter(label=_("Samenwerkingsverband"), queryset=_cooperations)
    library = OrganisationLookupFilter(label=_("Bibliotheek"), queryset=_libraries)
    municipality = CodeFilter(label=_("Gemeente"), queryset=_municipalities, to_field_name="code", label_path="name_nl")
    on = django_filters.DateFilter(label=_("Geldig op"), method="filter_on", widget=DateInput())
    demo = django_filters.ChoiceFilter(
        label=_("Demogegevens"), choices=DEMO_CHOICES, method="filter_demo", empty_label=_("Alle")
    )

    class Meta:
        model = CooperationMembership
        fields = ["cooperation", "library", "municipality", "on", "demo"]

    def filter_on(self, queryset, name, value):
        return queryset.filter(valid_from__lte=value).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=value))

    def filter_demo(self, queryset, name, value):
        return queryset.filter(is_demo=(value == "true"))


class PartnerLinkFilterSet(SharedFormFilterSet):
    partner = OrganisationSlugFilter(
        label=_("Partner"),
        queryset=lambda request: Partner.objects.select_related("organisation"),
    )
    organisation = django_filters.CharFilter(
        label=_("Bibliotheek of samenwerkingsverband"), field_name="organisation__slug"
    )
    partner_type = django_filters.ChoiceFilter(
        label=_("Soort partner"), field_name="partner__partner_type", choices=PartnerType.choices, empty_label=_("Alle")
    )

    class Meta:
        model = PartnerLink
        fields = ["partner", "organisation", "partner_type"]


class ContactFilterSet(SharedFormFilterSet):
    q = _text_filter(_("Naam of functie"))
    organisation = django_filters.CharFilter(label=_("Organisatie (korte naam)"), field_name="organisation__slug")
    kind = django_filters.ChoiceFilter(
        label=_("Soort organisatie"),
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
        empty_label=_("Alle"),
    )
    is_primary = django_filters.BooleanFilter(label=_("Hoofdcontact"))

    class Meta:
        model = Contact
        fields = ["q", "organisation", "kind", "is_primary"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(first_name__icontains=value) | Q(last_name__icontains=value) | Q(function__icontains=value)
        )


class AffiliationFilterSet(SharedFormFilterSet):
    q = _text_filter(_("Gebruiker of organisatie"))
    organisation = django_filters.CharFilter(label=_("Organisatie (korte naam)"), field_name="organisation__slug")
    kind = django_filters.ChoiceFilter(
        label=_("Soort organisatie"),
        field_name="organisation__kind",
        choices=OrganisationKind.choices,
        empty_label=_("Alle"),
    )

    class Meta:
        model = Affiliation
        fields = ["q", "organisation", "kind"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(user__username__icontains=value)
            | Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(organisation__name__icontains=value)
        )
