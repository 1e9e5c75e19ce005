"""Working days and the SLA clock: weekends, Belgian holidays, closure days, pauses (frozen clock)."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser

from apps.questions import services
from apps.questions.models import ClosureDay, Question
from apps.questions.selectors import sla_overview, sla_state
from apps.questions.sla import WorkingCalendar
from apps.questions.tokens import make_token
from apps.questions.workflows import Status

D = datetime.date


def brussels(text: str) -> datetime.datetime:
    from zoneinfo import ZoneInfo

    return datetime.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.mark.sqlite_only
def test_working_days_skip_weekend_and_belgian_holidays():
    calendar = WorkingCalendar(closure_days=set())
    # Thursday before Easter 2026: Friday, then (weekend, Easter Monday) Tuesday.
    assert calendar.add_working_days(D(2026, 4, 2), 1) == D(2026, 4, 3)
    assert calendar.add_working_days(D(2026, 4, 3), 1) == D(2026, 4, 7)
    assert calendar.add_working_days(D(2026, 4, 2), 5) == D(2026, 4, 10)
    # 11 November (Wednesday in 2026) is a holiday.
    assert calendar.add_working_days(D(2026, 11, 10), 1) == D(2026, 11, 12)
    assert calendar.working_days_between(D(2026, 4, 3), D(2026, 4, 7)) == 1
    assert calendar.remaining(D(2026, 4, 8), D(2026, 4, 3)) == -2  # Tuesday and Wednesday late


@pytest.mark.sqlite_only
def test_closure_days_are_not_working_days():
    calendar = WorkingCalendar(closure_days={D(2026, 11, 12)})
    assert calendar.add_working_days(D(2026, 11, 10), 1) == D(2026, 11, 13)


@pytest.mark.django_db
def test_deadlines_at_intake_follow_the_category(make_question, category):
    with time_machine.travel(brussels("2026-11-10 10:00"), tick=False):
        question = make_question()
    assert question.ack_due == D(2026, 11, 12)  # Wednesday 11 November skipped
    assert question.answer_due == D(2026, 11, 18)


@pytest.mark.django_db
def test_closure_day_edit_moves_open_deadlines(make_question, cell_staff):
    with time_machine.travel(brussels("2026-11-10 10:00"), tick=False):
        question = make_question()
        services.closure_day_save(actor=cell_staff, data={"date": D(2026, 11, 12), "reason": "Teamdag"})
    question.refresh_from_db()
    assert question.ack_due == D(2026, 11, 13)
    assert ClosureDay.objects.get().history.first().history_user == cell_staff


@pytest.mark.django_db
def test_clock_pauses_while_waiting_across_weekend_and_easter_monday(make_question, cell_staff, category):
    # given: a question on Thursday 2 April 2026; answer due Friday 10 April (Easter Monday skipped)
    with time_machine.travel(brussels("2026-04-02 10:00"), tick=False):
        question = make_question()
    assert (question.ack_due, question.answer_due) == (D(2026, 4, 3), D(2026, 4, 10))

    # when: on Friday the cell asks the asker something and waits
    with time_machine.travel(brussels("2026-04-03 09:00"), tick=False):
        services.question_reply(actor=cell_staff, question=question, body="Over welke gemeenten gaat het?", then="wait")
    question.refresh_from_db()
    assert question.status == Status.WAITING
    assert question.acknowledged_at is not None  # the first human action
    assert question.is_paused

    # then: on Easter Monday the paused question is neither late nor due soon
    with time_machine.travel(brussels("2026-04-06 12:00"), tick=False):
        overview = sla_overview(user=cell_staff)
        assert question not in overview["breached"] + overview["due_soon"]
        assert sla_state(question)["paused"] is True

    # when: the asker answers on Tuesday through the personal link
    with time_machine.travel(brussels("2026-04-07 09:00"), tick=False):
        services.question_reply_as_asker(question=question, body="Brugge en Damme.")
    question.refresh_from_db()

    # then: only Tuesday counted as paused (Saturday, Sunday, Easter Monday are no working days)
    assert question.status == Status.ASSIGNED
    assert question.paused_days == 1
    assert question.paused_since is None
    assert question.answer_due == D(2026, 4, 13)


@pytest.mark.django_db
def test_breached_and_due_soon(make_question, cell_staff):
    with time_machine.travel(brussels("2026-11-09 10:00"), tick=False):
        late = make_question(subject="Te laat")
    with time_machine.travel(brussels("2026-11-16 10:00"), tick=False):
        fresh = make_question(subject="Vers")
        overview = sla_overview(user=cell_staff)
    assert late in overview["breached"]
    assert fresh in overview["due_soon"]  # acknowledgement due tomorrow
    assert sla_overview(user=AnonymousUser()) == {"breached": [], "due_soon": []}


@pytest.mark.django_db
def test_reminders_once_a_day(make_question, cell_staff, team, django_capture_on_commit_callbacks):
    with time_machine.travel(brussels("2026-11-09 10:00"), tick=False):
        make_question()
    with time_machine.travel(brussels("2026-11-16 10:00"), tick=False):
        assert services.sla_reminders_send() == 1
        assert services.sla_reminders_send() == 0
    assert cell_staff.notifications.filter(title__startswith="Termijn overschreden").count() == 1


@pytest.mark.django_db
def test_expired_follow_link_is_refused(make_question, client):
    with time_machine.travel(brussels("2026-01-05 10:00"), tick=False):
        question = make_question()
        token = make_token(question)
    with time_machine.travel(brussels("2027-02-01 10:00"), tick=False):
        response = client.get(f"/vragen/volg/{token}/")
    assert response.status_code == 403
    assert "verlopen" in response.content.decode()
    assert Question.objects.get(pk=question.pk).replies.count() == 0


@pytest.mark.django_db
def test_the_dashboard_counts_what_the_overview_lists(make_question, cell_staff, library_staff):
    from apps.questions.dashboard import question_cards
    from apps.questions.selectors import sla_counts

    with time_machine.travel(brussels("2026-11-09 10:00"), tick=False):
        make_question(subject="Te laat")
        make_question(subject="Ook te laat")
    with time_machine.travel(brussels("2026-11-16 10:00"), tick=False):
        make_question(subject="Vers")
        overview = sla_overview(user=cell_staff)
        counts = sla_counts(user=cell_staff)
        cards = {str(card.title): card.value for card in question_cards(cell_staff)}
    assert counts == {"breached": len(overview["breached"]), "due_soon": len(overview["due_soon"])}
    assert counts["breached"] >= 2 and counts["due_soon"] >= 1
    assert cards["Vragen over hun termijn"] == counts["breached"]
    assert cards["Vragen bijna over hun termijn"] == counts["due_soon"]
    assert sla_counts(user=library_staff) == {"breached": 0, "due_soon": 0}
