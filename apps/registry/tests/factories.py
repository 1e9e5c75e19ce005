"""factory_boy factories for every registry model.

Factory municipalities use codes 98xxx (no real REFNIS code starts with 98),
so they never collide with the loaded reference data. Each gets a small square
boundary around its representative point, so that branch coordinates from
BranchFactory pass the service's point-in-municipality check.
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from apps.accounts.models import User
from apps.registry.models import (
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

HALF_SIDE = 0.01  # degrees: the factory squares are about 2 km wide


def square(lat: float, lon: float, half: float = HALF_SIDE) -> dict:
    ring = [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.test")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    email_verified = True


class TerritorialUnitFactory(DjangoModelFactory):
    """A municipality by default; pass level=... for other levels."""

    class Meta:
        model = TerritorialUnit
        django_get_or_create = ("scheme", "code")

    scheme = "nis"
    code = factory.Sequence(lambda n: f"98{n % 1000:03d}")
    level = "municipality"
    parent = None
    name_nl = factory.Sequence(lambda n: f"Testgemeente {n}")
    name_fr = ""
    # Spread the squares over a grid in the sea west of Flanders: far from real units.
    latitude = factory.Sequence(lambda n: 51.0 + (n % 40) * 0.03)
    longitude = factory.Sequence(lambda n: 1.5 + (n // 40 % 25) * 0.03)
    boundary = factory.LazyAttribute(lambda o: square(o.latitude, o.longitude))
    bbox = factory.LazyAttribute(
        lambda o: [o.longitude - HALF_SIDE, o.latitude - HALF_SIDE, o.longitude + HALF_SIDE, o.latitude + HALF_SIDE]
    )
    area_km2 = factory.LazyFunction(lambda: 4)


MunicipalityFactory = TerritorialUnitFactory


class PopulationFactory(DjangoModelFactory):
    class Meta:
        model = Population

    unit = factory.SubFactory(TerritorialUnitFactory)
    reference_date = datetime.date(2020, 1, 1)
    value = factory.Sequence(lambda n: 5000 + n * 10)
    source = "Testbron"


class TerritorialChangeFactory(DjangoModelFactory):
    class Meta:
        model = TerritorialChange
        skip_postgeneration_save = True

    kind = TerritorialChange.Kind.MERGER
    effective_date = datetime.date(2025, 1, 1)
    description = factory.Sequence(lambda n: f"Testfusie {n}")

    @factory.post_generation
    def predecessors(self, create, extracted, **kwargs):
        if create and extracted:
            self.predecessors.set(extracted)

    @factory.post_generation
    def successors(self, create, extracted, **kwargs):
        if create and extracted:
            self.successors.set(extracted)


class GroupingFactory(DjangoModelFactory):
    class Meta:
        model = Grouping
        django_get_or_create = ("kind", "code")

    kind = "referentieregio"
    code = factory.Sequence(lambda n: f"TEST{n}")
    name = factory.Sequence(lambda n: f"Testregio {n}")


class GroupingMembershipFactory(DjangoModelFactory):
    class Meta:
        model = GroupingMembership

    grouping = factory.SubFactory(GroupingFactory)
    unit = factory.SubFactory(TerritorialUnitFactory)


class AdjacencyFactory(DjangoModelFactory):
    class Meta:
        model = Adjacency

    unit_a = factory.SubFactory(TerritorialUnitFactory)
    unit_b = factory.SubFactory(TerritorialUnitFactory)
    shared_border_m = 1000.0
    contiguity = Adjacency.Contiguity.ROOK


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = "library"
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    status = "active"
    municipality = factory.SubFactory(TerritorialUnitFactory)
    email = factory.LazyAttribute(lambda o: f"{o.slug}@example.org")


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    function = "Bibliothecaris"
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class LibraryFactory(DjangoModelFactory):
    """A library with its organisation; it serves its seat municipality."""

    class Meta:
        model = Library
        skip_postgeneration_save = True

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind="library",
        name=factory.Sequence(lambda n: f"Bibliotheek Test {n}"),
        slug=factory.Sequence(lambda n: f"bibliotheek-test-{n}"),
    )
    governance_type = "municipal"
    is_statutory = True
    opened_year = 1980

    @factory.post_generation
    def municipalities_served(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is not None:
            self.municipalities_served.set(extracted)
        elif self.organisation.municipality_id:
            self.municipalities_served.add(self.organisation.municipality_id)


class BranchFactory(DjangoModelFactory):
    """A branch in its library's seat municipality, at that municipality's point."""

    class Meta:
        model = Branch

    library = factory.SubFactory(LibraryFactory)
    name = factory.Sequence(lambda n: f"Vestiging {n}")
    is_main = False
    street = factory.Sequence(lambda n: f"Stationsstraat {n + 1}")
    postcode = "9999"
    city = factory.LazyAttribute(lambda o: o.municipality.name_nl)
    municipality = factory.LazyAttribute(lambda o: o.library.organisation.municipality or TerritorialUnitFactory())
    latitude = factory.LazyAttribute(lambda o: o.municipality.latitude)
    longitude = factory.LazyAttribute(lambda o: o.municipality.longitude)
    accessibility = Branch.Accessibility.FULL


class OpeningHoursFactory(DjangoModelFactory):
    class Meta:
        model = OpeningHours

    branch = factory.SubFactory(BranchFactory)
    weekday = 0
    opens = datetime.time(10, 0)
    closes = datetime.time(18, 0)


class OpeningExceptionFactory(DjangoModelFactory):
    class Meta:
        model = OpeningException

    branch = factory.SubFactory(BranchFactory)
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    is_closed = True
    note = "Feestdag"


class CooperationFactory(DjangoModelFactory):
    class Meta:
        model = Cooperation

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind="cooperation",
        name=factory.Sequence(lambda n: f"Samenwerking Test {n}"),
        slug=factory.Sequence(lambda n: f"samenwerking-test-{n}"),
    )
    cooperation_type = "library_network"
    founded_on = datetime.date(2019, 1, 1)


class CooperationMembershipFactory(DjangoModelFactory):
    """A library's membership by default; pass library=None, municipality=... for a municipality."""

    class Meta:
        model = CooperationMembership

    cooperation = factory.SubFactory(CooperationFactory)
    library = factory.SubFactory(LibraryFactory)
    municipality = None
    valid_from = datetime.date(2020, 1, 1)
    valid_until = None


MembershipFactory = CooperationMembershipFactory


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    organisation = factory.SubFactory(
        OrganisationFactory,
        kind="partner",
        name=factory.Sequence(lambda n: f"Partner Test {n}"),
        slug=factory.Sequence(lambda n: f"partner-test-{n}"),
    )
    partner_type = "school"


class PartnerLinkFactory(DjangoModelFactory):
    class Meta:
        model = PartnerLink

    organisation = factory.LazyFunction(lambda: LibraryFactory().organisation)
    partner = factory.SubFactory(PartnerFactory)
    nature = "Leesbevordering"
    valid_from = datetime.date(2021, 9, 1)


class AffiliationFactory(DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyFunction(lambda: LibraryFactory().organisation)
