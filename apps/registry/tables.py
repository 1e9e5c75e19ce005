"""Tables of the registry's list pages (django-tables2); exports use the same columns."""

import django_tables2 as tables
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.tables import number_separators
from apps.registry.models import (
    Affiliation,
    Branch,
    Contact,
    Cooperation,
    CooperationMembership,
    Grouping,
    Library,
    Partner,
    PartnerLink,
    TerritorialChange,
    TerritorialUnit,
)

DEMO_BADGE = '<span class="badge badge--demo">{}</span>'


def _name_with_demo(url: str, name: str, is_demo: bool):
    # Written out (escaped like format_html does): one link per row of every registry list.
    link = f'<a href="{conditional_escape(url)}">{conditional_escape(name)}</a>'
    if is_demo:
        link += " " + DEMO_BADGE.format(escape(gettext("demo")))
    return mark_safe(link)  # noqa: S308 - every part is escaped above


class NumberColumn(tables.Column):
    """A count shown with Dutch thousands separators (24.724) but exported as a plain number."""

    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "numeric"}})
        super().__init__(**kwargs)

    def render(self, value):
        _decimal, thousands, grouping = number_separators()
        if type(value) is int and grouping == 3:
            # intcomma's result for a whole number, without its per-call locale lookups.
            return f"{value:,}".replace(",", thousands)
        return intcomma(value)

    def value(self, value):
        return value


class RegistryTable(tables.Table):
    class Meta:
        template_name = "django_tables2/knooppunt_table.html"
        attrs = {"class": "table"}


class MunicipalityTable(RegistryTable):
    code = tables.Column(verbose_name=_("NIS-code"), attrs={"td": {"class": "nowrap"}})
    name_nl = tables.Column(verbose_name=_("Naam"), linkify=True)
    # The rows carry the names (apps.registry.selectors.pages.municipality_list_rows).
    province = tables.Column(verbose_name=_("Provincie"), accessor="province_name", order_by="parent__parent__name_nl")
    arrondissement = tables.Column(
        verbose_name=_("Arrondissement"), accessor="arrondissement_name", order_by="parent__name_nl"
    )
    referentieregio_name = tables.Column(verbose_name=_("Referentieregio"), default="—")
    population = NumberColumn(verbose_name=_("Inwoners"), default="—")
    area_km2 = tables.Column(verbose_name=_("Oppervlakte (km²)"), default="—", attrs={"td": {"class": "numeric"}})
    valid_until = tables.DateColumn(verbose_name=_("Bestond tot en met"), format="d-m-Y", default="")

    class Meta(RegistryTable.Meta):
        model = TerritorialUnit
        fields = ("code", "name_nl", "province", "arrondissement", "referentieregio_name", "population", "area_km2")
        sequence = (*fields, "valid_until")
        caption = _("Gemeenten")

    def render_province(self, record, value):
        # Brussels municipalities have no province: their arrondissement's parent is the region.
        return value if record.province_level == "province" else "—"

    def value_province(self, record, value):
        return self.render_province(record, value)


class GroupingTable(RegistryTable):
    code = tables.Column(verbose_name=_("Code"))
    name = tables.Column(verbose_name=_("Naam"), linkify=True)
    member_count = tables.Column(verbose_name=_("Gemeenten"), attrs={"td": {"class": "numeric"}})
    population_total = NumberColumn(verbose_name=_("Inwoners"), default="—")

    class Meta(RegistryTable.Meta):
        model = Grouping
        fields = ("code", "name", "member_count", "population_total")
        caption = _("Groeperingen")


class TerritorialChangeTable(RegistryTable):
    effective_date = tables.DateColumn(verbose_name=_("Datum"), format="d-m-Y")
    kind = tables.Column(verbose_name=_("Soort"))
    predecessors = tables.ManyToManyColumn(verbose_name=_("Voorgangers"), linkify_item=True, orderable=False)
    successors = tables.ManyToManyColumn(verbose_name=_("Opvolgers"), linkify_item=True, orderable=False)
    description = tables.Column(verbose_name=_("Omschrijving"))

    class Meta(RegistryTable.Meta):
        model = TerritorialChange
        fields = ("effective_date", "kind", "predecessors", "successors", "description")
        caption = _("Gebiedswijzigingen")


class OrganisationTableMixin(tables.Table):
    name = tables.Column(verbose_name=_("Naam"), accessor="organisation__name", order_by="organisation__name")
    # The list rows carry the municipality's name (apps.registry.selectors.pages.*_list_rows).
    municipality = tables.Column(
        verbose_name=_("Gemeente"), accessor="municipality_name", order_by="organisation__municipality__name_nl"
    )
    # A field with choices: django-tables2 shows (and exports) get_status_display().
    status = tables.Column(verbose_name=_("Status"), accessor="organisation__status", order_by="organisation__status")
    demo = tables.BooleanColumn(verbose_name=_("Demo"), accessor="organisation__is_demo", orderable=False)

    def render_name(self, record, value):
        return _name_with_demo(record.get_absolute_url(), value, record.organisation.is_demo)

    def value_name(self, record, value):
        return value


class LibraryTable(OrganisationTableMixin, RegistryTable):
    province = tables.Column(
        verbose_name=_("Provincie"),
        accessor="province_name",
        order_by="organisation__municipality__parent__parent__name_nl",
        default="—",
    )
    referentieregio_name = tables.Column(verbose_name=_("Referentieregio"), default="—")
    governance_type = tables.Column(verbose_name=_("Bestuursvorm"))
    cooperation_name = tables.Column(verbose_name=_("Samenwerkingsverband"), default="—")
    branch_count = tables.Column(verbose_name=_("Vestigingen"), attrs={"td": {"class": "numeric"}})

    class Meta(RegistryTable.Meta):
        model = Library
        fields = ()
        sequence = (
            "name",
            "municipality",
            "province",
            "referentieregio_name",
            "cooperation_name",
            "governance_type",
            "status",
            "branch_count",
            "demo",
        )
        exclude = ("organisation",)
        export_exclude = ()
        caption = _("Bibliotheken")


class CooperationTable(OrganisationTableMixin, RegistryTable):
    cooperation_type = tables.Column(verbose_name=_("Soort"))
    member_count = tables.Column(verbose_name=_("Leden vandaag"), attrs={"td": {"class": "numeric"}})

    class Meta(RegistryTable.Meta):
        model = Cooperation
        fields = ()
        sequence = ("name", "cooperation_type", "municipality", "status", "member_count", "demo")
        exclude = ("organisation",)
        caption = _("Samenwerkingsverbanden")


class PartnerTable(OrganisationTableMixin, RegistryTable):
    partner_type = tables.Column(verbose_name=_("Soort partner"))
    link_count = tables.Column(verbose_name=_("Partnerschappen"), attrs={"td": {"class": "numeric"}})

    class Meta(RegistryTable.Meta):
        model = Partner
        fields = ()
        sequence = ("name", "partner_type", "municipality", "status", "link_count", "demo")
        exclude = ("organisation",)
        caption = _("Partners")


class BranchTable(RegistryTable):
    name = tables.Column(verbose_name=_("Naam"))
    library = tables.Column(
        verbose_name=_("Bibliotheek"), accessor="library_name", order_by="library__organisation__name"
    )
    is_main = tables.BooleanColumn(verbose_name=_("Hoofdbibliotheek"))
    street = tables.Column(verbose_name=_("Adres"), default="—")
    municipality = tables.Column(
        verbose_name=_("Gemeente"), accessor="municipality_name", order_by="municipality__name_nl"
    )
    accessibility = tables.Column(verbose_name=_("Toegankelijkheid"))
    closed_year = tables.Column(verbose_name=_("Gesloten in"), default="")
    is_demo = tables.BooleanColumn(verbose_name=_("Demo"), orderable=False)

    class Meta(RegistryTable.Meta):
        model = Branch
        fields = ("name", "library", "is_main", "street", "municipality", "accessibility", "closed_year", "is_demo")
        caption = _("Vestigingen")

    def render_name(self, record, value):
        return _name_with_demo(record.get_absolute_url(), value, record.is_demo)

    def value_name(self, value):
        return value

    def render_street(self, record, value):
        return ", ".join(p for p in (value, f"{record.postcode} {record.city}".strip()) if p)


class MembershipTable(RegistryTable):
    cooperation = tables.Column(
        verbose_name=_("Samenwerkingsverband"),
        accessor="cooperation__organisation__name",
        order_by="cooperation__organisation__name",
        linkify=lambda record: record.cooperation.get_absolute_url(),
    )
    member = tables.Column(verbose_name=_("Lid"), empty_values=(), orderable=False)
    valid_from = tables.DateColumn(verbose_name=_("Lid vanaf"), format="d-m-Y")
    valid_until = tables.DateColumn(verbose_name=_("Lid tot en met"), format="d-m-Y", default=_("heden"))
    note = tables.Column(verbose_name=_("Opmerking"), default="")

    class Meta(RegistryTable.Meta):
        model = CooperationMembership
        fields = ("cooperation", "member", "valid_from", "valid_until", "note")
        caption = _("Lidmaatschappen")

    def render_member(self, record):
        target = record.library or record.municipality
        return _name_with_demo(target.get_absolute_url(), str(target), record.is_demo)

    def value_member(self, record):
        return str(record.library or record.municipality)


class PartnerLinkTable(RegistryTable):
    organisation = tables.Column(verbose_name=_("Bibliotheek of samenwerkingsverband"), linkify=True)
    partner = tables.Column(verbose_name=_("Partner"), linkify=True)
    nature = tables.Column(verbose_name=_("Aard"))
    valid_from = tables.DateColumn(verbose_name=_("Sinds"), format="d-m-Y", default="—")
    valid_until = tables.DateColumn(verbose_name=_("Tot en met"), format="d-m-Y", default="—")

    class Meta(RegistryTable.Meta):
        model = PartnerLink
        fields = ("organisation", "partner", "nature", "valid_from", "valid_until")
        caption = _("Partnerschappen")


class ContactTable(RegistryTable):
    name = tables.Column(verbose_name=_("Naam"), empty_values=(), order_by=("last_name", "first_name"))
    organisation = tables.Column(verbose_name=_("Organisatie"), linkify=True)
    function = tables.Column(verbose_name=_("Functie"), default="—")
    email = tables.EmailColumn(verbose_name=_("E-mailadres"), default="—")
    phone = tables.Column(verbose_name=_("Telefoon"), default="—")

    class Meta(RegistryTable.Meta):
        model = Contact
        fields = ("name", "organisation", "function", "email", "phone")
        caption = _("Contactpersonen")

    def render_name(self, record):
        if record.is_demo:
            return format_html("{} " + DEMO_BADGE, str(record), _("demo"))
        return str(record)

    def value_name(self, record):
        return str(record)


class AffiliationTable(RegistryTable):
    user = tables.Column(verbose_name=_("Gebruiker"))
    organisation = tables.Column(verbose_name=_("Organisatie"), linkify=True)
    kind = tables.Column(verbose_name=_("Soort"), accessor="organisation__kind", order_by="organisation__kind")
    valid_from = tables.DateColumn(verbose_name=_("Vanaf"), format="d-m-Y", default="—")
    valid_until = tables.DateColumn(verbose_name=_("Tot en met"), format="d-m-Y", default="—")
    actions = tables.TemplateColumn(
        template_name="registry/partials/affiliation_actions.html",
        verbose_name=_("Acties"),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta(RegistryTable.Meta):
        model = Affiliation
        fields = ("user", "organisation", "kind", "valid_from", "valid_until", "actions")
        caption = _("Wie werkt waar")

    def render_kind(self, record):
        return record.organisation.get_kind_display()
