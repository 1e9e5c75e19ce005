import pytest
from django.urls import reverse

from apps.knowledge.models import Article, ArticleState
from apps.knowledge.tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(cell_staff):
    return {
        "public": make_article(cell_staff, title="Voorleesuurtjes in de bib", body="<p>Voorlezen</p>"),
        "internal": make_article(cell_staff, title="Interne nota over budget", visibility="internal"),
        "draft": make_article(cell_staff, title="Ontwerp", publish=False),
    }


def test_pages_for_cell_staff(cell_client, articles):
    article = articles["public"]
    for url in (
        reverse("knowledge:home"),
        reverse("knowledge:home") + "?kind=good_practice",
        reverse("knowledge:overdue"),
        reverse("knowledge:article_create"),
        article.get_absolute_url(),
        reverse("knowledge:article_history", kwargs={"slug": article.slug}),
        reverse("knowledge:article_edit", kwargs={"slug": article.slug}),
        reverse("search:search") + "?q=voorlezen",
        reverse("search:synonym_list"),
    ):
        assert cell_client.get(url).status_code == 200, url


def test_public_site_without_login(anon_client, articles):
    response = anon_client.get(reverse("knowledge:public_home"))
    assert response.status_code == 200
    assert b"Voorleesuurtjes" in response.content and b"Interne nota" not in response.content
    assert anon_client.get(articles["public"].get_public_url()).status_code == 200
    assert anon_client.get(articles["internal"].get_public_url()).status_code == 404


def test_hidden_articles_are_404(citizen_client, library_client, articles):
    assert citizen_client.get(articles["internal"].get_absolute_url()).status_code in (403, 404)
    assert library_client.get(articles["draft"].get_absolute_url()).status_code == 404
    assert library_client.get(articles["internal"].get_absolute_url()).status_code == 200


def test_search_page_hides_internal_from_anonymous(anon_client, articles):
    response = anon_client.get(reverse("search:search") + "?q=budget")
    assert response.status_code == 200 and b"Interne nota" not in response.content


def test_search_page_escapes_html(cell_client, articles):
    response = cell_client.get(reverse("search:search"), {"q": "<script>alert(1)</script>voorlezen"})
    assert response.status_code == 200 and b"<script>alert(1)" not in response.content


def test_live_search_fragment(cell_client, articles):
    response = cell_client.get(reverse("search:search"), {"q": "voorlezen", "live": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"Voorleesuurtjes" in response.content and b"<html" not in response.content


def test_transition_refused_for_library_staff_changes_nothing(library_client, articles, cell_staff):
    article = articles["public"]
    url = reverse("knowledge:article_transition", kwargs={"slug": article.slug, "name": "archive"})
    assert library_client.post(url).status_code == 403
    article.refresh_from_db()
    assert article.state == ArticleState.PUBLISHED


def test_edit_refused_for_library_staff(library_client, articles):
    article = articles["public"]
    url = reverse("knowledge:article_edit", kwargs={"slug": article.slug})
    assert library_client.post(url, {"title": "Gekaapt"}).status_code == 403
    article.refresh_from_db()
    assert article.title == "Voorleesuurtjes in de bib"


def test_overdue_report_refused_for_library_staff(library_client, anon_client):
    assert library_client.get(reverse("knowledge:overdue")).status_code == 403
    assert anon_client.get(reverse("knowledge:overdue")).status_code == 302


def test_create_through_the_form_cleans_the_body(cell_client):
    response = cell_client.post(
        reverse("knowledge:article_create"),
        {
            "title": "Met script",
            "kind": "good_practice",
            "summary": "Samenvatting",
            "body": '<p>Hallo</p><script>alert("x")</script>',
            "visibility": "public",
            "audience": "library_staff",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    article = Article.objects.get(title="Met script")
    assert "<script" not in article.body and "<p>Hallo</p>" in article.body


def test_list_page_queries_are_constant(cell_client, cell_staff, assert_constant_queries):
    assert_constant_queries(
        cell_client,
        reverse("knowledge:home"),
        lambda n: [make_article(cell_staff, publish=False) for _ in range(n)],
        n=3,
        max_queries=25,
    )


def test_public_list_queries_are_constant(anon_client, cell_staff, assert_constant_queries):
    assert_constant_queries(
        anon_client,
        reverse("knowledge:public_home"),
        lambda n: [make_article(cell_staff) for _ in range(n)],
        n=3,
        max_queries=25,
    )


def test_search_page_queries_are_constant(cell_client, cell_staff, assert_constant_queries):
    from apps.search.vocabulary import snapshot

    def make_rows(n):
        for _ in range(n):
            make_article(cell_staff, title="Artikel over lezen")
        # The index statistics are cached per index version; refresh them outside the measurement.
        snapshot()

    assert_constant_queries(
        cell_client,
        reverse("search:search") + "?q=artikel",
        make_rows,
        n=3,
        max_queries=30,
    )
