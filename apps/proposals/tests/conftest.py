"""Fixtures for the proposal tests: a library with a branch and a contact, and its own staff."""

import pytest

from apps.accounts.models import Team
from apps.registry.tests.factories import (
    AffiliationFactory,
    BranchFactory,
    ContactFactory,
    CooperationFactory,
    LibraryFactory,
    OpeningHoursFactory,
)


@pytest.fixture
def library(db):
    return LibraryFactory(organisation__name="Bibliotheek Zonnedorp", organisation__email="info@zonnedorp.example")


@pytest.fixture
def branch(library):
    branch = BranchFactory(library=library, name="Filiaal Heide", phone="050 11 22 33")
    OpeningHoursFactory(branch=branch, weekday=0, opens="10:00", closes="12:00")
    OpeningHoursFactory(branch=branch, weekday=2, opens="14:00", closes="18:00")
    return branch


@pytest.fixture
def contact(library):
    return ContactFactory(
        organisation=library.organisation, first_name="Els", last_name="Peeters", phone="050 00 00 00"
    )


@pytest.fixture
def cooperation(db):
    return CooperationFactory()


@pytest.fixture
def own_staff(library_staff, library):
    """The library_staff fixture user, working for `library`."""
    AffiliationFactory(user=library_staff, organisation=library.organisation)
    library_staff.first_name, library_staff.last_name = "Bart", "Bibmedewerker"
    library_staff.save()
    return library_staff


@pytest.fixture
def approver(cell_staff):
    cell_staff.first_name, cell_staff.last_name = "Cecile", "Cel"
    cell_staff.save()
    return cell_staff


@pytest.fixture
def team(approver):
    team = Team.objects.create(name="Regio West", slug="regio-west")
    team.members.add(approver)
    return team


@pytest.fixture
def other_library_staff(db):
    from apps.accounts.roles import Role
    from conftest import make_user

    user = make_user("anderebib", Role.LIBRARY_STAFF)
    AffiliationFactory(user=user, organisation=LibraryFactory().organisation)
    return user
