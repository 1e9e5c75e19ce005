"""A branch's history tab: its own changes and those of its opening hours and exceptional days."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.registry import services
from apps.registry.tests.factories import BranchFactory

pytestmark = pytest.mark.django_db

SOON = timezone.localdate() + datetime.timedelta(days=20)


@pytest.fixture
def branch(db):
    return BranchFactory(name="Filiaal Proefdorp")


def _history(client, branch):
    response = client.get(reverse("registry:branch_history", args=[branch.uuid]))
    assert response.status_code == 200
    return response


def test_exceptional_days_and_hours_show_in_the_branch_history(cell_client, cell_staff, branch):
    # given a day added, changed and a period of opening hours added and removed
    day = services.opening_exception_save(
        actor=cell_staff,
        data={"branch": branch, "date": SOON, "is_closed": True, "note": "Inventaris"},
        reason="Jaarplanning",
    )
    services.opening_exception_save(
        actor=cell_staff,
        instance=day,
        data={"is_closed": False, "opens": datetime.time(10), "closes": datetime.time(12), "note": "Inventaris"},
        reason="Toch kort open",
    )
    hours = services.opening_hours_save(
        actor=cell_staff,
        data={"branch": branch, "weekday": 2, "opens": datetime.time(14), "closes": datetime.time(18)},
    )
    services.opening_hours_delete(actor=cell_staff, instance=hours)
    # when the history tab is opened
    response = _history(cell_client, branch)
    entries = response.context["history"]
    # then the changes are there, newest first, each named after its row
    subjects = [(entry.subject, str(entry.kind)) for entry in entries if entry.subject]
    day_subject = f"Afwijkende openingsdag: {SOON:%d-%m-%Y}"
    assert subjects == [
        ("Openingsuur: woensdag 14:00–18:00", "Verwijderd"),
        ("Openingsuur: woensdag 14:00–18:00", "Aangemaakt"),
        (day_subject, "Gewijzigd"),
        (day_subject, "Aangemaakt"),
    ]
    changed = next(entry for entry in entries if entry.subject == day_subject and entry.reason == "Toch kort open")
    assert {(c.label, c.old, c.new) for c in changed.changes} == {
        ("Gesloten", "ja", "nee"),
        ("Open van", "—", "10:00"),
        ("Open tot", "—", "12:00"),
    }
    created = next(entry for entry in entries if entry.subject == day_subject and entry.reason == "Jaarplanning")
    assert ("Opmerking", "—", "Inventaris") in {(c.label, c.old, c.new) for c in created.changes}
    # and the branch's own creation is still listed
    assert any(not entry.subject and str(entry.kind) == "Aangemaakt" for entry in entries)
    body = response.content.decode()
    assert day_subject in body and "Toch kort open" in body


def test_another_branch_s_changes_stay_out(cell_client, cell_staff, branch):
    other = BranchFactory(name="Elders")
    services.opening_exception_save(
        actor=cell_staff, data={"branch": other, "date": SOON, "is_closed": True, "note": "Elders dicht"}
    )
    entries = _history(cell_client, branch).context["history"]
    assert [entry for entry in entries if entry.subject] == []


def test_branch_history_queries_do_not_grow_with_the_days(cell_client, cell_staff, branch, assert_constant_queries):
    def make_rows(n):
        for _ in range(n):
            offset = branch.opening_exceptions.count() + 1
            services.opening_exception_save(
                actor=cell_staff,
                data={"branch": branch, "date": SOON + datetime.timedelta(days=offset), "is_closed": True},
            )

    url = reverse("registry:branch_history", args=[branch.uuid])
    assert_constant_queries(cell_client, url, make_rows, max_queries=20)


def test_citizens_and_visitors_are_refused_the_history(citizen_client, anon_client, branch):
    url = reverse("registry:branch_history", args=[branch.uuid])
    assert citizen_client.get(url).status_code in (403, 404)
    response = anon_client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
