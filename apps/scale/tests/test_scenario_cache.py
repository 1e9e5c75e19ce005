"""A scenario's comparison and GeoJSON come from the cache while nothing changed, and are rebuilt after a change."""

import json
from unittest import mock

import pytest
from django.urls import reverse

from apps.registry.models import Population, TerritorialUnit
from apps.registry.tests.factories import CooperationFactory, CooperationMembershipFactory
from apps.scale import views
from apps.scale.models import Scenario

from .test_flow import _post

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(reference_data, cell_client, immediate_tasks):
    _post(cell_client, territory="province", province="70000", method="balanced", region_count="4")
    return Scenario.objects.get()


def _features(client, scenario) -> dict:
    response = client.get(reverse("scale:scenario_geojson", args=[scenario.uuid]) + "?map=1")
    assert response.status_code == 200
    return {
        f["properties"]["nis_code"]: f["properties"]
        for f in json.loads(response.content)["features"]
        if "nis_code" in f["properties"]
    }


def test_detail_comes_from_the_cache_while_nothing_changes(scenario, cell_client):
    first = cell_client.get(scenario.get_absolute_url()).content.decode()
    assert "Gemeenten per regio" in first
    with mock.patch.object(views, "_comparison_context", side_effect=AssertionError("computed again")):
        assert cell_client.get(scenario.get_absolute_url()).content.decode().count("<tr>") == first.count("<tr>")


def test_detail_is_rebuilt_when_a_cooperation_changes(scenario, cell_client):
    code = sorted(scenario.assignment)[0]
    assert "Samenwerking Nieuw" not in cell_client.get(scenario.get_absolute_url()).content.decode()
    unit = TerritorialUnit.objects.get(code=code, valid_until__isnull=True)
    cooperation = CooperationFactory(organisation__name="Samenwerking Nieuw")
    CooperationMembershipFactory(cooperation=cooperation, library=None, municipality=unit)
    assert "Samenwerking Nieuw" in cell_client.get(scenario.get_absolute_url()).content.decode()


def test_detail_is_rebuilt_when_the_scenario_changes(scenario, cell_client):
    cell_client.get(scenario.get_absolute_url())
    Scenario.objects.filter(pk=scenario.pk).update(name="Hernoemd scenario")
    assert "Kaart van de regio's van Hernoemd scenario" in cell_client.get(scenario.get_absolute_url()).content.decode()


def test_geojson_is_rebuilt_when_a_population_changes(scenario, cell_client):
    code = sorted(scenario.assignment)[0]
    before = _features(cell_client, scenario)
    with mock.patch.object(views, "_features", side_effect=AssertionError("built again")):
        assert _features(cell_client, scenario) == before
    Population.objects.filter(unit__code=code).update(value=1_234_567)
    after = _features(cell_client, scenario)
    assert before[code]["population"] != 1_234_567 and after[code]["population"] == 1_234_567


def test_cached_parts_are_still_behind_the_permission_check(scenario, cell_client, citizen_client, library_client):
    url, geojson = scenario.get_absolute_url(), reverse("scale:scenario_geojson", args=[scenario.uuid])
    cell_client.get(url), cell_client.get(geojson)
    assert citizen_client.get(url).status_code == 403
    assert citizen_client.get(geojson).status_code == 403
    assert library_client.get(url).status_code == 200
