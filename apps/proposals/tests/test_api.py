"""The proposals API: scoped lists, submit, and decisions that follow the same services."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.proposals import services
from apps.proposals.models import ChangeProposal
from apps.proposals.workflows import Status
from apps.registry.models import Library

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def proposal(own_staff, library):
    return services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})


def _action(proposal, name: str) -> str:
    return reverse(f"proposal-{name}", kwargs={"uuid": proposal.uuid})


def test_list_is_scoped(own_staff, other_library_staff, approver, proposal):
    url = reverse("proposal-list")

    assert _api(approver).get(url).json()["count"] == 1
    assert _api(own_staff).get(url).json()["count"] == 1
    assert _api(other_library_staff).get(url).json()["count"] == 0
    assert APIClient().get(url).status_code in (401, 403)


def test_retrieve_shows_the_diff(approver, proposal):
    body = _api(approver).get(reverse("proposal-detail", kwargs={"uuid": proposal.uuid})).json()

    assert body["target_type"] == "bibliotheek"
    assert body["diff"][0]["base"] == "info@zonnedorp.example"
    assert body["diff"][0]["proposed"] == "balie@zonnedorp.example"


def test_retrieve_hides_other_peoples_proposals(other_library_staff, proposal):
    response = _api(other_library_staff).get(reverse("proposal-detail", kwargs={"uuid": proposal.uuid}))

    assert response.status_code == 404


def test_submit_opening_hours(own_staff, branch):
    response = _api(own_staff).post(
        reverse("proposal-list"),
        {
            "target_type": "vestiging",
            "target": str(branch.uuid),
            "data": {"periods": [{"weekday": 0, "opens": "09:00", "closes": "12:00"}]},
            "reason": "Zomeruren",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["kind"] == "opening_hours"


def test_submit_is_refused_for_an_organisation_one_does_not_work_for(other_library_staff, library):
    response = _api(other_library_staff).post(
        reverse("proposal-list"),
        {"target_type": "bibliotheek", "target": library.organisation.slug, "data": {"email": "x@example.org"}},
        format="json",
    )

    assert response.status_code == 403
    assert not ChangeProposal.objects.exists()


def test_submit_returns_dutch_field_errors(own_staff, library):
    response = _api(own_staff).post(
        reverse("proposal-list"),
        {"target_type": "bibliotheek", "target": library.organisation.slug, "data": {"email": "geen-adres"}},
        format="json",
    )

    assert response.status_code == 400
    assert "e-mailadres" in response.json()["email"][0]
    assert not ChangeProposal.objects.exists()


def test_approve_and_reject_by_cell_staff_only(own_staff, approver, proposal, library):
    refused = _api(own_staff).post(_action(proposal, "approve"), {}, format="json")
    assert refused.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED

    no_reason = _api(approver).post(_action(proposal, "reject"), {"reason": ""}, format="json")
    assert no_reason.status_code == 400
    assert "motivering" in no_reason.json()["reason"][0]

    approved = _api(approver).post(_action(proposal, "approve"), {"reason": "Ok"}, format="json")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    library.organisation.refresh_from_db()
    assert library.organisation.email == "balie@zonnedorp.example"


def test_approve_conflict_is_409_with_the_three_values(approver, proposal, library):
    from apps.registry.services import library_save

    library_save(actor=approver, instance=Library.objects.get(pk=library.pk), data={"email": "nu@zonnedorp.example"})

    response = _api(approver).post(_action(proposal, "approve"), {}, format="json")

    assert response.status_code == 409
    (conflict,) = response.json()["conflicts"]
    assert (conflict["base"], conflict["current"], conflict["proposed"]) == (
        "info@zonnedorp.example",
        "nu@zonnedorp.example",
        "balie@zonnedorp.example",
    )


def test_withdraw_by_the_proposer(own_staff, approver, proposal):
    assert _api(approver).post(_action(proposal, "withdraw"), {}, format="json").status_code == 403
    response = _api(own_staff).post(_action(proposal, "withdraw"), {}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
