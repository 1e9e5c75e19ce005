"""The registry map and its GeoJSON layers, on the real reference data."""

import json

import pytest
from django.urls import reverse

from apps.registry.selectors.pages import geometry_cache
from apps.registry.tests.factories import BranchFactory, LibraryFactory

pytestmark = pytest.mark.django_db


def geojson(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_municipalities_coloured_by_referentieregio(cell_client, reference_data):
    data = geojson(cell_client, reverse("registry-api-geo-municipalities"), {"colour": "referentieregio"})
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 304
    pajottegem = next(f for f in data["features"] if f["properties"]["nis_code"] == "23106")
    assert pajottegem["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert set(pajottegem["properties"]) >= {
        "nis_code",
        "name",
        "referentieregio",
        "population",
        "colour_key",
        "colour",
    }
    assert pajottegem["properties"]["referentieregio"] == "Halle-Vilvoorde"
    flemish_keys = {
        f["properties"]["colour_key"] for f in data["features"] if not f["properties"]["nis_code"].startswith("21")
    }
    assert len(flemish_keys) == 15


def test_population_classes_and_filters(cell_client, reference_data):
    data = geojson(
        cell_client, reverse("registry-api-geo-municipalities"), {"colour": "population", "province": "20001"}
    )
    assert data["features"]
    assert all(f["properties"]["nis_code"].startswith("2") for f in data["features"])
    assert {f["properties"]["colour_key"] for f in data["features"]} <= {"0", "1", "2", "3", "4"}


def test_bad_filter_value_is_a_400(cell_client, reference_data):
    response = cell_client.get(reverse("registry-api-geo-municipalities"), {"on": "31-12-2024x"})
    assert response.status_code == 400


def test_geometry_is_serialised_once_per_process(cell_client, reference_data, django_assert_max_num_queries):
    geometry_cache.clear()
    url = reverse("registry-api-geo-municipalities")
    cell_client.get(url)
    # Warm: the geometry is not read from the database again.
    with django_assert_max_num_queries(8) as captured:
        cell_client.get(url)
    assert not any(
        '"boundary"' in q["sql"] and "SELECT" in q["sql"] and "COUNT" not in q["sql"] for q in captured.captured_queries
    )


def test_registry_map_page_has_legend_and_equivalent_table(cell_client, reference_data):
    response = cell_client.get(reverse("registry:map"), {"colour": "referentieregio"})
    assert response.status_code == 200
    content = response.content.decode()
    assert len(response.context["rows"]) == 304
    assert len([e for e in response.context["legend"] if e["key"]]) == 15
    assert "data-registry-map" in content
    assert "Halle-Vilvoorde" in content
    assert "/api/geo/municipalities/?colour=referentieregio" in content


def test_map_as_it_was_on_the_eve_of_the_mergers(cell_client, reference_data):
    response = cell_client.get(reverse("registry:map"), {"on": "2024-12-31"})
    codes = {row["nis_code"] for row in response.context["rows"]}
    assert "23023" in codes and "23106" not in codes


def test_branch_points(cell_client):
    library = LibraryFactory(organisation__slug="bib-punt")
    BranchFactory(library=library, name="Filiaal Punt")
    data = geojson(cell_client, reverse("registry-api-geo-branches"), {"library": "bib-punt"})
    assert [f["properties"]["name"] for f in data["features"]] == ["Filiaal Punt"]
    assert data["features"][0]["geometry"]["type"] == "Point"


def test_geojson_refused_to_citizens_and_anonymous(citizen_client, anon_client):
    assert citizen_client.get(reverse("registry-api-geo-municipalities")).status_code == 403
    assert anon_client.get(reverse("registry-api-geo-branches")).status_code in (401, 403)
