"""A new proposal goes to the team routed for the organisation's region, else to the default team."""

import pytest

from apps.accounts.models import Team
from apps.proposals.models import TeamRoute
from apps.proposals.routing import team_for
from apps.registry.tests.factories import GroupingMembershipFactory, LibraryFactory, TerritorialUnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    return {slug: Team.objects.create(name=slug.title(), slug=slug) for slug in ("west", "oost", "standaard")}


def test_no_route_means_no_team():
    assert team_for(LibraryFactory().organisation) is None


def test_default_team(teams):
    TeamRoute.objects.create(team=teams["standaard"], is_default=True)

    assert team_for(LibraryFactory().organisation) == teams["standaard"]


def test_province_route_wins_over_default(teams):
    province = TerritorialUnitFactory(level="province")
    municipality = TerritorialUnitFactory(parent=TerritorialUnitFactory(level="arrondissement", parent=province))
    TeamRoute.objects.create(team=teams["standaard"], is_default=True)
    TeamRoute.objects.create(team=teams["oost"], unit=province)

    assert team_for(LibraryFactory(organisation__municipality=municipality).organisation) == teams["oost"]


def test_grouping_route_wins_over_unit_route(teams):
    municipality = TerritorialUnitFactory()
    membership = GroupingMembershipFactory(unit=municipality)
    TeamRoute.objects.create(team=teams["oost"], unit=municipality)
    TeamRoute.objects.create(team=teams["west"], grouping=membership.grouping)

    assert team_for(LibraryFactory(organisation__municipality=municipality).organisation) == teams["west"]
