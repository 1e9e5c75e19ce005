"""The scale home's figures of Flanders today: what they are read from, and that they follow their inputs."""

from unittest import mock

import pytest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.registry.models import Population, TerritorialUnit
from apps.registry.tests.factories import CooperationFactory, CooperationMembershipFactory, LibraryFactory
from apps.scale import selectors
from apps.scale.comparison import compare

pytestmark = pytest.mark.django_db

ANTWERPEN, GENT, LEUVEN, BRUGGE, HASSELT = "11002", "44021", "24062", "31005", "71072"


def _unit(code: str) -> TerritorialUnit:
    return TerritorialUnit.objects.municipalities().valid_on(timezone.localdate()).get(code=code)


def _today(client) -> dict:
    response = client.get(reverse("scale:home"))
    assert response.status_code == 200
    return {column["key"]: column["summary"] for column in response.context["today"]}


def test_home_shows_the_comparison_of_today(reference_data, cell_client):
    response = cell_client.get(reverse("scale:home"))
    data = selectors.territory_data()
    expected = compare(data, None)["columns"]
    assert [c["key"] for c in response.context["today"]] == [c["key"] for c in expected]
    assert [c["label"] for c in response.context["today"]] == [c["label"] for c in expected]
    assert [c["summary"] for c in response.context["today"]] == [c["summary"] for c in expected]
    assert response.context["municipality_count"] == len(data.municipalities) == 285


def test_today_comes_from_the_cache_while_nothing_changes(reference_data, cell_client):
    first = _today(cell_client)
    with mock.patch.object(selectors, "territory_data", side_effect=AssertionError("read again")):
        assert _today(cell_client) == first


def test_today_is_recomputed_when_a_population_changes(reference_data, cell_client):
    before = _today(cell_client)["referentieregios"]
    # A bulk update sends no signal: the database trigger moves the content version.
    Population.objects.filter(unit=_unit(ANTWERPEN)).update(value=5_000_000)
    after = _today(cell_client)["referentieregios"]
    assert after["population_max"] > before["population_max"]
    assert after["population_max"] >= 5_000_000


def test_today_is_recomputed_when_a_cooperation_changes(reference_data, cell_client):
    before = _today(cell_client)["cooperations"]
    cooperation = CooperationFactory(organisation__name="Samenwerking Nieuw")
    CooperationMembershipFactory(cooperation=cooperation, library=None, municipality=_unit(HASSELT))
    after = _today(cell_client)["cooperations"]
    assert after["uncovered"] == before["uncovered"] - 1
    assert after["regions"] == before["regions"] + 1


def test_cooperation_of_a_municipality_directly_or_through_the_libraries_serving_it(reference_data):
    # A library's membership covers the municipalities it serves, not its seat; a library serving
    # none covers its seat; a direct membership covers the municipality; the first name wins.
    gent, leuven = _unit(GENT), _unit(LEUVEN)
    serving = LibraryFactory(organisation__municipality=_unit(ANTWERPEN), municipalities_served=[gent, leuven])
    CooperationMembershipFactory(cooperation=CooperationFactory(organisation__name="!A verband"), library=serving)
    alone = LibraryFactory(organisation__municipality=_unit(BRUGGE), municipalities_served=[])
    CooperationMembershipFactory(cooperation=CooperationFactory(organisation__name="!B verband"), library=alone)
    later = CooperationFactory(organisation__name="!C verband")
    CooperationMembershipFactory(cooperation=later, library=None, municipality=_unit(HASSELT))
    CooperationMembershipFactory(cooperation=later, library=LibraryFactory(municipalities_served=[gent]))
    ended = CooperationFactory(organisation__name="!0 verband")
    CooperationMembershipFactory(
        cooperation=ended,
        library=None,
        municipality=_unit(HASSELT),
        valid_until=timezone.localdate().replace(year=2021),
    )

    cooperation = {m.code: m.cooperation for m in selectors.territory_data().municipalities}
    assert cooperation[GENT] == cooperation[LEUVEN] == "!A verband"
    assert not cooperation[ANTWERPEN].startswith("!")
    assert cooperation[BRUGGE] == "!B verband"
    assert cooperation[HASSELT] == "!C verband"


def test_territory_reads_do_not_grow_with_the_number_of_libraries(reference_data):
    def count() -> int:
        from django.db import connection

        with CaptureQueriesContext(connection) as ctx:
            selectors.territory_data()
        return len(ctx.captured_queries)

    cooperation = CooperationFactory()

    def add_libraries(n: int) -> None:
        # Libraries without a seat are counted where they serve (one more read when there are any).
        for _ in range(n):
            library = LibraryFactory(organisation__municipality=None, municipalities_served=[_unit(GENT)])
            CooperationMembershipFactory(cooperation=cooperation, library=library)

    add_libraries(1)
    before = count()
    add_libraries(5)
    assert count() == before
