"""Django admin for the registry: a fallback for the cell's technical staff, with history.

Everyday edits go through the registry pages and their services (validation,
reasons); the admin is for inspection and repairs.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Adjacency,
    Affiliation,
    Branch,
    Contact,
    Cooperation,
    CooperationMembership,
    Grouping,
    GroupingMembership,
    Library,
    OpeningException,
    OpeningHours,
    Organisation,
    Partner,
    PartnerLink,
    Population,
    TerritorialChange,
    TerritorialUnit,
)


@admin.register(TerritorialUnit)
class TerritorialUnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name_nl", "level", "parent", "valid_from", "valid_until")
    list_filter = ("scheme", "level")
    search_fields = ("code", "name_nl", "name_fr")
    raw_id_fields = ("parent",)
    exclude = ("boundary",)


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ("unit", "reference_date", "value", "source")
    search_fields = ("unit__name_nl", "unit__code")
    raw_id_fields = ("unit",)


@admin.register(TerritorialChange)
class TerritorialChangeAdmin(admin.ModelAdmin):
    list_display = ("description", "kind", "effective_date")
    filter_horizontal = ("predecessors", "successors")


class GroupingMembershipInline(admin.TabularInline):
    model = GroupingMembership
    raw_id_fields = ("unit",)
    extra = 0


@admin.register(Grouping)
class GroupingAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "code", "valid_from", "valid_until")
    list_filter = ("kind",)
    inlines = [GroupingMembershipInline]


@admin.register(Adjacency)
class AdjacencyAdmin(admin.ModelAdmin):
    list_display = ("unit_a", "unit_b", "contiguity", "shared_border_m")
    list_filter = ("contiguity",)
    raw_id_fields = ("unit_a", "unit_b")


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ("first_name", "last_name", "function", "email", "phone", "is_primary")


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "status", "municipality", "is_demo")
    list_filter = ("kind", "status", "is_demo")
    search_fields = ("name", "slug")
    raw_id_fields = ("municipality",)
    inlines = [ContactInline]


@admin.register(Library)
class LibraryAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "governance_type", "is_statutory", "bios_code")
    list_filter = ("governance_type", "is_statutory")
    search_fields = ("organisation__name", "bios_code")
    raw_id_fields = ("organisation", "municipalities_served")
    list_select_related = ("organisation",)


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Branch)
class BranchAdmin(SimpleHistoryAdmin):
    list_display = ("name", "library", "municipality", "is_main", "is_demo")
    list_filter = ("is_main", "is_demo", "accessibility")
    search_fields = ("name", "street", "city")
    raw_id_fields = ("library", "municipality")
    list_select_related = ("library__organisation", "municipality")
    inlines = [OpeningHoursInline]


@admin.register(OpeningException)
class OpeningExceptionAdmin(SimpleHistoryAdmin):
    list_display = ("branch", "date", "is_closed", "note")
    raw_id_fields = ("branch",)


@admin.register(Cooperation)
class CooperationAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "cooperation_type", "founded_on", "dissolved_on")
    list_filter = ("cooperation_type",)
    raw_id_fields = ("organisation", "coordinator")
    list_select_related = ("organisation",)


@admin.register(CooperationMembership)
class CooperationMembershipAdmin(SimpleHistoryAdmin):
    list_display = ("cooperation", "library", "municipality", "valid_from", "valid_until")
    raw_id_fields = ("cooperation", "library", "municipality")


@admin.register(Partner)
class PartnerAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "partner_type")
    list_filter = ("partner_type",)
    raw_id_fields = ("organisation",)


@admin.register(PartnerLink)
class PartnerLinkAdmin(SimpleHistoryAdmin):
    list_display = ("organisation", "partner", "nature", "valid_from", "valid_until")
    raw_id_fields = ("organisation", "partner")


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "organisation", "function", "email")
    search_fields = ("first_name", "last_name", "email")
    raw_id_fields = ("organisation", "user")


@admin.register(Affiliation)
class AffiliationAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation", "valid_from", "valid_until")
    raw_id_fields = ("user", "organisation")
