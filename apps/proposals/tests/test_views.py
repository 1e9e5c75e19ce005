"""The proposal pages: who may open them, what they do, and that refusals change nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.proposals import services
from apps.proposals.models import ChangeProposal
from apps.proposals.workflows import Status
from apps.registry.models import Library

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _propose_url(library) -> str:
    return reverse("proposals:propose", kwargs={"target_type": "bibliotheek", "key": library.organisation.slug})


def _form_data(library, **changes) -> dict:
    org = library.organisation
    data = {
        "name": org.name,
        "website": org.website,
        "email": org.email,
        "phone": org.phone,
        "description": org.description,
        "opened_year": library.opened_year or "",
        "bios_code": library.bios_code,
        "motivation": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def proposal(own_staff, library):
    return services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})


# --- proposing -----------------------------------------------------------------------------


def test_staff_propose_a_change_on_the_page(own_staff, library):
    client = _client(own_staff)

    assert client.get(_propose_url(library)).status_code == 200
    response = client.post(_propose_url(library), _form_data(library, phone="050 31 31 31", motivation="Nieuw nummer"))

    proposal = ChangeProposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert proposal.proposed_data == {"phone": "050 31 31 31"}
    assert proposal.motivation == "Nieuw nummer"


def test_propose_page_shows_dutch_errors_and_saves_nothing(own_staff, library):
    response = _client(own_staff).post(_propose_url(library), _form_data(library, email="geen-adres"))

    assert response.status_code == 200
    assert "geldig e-mailadres" in response.content.decode()
    assert not ChangeProposal.objects.exists()


def test_propose_page_refuses_staff_of_another_library(other_library_staff, library):
    client = _client(other_library_staff)

    assert client.get(_propose_url(library)).status_code == 403
    assert client.post(_propose_url(library), _form_data(library, phone="1")).status_code == 403
    assert not ChangeProposal.objects.exists()


def test_propose_page_sends_anonymous_visitors_to_login(anon_client, library):
    response = anon_client.post(_propose_url(library), _form_data(library, phone="1"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not ChangeProposal.objects.exists()


def test_unknown_target_is_404(own_staff):
    client = _client(own_staff)

    assert client.get(reverse("proposals:propose", kwargs={"target_type": "gemeente", "key": "x"})).status_code == 404
    assert client.get(reverse("proposals:propose", kwargs={"target_type": "vestiging", "key": "x"})).status_code == 404


def test_opening_hours_page_proposes_a_week_with_several_periods_a_day(own_staff, branch):
    url = reverse("proposals:propose_hours", kwargs={"key": branch.uuid})
    client = _client(own_staff)
    assert client.get(url).status_code == 200

    response = client.post(
        url, {"d0_p0_opens": "09:00", "d0_p0_closes": "12:00", "d0_p1_opens": "13:00", "d0_p1_closes": "17:00"}
    )

    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    assert proposal.proposed_data == {
        "periods": [
            {"weekday": 0, "opens": "09:00", "closes": "12:00"},
            {"weekday": 0, "opens": "13:00", "closes": "17:00"},
        ]
    }


def test_opening_hours_page_explains_a_missing_closing_time(own_staff, branch):
    url = reverse("proposals:propose_hours", kwargs={"key": branch.uuid})

    response = _client(own_staff).post(url, {"d3_p0_opens": "09:00"})

    assert response.status_code == 200
    assert "Vul zowel het openingsuur als het sluitingsuur in." in response.content.decode()
    assert not ChangeProposal.objects.exists()


def test_new_contact_page(own_staff, library):
    url = reverse("proposals:propose_create", kwargs={"slug": library.organisation.slug, "create": "contact"})

    response = _client(own_staff).post(url, {"first_name": "An", "last_name": "Wouters", "email": "an@example.org"})

    assert response.status_code == 302
    assert ChangeProposal.objects.get().proposed_data["last_name"] == "Wouters"


# --- reviewing -----------------------------------------------------------------------------


def test_review_list_for_cell_staff_with_counts(cell_client, proposal):
    response = cell_client.get(reverse("proposals:list"))

    assert response.status_code == 200
    content = response.content.decode()
    assert proposal.target_label in content
    assert "Open voorstellen per team" in content


@pytest.mark.parametrize("who", ["own_staff", "citizen"])
def test_review_list_is_for_cell_staff_only(request, who):
    user = request.getfixturevalue(who)

    assert _client(user).get(reverse("proposals:list")).status_code == 403


def test_review_list_query_count_does_not_grow(cell_client, own_staff, library, assert_constant_queries):
    counter = iter(range(1000))

    def make_rows(n):
        for _ in range(n):
            services.proposal_submit(actor=own_staff, target=library, data={"phone": f"050 {next(counter):06d}"})

    assert_constant_queries(cell_client, reverse("proposals:list"), make_rows, max_queries=20)


def test_my_proposals_lists_only_mine(own_staff, other_library_staff, proposal):
    mine = _client(own_staff).get(reverse("proposals:mine"))
    theirs = _client(other_library_staff).get(reverse("proposals:mine"))

    assert proposal.target_label in mine.content.decode()
    assert proposal.target_label not in theirs.content.decode()


def test_detail_shows_the_field_diff(cell_client, proposal):
    response = cell_client.get(proposal.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert "E-mailadres" in content
    assert "info@zonnedorp.example" in content
    assert "balie@zonnedorp.example" in content
    assert reverse("proposals:approve", kwargs={"uuid": proposal.uuid}) in content


def test_detail_is_hidden_from_others(other_library_staff, proposal):
    assert _client(other_library_staff).get(proposal.get_absolute_url()).status_code == 404


def test_detail_highlights_a_conflict(cell_client, approver, proposal, library):
    from apps.registry.services import library_save

    library_save(actor=approver, instance=Library.objects.get(pk=library.pk), data={"email": "nu@zonnedorp.example"})

    content = cell_client.get(proposal.get_absolute_url()).content.decode()

    assert "conflict" in content
    assert "nu@zonnedorp.example" in content


def test_approve_page_confirms_then_applies(cell_client, proposal, library):
    url = reverse("proposals:approve", kwargs={"uuid": proposal.uuid})
    assert "Ja, goedkeuren" in cell_client.get(url).content.decode()

    response = cell_client.post(url, {"reason": "Ok"})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED
    library.organisation.refresh_from_db()
    assert library.organisation.email == "balie@zonnedorp.example"


def test_approve_page_shows_the_conflict_instead_of_overwriting(cell_client, approver, proposal, library):
    from apps.registry.services import library_save

    library_save(actor=approver, instance=Library.objects.get(pk=library.pk), data={"email": "nu@zonnedorp.example"})

    response = cell_client.post(reverse("proposals:approve", kwargs={"uuid": proposal.uuid}), {"reason": ""})

    assert response.status_code == 200
    assert "Conflict: het record is intussen gewijzigd" in response.content.decode()
    library.organisation.refresh_from_db()
    assert library.organisation.email == "nu@zonnedorp.example"


@pytest.mark.parametrize("who", ["own_staff", "other_library_staff"])
def test_approve_page_refuses_anyone_but_cell_staff(request, who, proposal, library):
    client = _client(request.getfixturevalue(who))

    response = client.post(reverse("proposals:approve", kwargs={"uuid": proposal.uuid}), {"reason": ""})

    assert response.status_code in (403, 404)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    library.organisation.refresh_from_db()
    assert library.organisation.email == "info@zonnedorp.example"


def test_reject_page_requires_a_reason(cell_client, proposal):
    url = reverse("proposals:reject", kwargs={"uuid": proposal.uuid})

    response = cell_client.post(url, {"reason": ""})

    assert response.status_code == 200
    assert "Dit veld is vereist." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert cell_client.post(url, {"reason": "Onjuist"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED


def test_withdraw_page_for_the_proposer_only(own_staff, cell_client, proposal):
    url = reverse("proposals:withdraw", kwargs={"uuid": proposal.uuid})

    assert cell_client.post(url, {"reason": ""}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert _client(own_staff).post(url, {"reason": ""}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN


def test_assign_team(cell_client, own_staff, team, proposal):
    url = reverse("proposals:assign", kwargs={"uuid": proposal.uuid})

    assert _client(own_staff).post(url, {"team": team.pk}).status_code in (403, 404)
    proposal.refresh_from_db()
    assert proposal.team is None

    cell_client.post(url, {"team": team.pk})
    proposal.refresh_from_db()
    assert proposal.team == team


def test_dashboard_cards(cell_client, own_staff, team, proposal):
    ChangeProposal.objects.filter(pk=proposal.pk).update(team=team)

    cell_home = cell_client.get(reverse("core:home")).content.decode()
    staff_home = _client(own_staff).get(reverse("core:home")).content.decode()

    assert "Open wijzigingsvoorstellen" in cell_home
    assert "Voorstellen voor Regio West" in cell_home
    assert "Mijn open voorstellen" in staff_home
    assert "Open wijzigingsvoorstellen" not in staff_home


def test_proposal_links_only_for_people_who_may_propose(own_staff, other_library_staff, approver, library, branch):
    from apps.proposals.templatetags.proposals import proposal_links_for

    labels = [link["label"] for link in proposal_links_for(own_staff, branch)]
    assert labels == ["Wijziging voorstellen", "Openingsuren voorstellen"]
    assert len(proposal_links_for(own_staff, library)) == 3  # change, new branch, new contact
    assert proposal_links_for(other_library_staff, branch) == []
    assert proposal_links_for(approver, branch) == []
