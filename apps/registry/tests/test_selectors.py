import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.registry import selectors
from apps.registry.models import TerritorialUnit
from apps.registry.tests.factories import (
    AffiliationFactory,
    BranchFactory,
    ContactFactory,
    CooperationMembershipFactory,
    LibraryFactory,
)

pytestmark = pytest.mark.django_db


def test_scoping_by_role(cell_staff, library_staff, citizen):
    library = LibraryFactory()
    BranchFactory(library=library)
    contact = ContactFactory(organisation=library.organisation)
    other_contact = ContactFactory()
    assert library in selectors.library_visible_to(library_staff)
    assert not selectors.library_visible_to(citizen).exists()
    assert not selectors.branch_visible_to(AnonymousUser()).exists()
    assert set(selectors.contact_visible_to(cell_staff)) >= {contact, other_contact}
    assert not selectors.contact_visible_to(library_staff).exists()
    AffiliationFactory(user=library_staff, organisation=library.organisation)
    assert list(selectors.contact_visible_to(library_staff)) == [contact]
    assert list(selectors.organisations_of(library_staff)) == [library.organisation]
    assert selectors.affiliation_visible_to(library_staff).count() == 1
    assert not selectors.affiliation_visible_to(citizen).exists()


def test_timeline(cell_staff):
    library = LibraryFactory()
    old = CooperationMembershipFactory(
        library=library, valid_from=datetime.date(2019, 1, 1), valid_until=datetime.date(2023, 6, 30)
    )
    new = CooperationMembershipFactory(library=library, valid_from=datetime.date(2023, 7, 1))
    assert list(selectors.memberships_of_library(library)) == [old, new]
    assert list(selectors.cooperations_of_library_on(library, datetime.date(2022, 1, 1))) == [old.cooperation]
    assert list(selectors.cooperations_of_library_on(library, datetime.date(2024, 1, 1))) == [new.cooperation]


def test_territory(reference_data):
    assert selectors.municipalities_on(datetime.date(2024, 12, 31)).count() == 319
    assert selectors.municipalities_on(datetime.date(2025, 1, 1)).count() == 304
    pajottegem = TerritorialUnit.objects.get(code="23106")
    names = [unit.name_nl for unit in selectors.municipality_predecessors(pajottegem)]
    assert names == ["Galmaarden", "Gooik", "Herne"]
    herne = TerritorialUnit.objects.get(code="23032")
    assert selectors.municipality_successor(herne) == pajottegem
    antwerpen = TerritorialUnit.objects.get(code="11002")
    assert selectors.municipality_successor(antwerpen) is None
    assert [u.name_nl for u in selectors.municipality_predecessors(antwerpen)] == ["Borsbeek"]
    assert selectors.referentieregio_of(pajottegem).name == "Halle-Vilvoorde"
    assert selectors.referentieregio_of(herne, datetime.date(2024, 6, 1)).name == "Halle-Vilvoorde"
    assert selectors.referentieregio_of(herne) is None
    assert selectors.population_of(antwerpen, 2025).value == 540196
    assert selectors.population_of(antwerpen, 2019) is None


def test_dashboard_cards(reference_data, cell_staff, citizen, django_assert_max_num_queries):
    from apps.registry.apps import registry_dashboard_cards
    from apps.registry.models import Branch, Cooperation, Library

    # the user's roles, organisations per kind, branches, municipalities: cheap reads along indexes
    with django_assert_max_num_queries(4):
        cards = registry_dashboard_cards(cell_staff)
    values = {str(card.title): card.value for card in cards}
    assert values["Gemeenten"] == 304
    assert values["Bibliotheken"] == Library.objects.count() >= 18
    assert values["Vestigingen"] == Branch.objects.count() >= 29
    assert values["Samenwerkingsverbanden"] == Cooperation.objects.count()
    assert registry_dashboard_cards(citizen) == []
