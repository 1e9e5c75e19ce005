"""Every registry list and detail page runs a fixed number of queries, whatever the number of rows."""

import datetime
import itertools

import pytest
from django.urls import reverse

from apps.registry.tests.factories import (
    BranchFactory,
    ContactFactory,
    CooperationFactory,
    CooperationMembershipFactory,
    GroupingFactory,
    GroupingMembershipFactory,
    LibraryFactory,
    MunicipalityFactory,
    OpeningHoursFactory,
    PartnerFactory,
    PartnerLinkFactory,
    TerritorialChangeFactory,
)

pytestmark = pytest.mark.django_db

_years = itertools.count(1990)


@pytest.fixture
def hub(db):
    region = GroupingFactory(code="QREG")
    town = MunicipalityFactory(code="98501")
    GroupingMembershipFactory(grouping=region, unit=town)
    library = LibraryFactory(organisation__slug="bib-hub", organisation__municipality=town)
    branch = BranchFactory(library=library, is_main=True)
    cooperation = CooperationFactory(organisation__slug="netwerk-hub")
    partner = PartnerFactory(organisation__slug="partner-hub")
    return {
        "region": region,
        "town": town,
        "library": library,
        "branch": branch,
        "cooperation": cooperation,
        "partner": partner,
    }


def add_libraries(hub):
    def make(n):
        for _ in range(n):
            library = LibraryFactory()
            BranchFactory(library=library)
            CooperationMembershipFactory(cooperation=hub["cooperation"], library=library)
            PartnerLinkFactory(organisation=library.organisation, partner=hub["partner"])
            ContactFactory(organisation=library.organisation)

    return make


def add_municipalities(hub):
    def make(n):
        for _ in range(n):
            unit = MunicipalityFactory()
            GroupingMembershipFactory(grouping=hub["region"], unit=unit)
            TerritorialChangeFactory(
                predecessors=[unit], successors=[hub["town"]], effective_date=datetime.date(2025, 1, 1)
            )

    return make


def add_library_rows(hub):
    """Rows that show on the hub library's own pages: served municipalities, branches, memberships."""

    def make(n):
        library = hub["library"]
        for _ in range(n):
            unit = MunicipalityFactory()
            library.municipalities_served.add(unit)
            branch = BranchFactory(library=library, municipality=unit)
            OpeningHoursFactory(branch=branch)
            year = next(_years)
            CooperationMembershipFactory(
                library=library,
                valid_from=datetime.date(year, 1, 1),
                valid_until=datetime.date(year, 6, 30),
            )
            PartnerLinkFactory(organisation=library.organisation)
            ContactFactory(organisation=library.organisation)

    return make


def test_list_pages(cell_client, hub, assert_constant_queries):
    for name in ("library_list", "branch_list", "cooperation_list", "partner_list", "contact_list", "affiliation_list"):
        assert_constant_queries(cell_client, reverse(f"registry:{name}"), add_libraries(hub), n=3, max_queries=25)


def test_territory_pages(cell_client, hub, assert_constant_queries):
    for url in (
        reverse("registry:municipality_list"),
        reverse("registry:grouping_list"),
        reverse("registry:grouping_detail", args=["referentieregio", "QREG"]),
        reverse("registry:change_list"),
        reverse("registry:municipality_detail", args=["98501"]),
    ):
        assert_constant_queries(cell_client, url, add_municipalities(hub), n=3, max_queries=30)


def test_map_pages(cell_client, hub, assert_constant_queries):
    """New boundaries refresh the geometry cache once (one query); warm, the count is the same at n and 3n."""
    add_rows = add_municipalities(hub)

    def rows_then_warm(url):
        def make(n):
            add_rows(n)
            cell_client.get(url)

        return make

    for url in (reverse("registry:map"), reverse("registry-api-geo-municipalities")):
        assert_constant_queries(cell_client, url, rows_then_warm(url), n=3, max_queries=20)


def test_library_detail_pages(cell_client, hub, assert_constant_queries):
    slug = hub["library"].organisation.slug
    for tab in ("detail", "branches", "cooperation", "partners", "contacts"):
        url = reverse(f"registry:library_{tab}", args=[slug])
        assert_constant_queries(cell_client, url, add_library_rows(hub), n=2, max_queries=30)


def test_library_history_page_does_not_grow_with_related_rows(cell_client, hub, assert_constant_queries):
    # The history lists the library's own records; branches, memberships and partners are other records.
    slug = hub["library"].organisation.slug

    def make(n):
        for _ in range(n):
            BranchFactory(library=hub["library"])
            PartnerLinkFactory(organisation=hub["library"].organisation)

    assert_constant_queries(cell_client, reverse("registry:library_history", args=[slug]), make, n=2, max_queries=30)


def test_cooperation_partner_and_branch_pages(cell_client, hub, assert_constant_queries):
    coop = hub["cooperation"].organisation.slug
    partner = hub["partner"].organisation.slug
    for url in (
        reverse("registry:cooperation_detail", args=[coop]),
        reverse("registry:cooperation_members", args=[coop]),
        reverse("registry:partner_detail", args=[partner]),
        reverse("registry:partner_partners", args=[partner]),
        reverse("registry:branch_detail", args=[hub["branch"].uuid]),
        reverse("registry-library-list"),
        reverse("registry-branch-list"),
        reverse("registry-membership-list"),
    ):
        assert_constant_queries(cell_client, url, add_libraries(hub), n=3, max_queries=30)
