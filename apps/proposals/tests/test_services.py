"""Submit, approve, reject and withdraw change proposals through the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.models import Notification
from apps.proposals import services
from apps.proposals.models import ChangeProposal, Kind
from apps.proposals.workflows import Status
from apps.registry.models import Contact, Library
from apps.registry.tests.factories import LibraryFactory

pytestmark = pytest.mark.django_db


def _registry_state(library):
    org = library.organisation
    org.refresh_from_db()
    return (org.email, org.phone, org.history.count())


# --- submit ------------------------------------------------------------------------------


def test_staff_proposes_a_change_to_their_own_library(own_staff, library):
    proposal = services.proposal_submit(
        actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"}, reason="Nieuw adres"
    )

    assert proposal.status == Status.SUBMITTED
    assert proposal.kind == Kind.CHANGE
    assert proposal.organisation == library.organisation
    assert proposal.proposed_data == {"email": "balie@zonnedorp.example"}
    assert proposal.base_data == {"email": "info@zonnedorp.example"}
    assert proposal.motivation == "Nieuw adres"
    # Proposing changes nothing in the registry (the trial run is rolled back).
    library.organisation.refresh_from_db()
    assert library.organisation.email == "info@zonnedorp.example"


def test_only_changed_fields_are_proposed(own_staff, library):
    proposal = services.proposal_submit(
        actor=own_staff,
        target=library,
        data={"email": "info@zonnedorp.example", "phone": "050 99 99 99"},
    )

    assert proposal.proposed_data == {"phone": "050 99 99 99"}


def test_proposal_for_an_organisation_one_does_not_work_for_is_refused(other_library_staff, library):
    before = _registry_state(library)

    with pytest.raises(PermissionDenied):
        services.proposal_submit(actor=other_library_staff, target=library, data={"email": "x@example.org"})

    assert ChangeProposal.objects.count() == 0
    assert _registry_state(library) == before


@pytest.mark.parametrize("who", ["citizen", "cell_staff", "partner_user"])
def test_people_without_the_role_cannot_propose(request, who, library):
    user = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        services.proposal_submit(actor=user, target=library, data={"email": "x@example.org"})

    assert ChangeProposal.objects.count() == 0


def test_bad_values_are_refused_with_dutch_messages_and_nothing_saved(own_staff, library):
    with pytest.raises(ValidationError) as caught:
        services.proposal_submit(actor=own_staff, target=library, data={"email": "geen-adres", "name": ""})

    errors = caught.value.message_dict
    assert "e-mailadres" in errors["email"][0].lower()
    assert errors["name"] == ["Dit veld is vereist."]
    assert ChangeProposal.objects.count() == 0


def test_registry_rule_is_checked_at_proposal_time(own_staff, library):
    # The registry service refuses a second library with the same name in the same
    # municipality; the trial run catches it now, not at approval.
    LibraryFactory(
        organisation__name="Bibliotheek Dubbel", organisation__municipality=library.organisation.municipality
    )

    with pytest.raises(ValidationError) as caught:
        services.proposal_submit(actor=own_staff, target=library, data={"name": "Bibliotheek Dubbel"})

    assert "bestaat al een bibliotheek" in caught.value.message_dict["name"][0]
    assert ChangeProposal.objects.count() == 0


def test_unknown_fields_and_empty_proposals_are_refused(own_staff, library):
    with pytest.raises(ValidationError, match="kunnen niet voorgesteld worden"):
        services.proposal_submit(actor=own_staff, target=library, data={"slug": "andere"})
    with pytest.raises(ValidationError, match="verandert niets"):
        services.proposal_submit(actor=own_staff, target=library, data={"email": "info@zonnedorp.example"})

    assert ChangeProposal.objects.count() == 0


def test_submission_notifies_the_team(
    own_staff, library, team, approver, mailoutbox, django_capture_on_commit_callbacks
):
    from apps.proposals.models import TeamRoute

    TeamRoute.objects.create(team=team, is_default=True)

    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_submit(actor=own_staff, target=library, data={"phone": "050 12 12 12"})

    assert proposal.team == team
    assert Notification.objects.filter(recipient=approver, url=proposal.get_absolute_url()).exists()
    assert [m.to for m in mailoutbox] == [[approver.email]]


# --- approve -------------------------------------------------------------------------------


def test_approval_applies_the_change_through_the_registry_service(
    own_staff, approver, library, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})

    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_approve(actor=approver, proposal=proposal, reason="Klopt")

    proposal.refresh_from_db()
    organisation = library.organisation
    organisation.refresh_from_db()
    assert organisation.email == "balie@zonnedorp.example"
    assert proposal.status == Status.APPROVED
    assert proposal.decided_by == approver
    assert proposal.decided_at is not None
    record = organisation.history.latest("history_date")
    assert record.history_user == approver
    assert record.history_change_reason == "Voorstel van Bart Bibmedewerker goedgekeurd door Cecile Cel: Klopt"
    # The proposer hears it in the app and by mail.
    notification = Notification.objects.get(recipient=own_staff)
    assert "goedgekeurd" in notification.title
    assert notification.url == proposal.get_absolute_url()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [own_staff.email]
    assert "goedgekeurd" in mailoutbox[0].subject


@pytest.mark.parametrize("who", ["own_staff", "other_library_staff", "citizen", "coordinator"])
def test_only_cell_staff_may_approve(request, who, own_staff, library):
    proposal = services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})
    user = request.getfixturevalue(who)
    before = _registry_state(library)

    with pytest.raises(PermissionDenied):
        services.proposal_approve(actor=user, proposal=proposal)

    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED
    assert proposal.decided_by is None
    assert _registry_state(library) == before
    assert not Notification.objects.exists()


def test_approval_refuses_a_conflict_and_overwrites_nothing(own_staff, approver, library):
    from apps.registry.services.organisations import library_save

    proposal = services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})
    library_save(
        actor=approver, instance=Library.objects.get(pk=library.pk), data={"email": "onthaal@zonnedorp.example"}
    )

    with pytest.raises(services.ProposalConflict) as caught:
        services.proposal_approve(actor=approver, proposal=proposal)

    (conflict,) = caught.value.conflicts
    assert (conflict.base, conflict.current, conflict.proposed) == (
        "info@zonnedorp.example",
        "onthaal@zonnedorp.example",
        "balie@zonnedorp.example",
    )
    library.organisation.refresh_from_db()
    assert library.organisation.email == "onthaal@zonnedorp.example"
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_a_change_to_another_field_is_no_conflict(own_staff, approver, library):
    from apps.registry.services.organisations import library_save

    proposal = services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})
    library_save(actor=approver, instance=Library.objects.get(pk=library.pk), data={"phone": "050 55 55 55"})

    services.proposal_approve(actor=approver, proposal=proposal)

    library.organisation.refresh_from_db()
    assert (library.organisation.email, library.organisation.phone) == ("balie@zonnedorp.example", "050 55 55 55")


def test_a_decided_proposal_cannot_be_decided_again(own_staff, approver, library):
    proposal = services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})
    services.proposal_approve(actor=approver, proposal=proposal)

    with pytest.raises(ValidationError, match="al goedgekeurd"):
        services.proposal_reject(actor=approver, proposal=proposal, reason="Toch niet")


# --- reject and withdraw -------------------------------------------------------------------


def test_rejection_needs_a_reason(own_staff, approver, library):
    proposal = services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})

    with pytest.raises(ValidationError) as caught:
        services.proposal_reject(actor=approver, proposal=proposal, reason="  ")

    assert "motivering" in caught.value.message_dict["reason"][0]
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_rejection_with_a_reason_notifies_the_proposer(
    own_staff, approver, library, mailoutbox, django_capture_on_commit_callbacks
):
    proposal = services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})

    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_reject(actor=approver, proposal=proposal, reason="Dit adres bestaat niet.")

    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED
    assert proposal.decision_reason == "Dit adres bestaat niet."
    library.organisation.refresh_from_db()
    assert library.organisation.email == "info@zonnedorp.example"
    notification = Notification.objects.get(recipient=own_staff)
    assert "afgewezen" in notification.title
    assert "Dit adres bestaat niet." in notification.body
    assert "Dit adres bestaat niet." in mailoutbox[0].body


def test_only_cell_staff_may_reject(own_staff, library):
    proposal = services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})

    with pytest.raises(PermissionDenied):
        services.proposal_reject(actor=own_staff, proposal=proposal, reason="Eigen fout")

    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_only_the_proposer_may_withdraw(own_staff, approver, library):
    proposal = services.proposal_submit(actor=own_staff, target=library, data={"email": "balie@zonnedorp.example"})

    with pytest.raises(PermissionDenied):
        services.proposal_withdraw(actor=approver, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED

    services.proposal_withdraw(actor=own_staff, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN


# --- contacts, new records, cooperations -----------------------------------------------------


def test_contact_change_is_applied(own_staff, approver, contact):
    proposal = services.proposal_submit(actor=own_staff, target=contact, data={"phone": "050 44 44 44"})

    services.proposal_approve(actor=approver, proposal=proposal)

    contact.refresh_from_db()
    assert contact.phone == "050 44 44 44"
    assert contact.history.latest("history_date").history_user == approver


def test_new_contact_proposal_creates_the_contact_on_approval(own_staff, approver, library):
    proposal = services.proposal_submit(
        actor=own_staff,
        target=library.organisation,
        create="contact",
        data={"first_name": "Jan", "last_name": "Claes", "email": "jan@zonnedorp.example"},
    )
    assert proposal.kind == Kind.CREATE
    assert not Contact.objects.filter(last_name="Claes").exists()

    services.proposal_approve(actor=approver, proposal=proposal)

    created = Contact.objects.get(last_name="Claes")
    assert created.organisation == library.organisation
    proposal.refresh_from_db()
    assert proposal.created_object_id == created.pk


def test_new_contact_needs_a_name(own_staff, library):
    with pytest.raises(ValidationError) as caught:
        services.proposal_submit(
            actor=own_staff, target=library.organisation, create="contact", data={"first_name": "Jan"}
        )

    assert "last_name" in caught.value.message_dict
    assert ChangeProposal.objects.count() == 0


def test_coordinator_proposes_for_their_cooperation(coordinator, approver, cooperation):
    from apps.registry.tests.factories import AffiliationFactory

    AffiliationFactory(user=coordinator, organisation=cooperation.organisation)
    proposal = services.proposal_submit(
        actor=coordinator, target=cooperation, data={"website": "https://samen.example"}
    )

    services.proposal_approve(actor=approver, proposal=proposal)

    cooperation.organisation.refresh_from_db()
    assert cooperation.organisation.website == "https://samen.example"


# --- branches and opening hours ----------------------------------------------------------------


def test_opening_hours_proposal_approved_changes_the_week_and_history_names_both(
    own_staff, approver, branch, mailoutbox, django_capture_on_commit_callbacks
):
    from apps.core.selectors.history import history_entries

    # given: library staff propose a new week with two periods on Monday
    week = [
        {"weekday": 0, "opens": "09:00", "closes": "12:00"},
        {"weekday": 0, "opens": "13:00", "closes": "17:00"},
        {"weekday": 5, "opens": "10:00", "closes": "13:00"},
    ]
    proposal = services.proposal_submit(actor=own_staff, target=branch, data={"periods": week}, reason="Nieuwe uren")
    assert proposal.kind == Kind.OPENING_HOURS
    assert list(branch.opening_hours.values_list("weekday", flat=True)) == [0, 2]

    # when: the cell approves
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_approve(actor=approver, proposal=proposal, reason="Gecontroleerd")

    # then: the week is replaced and the branch history names proposer and approver
    hours = [(h.weekday, h.opens.strftime("%H:%M"), h.closes.strftime("%H:%M")) for h in branch.opening_hours.all()]
    assert hours == [(0, "09:00", "12:00"), (0, "13:00", "17:00"), (5, "10:00", "13:00")]
    latest = history_entries(branch)[0]
    assert latest.who == "Cecile Cel"
    assert "Voorstel van Bart Bibmedewerker goedgekeurd door Cecile Cel: Gecontroleerd" in latest.reason
    assert branch.opening_hours.first().history.latest("history_date").history_user == approver
    assert mailoutbox[0].to == [own_staff.email]


def test_opening_hours_are_validated_at_proposal_time(own_staff, branch):
    overlapping = [
        {"weekday": 1, "opens": "09:00", "closes": "12:00"},
        {"weekday": 1, "opens": "11:00", "closes": "14:00"},
    ]
    with pytest.raises(ValidationError, match="overlappen"):
        services.proposal_submit(actor=own_staff, target=branch, data={"periods": overlapping})
    with pytest.raises(ValidationError, match="na het openingsuur"):
        services.proposal_submit(
            actor=own_staff, target=branch, data={"periods": [{"weekday": 1, "opens": "12:00", "closes": "09:00"}]}
        )
    with pytest.raises(ValidationError, match="UU:MM"):
        services.proposal_submit(
            actor=own_staff, target=branch, data={"periods": [{"weekday": 1, "opens": "negen", "closes": "12:00"}]}
        )

    assert ChangeProposal.objects.count() == 0


def test_opening_hours_conflict_when_the_week_changed_meanwhile(own_staff, approver, branch):
    from apps.registry.services import branch_opening_hours_set

    proposal = services.proposal_submit(
        actor=own_staff, target=branch, data={"periods": [{"weekday": 0, "opens": "09:00", "closes": "12:00"}]}
    )
    branch_opening_hours_set(
        actor=approver, branch=branch, periods=[{"weekday": 4, "opens": "10:00", "closes": "16:00"}]
    )

    with pytest.raises(services.ProposalConflict) as caught:
        services.proposal_approve(actor=approver, proposal=proposal)

    friday = next(c for c in caught.value.conflicts if c.field == "weekday_4")
    assert (friday.base, friday.current, friday.proposed) == ("gesloten", "10:00–16:00", "gesloten")
    assert list(branch.opening_hours.values_list("weekday", flat=True)) == [4]


def test_branch_coordinates_outside_the_municipality_are_refused_at_proposal_time(own_staff, branch):
    with pytest.raises(ValidationError) as caught:
        services.proposal_submit(actor=own_staff, target=branch, data={"latitude": 50.0, "longitude": 4.0})

    assert "liggen niet in" in caught.value.message_dict["latitude"][0]
    assert ChangeProposal.objects.count() == 0


def test_branch_change_and_new_branch(own_staff, approver, library, branch):
    change = services.proposal_submit(actor=own_staff, target=branch, data={"phone": "050 77 77 77"})
    new = services.proposal_submit(
        actor=own_staff,
        target=library.organisation,
        create="vestiging",
        data={"name": "Filiaal Duin", "municipality": library.organisation.municipality.pk, "street": "Duinweg 1"},
    )

    services.proposal_approve(actor=approver, proposal=change)
    services.proposal_approve(actor=approver, proposal=new)

    branch.refresh_from_db()
    assert branch.phone == "050 77 77 77"
    created = library.branches.get(name="Filiaal Duin")
    assert created.street == "Duinweg 1"
    assert created.history.get().history_user == approver


def test_other_library_staff_cannot_propose_for_this_branch(other_library_staff, branch):
    with pytest.raises(PermissionDenied):
        services.proposal_submit(
            actor=other_library_staff,
            target=branch,
            data={"periods": [{"weekday": 0, "opens": "09:00", "closes": "12:00"}]},
        )

    assert ChangeProposal.objects.count() == 0
    assert branch.opening_hours.count() == 2
