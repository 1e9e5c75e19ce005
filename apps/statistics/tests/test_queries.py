"""Query counts of the analysis pages do not grow with the number of libraries or figures.

The analysis pages read comparisons kept per process (`freshness`): a page
either builds them (the first request after a change) or reads them. Both
paths are measured, each at n and at 3n libraries.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.statistics import freshness
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


@pytest.fixture
def assert_constant_queries():
    """Like the project's fixture, for a page with a kept (warm) and a building (cold) path."""

    def count(client, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        return len(ctx.captured_queries)

    def measure(client, url: str) -> tuple[int, int]:
        freshness.forget()
        cold = count(client, url)
        warm = count(client, url)
        return cold, warm

    def check(client, url: str, make_rows, *, n: int = 5, max_queries: int = 20) -> int:
        make_rows(n)
        measure(client, url)  # warms per-process caches (content types, sessions)
        small = measure(client, url)
        make_rows(2 * n)
        large = measure(client, url)
        assert small == large, f"{url}: (cold, warm) {small} queries with {n} rows, {large} with {3 * n} rows"
        assert large[0] <= max_queries, f"{url}: {large[0]} queries, more than the budget of {max_queries}"
        assert large[1] <= large[0]
        return large[1]

    return check


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
