"""Query counts of the analysis pages do not grow with the number of libraries or figures."""

from django.urls import reverse

from apps.statistics.models import PeerGroup
from apps.statistics.tests.conftest import add_figures

BASE = {
    "members_youth": 800,
    "members_adult": 1200,
    "visits": 40000,
    "loans_print": 60000,
    "loans_av": 8000,
    "collection_print": 40000,
    "collection_av": 5000,
    "staff_fte": 6,
    "opening_hours_week": 30,
    "expenditure_total": 600000,
}
YEARS = (2022, 2023, 2024)


def _adder(make_library):
    def make_rows(n):
        for i in range(n):
            library = make_library(population=20000 + i * 50)
            for year in YEARS:
                add_figures(library, year, {**BASE, "visits": 30000 + 500 * i + year})

    return make_rows


def test_dashboard_queries(cell_client, own_library, make_library, assert_constant_queries):
    for year in YEARS:
        add_figures(own_library, year, BASE)
    url = reverse("statistics:library_dashboard", kwargs={"slug": own_library.organisation.slug})
    assert_constant_queries(cell_client, url, _adder(make_library), max_queries=40)


def test_dashboard_with_group_queries(library_client, own_library, make_library, assert_constant_queries):
    for year in YEARS:
        add_figures(own_library, year, BASE)
    group = PeerGroup.objects.create(
        name="Groep",
        shared=True,
        criteria={"size_classes": ["15k-30k"], "members_min": 100, "collection_min": 100, "population_min": 1000},
    )
    url = reverse("statistics:library_dashboard", kwargs={"slug": own_library.organisation.slug})
    assert_constant_queries(library_client, f"{url}?groep={group.uuid}", _adder(make_library), max_queries=40)


def test_report_queries(cell_client, own_library, make_library, assert_constant_queries):
    for year in YEARS:
        add_figures(own_library, year, BASE)
    url = reverse("statistics:library_report", kwargs={"slug": own_library.organisation.slug})
    assert_constant_queries(cell_client, url, _adder(make_library), max_queries=40)


def test_figure_list_queries(cell_client, make_library, assert_constant_queries):
    assert_constant_queries(cell_client, reverse("statistics:figure_list"), _adder(make_library), max_queries=25)


def test_delivery_overview_queries(cell_client, open_delivery, make_library, assert_constant_queries):
    url = reverse("statistics:delivery_detail", kwargs={"year": open_delivery.year})
    assert_constant_queries(cell_client, url, _adder(make_library), max_queries=25)


def test_peer_group_queries(cell_client, make_library, assert_constant_queries):
    group = PeerGroup.objects.create(name="Groep", shared=True, criteria={"size_classes": ["15k-30k"]})
    url = reverse("statistics:peergroup_detail", kwargs={"uuid": group.uuid}) + "?jaar=2023"
    assert_constant_queries(cell_client, url, _adder(make_library), max_queries=30)
