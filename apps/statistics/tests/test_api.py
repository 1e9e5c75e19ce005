"""The statistics API: catalogue, figures (scoped, with the figures page's filters), peer-group statistics."""

import pytest
from django.urls import reverse

from apps.statistics.models import FigureValue, PeerGroup
from apps.statistics.tests.conftest import add_figures

BASE = {"members_youth": 800, "members_adult": 1200, "visits": 40000, "loans_print": 60000, "collection_print": 4000}


def _peers(make_library, n, year=2023):
    libraries = [make_library(population=20000 + i * 100) for i in range(n)]
    for i, library in enumerate(libraries):
        add_figures(library, year, {**BASE, "visits": 30000 + 1000 * i})
    return libraries


def _group(owner=None, shared=True):
    return PeerGroup.objects.create(
        name="Grootteklasse 15-30k",
        owner=owner,
        shared=shared,
        # The population range keeps out the real seed libraries that other tests may have loaded
        # (their municipalities have 19,797, 19,873, 22,936 and 26,021 inhabitants).
        criteria={"size_classes": ["15k-30k"], "population_min": 20000, "population_max": 20500},
    )


def test_indicator_catalogue_with_metadata(library_client):
    response = library_client.get(reverse("statistics-indicator-list"), {"kind": "derived"})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows and all(row["kind"] == "derived" and row["formula"] for row in rows)
    detail = library_client.get(reverse("statistics-indicator-detail", kwargs={"code": "loans_per_inhabitant"}))
    assert detail.json()["formula"] and detail.json()["source"]


def test_figures_scoped_and_filtered(library_client, cell_client, own_library, make_library):
    other = make_library()
    add_figures(own_library, 2023, BASE)
    add_figures(own_library, 2022, BASE)
    add_figures(other, 2023, BASE)
    mine = library_client.get(reverse("statistics-figure-list"), {"year": 2023, "indicator": "visits"}).json()
    assert [(r["library"], r["year"], r["indicator"]) for r in mine["results"]] == [
        (own_library.organisation.slug, 2023, "visits")
    ]
    everyone = cell_client.get(reverse("statistics-figure-list"), {"year": 2023, "indicator": "visits"}).json()
    assert everyone["count"] == 2
    assert cell_client.get(reverse("statistics-figure-list"), {"library": other.organisation.slug}).json()[
        "count"
    ] == len(BASE)
    # Another library's figure is hidden from library staff (404), not merely refused.
    foreign = FigureValue.objects.filter(submission__library=other).first()
    assert library_client.get(reverse("statistics-figure-detail", kwargs={"pk": foreign.pk})).status_code == 404


@pytest.mark.parametrize("client_name", ["anon_client", "citizen_client"])
def test_outsiders_refused(request, client_name, make_library):
    _peers(make_library, 5)
    group = _group()
    client = request.getfixturevalue(client_name)
    before = FigureValue.objects.count()
    for url in (
        reverse("statistics-indicator-list"),
        reverse("statistics-figure-list"),
        reverse("statistics-peergroup-list"),
        reverse("statistics-peergroup-statistics", kwargs={"uuid": group.uuid}),
    ):
        assert client.get(url).status_code in (401, 403), url
    assert client.post(reverse("statistics-figure-list"), {"value": 1}).status_code in (401, 403, 405)
    assert FigureValue.objects.count() == before


def test_api_is_read_only(cell_client, own_library):
    submission = add_figures(own_library, 2023, BASE)
    figure = FigureValue.objects.filter(submission=submission).first()
    url = reverse("statistics-figure-detail", kwargs={"pk": figure.pk})
    assert cell_client.patch(url, {"value": 1}, content_type="application/json").status_code in (403, 405)
    assert cell_client.delete(url).status_code in (403, 405)
    figure.refresh_from_db()
    assert figure.value != 1


def test_peer_group_statistics_with_rank(library_client, own_library, make_library):
    _peers(make_library, 5)
    add_figures(own_library, 2023, {**BASE, "visits": 90000})
    group = _group()
    url = reverse("statistics-peergroup-statistics", kwargs={"uuid": group.uuid})
    data = library_client.get(url, {"year": 2023, "library": own_library.organisation.slug}).json()
    assert data["members"] == 6 and data["privacy_floor"] == 5
    loans = next(row for row in data["statistics"] if row["indicator"] == "visits_per_inhabitant")
    assert loans["shown"] and loans["median"] is not None and loans["q1"] <= loans["median"] <= loans["q3"]
    assert loans["rank"] == 1


def test_floor_holds_with_four_peers(library_client, own_library, make_library):
    _peers(make_library, 3)
    add_figures(own_library, 2023, BASE)
    group = _group()
    url = reverse("statistics-peergroup-statistics", kwargs={"uuid": group.uuid})
    data = library_client.get(url, {"year": 2023, "library": own_library.organisation.slug}).json()
    assert data["members"] == 4
    for row in data["statistics"]:
        assert not row["shown"]
        assert row["median"] is None and row["q1"] is None and row["q3"] is None and row["rank"] is None


def test_rank_of_another_library_is_refused(library_client, own_library, make_library):
    others = _peers(make_library, 5)
    group = _group()
    url = reverse("statistics-peergroup-statistics", kwargs={"uuid": group.uuid})
    response = library_client.get(url, {"year": 2023, "library": others[0].organisation.slug})
    assert response.status_code == 400
    assert "Onbekende bibliotheek" in response.json()["library"][0]


def test_bad_parameters_have_dutch_errors(library_client, own_library):
    group = _group()
    url = reverse("statistics-peergroup-statistics", kwargs={"uuid": group.uuid})
    assert "Onbekende indicator" in library_client.get(url, {"year": 2023, "indicator": "xyz"}).json()["indicator"][0]
    assert library_client.get(url, {"year": "veel"}).status_code == 400


def test_private_group_of_someone_else_is_hidden(library_client, cell_staff):
    group = _group(owner=cell_staff, shared=False)
    assert library_client.get(reverse("statistics-peergroup-detail", kwargs={"uuid": group.uuid})).status_code == 404
    url = reverse("statistics-peergroup-statistics", kwargs={"uuid": group.uuid})
    assert library_client.get(url).status_code == 404
    listed = library_client.get(reverse("statistics-peergroup-list")).json()["results"]
    assert str(group.uuid) not in {row["uuid"] for row in listed}
