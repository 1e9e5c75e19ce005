"""Registry pages: what a new user checks, permissions (refused and nothing changed), Dutch errors next to fields."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from apps.accounts.roles import Role
from apps.registry.models import Branch, CooperationMembership, Library, Organisation
from apps.registry.tests.factories import (
    AffiliationFactory,
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
)
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    """A small invented network: a referentieregio, a library with a branch, a cooperation, a partner."""
    region = GroupingFactory(code="TESTREG", name="Testregio Noord")
    town = MunicipalityFactory(code="98101", name_nl="Noorddorp")
    other_town = MunicipalityFactory(code="98102", name_nl="Zuiddorp")
    GroupingMembershipFactory(grouping=region, unit=town)
    library = LibraryFactory(
        organisation__name="Bibliotheek Noorddorp", organisation__slug="bib-noorddorp", organisation__municipality=town
    )
    other = LibraryFactory(
        organisation__name="Bibliotheek Zuiddorp",
        organisation__slug="bib-zuiddorp",
        organisation__municipality=other_town,
    )
    branch = BranchFactory(library=library, name="Hoofdbib Noorddorp", is_main=True)
    OpeningHoursFactory(branch=branch, weekday=2)
    cooperation = CooperationFactory(organisation__name="Bibnetwerk Noord", organisation__slug="bibnetwerk-noord")
    CooperationMembershipFactory(
        cooperation=cooperation,
        library=library,
        valid_from=datetime.date(2019, 1, 1),
        valid_until=datetime.date(2022, 12, 31),
    )
    CooperationMembershipFactory(cooperation=cooperation, library=library, valid_from=datetime.date(2023, 1, 1))
    partner = PartnerFactory(organisation__name="Basisschool De Linde", organisation__slug="de-linde")
    PartnerLinkFactory(organisation=library.organisation, partner=partner)
    contact = ContactFactory(organisation=library.organisation, first_name="Ria", last_name="Geheimnummer")
    return {
        "region": region,
        "town": town,
        "library": library,
        "other": other,
        "branch": branch,
        "cooperation": cooperation,
        "partner": partner,
        "contact": contact,
    }


def page_urls(n):
    library, cooperation, partner, branch = n["library"], n["cooperation"], n["partner"], n["branch"]
    slug = library.organisation.slug
    return [
        reverse("registry:home"),
        reverse("registry:quick_find") + "?q=Noord",
        reverse("registry:map"),
        reverse("registry:municipality_list"),
        reverse("registry:municipality_detail", args=[n["town"].code]),
        reverse("registry:municipality_history", args=[n["town"].code]),
        reverse("registry:grouping_list"),
        reverse("registry:grouping_detail", args=["referentieregio", n["region"].code]),
        reverse("registry:change_list"),
        reverse("registry:library_list"),
        reverse("registry:library_detail", args=[slug]),
        reverse("registry:library_branches", args=[slug]),
        reverse("registry:library_cooperation", args=[slug]),
        reverse("registry:library_partners", args=[slug]),
        reverse("registry:library_history", args=[slug]),
        reverse("registry:branch_list"),
        reverse("registry:branch_detail", args=[branch.uuid]),
        reverse("registry:branch_history", args=[branch.uuid]),
        reverse("registry:cooperation_list"),
        reverse("registry:cooperation_detail", args=[cooperation.organisation.slug]),
        reverse("registry:cooperation_members", args=[cooperation.organisation.slug]),
        reverse("registry:cooperation_history", args=[cooperation.organisation.slug]),
        reverse("registry:partner_list"),
        reverse("registry:partner_detail", args=[partner.organisation.slug]),
        reverse("registry:partner_partners", args=[partner.organisation.slug]),
    ]


def cell_only_urls(n):
    slug = n["library"].organisation.slug
    membership = CooperationMembership.objects.filter(library=n["library"]).first()
    return [
        reverse("registry:library_create"),
        reverse("registry:library_edit", args=[slug]),
        reverse("registry:library_delete", args=[slug]),
        reverse("registry:library_contacts", args=[slug]),
        reverse("registry:library_affiliations", args=[slug]),
        reverse("registry:branch_create"),
        reverse("registry:branch_edit", args=[n["branch"].uuid]),
        reverse("registry:branch_delete", args=[n["branch"].uuid]),
        reverse("registry:branch_opening_hours", args=[n["branch"].uuid]),
        reverse("registry:cooperation_create"),
        reverse("registry:cooperation_edit", args=[n["cooperation"].organisation.slug]),
        reverse("registry:membership_create"),
        reverse("registry:membership_edit", args=[membership.pk]),
        reverse("registry:membership_end", args=[membership.pk]),
        reverse("registry:membership_delete", args=[membership.pk]),
        reverse("registry:partner_create"),
        reverse("registry:partner_edit", args=[n["partner"].organisation.slug]),
        reverse("registry:partnerlink_create"),
        reverse("registry:contact_list"),
        reverse("registry:contact_create"),
        reverse("registry:contact_edit", args=[n["contact"].uuid]),
        reverse("registry:affiliation_list"),
        reverse("registry:affiliation_create"),
    ]


def test_every_registry_page_answers_for_cell_staff(cell_client, network):
    for url in page_urls(network) + cell_only_urls(network):
        response = cell_client.get(url)
        assert response.status_code == 200, url


def test_every_registry_page_answers_for_library_staff(library_client, network):
    for url in page_urls(network):
        response = library_client.get(url)
        assert response.status_code == 200, url


def test_anonymous_users_are_sent_to_login(anon_client, network):
    for url in page_urls(network):
        response = anon_client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


def test_citizens_are_refused(citizen_client, network):
    for url in page_urls(network):
        assert citizen_client.get(url).status_code in (403, 404), url


def test_library_staff_are_refused_on_every_edit_page(library_client, network):
    for url in cell_only_urls(network):
        # Another organisation's contact is hidden altogether (404); everything else is refused (403).
        expected = (403, 404) if "/contactpersonen/" in url and "bewerken" in url else (403,)
        assert library_client.get(url).status_code in expected, url


def test_library_staff_cannot_post_edits_and_nothing_changes(library_client, network):
    library, branch = network["library"], network["branch"]
    slug = library.organisation.slug
    posts = [
        (
            reverse("registry:library_create"),
            {"name": "Nieuwe bib", "status": "active", "governance_type": "municipal"},
        ),
        (
            reverse("registry:library_edit", args=[slug]),
            {"name": "Gekaapt", "status": "active", "governance_type": "municipal"},
        ),
        (reverse("registry:library_delete", args=[slug]), {}),
        (reverse("registry:branch_delete", args=[branch.uuid]), {}),
        (reverse("registry:branch_opening_hours", args=[branch.uuid]), {}),
        (reverse("registry:cooperation_delete", args=[network["cooperation"].organisation.slug]), {}),
        (reverse("registry:partner_delete", args=[network["partner"].organisation.slug]), {}),
        (reverse("registry:contact_delete", args=[network["contact"].uuid]), {}),
    ]
    before = (Organisation.objects.count(), Branch.objects.count(), CooperationMembership.objects.count())
    for url, data in posts:
        assert library_client.post(url, data).status_code in (403, 404), url
    library.organisation.refresh_from_db()
    assert library.organisation.name == "Bibliotheek Noorddorp"
    assert (Organisation.objects.count(), Branch.objects.count(), CooperationMembership.objects.count()) == before
    assert branch.opening_hours.count() == 1


def test_contacts_are_hidden_from_other_library_staff(library_client, library_staff, network):
    slug = network["library"].organisation.slug
    detail = library_client.get(reverse("registry:library_detail", args=[slug]))
    assert "Geheimnummer" not in detail.content.decode()
    assert reverse("registry:library_contacts", args=[slug]) not in detail.content.decode()
    assert library_client.get(reverse("registry:library_contacts", args=[slug])).status_code == 403


def test_contacts_are_shown_to_the_library_s_own_staff(client, network):
    own = make_user("eigenbib", Role.LIBRARY_STAFF)
    AffiliationFactory(user=own, organisation=network["library"].organisation)
    client.force_login(own)
    slug = network["library"].organisation.slug
    response = client.get(reverse("registry:library_contacts", args=[slug]))
    assert response.status_code == 200
    assert "Geheimnummer" in response.content.decode()
    # ... but not another library's contacts
    other = network["other"].organisation
    ContactFactory(organisation=other, last_name="Anderbib")
    assert client.get(reverse("registry:library_contacts", args=[other.slug])).status_code == 403


def test_library_detail_has_map_timeline_and_history(cell_client, network):
    slug = network["library"].organisation.slug
    overview = cell_client.get(reverse("registry:library_detail", args=[slug])).content.decode()
    assert "data-registry-map" in overview
    assert "/api/geo/municipalities/?library=bib-noorddorp" in overview
    assert "/api/geo/branches/?library=bib-noorddorp" in overview
    timeline = cell_client.get(reverse("registry:library_cooperation", args=[slug])).content.decode()
    assert "membership-timeline__bar" in timeline
    assert timeline.count("Bibnetwerk Noord") >= 2
    assert "heden" in timeline
    history = cell_client.get(reverse("registry:library_history", args=[slug]))
    assert history.status_code == 200
    assert "Geschiedenis" in history.content.decode()


def test_library_list_filters_by_referentieregio_and_exports(cell_client, network):
    url = reverse("registry:library_list") + "?referentieregio=TESTREG"
    page = cell_client.get(url).content.decode()
    assert "Bibliotheek Noorddorp" in page
    assert "Bibliotheek Zuiddorp" not in page

    csv_response = cell_client.get(url + "&export=csv")
    assert csv_response.status_code == 200
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(csv_response.streaming_content).decode()
                if csv_response.streaming
                else csv_response.content.decode()
            )
        )
    )
    assert rows[0][0] == "Naam"
    assert [row[0] for row in rows[1:]] == ["Bibliotheek Noorddorp"]
    assert "Testregio Noord" in rows[1]

    xlsx_response = cell_client.get(url + "&export=xlsx")
    assert xlsx_response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Naam"
    assert [row[0] for row in values[1:]] == ["Bibliotheek Noorddorp"]


def test_demo_rows_are_badged_and_the_banner_shown(cell_client, network):
    LibraryFactory(organisation__name="Verzonnen Bib", organisation__is_demo=True)
    page = cell_client.get(reverse("registry:library_list")).content.decode()
    assert "demo-banner" in page
    assert "badge--demo" in page
    page = cell_client.get(reverse("registry:library_list") + "?demo=false").content.decode()
    assert "demo-banner" not in page


def test_duplicate_library_gets_a_dutch_error_next_to_the_name(cell_client, network):
    town = network["town"]
    before = Library.objects.count()
    response = cell_client.post(
        reverse("registry:library_create"),
        {
            "name": "Bibliotheek Noorddorp",
            "status": "active",
            "municipality": town.code,
            "governance_type": "municipal",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Er bestaat al een bibliotheek met deze naam" in errors["name"][0]
    assert Library.objects.count() == before


def test_malformed_and_unknown_nis_codes_get_dutch_errors(cell_client, network):
    before = Library.objects.count()
    for code, expected in (("12ab", "vijf cijfers"), ("99999", "geen gemeente met NIS-code 99999")):
        response = cell_client.post(
            reverse("registry:library_create"),
            {"name": "Bib X", "status": "active", "municipality": code, "governance_type": "municipal"},
        )
        assert expected in response.context["form"].errors["municipality"][0]
    assert Library.objects.count() == before


def test_overlapping_membership_and_end_before_start_are_refused(cell_client, network):
    cooperation = network["cooperation"]
    before = CooperationMembership.objects.count()
    url = reverse("registry:membership_create")
    overlap = cell_client.post(
        url,
        {"cooperation": cooperation.organisation.slug, "library": "bib-noorddorp", "valid_from": "2024-01-01"},
    )
    assert overlap.status_code == 200
    assert overlap.context["form"].errors
    backwards = cell_client.post(
        url,
        {
            "cooperation": cooperation.organisation.slug,
            "library": "bib-zuiddorp",
            "valid_from": "2024-01-01",
            "valid_until": "2023-01-01",
        },
    )
    assert "De einddatum ligt vóór de begindatum." in backwards.context["form"].errors["valid_until"]
    assert CooperationMembership.objects.count() == before


def test_branch_outside_flanders_is_refused(cell_client, network):
    branch = network["branch"]
    response = cell_client.post(
        reverse("registry:branch_edit", args=[branch.uuid]),
        {
            "library": "bib-noorddorp",
            "name": branch.name,
            "municipality": branch.municipality.code,
            "latitude": "48.8566",
            "longitude": "2.3522",
            "accessibility": "full",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    branch.refresh_from_db()
    assert branch.latitude != 48.8566


def test_cell_staff_edit_a_library_with_a_reason_that_lands_in_history(cell_client, network):
    library = network["library"]
    slug = library.organisation.slug
    response = cell_client.post(
        reverse("registry:library_edit", args=[slug]),
        {
            "name": "Bibliotheek Noorddorp-Centrum",
            "slug": slug,
            "status": "active",
            "municipality": network["town"].code,
            "governance_type": "autonomous",
            "municipalities_served": [network["town"].code],
            "change_reason": "Nieuwe naam na verhuis",
        },
    )
    assert response.status_code == 302
    history = cell_client.get(reverse("registry:library_history", args=[slug])).content.decode()
    assert "Nieuwe naam na verhuis" in history
    assert "Bibliotheek Noorddorp-Centrum" in history


def test_opening_hours_formset_saves_several_periods_per_day(cell_client, network):
    branch = network["branch"]
    data = {"change_reason": "Zomeruren"}
    for day in range(7):
        prefix = f"day{day}"
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "2",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "6",
            }
        )
    data.update({"day0-0-opens": "09:00", "day0-0-closes": "12:00", "day0-1-opens": "13:00", "day0-1-closes": "17:00"})
    response = cell_client.post(reverse("registry:branch_opening_hours", args=[branch.uuid]), data)
    assert response.status_code == 302
    assert list(branch.opening_hours.values_list("weekday", "opens", "closes")) == [
        (0, datetime.time(9), datetime.time(12)),
        (0, datetime.time(13), datetime.time(17)),
    ]


def test_quick_find_htmx_partial_and_no_results(cell_client, network):
    url = reverse("registry:quick_find")
    partial = cell_client.get(url + "?q=Noorddorp", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial
    assert "Bibliotheek Noorddorp" in partial
    empty = cell_client.get(url + "?q=Xyzzyq", HTTP_HX_REQUEST="true").content.decode()
    assert "Geen resultaten" in empty
