import pytest

from apps.knowledge.selectors import search_articles
from apps.knowledge.tests.factories import make_article


@pytest.mark.django_db
def test_publish_and_find(cell_staff, citizen):
    make_article(cell_staff, title="Voorleesuurtjes in de bibliotheek", body="<p>Kinderen lezen graag.</p>")
    make_article(
        cell_staff, title="Coöperatie tussen bibliotheken", body="<p>Samenwerken loont.</p>", visibility="internal"
    )
    hits = search_articles(user=cell_staff, query="voorlezen", limit=5)
    assert [h.article.title for h in hits] == ["Voorleesuurtjes in de bibliotheek"]
    assert search_articles(user=cell_staff, query="cooperatie", limit=5)
    assert not search_articles(user=citizen, query="cooperatie", limit=5)
    print(hits[0].title_html, hits[0].snippet_html)
