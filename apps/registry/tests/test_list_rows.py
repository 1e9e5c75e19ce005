"""List pages fetch a lean list and add the table's columns to the shown page only."""

import re

import pytest
from django.urls import reverse

from apps.registry.models import Library
from apps.registry.selectors.pages import library_list_rows, library_rows
from apps.registry.tests.factories import (
    BranchFactory,
    CooperationMembershipFactory,
    LibraryFactory,
    TerritorialUnitFactory,
)

pytestmark = pytest.mark.django_db


def _names(html: str) -> list[str]:
    """The names of this test's libraries on the page, in order (the database may hold others)."""
    return [
        name
        for name in re.findall(r'<a href="/netwerk/bibliotheken/[^"]+/">([^<]+)</a>', html)
        if name.startswith("Lijst ")
    ]


@pytest.fixture
def libraries():
    """Three libraries whose name, branch count and cooperation sort differently."""
    made = {}
    for name, branches in (("Lijst Aa", 2), ("Lijst Bee", 0), ("Lijst Cee", 1)):
        library = LibraryFactory(organisation__name=name)
        BranchFactory.create_batch(branches, library=library)
        made[name] = library
    CooperationMembershipFactory(library=made["Lijst Aa"], cooperation__organisation__name="Zuid")
    CooperationMembershipFactory(library=made["Lijst Cee"], cooperation__organisation__name="Noord")
    return made


def test_a_sort_on_a_page_column_orders_the_whole_list(cell_client, libraries):
    url = reverse("registry:library_list")
    assert _names(cell_client.get(url).content.decode()) == ["Lijst Aa", "Lijst Bee", "Lijst Cee"]
    assert _names(cell_client.get(url + "?sort=-branch_count").content.decode()) == [
        "Lijst Aa",
        "Lijst Cee",
        "Lijst Bee",
    ]
    assert _names(cell_client.get(url + "?sort=branch_count").content.decode()) == [
        "Lijst Bee",
        "Lijst Cee",
        "Lijst Aa",
    ]
    # Noord before Zuid (where the library without a cooperation goes depends on the database's NULL order).
    by_cooperation = _names(cell_client.get(url + "?sort=cooperation_name").content.decode())
    assert by_cooperation.index("Lijst Cee") < by_cooperation.index("Lijst Aa")
    descending = _names(cell_client.get(url + "?sort=-cooperation_name").content.decode())
    assert descending.index("Lijst Aa") < descending.index("Lijst Cee")


def test_pages_follow_the_sort_and_the_count_is_the_whole_list(cell_client):
    for index in range(30):
        LibraryFactory(organisation__name=f"Lijst {index:02d}")
    url = reverse("registry:library_list") + "?q=Lijst"
    first = cell_client.get(url).content.decode()
    second = cell_client.get(url + "&page=2").content.decode()
    assert _names(first) == [f"Lijst {index:02d}" for index in range(25)]
    assert _names(second) == [f"Lijst {index:02d}" for index in range(25, 30)]
    assert "30 resultaten" in first


def test_a_person_chooses_the_page_size_from_the_offered_ones(cell_client):
    # given 60 libraries
    for index in range(60):
        LibraryFactory(organisation__name=f"Lijst {index:02d}")
    url = reverse("registry:library_list") + "?q=Lijst"

    # when the list is asked for 50 rows a page, then page 2 of it
    fifty = cell_client.get(url + "&per_page=50").content.decode()
    rest = cell_client.get(url + "&per_page=50&page=2").content.decode()

    # then the pages hold 50 and 10, and the choice links keep the filter and go back to page 1
    assert _names(fifty) == [f"Lijst {index:02d}" for index in range(50)]
    assert _names(rest) == [f"Lijst {index:02d}" for index in range(50, 60)]
    assert "Rijen per pagina:" in fifty
    assert '<a href="?q=Lijst&amp;per_page=100">100</a>' in rest
    assert '<a href="?q=Lijst&amp;per_page=50" aria-current="true">50</a>' in rest


@pytest.mark.parametrize("per_page", ["100000", "7", "-1", "alle"])
def test_a_page_size_that_is_not_offered_gives_the_default(cell_client, per_page):
    for index in range(30):
        LibraryFactory(organisation__name=f"Lijst {index:02d}")
    html = cell_client.get(reverse("registry:library_list") + f"?q=Lijst&per_page={per_page}").content.decode()
    assert len(_names(html)) == 25


def test_the_municipality_list_pages_by_25_like_every_list(cell_client, reference_data):
    rows = re.compile(r'<td[^>]*><a href="/netwerk/gemeenten/\d{5}/">')
    html = cell_client.get(reverse("registry:municipality_list")).content.decode()
    assert len(rows.findall(html)) == 25
    html = cell_client.get(reverse("registry:municipality_list") + "?per_page=100").content.decode()
    assert len(rows.findall(html)) == 100


def test_the_page_rows_show_what_the_full_rows_show(libraries):
    """The lean page columns (names as annotations) agree with the full querysets the API uses."""
    province = TerritorialUnitFactory(level="province", name_nl="Provincie Test")
    arrondissement = TerritorialUnitFactory(level="arrondissement", parent=province)
    municipality = TerritorialUnitFactory(parent=arrondissement)
    LibraryFactory(organisation__name="Lijst Dee", organisation__municipality=municipality)
    mine = Library.objects.filter(organisation__name__startswith="Lijst ")
    full = {row.pk: row for row in library_rows(mine)}
    lean = list(library_list_rows(mine))
    assert len(lean) == len(full) == 4
    for row in lean:
        other = full[row.pk]
        municipality = other.organisation.municipality
        province = municipality.parent.parent if municipality and municipality.parent else None
        assert row.municipality_name == (municipality.name_nl if municipality else None)
        assert row.province_name == (province.name_nl if province else None)
        assert (row.branch_count, row.cooperation_name, row.referentieregio_name) == (
            other.branch_count,
            other.cooperation_name,
            other.referentieregio_name,
        )
        assert row.get_absolute_url() == other.get_absolute_url()
    assert {row.province_name for row in lean} >= {"Provincie Test"}


def test_the_map_by_cooperation_reads_two_flat_queries_however_many_members(
    cell_client, cell_staff, django_assert_num_queries
):
    """At ten times Flanders the old prefetch built an IN list SQLite refused ("expression tree too large")."""
    import datetime

    from apps.registry.selectors.pages import municipality_cooperations
    from apps.registry.tests.factories import CooperationFactory

    served, direct, elsewhere = TerritorialUnitFactory(), TerritorialUnitFactory(), TerritorialUnitFactory()
    north = CooperationFactory(organisation__name="Lijst Noord")
    south = CooperationFactory(organisation__name="Lijst Zuid")
    for _ in range(40):
        library = LibraryFactory()
        library.municipalities_served.add(served)
        CooperationMembershipFactory(library=library, cooperation=south, valid_from=datetime.date(2020, 1, 1))
    CooperationMembershipFactory(
        library=None, municipality=direct, cooperation=north, valid_from=datetime.date(2020, 1, 1)
    )
    assert cell_staff.role_codes  # read once per request (the visibility rule asks for it)
    with django_assert_num_queries(2):
        names = municipality_cooperations(
            [served.pk, direct.pk, elsewhere.pk], user=cell_staff, day=datetime.date(2026, 6, 1)
        )
    assert names == {served.pk: "Lijst Zuid", direct.pk: "Lijst Noord"}
    page = cell_client.get(reverse("registry:map"), {"colour": "cooperation"})
    assert page.status_code == 200


def test_a_municipality_page_shows_ten_branches_and_links_to_all(cell_client):
    unit = TerritorialUnitFactory(name_nl="Lijstgem")
    library = LibraryFactory(organisation__municipality=unit)
    BranchFactory.create_batch(12, library=library, municipality=unit)
    page = cell_client.get(unit.get_absolute_url()).content.decode()
    assert len(re.findall(r'href="/netwerk/vestigingen/[0-9a-f-]{36}/"', page)) == 10
    assert f'href="/netwerk/vestigingen/?municipality={unit.code}"' in page
    assert "Alle vestigingen in Lijstgem in de lijst" in page
    listed = cell_client.get(f"/netwerk/vestigingen/?municipality={unit.code}").content.decode()
    assert "12 resultaten" in listed


def test_the_map_filters_render_as_django_renders_them(cell_client, reference_data):
    """The map's selects are written in one pass (speed_up_selects): Django's widget markup, without the
    whitespace between the options."""
    from apps.registry.filters import MunicipalityFilterSet
    from apps.registry.models import TerritorialUnit

    query = {"province": "10000"}
    html = cell_client.get(reverse("registry:map"), query).content.decode()
    form = MunicipalityFilterSet(query, queryset=TerritorialUnit.objects.all()).form
    for name in ("referentieregio", "province"):
        assert re.sub(r">\s+<", "><", str(form[name])) in html
    assert '<option value="10000" selected>' in html


def test_the_map_rows_agree_with_the_municipality_rows(cell_staff, reference_data):
    """The map reads populations and referentieregio's flat; the answers are those of the per-row subqueries."""
    from apps.registry.filters import MunicipalityFilterSet
    from apps.registry.models import TerritorialUnit
    from apps.registry.selectors.pages import municipality_map, municipality_rows

    queryset = MunicipalityFilterSet(queryset=TerritorialUnit.objects.all()).qs
    data = municipality_map(queryset, colour="referentieregio", user=cell_staff, geojson=False)
    expected = {unit.code: unit for unit in municipality_rows(queryset)}
    assert len(data.rows) == len(expected) == 304
    for row in data.rows:
        unit = expected[row["nis_code"]]
        assert row["population"] == unit.population
        assert row["referentieregio"] == (unit.referentieregio_name or "")
        assert row["colour_key"] == (unit.referentieregio_code or "")
    assert [row["name"] for row in data.rows] == sorted(row["name"] for row in data.rows)
