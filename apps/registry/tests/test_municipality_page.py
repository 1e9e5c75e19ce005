"""The municipality page: its story, lists and links as written in one pass, the user's scope, its queries."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.registry import selectors
from apps.registry.models import Branch, Cooperation, Library, TerritorialUnit
from apps.registry.selectors import municipality_page
from apps.registry.tests.factories import (
    AdjacencyFactory,
    BranchFactory,
    CooperationFactory,
    CooperationMembershipFactory,
    LibraryFactory,
    MunicipalityFactory,
    TerritorialChangeFactory,
)

pytestmark = pytest.mark.django_db


def page_of(client, code: str) -> str:
    response = client.get(reverse("registry:municipality_detail", args=[code]))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, title_id: str) -> str:
    """The markup of the page's <section> labelled by `title_id`."""
    match = re.search(rf'<section aria-labelledby="{title_id}">(.*?)</section>', html, re.S)
    assert match, title_id
    return match.group(1)


def url_of(code: str) -> str:
    return reverse("registry:municipality_detail", args=[code])


# --- Story and neighbours, on the real reference data -------------------------------------------


def test_pajottegem_tells_its_merger_with_links_to_its_three_predecessors(cell_client, reference_data):
    html = page_of(cell_client, "23106")
    assert "Ontstaan op 1 januari 2025 uit de fusie van Galmaarden, Gooik en Herne." in html
    assert (
        f'Voorgangers: <a href="{url_of("23023")}">Galmaarden (23023)</a>, '
        f'<a href="{url_of("23024")}">Gooik (23024)</a>, <a href="{url_of("23032")}">Herne (23032)</a></p>'
    ) in html
    assert "Opgegaan in" not in html


def test_a_merged_municipality_links_to_its_successor(cell_client, reference_data):
    html = page_of(cell_client, "23023")
    assert "Opgegaan in Pajottegem op 1 januari 2025." in html
    assert f'<a href="{url_of("23106")}">Naar Pajottegem</a></p>' in html
    assert "Ontstaan op" not in html


def test_neighbours_are_listed_by_name_with_links(cell_client, reference_data):
    neighbours = section(page_of(cell_client, "23106"), "neighbours-title")
    names = re.findall(r'<li><a href="/netwerk/gemeenten/(\d+)/">([^<]+)</a></li>', neighbours)
    assert [name for _code, name in names] == sorted(name for _code, name in names)
    assert ("23104", "Lennik") in names and ("41048", "Ninove") in names
    assert "Galmaarden" not in neighbours  # a predecessor, not a neighbour


def test_story_picks_the_latest_change_and_names_the_others_when_the_unit_took_them_over(db):
    town, absorbed, older = MunicipalityFactory(), MunicipalityFactory(name_nl="Aaa"), MunicipalityFactory()
    TerritorialChangeFactory(predecessors=[older], successors=[town], effective_date=datetime.date(1977, 1, 1))
    TerritorialChangeFactory(predecessors=[town, absorbed], successors=[town], effective_date=datetime.date(2019, 1, 1))
    story = municipality_page.municipality_story(town)
    assert story.origin_date == datetime.date(2019, 1, 1)
    assert [u.pk for u in story.predecessors] == [absorbed.pk]
    # The unit is also a predecessor of that change, whose successor is the unit itself.
    assert story.end_date == datetime.date(2019, 1, 1)
    assert [u.pk for u in story.successors] == [town.pk]
    assert story.neighbours == []


# --- Lists: libraries, branches, memberships -----------------------------------------------------


@pytest.fixture
def town(db):
    town = MunicipalityFactory(name_nl="Testdorp")
    here = LibraryFactory(
        organisation__name="Bib Testdorp & <co>", organisation__slug="bib-testdorp", organisation__municipality=town
    )
    here.organisation.is_demo = True
    here.organisation.save()
    serving = LibraryFactory(organisation__name="Bib Buurdorp", organisation__slug="bib-buurdorp")
    serving.municipalities_served.add(town)
    LibraryFactory(organisation__name="Bib Elders", organisation__slug="bib-elders")
    BranchFactory(
        library=here, municipality=town, name="Hoofdbib Testdorp", is_main=True, street="Markt 1", is_demo=True
    )
    BranchFactory(library=serving, municipality=town, name="Filiaal Testdorp", street="Kerkstraat 2", postcode="")
    network = CooperationFactory(organisation__name="Netwerk Testregio", organisation__slug="netwerk-testregio")
    CooperationMembershipFactory(cooperation=network, library=here, valid_from=datetime.date(2019, 1, 1))
    CooperationMembershipFactory(
        cooperation=network, library=None, municipality=town, valid_from=datetime.date(2021, 3, 1)
    )
    ended = CooperationFactory(organisation__name="Oud Netwerk", organisation__slug="oud-netwerk")
    CooperationMembershipFactory(
        cooperation=ended, library=here, valid_from=datetime.date(2010, 1, 1), valid_until=datetime.date(2018, 12, 31)
    )
    AdjacencyFactory(unit_a=town, unit_b=MunicipalityFactory(name_nl="Buurdorp"))
    return town


def test_libraries_based_in_or_serving_the_municipality_with_demo_badge_and_escaped_names(cell_client, town):
    libraries = section(page_of(cell_client, town.code), "libraries-title")
    assert libraries == (
        '\n  <h2 id="libraries-title">Bibliotheken</h2>\n  <ul>'
        '<li><a href="/netwerk/bibliotheken/bib-buurdorp/">Bib Buurdorp</a></li>'
        '<li><a href="/netwerk/bibliotheken/bib-testdorp/">Bib Testdorp &amp; &lt;co&gt;</a>'
        ' <span class="badge badge--demo">demo</span></li></ul>\n  \n'
    )


def test_branches_main_first_with_address_and_demo_badge(cell_client, town):
    branches = section(page_of(cell_client, town.code), "branches-title")
    main, other = Branch.objects.get(name="Hoofdbib Testdorp"), Branch.objects.get(name="Filiaal Testdorp")
    assert (
        f'<ul><li><a href="/netwerk/vestigingen/{main.uuid}/">Hoofdbib Testdorp</a> (hoofdbibliotheek)'
        ' – Markt 1 9999 Testdorp <span class="badge badge--demo">demo</span></li>'
        f'<li><a href="/netwerk/vestigingen/{other.uuid}/">Filiaal Testdorp</a> – Kerkstraat 2  Testdorp</li></ul>'
    ) in branches
    assert "Alle vestigingen" not in branches


def test_the_first_ten_branches_and_a_link_to_all_of_them(cell_client, town):
    library = Library.objects.get(organisation__slug="bib-elders")
    BranchFactory.create_batch(10, library=library, municipality=town)
    branches = section(page_of(cell_client, town.code), "branches-title")
    assert branches.count("<li>") == 10
    assert "Hoofdbib Testdorp" in branches  # main branches first
    assert f'<a href="/netwerk/vestigingen/?municipality={town.code}">Alle vestigingen in Testdorp in de lijst</a>' in (
        branches
    )


def test_running_memberships_via_a_library_or_of_the_municipality_itself(cell_client, town):
    memberships = section(page_of(cell_client, town.code), "cooperations-title")
    link = '<a href="/netwerk/samenwerkingsverbanden/netwerk-testregio/">Netwerk Testregio</a>'
    assert f"<li>{link} – via Bib Testdorp &amp; &lt;co&gt;, sinds 1-1-2019</li>" in memberships
    assert f"<li>{link} – de gemeente is zelf lid, sinds 1-3-2021</li>" in memberships
    assert "Oud Netwerk" not in memberships


def test_empty_lists_say_so(cell_client, db):
    html = page_of(cell_client, MunicipalityFactory().code)
    assert "Geen bibliotheek geregistreerd voor deze gemeente." in html
    assert "Geen vestigingen geregistreerd." in html
    assert "Geen lopende lidmaatschappen." in html
    assert "Geen Vlaamse of Brusselse buurgemeenten in de gegevens." in html
    assert 'class="story"' not in html


def test_unknown_code_answers_404(cell_client, db):
    assert cell_client.get(reverse("registry:municipality_detail", args=["98999"])).status_code == 404


# --- Scope ------------------------------------------------------------------------------------


def test_library_staff_see_what_their_scope_shows_and_citizens_do_not_see_the_page(
    library_client, citizen_client, cell_client, town
):
    html = page_of(library_client, town.code)
    for id_ in ("libraries-title", "branches-title", "cooperations-title"):
        assert section(html, id_) == section(page_of(cell_client, town.code), id_)
    assert citizen_client.get(reverse("registry:municipality_detail", args=[town.code])).status_code == 403


def test_a_narrower_scope_is_applied_to_every_list(cell_client, town, monkeypatch):
    """Only a scope without conditions runs the compiled queries; any other scope is in the query."""
    monkeypatch.setattr(
        selectors, "library_visible_to", lambda user: Library.objects.filter(organisation__slug="bib-buurdorp")
    )
    monkeypatch.setattr(selectors, "branch_visible_to", lambda user: Branch.objects.filter(name="Filiaal Testdorp"))
    monkeypatch.setattr(selectors, "cooperation_visible_to", lambda user: Cooperation.objects.none())
    html = page_of(cell_client, town.code)
    libraries, branches = section(html, "libraries-title"), section(html, "branches-title")
    assert "Bib Buurdorp" in libraries and "Testdorp" not in libraries
    assert "Filiaal Testdorp" in branches and "Hoofdbib" not in branches
    assert "Geen lopende lidmaatschappen." in section(html, "cooperations-title")


def test_compiled_and_scoped_reads_return_the_same_rows(cell_staff, town):
    today = timezone.localdate()
    whole = (
        municipality_page.municipality_libraries(town, user=cell_staff),
        municipality_page.municipality_branches(town, user=cell_staff),
        municipality_page.municipality_memberships(town, user=cell_staff, day=today),
    )
    built = (
        list(municipality_page._libraries(town.pk, scope=selectors.library_visible_to(cell_staff))),
        list(municipality_page._branches(town.pk, scope=selectors.branch_visible_to(cell_staff))),
        list(municipality_page._memberships(town.pk, today, scope=selectors.cooperation_visible_to(cell_staff))),
    )
    assert [[row.pk for row in rows] for rows in whole] == [[row.pk for row in rows] for rows in built]
    assert [len(rows) for rows in whole] == [2, 2, 2]


def test_whole_table_scope_is_recognised_only_without_conditions(cell_staff, citizen):
    assert municipality_page._is_whole_table(selectors.library_visible_to(cell_staff))
    assert not municipality_page._is_whole_table(selectors.library_visible_to(citizen))
    assert not municipality_page._is_whole_table(Library.objects.filter(organisation__is_demo=True))
    assert not municipality_page._is_whole_table(Library.objects.all()[:5])


# --- Queries ----------------------------------------------------------------------------------


def test_the_page_runs_a_fixed_number_of_queries_whatever_it_lists(cell_client, town, assert_constant_queries):
    network = Cooperation.objects.get(organisation__slug="netwerk-testregio")

    def add_rows(n):
        for _ in range(n):
            library = LibraryFactory(organisation__municipality=town)
            BranchFactory(library=library, municipality=town)
            CooperationMembershipFactory(cooperation=network, library=library)
            AdjacencyFactory(unit_a=town, unit_b=MunicipalityFactory())
            TerritorialChangeFactory(predecessors=[MunicipalityFactory()], successors=[town])

    # Four for every page (session, user, roles, notifications) and five for this one: the municipality,
    # its story with its neighbours, the libraries, the branches and the memberships (nine in all today).
    assert_constant_queries(cell_client, url_of(town.code), add_rows, n=2, max_queries=10)


def test_the_unit_is_a_municipality(db):
    region = MunicipalityFactory(level="province")
    assert municipality_page.municipality_by_code(region.code) == []
    assert TerritorialUnit.objects.filter(code=region.code).exists()
