"""Suggested articles while answering, from the knowledge centre's own search."""

import pytest
from django.urls import reverse

from apps.knowledge.tests.factories import make_article
from apps.questions import knowledge


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
