import datetime

import pytest

from .factories import (
    AffiliationFactory,
    BranchFactory,
    ContactFactory,
    CooperationFactory,
    CooperationMembershipFactory,
    LibraryFactory,
)

pytestmark = pytest.mark.django_db

READ_PERMS = [
    "registry.view_registry",
    "registry.view_library",
    "registry.view_cooperation",
    "registry.view_partner",
    "registry.view_branch",
    "registry.view_municipality",
    "registry.export_registry",
]
MODELS = ["library", "branch", "cooperation", "cooperationmembership", "partner", "partnerlink", "contact"]


@pytest.mark.parametrize("perm", READ_PERMS)
def test_professionals_read_citizens_do_not(
    perm, cell_staff, library_staff, coordinator, partner_user, assessor, citizen
):
    for user in (cell_staff, library_staff, coordinator, partner_user, assessor):
        assert user.has_perm(perm)
    assert not citizen.has_perm(perm)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_only_cell_staff_write(model, action, cell_staff, library_staff, coordinator, citizen):
    perm = f"registry.{action}_{model}"
    assert cell_staff.has_perm(perm)
    for user in (library_staff, coordinator, citizen):
        assert not user.has_perm(perm)


def test_contact_visible_to_cell_and_own_staff(cell_staff, library_staff, coordinator):
    contact = ContactFactory()
    assert cell_staff.has_perm("registry.view_contact", contact)
    assert not library_staff.has_perm("registry.view_contact", contact)
    AffiliationFactory(user=library_staff, organisation=contact.organisation)
    assert library_staff.has_perm("registry.view_contact", contact)
    assert not coordinator.has_perm("registry.view_contact", contact)


def test_expired_affiliation_does_not_count(library_staff):
    contact = ContactFactory()
    AffiliationFactory(
        user=library_staff, organisation=contact.organisation, valid_until=datetime.date.today() - datetime.timedelta(1)
    )
    assert not library_staff.has_perm("registry.view_contact", contact)


def test_propose_change(library_staff, coordinator, partner_user):
    branch = BranchFactory()
    assert not library_staff.has_perm("registry.propose_change", branch)
    AffiliationFactory(user=library_staff, organisation=branch.library.organisation)
    assert library_staff.has_perm("registry.propose_change", branch)
    assert library_staff.has_perm("registry.propose_change", branch.library)
    assert not library_staff.has_perm("registry.propose_change", LibraryFactory())
    membership = CooperationMembershipFactory()
    AffiliationFactory(user=coordinator, organisation=membership.cooperation.organisation)
    assert coordinator.has_perm("registry.propose_change", membership)
    assert coordinator.has_perm("registry.propose_change", membership.cooperation)
    AffiliationFactory(user=partner_user, organisation=CooperationFactory().organisation)
    assert not partner_user.has_perm("registry.propose_change", membership)


def test_manage_affiliations(cell_staff, library_staff):
    assert cell_staff.has_perm("registry.manage_affiliations")
    assert not library_staff.has_perm("registry.manage_affiliations")
    own = AffiliationFactory(user=library_staff)
    assert library_staff.has_perm("registry.view_affiliation", own)
    assert not library_staff.has_perm("registry.view_affiliation", AffiliationFactory())
