"""The registry's CSV/XLSX import definitions, registered with the generic engine (apps.imports).

One definition per model: its columns (Dutch headers, identical in template,
export and import), its natural key (how a row finds its existing object), and
its `save`, which calls the registry's own service, so an import obeys exactly
the rules of the edit pages. Lookups (municipalities by NIS code, organisations
by slug) are loaded once per run.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from apps.imports.columns import (
    Boolean,
    Choice,
    Column,
    Date,
    Email,
    Number,
    Reference,
    ReferenceList,
    Text,
    Url,
    Year,
)
from apps.imports.engine import ImportContext, ImportDefinition, register
from apps.registry import filters
from apps.registry.models import (
    Branch,
    Contact,
    Cooperation,
    CooperationMembership,
    Library,
    Organisation,
    Partner,
    PartnerLink,
    TerritorialUnit,
)
from apps.registry.models.cooperations import CooperationType
from apps.registry.models.libraries import GovernanceType
from apps.registry.models.organisations import OrganisationStatus
from apps.registry.models.partners import PartnerType
from apps.registry.rules import organisation_ids_of
from apps.registry.services import branches as branch_services
from apps.registry.services import memberships as membership_services
from apps.registry.services import organisations as organisation_services

EXPORT_PERMISSION = "registry.export_registry"


def _fold(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


# --- lookups, loaded once per run ------------------------------------------------------------


def municipalities(context: ImportContext) -> dict[str, TerritorialUnit]:
    return context.cached(
        "municipalities",
        lambda: {unit.code: unit for unit in TerritorialUnit.objects.filter(scheme="nis", level="municipality")},
    )


def organisations_of_kind(kind: str):
    def lookup(context: ImportContext) -> dict[str, Any]:
        def load() -> dict[str, Any]:
            related = {"library": "library", "cooperation": "cooperation", "partner": "partner"}[kind]
            queryset = Organisation.objects.filter(kind=kind).select_related(related)
            return {org.slug.lower(): getattr(org, related) for org in queryset}

        return context.cached(f"organisations:{kind}", load)

    return lookup


def all_organisations(context: ImportContext) -> dict[str, Organisation]:
    return context.cached("organisations", lambda: {org.slug.lower(): org for org in Organisation.objects.all()})


def _nis_normalise(text: str) -> str:
    return text.strip()


NIS_HINT = _("NIS-code van de gemeente (5 cijfers), bv. 23101")
UNKNOWN_NIS = _("Onbekende NIS-code %(value)s.")


class NisCode(Reference):
    def __init__(self) -> None:
        super().__init__(
            lookup=municipalities,
            identify=lambda unit: unit.code,
            unknown=UNKNOWN_NIS,
            hint=NIS_HINT,
            normalise=_nis_normalise,
        )

    def parse(self, text: str, context: Any) -> Any:
        from apps.imports.columns import CellError

        code = text.strip()
        if not (len(code) == 5 and code.isdigit()):
            raise CellError(str(_("Een NIS-code bestaat uit 5 cijfers; ‘%(value)s’ is dat niet.")) % {"value": text})
        return super().parse(code, context)


def _slug_reference(kind: str, unknown, hint) -> Reference:
    return Reference(
        lookup=organisations_of_kind(kind),
        identify=lambda obj: obj.organisation.slug,
        unknown=unknown,
        hint=hint,
        normalise=lambda text: text.strip().lower(),
    )


LIBRARY_REF = _slug_reference(
    "library", _("Onbekende bibliotheek ‘%(value)s’ (gebruik de korte naam)."), _("korte naam van de bibliotheek")
)
COOPERATION_REF = _slug_reference(
    "cooperation",
    _("Onbekend samenwerkingsverband ‘%(value)s’ (gebruik de korte naam)."),
    _("korte naam van het samenwerkingsverband"),
)


def _org(attribute: str):
    return lambda obj: getattr(obj.organisation, attribute)


def _municipality_name(unit: TerritorialUnit | None) -> str:
    return unit.name_nl if unit else ""


# --- organisations (library, cooperation, partner) ------------------------------------------------


def organisation_columns(name_example: str, slug_example: str) -> list[Column]:
    return [
        Column(
            "name",
            _("Naam"),
            Text(200),
            required=True,
            get=_org("name"),
            example=name_example,
            help=_("De volledige naam."),
        ),
        Column(
            "slug",
            _("Korte naam"),
            Text(200),
            get=_org("slug"),
            blank_keeps=True,
            example=slug_example,
            help=_(
                "Vaste sleutel in webadressen. Leeg bij een nieuw record: wordt uit de naam gemaakt. "
                "Een rij met een bestaande korte naam wijzigt dat record."
            ),
        ),
        Column(
            "status",
            _("Status"),
            Choice(OrganisationStatus.choices, default=OrganisationStatus.ACTIVE),
            get=_org("status"),
            example=str(OrganisationStatus.ACTIVE.label),
        ),
        Column(
            "municipality",
            _("NIS-code"),
            NisCode(),
            get=_org("municipality"),
            example="23101",
            help=_("De gemeente waar de organisatie haar zetel heeft."),
        ),
        Column(
            "municipality_name",
            _("Gemeente"),
            Text(),
            readonly=True,
            get=lambda obj: _municipality_name(obj.organisation.municipality),
            help=_("Alleen ter informatie; de import leest de NIS-code."),
        ),
        Column("website", _("Website"), Url(200), get=_org("website"), example="https://www.bibliotheek.be"),
        Column("email", _("E-mailadres"), Email(254), get=_org("email"), example="info@bibliotheek.be"),
        Column("phone", _("Telefoon"), Text(40), get=_org("phone"), example="02 123 45 67"),
        Column("description", _("Omschrijving"), Text(), get=_org("description")),
    ]


class OrganisationDefinition(ImportDefinition):
    """Shared by libraries, cooperations and partners: key = korte naam, else naam + NIS-code."""

    kind: str = ""
    service = None

    def natural_key(self, values: dict[str, Any]) -> tuple:
        slug = (values.get("slug") or "").strip().lower()
        if slug:
            return ("slug", slug)
        unit = values.get("municipality")
        return ("name", _fold(values.get("name")), unit.code if unit else "")

    def _queryset(self) -> QuerySet:
        return self.model.objects.select_related("organisation__municipality")

    def existing(self, context: ImportContext) -> dict[tuple, Any]:
        found: dict[tuple, Any] = {}
        for obj in self._queryset():
            org = obj.organisation
            found[("slug", org.slug.lower())] = obj
            found[("name", _fold(org.name), org.municipality.code if org.municipality else "")] = obj
        return found

    def data(self, values: dict[str, Any]) -> dict[str, Any]:
        # An empty korte naam means "make one from the name", not "clear it".
        return {key: value for key, value in values.items() if key != "slug" or value}

    def save(self, context: ImportContext, instance: Any, values: dict[str, Any]) -> Any:
        service = type(self).service
        return service(actor=context.actor, instance=instance, data=self.data(values), reason=context.reason)

    def after_save(self, context: ImportContext, obj: Any, values: dict[str, Any]) -> None:
        # A created organisation can be referred to by later rows; keep the slug lookups current.
        for name in (f"organisations:{self.kind}", "organisations"):
            if name in context.cache:
                context.cache[name][obj.organisation.slug.lower()] = (
                    obj if name != "organisations" else obj.organisation
                )

    def export_queryset(self, user: Any) -> QuerySet:
        return self._queryset().order_by("organisation__name")

    model: Any = None


class LibraryDefinition(OrganisationDefinition):
    key = "libraries"
    label = _("Bibliotheken")
    kind = "library"
    model = Library
    service = staticmethod(organisation_services.library_save)
    filterset_class = filters.LibraryFilterSet
    export_permission = EXPORT_PERMISSION
    columns = [
        *organisation_columns("Bibliotheek Sint-Genesius-Rode", "bibliotheek-sint-genesius-rode"),
        Column(
            "governance_type",
            _("Bestuursvorm"),
            Choice(GovernanceType.choices, default=GovernanceType.MUNICIPAL),
            example=str(GovernanceType.MUNICIPAL.label),
        ),
        Column("is_statutory", _("Wettelijke bibliotheek"), Boolean(default=True), example="ja"),
        Column("opened_year", _("Opgericht in"), Year(), example="1978"),
        Column("closed_year", _("Gesloten in"), Year()),
        Column("bios_code", _("BIOS-code"), Text(40)),
        Column(
            "municipalities_served",
            _("Bediende gemeenten"),
            ReferenceList(NisCode()),
            get=lambda obj: list(obj.municipalities_served.all()),
            example="23101",
            help=_("NIS-codes van de gemeenten die de bibliotheek bedient, gescheiden door komma's."),
        ),
    ]

    def _queryset(self) -> QuerySet:
        return (
            super()
            ._queryset()
            .prefetch_related(Prefetch("municipalities_served", queryset=TerritorialUnit.objects.only("id", "code")))
        )


class CooperationDefinition(OrganisationDefinition):
    key = "cooperations"
    label = _("Samenwerkingsverbanden")
    kind = "cooperation"
    model = Cooperation
    service = staticmethod(organisation_services.cooperation_save)
    filterset_class = filters.CooperationFilterSet
    export_permission = EXPORT_PERMISSION
    columns = [
        *organisation_columns("Bibliotheeknetwerk Noordrand", "bibliotheeknetwerk-noordrand"),
        Column(
            "cooperation_type",
            _("Soort samenwerking"),
            Choice(CooperationType.choices, default=CooperationType.LIBRARY_NETWORK),
            example=str(CooperationType.LIBRARY_NETWORK.label),
        ),
        Column("founded_on", _("Opgericht op"), Date(), example="01-01-2019"),
        Column("dissolved_on", _("Opgeheven op"), Date()),
    ]


class PartnerDefinition(OrganisationDefinition):
    key = "partners"
    label = _("Partners")
    kind = "partner"
    model = Partner
    service = staticmethod(organisation_services.partner_save)
    filterset_class = filters.PartnerFilterSet
    export_permission = EXPORT_PERMISSION
    columns = [
        *organisation_columns("Cultuurcentrum De Boesdaalhoeve", "cc-de-boesdaalhoeve"),
        Column(
            "partner_type",
            _("Soort partner"),
            Choice(PartnerType.choices),
            required=True,
            example=str(PartnerType.CULTURAL_CENTRE.label),
        ),
    ]


# --- branches ---------------------------------------------------------------------------------------


class BranchDefinition(ImportDefinition):
    key = "branches"
    label = _("Vestigingen")
    filterset_class = filters.BranchFilterSet
    export_permission = EXPORT_PERMISSION
    columns = [
        Column(
            "library",
            _("Bibliotheek"),
            LIBRARY_REF,
            required=True,
            example="bibliotheek-zaventem",
            help=_("Korte naam van de bibliotheek waartoe de vestiging behoort."),
        ),
        Column("name", _("Naam"), Text(200), required=True, example="Zaventem – Wézembeek"),
        Column("is_main", _("Hoofdbibliotheek"), Boolean(default=False), example="nee"),
        Column("street", _("Straat en nummer"), Text(200), example="Kerkplein 1"),
        Column("postcode", _("Postcode"), Text(10), example="1970"),
        Column("city", _("Plaats"), Text(120), example="Wezembeek-Oppem"),
        Column("municipality", _("NIS-code"), NisCode(), required=True, example="23103"),
        Column(
            "municipality_name",
            _("Gemeente"),
            Text(),
            readonly=True,
            get=lambda obj: _municipality_name(obj.municipality),
            help=_("Alleen ter informatie; de import leest de NIS-code."),
        ),
        Column("latitude", _("Breedtegraad"), Number(-90, 90), example="50,8503", fields=("latitude",)),
        Column("longitude", _("Lengtegraad"), Number(-180, 180), example="4,4699"),
        Column(
            "accessibility",
            _("Toegankelijkheid"),
            Choice(Branch.Accessibility.choices, default=Branch.Accessibility.UNKNOWN),
            example=str(Branch.Accessibility.FULL.label),
        ),
        Column("co_location", _("Gedeeld gebouw"), Text(200)),
        Column("opened_year", _("Geopend in"), Year()),
        Column("closed_year", _("Gesloten in"), Year()),
        Column("email", _("E-mailadres"), Email(254)),
        Column("phone", _("Telefoon"), Text(40)),
    ]

    def natural_key(self, values: dict[str, Any]) -> tuple:
        library = values.get("library")
        return (library.pk if library else None, _fold(values.get("name")))

    def _queryset(self) -> QuerySet:
        return Branch.objects.select_related("library__organisation", "municipality")

    def existing(self, context: ImportContext) -> dict[tuple, Any]:
        return {(branch.library_id, _fold(branch.name)): branch for branch in self._queryset()}

    def save(self, context: ImportContext, instance: Any, values: dict[str, Any]) -> Any:
        data = dict(values)
        return branch_services.branch_save(actor=context.actor, instance=instance, data=data, reason=context.reason)

    def export_queryset(self, user: Any) -> QuerySet:
        return self._queryset().order_by("library__organisation__name", "-is_main", "name")


# --- contacts ---------------------------------------------------------------------------------------


class ContactDefinition(ImportDefinition):
    key = "contacts"
    label = _("Contactpersonen")
    filterset_class = filters.ContactFilterSet
    export_permission = EXPORT_PERMISSION
    columns = [
        Column(
            "organisation",
            _("Organisatie"),
            Reference(
                lookup=all_organisations,
                identify=lambda org: org.slug,
                unknown=_("Onbekende organisatie ‘%(value)s’ (gebruik de korte naam)."),
                hint=_("korte naam van de bibliotheek, het samenwerkingsverband of de partner"),
                normalise=lambda text: text.strip().lower(),
            ),
            required=True,
            example="bibliotheek-sint-genesius-rode",
        ),
        Column("first_name", _("Voornaam"), Text(80), required=True, example="An"),
        Column("last_name", _("Familienaam"), Text(80), required=True, example="Coördinatie"),
        Column("function", _("Functie"), Text(120), example="Bibliothecaris"),
        Column("email", _("E-mailadres"), Email(254), example="an@bibliotheek.be"),
        Column("phone", _("Telefoon"), Text(40)),
        Column("is_primary", _("Hoofdcontact"), Boolean(default=False), example="ja"),
    ]

    def natural_key(self, values: dict[str, Any]) -> tuple:
        org = values.get("organisation")
        return (org.pk if org else None, _fold(values.get("first_name")), _fold(values.get("last_name")))

    def _queryset(self) -> QuerySet:
        return Contact.objects.select_related("organisation")

    def existing(self, context: ImportContext) -> dict[tuple, Any]:
        return {
            (contact.organisation_id, _fold(contact.first_name), _fold(contact.last_name)): contact
            for contact in self._queryset()
        }

    def save(self, context: ImportContext, instance: Any, values: dict[str, Any]) -> Any:
        data = dict(values)
        for key in ("function", "email", "phone"):
            if key in data and data[key] is None:
                data[key] = ""
        return organisation_services.contact_save(
            actor=context.actor, instance=instance, data=data, reason=context.reason
        )

    def export_queryset(self, user: Any) -> QuerySet:
        # Contact details: the cell sees all, others only their own organisations' people.
        queryset = self._queryset().order_by("organisation__name", "last_name", "first_name")
        if user.has_perm("registry.change_contact"):
            return queryset
        return queryset.filter(organisation_id__in=organisation_ids_of(user))


# --- memberships and partner links -------------------------------------------------------------------


class MembershipDefinition(ImportDefinition):
    """Key: cooperation + member (library, or municipality by NIS code) + start date."""

    key = "memberships"
    label = _("Lidmaatschappen")
    filterset_class = filters.MembershipFilterSet
    export_permission = EXPORT_PERMISSION
    columns = [
        Column(
            "cooperation",
            _("Samenwerkingsverband"),
            COOPERATION_REF,
            required=True,
            example="bibliotheeknetwerk-noordrand",
        ),
        Column(
            "library",
            _("Bibliotheek"),
            LIBRARY_REF,
            example="bibliotheek-zaventem",
            help=_("Korte naam van de bibliotheek die lid is. Leeg als een gemeente lid is."),
        ),
        Column(
            "municipality",
            _("NIS-code"),
            NisCode(),
            help=_("NIS-code van de gemeente die lid is. Leeg als een bibliotheek lid is."),
        ),
        Column("valid_from", _("Lid vanaf"), Date(), required=True, example="01-01-2020"),
        Column("valid_until", _("Lid tot en met"), Date(), help=_("Laatste dag van het lidmaatschap; leeg = lopend.")),
        Column("note", _("Opmerking"), Text(300)),
    ]

    def natural_key(self, values: dict[str, Any]) -> tuple:
        cooperation, library, unit = values.get("cooperation"), values.get("library"), values.get("municipality")
        member = ("library", library.pk) if library else ("municipality", unit.pk if unit else None)
        return (cooperation.pk if cooperation else None, member, values.get("valid_from"))

    def _queryset(self) -> QuerySet:
        return CooperationMembership.objects.select_related(
            "cooperation__organisation", "library__organisation", "municipality"
        )

    def existing(self, context: ImportContext) -> dict[tuple, Any]:
        found = {}
        for membership in self._queryset():
            member = (
                ("library", membership.library_id)
                if membership.library_id
                else ("municipality", membership.municipality_id)
            )
            found[(membership.cooperation_id, member, membership.valid_from)] = membership
        return found

    def save(self, context: ImportContext, instance: Any, values: dict[str, Any]) -> Any:
        return membership_services.membership_save(
            actor=context.actor, instance=instance, data=dict(values), reason=context.reason
        )

    def export_queryset(self, user: Any) -> QuerySet:
        return self._queryset().order_by("cooperation__organisation__name", "valid_from", "pk")


class PartnerLinkDefinition(ImportDefinition):
    key = "partner_links"
    label = _("Partnerschappen")
    filterset_class = filters.PartnerLinkFilterSet
    export_permission = EXPORT_PERMISSION
    columns = [
        Column(
            "organisation",
            _("Organisatie"),
            Reference(
                lookup=all_organisations,
                identify=lambda org: org.slug,
                unknown=_("Onbekende organisatie ‘%(value)s’ (gebruik de korte naam)."),
                hint=_("korte naam van de bibliotheek of het samenwerkingsverband"),
                normalise=lambda text: text.strip().lower(),
            ),
            required=True,
            example="bibliotheek-zaventem",
        ),
        Column(
            "partner",
            _("Partner"),
            _slug_reference(
                "partner", _("Onbekende partner ‘%(value)s’ (gebruik de korte naam)."), _("korte naam van de partner")
            ),
            required=True,
            example="cc-de-boesdaalhoeve",
        ),
        Column("nature", _("Aard van de samenwerking"), Text(200), required=True, example="Leesbevordering"),
        Column("valid_from", _("Sinds"), Date(), example="01-09-2021"),
        Column("valid_until", _("Tot en met"), Date()),
    ]

    def natural_key(self, values: dict[str, Any]) -> tuple:
        org, partner = values.get("organisation"), values.get("partner")
        return (org.pk if org else None, partner.pk if partner else None, _fold(values.get("nature")))

    def _queryset(self) -> QuerySet:
        return PartnerLink.objects.select_related("organisation", "partner__organisation")

    def existing(self, context: ImportContext) -> dict[tuple, Any]:
        return {(link.organisation_id, link.partner_id, _fold(link.nature)): link for link in self._queryset()}

    def save(self, context: ImportContext, instance: Any, values: dict[str, Any]) -> Any:
        return membership_services.partner_link_save(
            actor=context.actor, instance=instance, data=dict(values), reason=context.reason
        )

    def export_queryset(self, user: Any) -> QuerySet:
        return self._queryset().order_by("organisation__name", "partner__organisation__name", "pk")


register(LibraryDefinition())
register(BranchDefinition())
register(CooperationDefinition())
register(MembershipDefinition())
register(PartnerDefinition())
register(PartnerLinkDefinition())
register(ContactDefinition())
