"""The whole life of a question, and who may see and do what (refusals change nothing)."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from apps.questions import services
from apps.questions.models import InternalNote, Question, Reply, Satisfaction
from apps.questions.tokens import RATING, make_token
from apps.questions.workflows import Status
from apps.registry.tests.factories import AffiliationFactory

SECRET = "Intern: de schepen is moeilijk"


def to_asker(address="greet@mail.test"):
    return [m for m in mail.outbox if m.to == [address]]


def link_in(message):
    return re.search(r"/vragen/volg/\S+?/(?=\s|$)", message.body).group(0)


@pytest.fixture
def second_cell(db):
    from conftest import make_user

    return make_user("cel2", "cell_staff", first_name="Koen")


@pytest.mark.django_db
def test_question_life(
    anon_client,
    cell_client,
    cell_staff,
    second_cell,
    team,
    make_question,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    # given: a visitor's question and the link from the acknowledgement mail
    with django_capture_on_commit_callbacks(execute=True):
        question = make_question()
    follow = link_in(to_asker()[-1])

    # when: the cell reassigns it to a colleague, who adds a note and answers
    detail = question.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        cell_client.post(
            reverse("questions:assign", kwargs={"uuid": question.uuid}),
            {"team": team.pk, "assignee": second_cell.pk, "reason": "Regio West"},
        )
    assert second_cell.notifications.filter(title__contains="toegewezen").exists()
    colleague = Client()
    colleague.force_login(second_cell)
    colleague.post(reverse("questions:note", kwargs={"uuid": question.uuid}), {"note-body": SECRET})
    with django_capture_on_commit_callbacks(execute=True):
        colleague.post(
            reverse("questions:reply", kwargs={"uuid": question.uuid}),
            {"reply-body": "Begin met een gesprek met de buurgemeenten.", "reply-then": "answer"},
        )
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.first_answered_at and question.acknowledged_at
    reply_mail = to_asker()[-1]
    assert reply_mail.to == ["greet@mail.test"] and "buurgemeenten" in reply_mail.body

    # then: the asker reads the answer via the link, never the internal note
    page = anon_client.get(follow).content.decode()
    assert "buurgemeenten" in page and SECRET not in page
    assert all(SECRET not in m.body for m in mail.outbox)
    assert SECRET in cell_client.get(detail).content.decode()

    # when: the asker closes it via the link and rates it with one click
    with django_capture_on_commit_callbacks(execute=True):
        anon_client.post(f"{follow}afsluiten/")
    question.refresh_from_db()
    assert question.status == Status.CLOSED
    rating_mail = to_asker()[-1]
    four = re.search(r"4: \S+/vragen/tevredenheid/\S+/4/", rating_mail.body).group(0).split("8000", 1)[-1]
    assert anon_client.get(four).status_code == 200
    anon_client.post(four, {"comment": "Snel en duidelijk"})
    assert (question.satisfaction.score, question.satisfaction.comment) == (4, "Snel en duidelijk")

    # and: the cell turns it into a draft knowledge article (the real knowledge centre), anonymised
    from apps.knowledge.models import Article

    cell_client.post(reverse("questions:to_article", kwargs={"uuid": question.uuid}))
    article = Article.objects.get()
    question.refresh_from_db()
    assert question.knowledge_article_url == article.get_absolute_url()
    assert article.state == "draft"
    assert article.source_question_url.endswith(question.get_absolute_url())
    text = article.title + article.summary + article.body
    assert "Greet" not in text and "greet@mail.test" not in text and SECRET not in text
    assert "buurgemeenten" in article.body
    # once only
    assert cell_client.post(reverse("questions:to_article", kwargs={"uuid": question.uuid})).status_code == 403


@pytest.mark.django_db
def test_forged_link_is_refused(anon_client, make_question):
    question = make_question()
    token = make_token(question)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = anon_client.post(reverse("questions:follow", kwargs={"token": forged}), {"body": "hallo"})
    assert response.status_code == 403 and "ongeldig" in response.content.decode()
    # a rating token does not open the question page, nor the reverse
    assert (
        anon_client.get(reverse("questions:follow", kwargs={"token": make_token(question, RATING)})).status_code == 403
    )
    assert anon_client.get(reverse("questions:rate", kwargs={"token": token, "score": 5})).status_code == 403
    assert Reply.objects.count() == 0 and Satisfaction.objects.count() == 0


@pytest.mark.django_db
def test_rating_before_closing_changes_nothing(anon_client, make_question):
    question = make_question()
    response = anon_client.get(reverse("questions:rate", kwargs={"token": make_token(question, RATING), "score": 5}))
    assert response.status_code == 409 and Satisfaction.objects.count() == 0


@pytest.mark.django_db
def test_visibility(make_question, citizen, citizen_client, library_staff, library_client, cell_client, library):
    own = make_question(asker_email=citizen.email)
    of_library = make_question(subject="Bib", organisation=library)
    other = make_question(subject="Ander")
    AffiliationFactory(user=library_staff, organisation=library)
    url = lambda q: reverse("questions:detail", kwargs={"uuid": q.uuid})  # noqa: E731
    assert citizen_client.get(url(own)).status_code == 200
    assert citizen_client.get(url(other)).status_code == 404
    assert library_client.get(url(of_library)).status_code == 200
    assert library_client.get(url(other)).status_code == 404
    assert cell_client.get(url(other)).status_code == 200
    mine = citizen_client.get(reverse("questions:mine")).content.decode()
    assert own.subject in mine and "Ander" not in mine


@pytest.mark.django_db
def test_internal_notes_never_reach_the_asker(
    make_question, citizen, citizen_client, cell_staff, django_capture_on_commit_callbacks
):
    question = make_question(asker_email=citizen.email)
    services.question_note_add(actor=cell_staff, question=question, body=SECRET)
    with django_capture_on_commit_callbacks(execute=True):
        services.question_reply(actor=cell_staff, question=question, body="Antwoord", then="answer")
    page = citizen_client.get(question.get_absolute_url()).content.decode()
    assert "Antwoord" in page and SECRET not in page
    assert all(SECRET not in m.body for m in mail.outbox)
    # the asker's API access is refused altogether
    assert citizen_client.get(f"/api/questions/{question.uuid}/").status_code in (403, 404)


@pytest.mark.django_db
def test_handling_refused_for_non_cell(make_question, citizen, citizen_client, library_client, anon_client, cell_staff):
    question = make_question(asker_email=citizen.email)
    before = (question.status, question.assignee_id, question.acknowledged_at)
    for client in (citizen_client, library_client):
        for name, data in [
            ("reply", {"reply-body": "x", "reply-then": "answer"}),
            ("note", {"note-body": "x"}),
            ("assign", {"assignee": cell_staff.pk}),
            ("transition_close", {}),
        ]:
            response = client.post(reverse(f"questions:{name}", kwargs={"uuid": question.uuid}), data)
            assert response.status_code in (403, 404), name
    anonymous = anon_client.post(reverse("questions:reply", kwargs={"uuid": question.uuid}), {"body": "x"})
    assert anonymous.status_code in (302, 404)
    question.refresh_from_db()
    assert (question.status, question.assignee_id, question.acknowledged_at) == before
    assert Reply.objects.count() == 0 and InternalNote.objects.count() == 0


@pytest.mark.django_db
def test_logged_in_asker_replies_and_reopens(make_question, citizen, citizen_client, cell_staff):
    question = make_question(asker_email=citizen.email)
    services.question_reply(actor=cell_staff, question=question, body="Antwoord", then="answer")
    citizen_client.post(reverse("questions:asker_reply", kwargs={"uuid": question.uuid}), {"body": "Nog een vraag"})
    question.refresh_from_db()
    assert question.status == Status.REOPENED
    assert question.replies.filter(from_asker=True).get().author == citizen
    assert citizen.notifications.filter(title__startswith="Nieuw bericht over je vraag").count() == 1
    assert cell_staff.notifications.filter(title__contains="Reactie van de vraagsteller").exists()


@pytest.mark.django_db
def test_workflow_refuses_a_step_it_does_not_declare(make_question, cell_staff, cell_client):
    question = make_question()
    response = cell_client.post(reverse("questions:transition_reopen", kwargs={"uuid": question.uuid}))
    assert response.status_code == 403
    assert Question.objects.get().status == Status.NEW


@pytest.mark.django_db
def test_attachments_with_replies_and_via_the_link(make_question, cell_client, anon_client, cell_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.core.models import Attachment

    question = make_question()
    token = make_token(question)
    pdf = SimpleUploadedFile("antwoord.pdf", b"%PDF-1.4\n%x\n", content_type="application/pdf")
    cell_client.post(
        reverse("questions:reply", kwargs={"uuid": question.uuid}),
        {"reply-body": "Zie bijlage", "reply-then": "answer", "reply-attachments": [pdf]},
    )
    attachment = Attachment.objects.get()
    assert attachment.content_object == question and "Bij het bericht van" in attachment.description
    download = anon_client.get(reverse("questions:follow_attachment", kwargs={"token": token, "uuid": attachment.uuid}))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # a bad file with the asker's reply: refused, nothing stored
    exe = SimpleUploadedFile("x.exe", b"MZ\x90\x00" + bytes(64), content_type="application/octet-stream")
    page = anon_client.post(
        reverse("questions:follow", kwargs={"token": token}), {"body": "En dit?", "attachments": [exe]}
    )
    assert "niet toegestaan" in page.content.decode()
    assert Attachment.objects.count() == 1 and question.replies.filter(from_asker=True).count() == 0
    # another question's link cannot fetch this file
    other = make_token(make_question(subject="Ander"))
    assert (
        anon_client.get(
            reverse("questions:follow_attachment", kwargs={"token": other, "uuid": attachment.uuid})
        ).status_code
        == 404
    )
