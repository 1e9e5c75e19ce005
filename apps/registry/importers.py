"""The registry's CSV/XLSX import definitions, registered with the generic engine (apps.imports).

One definition per model: its columns (Dutch headers, identical in template,
export and import), its natural key (how a row finds its existing object), and
its `save`, which calls the registry's own service, so an import obeys exactly
the rules of the edit pages. Lookups (municipalities by NIS code, organisations
by slug) are loaded once per run.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import slugify
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
from apps.imports.engine import ImportContext, ImportDefinition, PendingRow, register
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
from apps.registry.services.common import Errors

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

    batch_size = 500

    def _queryset(self) -> QuerySet:
        return (
            super()
            ._queryset()
            .prefetch_related(Prefetch("municipalities_served", queryset=TerritorialUnit.objects.only("id", "code")))
        )

    def save_batch(self, context: ImportContext, rows: list[PendingRow]) -> dict[int, ValidationError]:
        return LibraryBatch(context).save(rows)


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


# --- the batched library save -----------------------------------------------------------------------------


class LibraryBatch:
    """`library_save` for many rows at once: the same rules, checked against lookups, then bulk writes.

    `library_save` runs about fifteen queries per library (checks, two saves,
    two history rows, the served municipalities and their history), which is far
    from the 10 s budget for 10,000 rows. This applies the same checks — the
    permission, a unique name per municipality, a unique korte naam (or one made
    from the name), closing year not before opening year, field validation
    (`clean_fields`/`clean`), the served municipalities defaulting to the seat —
    against sets loaded once per import, and writes each batch with bulk
    inserts and updates, with history rows (including the served-municipality
    snapshot) carrying the actor and the import as the reason.
    """

    ORGANISATION_KEYS = ("name", "status", "municipality", "website", "email", "phone", "description")
    LIBRARY_KEYS = ("governance_type", "is_statutory", "opened_year", "closed_year", "bios_code")

    def __init__(self, context: ImportContext) -> None:
        self.context = context
        self.actor = context.actor
        self.reason = context.reason
        self.names = context.cached("library_batch:names", self._load_names)
        self.slugs = context.cached(
            "library_batch:slugs", lambda: set(Organisation.objects.values_list("slug", flat=True))
        )

    @staticmethod
    def _load_names() -> dict[tuple[str, int | None], int]:
        rows = Organisation.objects.filter(kind="library").values_list("pk", "name", "municipality_id")
        return {(_fold(name), municipality): pk for pk, name, municipality in rows}

    def save(self, rows: list[PendingRow]) -> dict[int, ValidationError]:
        from apps.core.permissions import check

        if any(row.instance is None for row in rows):
            check(self.actor, "registry.add_library")
        refused: dict[int, ValidationError] = {}
        accepted: list[tuple[PendingRow, Organisation, Library, list[TerritorialUnit] | None]] = []
        for row in rows:
            library = row.instance
            if library is not None:
                check(self.actor, "registry.change_library", library)
            try:
                organisation, library, served = self._build(row.instance, row.values)
            except ValidationError as exc:
                refused[row.number] = exc
                continue
            accepted.append((row, organisation, library, served))
        self._write(accepted)
        return refused

    def _build(self, library: Library | None, values: dict[str, Any]):
        errors = Errors()
        organisation = library.organisation if library is not None else Organisation(kind="library")
        old_name_key = (_fold(organisation.name), organisation.municipality_id) if organisation.pk else None
        old_slug = organisation.slug if organisation.pk else None
        for key in self.ORGANISATION_KEYS:
            if key in values:
                setattr(organisation, key, values[key])
        organisation.name = (organisation.name or "").strip()
        name_key = (_fold(organisation.name), organisation.municipality_id)
        if organisation.name and self.names.get(name_key, organisation.pk) != organisation.pk:
            where = organisation.municipality.name_nl if organisation.municipality else _("dezelfde gemeente")
            errors.add("name", _("Er bestaat al een bibliotheek met deze naam in %(place)s.") % {"place": where})
        slug = (values.get("slug") or "").strip()
        if slug:
            if slug != old_slug and slug in self.slugs:
                errors.add("slug", _("Deze korte naam is al in gebruik."))
            organisation.slug = slug
        elif not organisation.slug and organisation.name:
            organisation.slug = self._unique_slug(organisation.name)
        library = library or Library()
        for key in self.LIBRARY_KEYS:
            if key in values:
                setattr(library, key, values[key])
        if library.opened_year and library.closed_year and library.closed_year < library.opened_year:
            errors.add("closed_year", _("Het jaar van sluiting ligt vóór het jaar van oprichting."))
        served = list(values["municipalities_served"]) if "municipalities_served" in values else None
        if served is None and library.pk is None and organisation.municipality:
            served = [organisation.municipality]
        # The seat was resolved from the prefetched NIS codes: no need to query it again per row.
        self._clean(organisation, errors, exclude=["uuid", "municipality"])
        self._clean(library, errors, exclude=["organisation"])
        errors.raise_if_any()
        # Accepted: later rows (in this batch and the next ones) must see this name and korte naam.
        if old_name_key is not None and self.names.get(old_name_key) == organisation.pk:
            del self.names[old_name_key]
        self.names[name_key] = organisation.pk
        self.slugs.add(organisation.slug)
        return organisation, library, served

    def _unique_slug(self, name: str) -> str:
        base = slugify(name)[:190] or "organisatie"
        slug, number = base, 2
        while slug in self.slugs:
            slug = f"{base}-{number}"
            number += 1
        return slug

    @staticmethod
    def _clean(instance, errors: Errors, *, exclude: list[str]) -> None:
        try:
            instance.clean_fields(exclude=exclude)
            instance.clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    errors.add(field, message)

    def _write(self, accepted) -> None:
        if not accepted:
            return
        now = timezone.now()
        history = {"default_user": self.actor, "default_change_reason": self.reason, "default_date": now}
        new = [(org, lib, served) for _row, org, lib, served in accepted if org.pk is None]
        changed = [(org, lib, served) for _row, org, lib, served in accepted if org.pk is not None]
        for _row, org, _lib, _served in accepted:
            org.updated_at = now
        if new:
            organisations = [org for org, _lib, _served in new]
            for org in organisations:
                org.created_at = now
            Organisation.objects.bulk_create(organisations, batch_size=500)
            Organisation.history.bulk_history_create(organisations, **history)
            for org, lib, _served in new:
                lib.organisation = org
            Library.objects.bulk_create([lib for _org, lib, _served in new], batch_size=500)
        if changed:
            organisations = [org for org, _lib, _served in changed]
            Organisation.objects.bulk_update(organisations, [*self.ORGANISATION_FIELDS_DB, "slug", "updated_at"])
            Organisation.history.bulk_history_create(organisations, update=True, **history)
            Library.objects.bulk_update([lib for _org, lib, _served in changed], list(self.LIBRARY_KEYS))
        self._write_served(new, changed)
        libraries = [lib for _row, _org, lib, _served in accepted]
        records = Library.history.bulk_history_create([lib for _org, lib, _served in new], **history) or []
        records += (
            Library.history.bulk_history_create([lib for _org, lib, _served in changed], update=True, **history) or []
        )
        self._write_served_history(libraries, records)
        for row, _org, lib, _served in accepted:
            row.obj = lib

    ORGANISATION_FIELDS_DB = ("name", "status", "municipality", "website", "email", "phone", "description")

    def _write_served(self, new, changed) -> None:
        through = Library.municipalities_served.through
        replace = [(lib, served) for _org, lib, served in changed if served is not None]
        if replace:
            through.objects.filter(library_id__in=[lib.pk for lib, _served in replace]).delete()
        links = [
            through(library_id=lib.pk, territorialunit_id=unit.pk)
            for _org, lib, served in [*new, *changed]
            if served is not None
            for unit in served
        ]
        through.objects.bulk_create(links, batch_size=1000)

    def _write_served_history(self, libraries: list[Library], records) -> None:
        """The served municipalities as they are now, attached to each new history row (as simple_history does)."""
        if not records:
            return
        from django.apps import apps

        m2m_history = apps.get_model("registry", "HistoricalLibrary_municipalities_served")
        through = Library.municipalities_served.through
        by_library: dict[int, list] = {}
        for link in through.objects.filter(library_id__in=[lib.pk for lib in libraries]):
            by_library.setdefault(link.library_id, []).append(link)
        m2m_history.objects.bulk_create(
            [
                m2m_history(
                    history=record, library_id=link.library_id, territorialunit_id=link.territorialunit_id, id=link.pk
                )
                for record in records
                for link in by_library.get(record.organisation_id, [])
            ],
            batch_size=1000,
        )
