"""The scenario builder end to end on the real map: start, run, compare, export."""

import json

import pytest
from django.urls import reverse

from apps.core.models import TaskProgress
from apps.scale.algorithms import Graph, is_connected
from apps.scale.models import Scenario, ScenarioStatus

pytestmark = pytest.mark.django_db


def _post(client, **overrides):
    data = {
        "territory": "flanders",
        "method": "max_p",
        "population_floor": "50000",
        "min_libraries": "0",
        "region_count": "15",
        "max_spread_percent": "2",
        "seed": "1",
    }
    data.update(overrides)
    return client.post(reverse("scale:scenario_create"), data)


def _contiguous_and_floor(scenario, floor=None):
    from apps.scale.selectors import territory_data

    data = territory_data(scenario.reference_date).subset(set(scenario.assignment))
    index = {m.code: i for i, m in enumerate(data.municipalities)}
    graph = Graph(len(index), [(index[a], index[b]) for a, b, _k in data.links])
    regions: dict[int, list[int]] = {}
    for code, region in scenario.assignment.items():
        regions.setdefault(region, []).append(index[code])
    pops = data.by_code()
    for members in regions.values():
        assert is_connected(graph, members)
        if floor:
            assert sum(pops[data.municipalities[i].code].population for i in members) >= floor
    return regions


def test_max_p_for_flanders_runs_and_compares(reference_data, cell_client, immediate_tasks):
    # when cell staff build a max-p scenario with a 50,000 floor
    response = _post(cell_client)
    scenario = Scenario.objects.get()
    progress = TaskProgress.objects.get()
    # then the run is done and the page went to its progress
    assert response.status_code == 302
    assert response["Location"] == reverse("core:task_progress", args=[progress.uuid])
    assert progress.status == TaskProgress.Status.DONE, progress.error
    assert progress.result_url == scenario.get_absolute_url()
    assert scenario.status == ScenarioStatus.DONE
    assert len(scenario.assignment) == 285
    assert scenario.run_seconds is not None and scenario.method_version
    regions = _contiguous_and_floor(scenario, floor=50000)
    assert scenario.result["summary"]["regions"] == len(regions) >= 85
    # the comparison page shows the three columns and the declared link
    html = cell_client.get(scenario.get_absolute_url()).content.decode()
    assert "Referentieregio&#x27;s" in html or "Referentieregio's" in html
    assert "Voeren" in html and "Verklaarde verbinding" in html
    assert "199,0 %" in html or "199," in html  # today's referentieregio spread
    # GeoJSON export opens as a FeatureCollection of the 285 municipalities
    export = cell_client.get(reverse("scale:scenario_geojson", args=[scenario.uuid]))
    assert export["Content-Disposition"].startswith("attachment")
    collection = json.loads(export.content)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 285
    assert all(f["geometry"] for f in collection["features"])
    map_data = json.loads(cell_client.get(reverse("scale:scenario_geojson", args=[scenario.uuid]) + "?map=1").content)
    assert any(f["properties"].get("kind") == "declared_link" for f in map_data["features"])
    csv_text = cell_client.get(reverse("scale:scenario_csv", args=[scenario.uuid])).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("NIS-code,Gemeente")
    assert len(csv_text.splitlines()) == 286


def test_balanced_for_a_province(reference_data, cell_client, immediate_tasks):
    _post(cell_client, territory="province", province="70000", method="balanced", region_count="4")
    scenario = Scenario.objects.get()
    assert scenario.status == ScenarioStatus.DONE, scenario.error
    regions = _contiguous_and_floor(scenario)
    assert len(regions) == 4
    assert scenario.result["summary"]["spread"] <= 0.02
    assert scenario.territory_label == "Limburg"
