"""Registry API: the 304 municipalities, filter parity with the list pages, writes through the services."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.registry.models import CooperationMembership, Library, Organisation
from apps.registry.tests.factories import (
    BranchFactory,
    ContactFactory,
    CooperationFactory,
    CooperationMembershipFactory,
    GroupingFactory,
    GroupingMembershipFactory,
    LibraryFactory,
    MunicipalityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_cell(cell_staff):
    client = APIClient()
    client.force_authenticate(cell_staff)
    return client


@pytest.fixture
def api_library(library_staff):
    client = APIClient()
    client.force_authenticate(library_staff)
    return client


def test_municipalities_today_and_on_the_eve_of_the_mergers(api_cell, reference_data):
    url = reverse("registry-municipality-list")
    today = api_cell.get(url, {"limit": 1000}).json()
    assert today["count"] == 304
    codes = {row["nis_code"] for row in today["results"]}
    assert "23106" in codes and "23023" not in codes
    eve = api_cell.get(url, {"on": "2024-12-31", "limit": 1000}).json()
    flemish = [row for row in eve["results"] if not row["nis_code"].startswith("21")]
    assert len(flemish) == 300
    assert "23023" in {row["nis_code"] for row in eve["results"]}


def test_municipality_detail_by_nis_code_also_for_a_disappeared_one(api_cell, reference_data):
    pajottegem = api_cell.get(reverse("registry-municipality-detail", args=["23106"])).json()
    assert pajottegem["name_nl"] == "Pajottegem"
    galmaarden = api_cell.get(reverse("registry-municipality-detail", args=["23023"])).json()
    assert galmaarden["valid_until"] == "2024-12-31"
    assert api_cell.get(reverse("registry-municipality-detail", args=["99999"])).status_code == 404


def test_municipality_filters_match_the_list_page(api_cell, cell_client, reference_data):
    region = api_cell.get(reverse("registry-grouping-list"), {"q": "Pajottenland"}).json()
    grouping_code = region["results"][0]["code"] if region["results"] else "REFREG05"
    for params in (
        {"referentieregio": grouping_code},
        {"province": "20001"},
        {"q": "Gent"},
        {"on": "2024-12-31", "province": "20001"},
    ):
        api_count = api_cell.get(reverse("registry-municipality-list"), params).json()["count"]
        page = cell_client.get(reverse("registry:municipality_list"), params)
        assert page.context["table"].paginator.count == api_count, params


def test_every_list_page_filter_works_on_the_api(api_cell, cell_client):
    """Filter parity: each filter of each list page is accepted by the API with the same result count."""
    region = GroupingFactory(code="PAR1")
    town = MunicipalityFactory(code="98201")
    GroupingMembershipFactory(grouping=region, unit=town)
    library = LibraryFactory(organisation__municipality=town, organisation__slug="pariteit")
    LibraryFactory()
    cooperation = CooperationFactory(organisation__slug="pariteit-netwerk")
    CooperationMembershipFactory(cooperation=cooperation, library=library)
    BranchFactory(library=library)
    values = {
        "q": "Test",
        "province": "",
        "referentieregio": "PAR1",
        "cooperation": "pariteit-netwerk",
        "status": "active",
        "governance_type": "municipal",
        "municipality": "98201",
        "is_statutory": "true",
        "demo": "false",
        "library": "pariteit",
        "is_main": "false",
        "accessibility": "full",
        "open": "true",
        "cooperation_type": "library_network",
        "partner_type": "school",
    }
    pages = [
        ("registry:library_list", "registry-library-list"),
        ("registry:branch_list", "registry-branch-list"),
        ("registry:cooperation_list", "registry-cooperation-list"),
        ("registry:partner_list", "registry-partner-list"),
    ]
    for page_name, api_name in pages:
        page = cell_client.get(reverse(page_name))
        for name in page.context["filter"].form.fields:
            value = values.get(name)
            if not value:
                continue
            page_count = cell_client.get(reverse(page_name), {name: value}).context["table"].paginator.count
            response = api_cell.get(reverse(api_name), {name: value})
            assert response.status_code == 200, (api_name, name, response.content)
            assert response.json()["count"] == page_count, (api_name, name)


def test_library_staff_cannot_write_and_nothing_changes(api_library):
    library = LibraryFactory(organisation__slug="onaantastbaar")
    cooperation = CooperationFactory()
    before = (Organisation.objects.count(), CooperationMembership.objects.count())
    detail = reverse("registry-library-detail", args=["onaantastbaar"])
    assert api_library.post(reverse("registry-library-list"), {"name": "X"}, format="json").status_code == 403
    assert api_library.patch(detail, {"name": "Gekaapt"}, format="json").status_code == 403
    assert api_library.delete(detail).status_code == 403
    membership = {"cooperation": cooperation.organisation.slug, "library": "onaantastbaar", "valid_from": "2024-01-01"}
    assert api_library.post(reverse("registry-membership-list"), membership, format="json").status_code == 403
    assert api_library.post(reverse("registry-affiliation-list"), {}, format="json").status_code == 403
    library.organisation.refresh_from_db()
    assert library.organisation.name != "Gekaapt"
    assert (Organisation.objects.count(), CooperationMembership.objects.count()) == before


def test_contacts_hidden_from_library_staff_of_another_library(api_library):
    ContactFactory(last_name="Verborgen")
    response = api_library.get(reverse("registry-contact-list"))
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_cell_staff_create_a_library_through_the_service(api_cell):
    town = MunicipalityFactory(code="98301")
    response = api_cell.post(
        reverse("registry-library-list"),
        {
            "name": "Bib Nieuwdorp",
            "municipality": "98301",
            "municipalities_served": ["98301"],
            "change_reason": "Nieuw",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["slug"] == "bib-nieuwdorp"
    assert body["municipalities_served"] == ["98301"]
    library = Library.objects.get(organisation__slug="bib-nieuwdorp")
    assert list(library.municipalities_served.all()) == [town]
    assert library.organisation.history.first().history_change_reason == "Nieuw"


def test_bad_input_gives_dutch_field_errors_and_changes_nothing(api_cell):
    town = MunicipalityFactory(code="98401")
    LibraryFactory(organisation__name="Bib Dubbel", organisation__municipality=town, organisation__slug="bib-dubbel")
    cooperation = CooperationFactory()
    before = (Organisation.objects.count(), CooperationMembership.objects.count())
    url = reverse("registry-library-list")

    malformed = api_cell.post(url, {"name": "Bib A", "municipality": "12ab"}, format="json")
    assert malformed.status_code == 400
    assert "5 cijfers" in malformed.json()["municipality"][0]
    unknown = api_cell.post(url, {"name": "Bib B", "municipality": "99999"}, format="json")
    assert "Onbekende NIS-code" in unknown.json()["municipality"][0]
    duplicate = api_cell.post(url, {"name": "Bib Dubbel", "municipality": "98401"}, format="json")
    assert duplicate.status_code == 400
    assert "Er bestaat al een bibliotheek" in duplicate.json()["name"][0]

    memberships = reverse("registry-membership-list")
    data = {"cooperation": cooperation.organisation.slug, "library": "bib-dubbel", "valid_from": "2024-01-01"}
    backwards = api_cell.post(memberships, data | {"valid_until": "2023-01-01"}, format="json")
    assert backwards.status_code == 400
    assert backwards.json()["valid_until"] == ["De einddatum ligt vóór de begindatum."]
    assert api_cell.post(memberships, data, format="json").status_code == 201
    overlap = api_cell.post(memberships, data | {"valid_from": "2025-06-01"}, format="json")
    assert overlap.status_code == 400
    assert overlap.json()
    after = (Organisation.objects.count(), CooperationMembership.objects.count())
    assert after == (before[0], before[1] + 1)


def test_branch_outside_flanders_is_refused_with_a_dutch_error(api_cell):
    library = LibraryFactory(organisation__slug="bib-grens")
    town = library.organisation.municipality
    response = api_cell.post(
        reverse("registry-branch-list"),
        {
            "library": "bib-grens",
            "name": "Filiaal Parijs",
            "municipality": town.code,
            "latitude": 48.8566,
            "longitude": 2.3522,
        },
        format="json",
    )
    assert response.status_code == 400
    assert any(
        "Vlaanderen" in message or "gemeente" in message
        for messages in response.json().values()
        for message in messages
    )
    assert not library.branches.exists()


def test_membership_end_via_patch(api_cell):
    membership = CooperationMembershipFactory(valid_from=datetime.date(2020, 1, 1))
    response = api_cell.patch(
        reverse("registry-membership-detail", args=[membership.pk]), {"valid_until": "2024-12-31"}, format="json"
    )
    assert response.status_code == 200, response.content
    membership.refresh_from_db()
    assert membership.valid_until == datetime.date(2024, 12, 31)


def test_municipality_pages_carry_the_same_fields_as_the_full_rows(api_cell, reference_data):
    """The API pages the lean list and adds names and codes to the page's rows only (PageRowsPagination)."""
    from apps.registry.models import TerritorialUnit
    from apps.registry.selectors.pages import municipality_rows

    url = reverse("registry-municipality-list")
    seen = []
    for offset in (0, 50, 300):
        body = api_cell.get(url, {"limit": 50, "offset": offset}).json()
        assert body["count"] == 304
        seen.extend(body["results"])
    assert len(seen) == 104
    full = {
        unit.code: unit
        for unit in municipality_rows(TerritorialUnit.objects.filter(code__in=[r["nis_code"] for r in seen]))
    }
    for row in seen:
        unit = full[row["nis_code"]]
        grandparent = unit.parent.parent
        assert row["arrondissement"] == unit.parent.code
        assert row["province"] == (grandparent.code if grandparent.level == "province" else None)
        assert (row["population"], row["referentieregio"], row["name_nl"]) == (
            unit.population,
            unit.referentieregio_code,
            unit.name_nl,
        )
    brussels = next(row for row in seen if row["nis_code"] == "21004")
    assert brussels["province"] is None  # Brussels' arrondissement belongs to the region, not a province
    assert [row["name_nl"] for row in seen[:50]] == sorted(row["name_nl"] for row in seen[:50])


def test_the_municipality_api_runs_the_same_number_of_queries_at_any_page_size(api_cell, reference_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("registry-municipality-list")
    counts = []
    for limit in (5, 100):
        api_cell.get(url, {"limit": limit})
        with CaptureQueriesContext(connection) as queries:
            assert len(api_cell.get(url, {"limit": limit}).json()["results"]) == limit
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
