import datetime
import io

import pytest
from django.core.management import call_command

from apps.registry.models import (
    Adjacency,
    Branch,
    Grouping,
    GroupingMembership,
    Library,
    Organisation,
    Population,
    TerritorialChange,
    TerritorialUnit,
)
from apps.registry.services import geometry
from apps.registry.services.reference_data import load_reference_data

TODAY = datetime.date(2026, 1, 1)
EVE = datetime.date(2024, 12, 31)


def history_count() -> int:
    models = [TerritorialUnit, Grouping, Organisation, Library, Branch]
    return sum(model.history.count() for model in models)


def row_counts() -> dict[str, int]:
    models = [
        TerritorialUnit,
        Population,
        TerritorialChange,
        Grouping,
        GroupingMembership,
        Adjacency,
        Organisation,
        Library,
        Branch,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_counts(reference_data):
    municipalities = TerritorialUnit.objects.municipalities()
    assert municipalities.valid_on(TODAY).count() == 304
    assert municipalities.valid_on(TODAY).filter(parent__parent__parent__code="02000").count() == 285
    assert municipalities.valid_on(EVE).count() == 319  # 300 Flemish + 19 Brussels
    assert municipalities.valid_on(EVE).exclude(code__startswith="21").count() == 300
    assert municipalities.filter(valid_until=EVE).count() == 27
    assert municipalities.filter(valid_from=datetime.date(2025, 1, 1)).count() == 12
    assert TerritorialUnit.objects.filter(level="province").count() == 5
    assert TerritorialUnit.objects.filter(level="region").count() == 2
    assert TerritorialUnit.objects.filter(level="arrondissement").count() == 23
    assert TerritorialChange.objects.count() == 13
    assert Grouping.objects.filter(kind="referentieregio").count() == 15
    assert Population.objects.count() == 304
    assert Adjacency.objects.count() == 829
    assert Adjacency.objects.filter(contiguity="queen_only").count() == 4
    assert Library.objects.count() == 18
    assert Branch.objects.count() == 29


def test_pajottegem_and_parents(reference_data):
    change = TerritorialChange.objects.get(successors__code="23106")
    assert sorted(change.predecessors.values_list("name_nl", flat=True)) == ["Galmaarden", "Gooik", "Herne"]
    assert change.effective_date == datetime.date(2025, 1, 1)
    anderlecht = TerritorialUnit.objects.get(code="21001")
    assert anderlecht.parent.code == "21000"
    assert anderlecht.parent.parent.code == "04000"
    antwerpen = TerritorialUnit.objects.get(code="11002")
    assert antwerpen.valid_from is None and antwerpen.valid_until is None
    assert antwerpen.parent.parent.code == "10000"
    assert TerritorialUnit.objects.get(code="73040").parent.code == "73000"  # Kortessem, arr. Tongeren before 2025


def test_geometry_and_population(reference_data):
    unit = TerritorialUnit.objects.get(code="44021")
    assert unit.boundary["type"] in {"Polygon", "MultiPolygon"}
    assert geometry.contains(unit.boundary, lat=unit.latitude, lon=unit.longitude, box=unit.bbox)
    population = Population.objects.get(unit__code="11002")
    assert population.value == 540196
    assert "11007" in population.note
    assert population.source == "Statbel, 1 januari 2020"


def test_referentieregio_memberships(reference_data):
    limburg = Grouping.objects.get(kind="referentieregio", name="Limburg")
    assert limburg.valid_from == datetime.date(2022, 2, 4)
    today = GroupingMembership.objects.filter(grouping__kind="referentieregio").exclude(valid_until__lt=TODAY)
    today = today.exclude(valid_from__gt=TODAY)
    assert today.count() == 285
    assert today.filter(grouping=limburg).count() == 38
    before = GroupingMembership.objects.filter(grouping__kind="referentieregio").exclude(valid_from__gt=EVE)
    assert before.exclude(valid_until__lt=EVE).count() == 300


def test_declared_voeren_link(reference_data):
    link = Adjacency.objects.get(unit_a__code="73066", unit_b__code="73109")
    assert link.contiguity == "declared"
    assert "Voeren" in link.note


def test_seed_libraries(reference_data):
    antwerpen = Library.objects.get(organisation__municipality__code="11002")
    assert antwerpen.organisation.name == "Bibliotheek Antwerpen"
    assert antwerpen.organisation.is_demo is False
    assert antwerpen.organisation.source == "CC-SAMPLE"
    assert antwerpen.branches.count() == 8
    assert antwerpen.branches.filter(is_main=True).count() == 1
    assert list(antwerpen.municipalities_served.values_list("code", flat=True)) == ["11002"]
    assert Branch.objects.filter(is_demo=True).count() == 0


def test_second_run_changes_nothing(reference_data):
    before_rows, before_history = row_counts(), history_count()
    stdout = io.StringIO()
    call_command("load_reference_data", stdout=stdout)
    assert "niets gewijzigd" in stdout.getvalue()
    assert row_counts() == before_rows
    assert history_count() == before_history


def test_updates_a_changed_row(reference_data):
    TerritorialUnit.objects.filter(code="11001").update(name_nl="Verkeerd")
    result = load_reference_data()
    assert result.updated["municipalities"] == 1
    assert TerritorialUnit.objects.get(code="11001").name_nl == "Aartselaar"


@pytest.mark.django_db
def test_first_load_from_empty_database():
    # Raw deletes (children first) so that no other app's cascade is involved;
    # the test transaction is rolled back afterwards.
    models = [
        Branch,
        Library.municipalities_served.through,
        Library,
        Organisation,
        Adjacency,
        GroupingMembership,
        Grouping,
        Population,
        TerritorialChange.predecessors.through,
        TerritorialChange.successors.through,
        TerritorialChange,
        TerritorialUnit,
    ]
    for model in models:
        model.objects.all()._raw_delete(model.objects.db)
    result = load_reference_data()
    assert result.created["municipalities"] == 331
    assert result.created["libraries"] == 18
    assert result.created["adjacency"] == 829
    assert not load_reference_data().changed
