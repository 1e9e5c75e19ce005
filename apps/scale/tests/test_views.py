"""Validation, permissions, determinism and query counts of the scale pages."""

import pytest
from django.urls import reverse

from apps.core.models import TaskProgress
from apps.scale.algorithms import METHOD_VERSION
from apps.scale.models import Scenario, ScenarioStatus

from .test_flow import _contiguous_and_floor, _post

pytestmark = pytest.mark.django_db


def _nothing_started():
    assert Scenario.objects.count() == 0
    assert TaskProgress.objects.count() == 0


def _make_scenarios(n: int, *, user=None) -> None:
    from django.utils import timezone

    for i in range(n):
        Scenario.objects.create(
            name=f"Scenario {Scenario.objects.count() + i}",
            territory="flanders",
            territory_label="Vlaanderen",
            method="max_p",
            population_floor=50000,
            reference_date=timezone.localdate(),
            method_version=METHOD_VERSION,
            status=ScenarioStatus.DONE,
            result={"summary": {"regions": 3, "spread": 0.5}},
            created_by=user,
        )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"population_floor": "9000000"}, "population_floor", "ligt boven de bevolking van het hele gebied"),
        ({"method": "balanced", "region_count": "300"}, "region_count", "maar het gebied telt maar 285 gemeenten"),
        ({"territory": "referentieregios"}, "referentieregios", "Kies minstens één referentieregio"),
        ({"territory": "province"}, "province", "Kies de provincie"),
        ({"population_floor": ""}, "population_floor", "Geef een bevolkingsondergrens"),
        ({"min_libraries": "99"}, "min_libraries", "minder dan het gevraagde minimum"),
        (
            {"respect_referentieregios": "on", "population_floor": "700000"},
            "population_floor",
            "binnen die grenzen kan er geen regio gevormd worden",
        ),
    ],
)
def test_invalid_parameters_get_a_dutch_error_and_start_nothing(
    reference_data, cell_client, immediate_tasks, overrides, field, message
):
    response = _post(cell_client, **overrides)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    assert message in response.content.decode().replace("&#x27;", "'")
    _nothing_started()


def test_floor_above_a_province_population(reference_data, cell_client, immediate_tasks):
    response = _post(cell_client, territory="province", province="70000", population_floor="900000")
    assert "ligt boven de bevolking van het hele gebied (877.370 inwoners)" in response.content.decode()
    _nothing_started()


def test_same_seed_gives_the_same_scenario(reference_data, cell_client, immediate_tasks):
    _post(cell_client, territory="province", province="40000", method="balanced", region_count="6", seed="5")
    _post(cell_client, territory="province", province="40000", method="balanced", region_count="6", seed="5")
    first, second = Scenario.objects.order_by("pk")
    assert first.assignment == second.assignment and first.seed == second.seed == 5
    assert first.result["summary"]["spread"] <= first.result["summary"]["lower_bound"] + 0.05


def test_referentieregio_territory_with_borders_and_cooperation_start(reference_data, cell_client, immediate_tasks):
    response = cell_client.get(reverse("scale:scenario_create"))
    assert "REFREG01" in response.content.decode()
    _post(
        cell_client,
        territory="referentieregios",
        referentieregios=["REFREG01", "REFREG02"],
        respect_referentieregios="on",
        start_from_cooperations="on",
        population_floor="40000",
    )
    scenario = Scenario.objects.get()
    assert scenario.status == ScenarioStatus.DONE, scenario.error
    _contiguous_and_floor(scenario, floor=40000)
    from apps.scale.selectors import territory_data

    refreg = {m.code: m.refreg_code for m in territory_data().municipalities}
    for region in set(scenario.assignment.values()):
        assert len({refreg[c] for c, r in scenario.assignment.items() if r == region}) == 1


def test_flanders_balanced_k15_is_contiguous_near_the_lower_bound(reference_data, cell_client, immediate_tasks):
    _post(cell_client, method="balanced", region_count="15", max_spread_percent="2")
    scenario = Scenario.objects.get()
    summary = scenario.result["summary"]
    assert len(_contiguous_and_floor(scenario)) == 15
    assert summary["lower_bound"] == pytest.approx(0.238, abs=0.002)
    assert summary["spread"] <= summary["lower_bound"] + 0.05


# --- permissions ---------------------------------------------------------------------------------


def test_non_staff_cannot_start_a_scenario(
    reference_data, library_client, citizen_client, anon_client, immediate_tasks
):
    assert library_client.get(reverse("scale:scenario_create")).status_code == 403
    assert _post(library_client).status_code == 403
    assert _post(citizen_client).status_code == 403
    assert _post(anon_client).status_code == 302
    _nothing_started()


def test_professionals_view_citizens_do_not(reference_data, cell_staff, library_client, citizen_client, anon_client):
    _make_scenarios(1, user=cell_staff)
    scenario = Scenario.objects.get()
    assert library_client.get(reverse("scale:home")).status_code == 200
    assert library_client.get(scenario.get_absolute_url()).status_code == 200
    for url in (
        reverse("scale:home"),
        scenario.get_absolute_url(),
        reverse("scale:scenario_geojson", args=[scenario.uuid]),
        reverse("scale:scenario_csv", args=[scenario.uuid]),
    ):
        assert citizen_client.get(url).status_code == 403
        assert anon_client.get(url).status_code == 302


def test_only_cell_staff_delete(reference_data, cell_staff, cell_client, library_client):
    _make_scenarios(1, user=cell_staff)
    scenario = Scenario.objects.get()
    url = reverse("scale:scenario_delete", args=[scenario.uuid])
    assert library_client.post(url).status_code == 403
    assert Scenario.objects.filter(pk=scenario.pk).exists()
    assert cell_client.post(url).status_code == 302
    assert not Scenario.objects.exists()


def test_dashboard_card_links_to_the_scale_home(reference_data, cell_client, citizen):
    from apps.scale.apps import scale_dashboard_cards

    assert reverse("scale:home") in cell_client.get(reverse("core:home")).content.decode()
    assert scale_dashboard_cards(citizen) == []


# --- query counts -------------------------------------------------------------------------------


def test_home_query_count_is_constant(reference_data, cell_client, cell_staff, assert_constant_queries):
    assert_constant_queries(
        cell_client, reverse("scale:home"), lambda n: _make_scenarios(n, user=cell_staff), max_queries=25
    )


def test_detail_query_count_is_constant(
    reference_data, cell_client, cell_staff, immediate_tasks, assert_constant_queries
):
    _post(cell_client, territory="province", province="70000", method="balanced", region_count="4")
    scenario = Scenario.objects.get()
    assert_constant_queries(
        cell_client, scenario.get_absolute_url(), lambda n: _make_scenarios(n, user=cell_staff), max_queries=25
    )


# --- API ----------------------------------------------------------------------------------------


def test_api_lists_scenarios_for_professionals_only(reference_data, cell_staff, library_client, citizen_client):
    _make_scenarios(2, user=cell_staff)
    scenario = Scenario.objects.first()
    listing = library_client.get("/api/scale/scenarios/")
    assert listing.status_code == 200
    body = listing.json()
    results = body["results"] if isinstance(body, dict) else body
    assert len(results) == 2 and results[0]["summary"]["regions"] == 3
    assert library_client.get(f"/api/scale/scenarios/{scenario.uuid}/").json()["uuid"] == str(scenario.uuid)
    assert citizen_client.get("/api/scale/scenarios/").status_code == 403
    assert citizen_client.get(f"/api/scale/scenarios/{scenario.uuid}/").status_code in (403, 404)
