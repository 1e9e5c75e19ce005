"""Suggested articles while answering, from the knowledge centre's own search."""

import pytest
from django.urls import reverse

from apps.knowledge.tests.factories import make_article
from apps.questions import knowledge, services


@pytest.mark.django_db
def test_suggested_articles_on_the_handler_page(cell_staff, cell_client, make_question):
    make_article(cell_staff, title="Samenwerking tussen bibliotheken starten", body="<p>Begin klein.</p>")
    question = make_question(subject="Hoe starten we een samenwerking?")
    suggestions = knowledge.suggested_articles(user=cell_staff, query=question.subject)
    assert [s.title for s in suggestions] == ["Samenwerking tussen bibliotheken starten"]
    page = cell_client.get(question.get_absolute_url()).content.decode()
    assert "Misschien helpen deze kennisartikels" in page and suggestions[0].url in page


@pytest.mark.django_db
def test_article_only_from_a_closed_question(cell_staff, cell_client, make_question):
    from apps.knowledge.models import Article

    question = make_question()
    response = cell_client.post(reverse("questions:to_article", kwargs={"uuid": question.uuid}))
    assert response.status_code == 403 and Article.objects.count() == 0


@pytest.mark.django_db
def test_questions_are_found_by_the_cell_only(cell_staff, citizen, make_question):
    from apps.search.selectors import search

    question = make_question(subject="Leesbevordering met de buurgemeente", asker_email=citizen.email)
    services.question_note_add(actor=cell_staff, question=question, body="geheimewoord")
    hits = search(user=cell_staff, query="leesbevordering", filters={"source": ["questions.question"]}).hits
    assert [hit.url for hit in hits] == [question.get_absolute_url()]
    assert not search(user=citizen, query="leesbevordering", filters={"source": ["questions.question"]}).hits
    assert not search(user=cell_staff, query="geheimewoord").hits
    assert not search(user=cell_staff, query="Vanhove").hits  # no asker names in the index
