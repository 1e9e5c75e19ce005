import pytest
from rest_framework.test import APIClient

from apps.knowledge.models import Article
from apps.knowledge.tests.factories import make_article

pytestmark = pytest.mark.django_db


def client_for(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_search_api_is_scoped(cell_staff, library_staff):
    make_article(cell_staff, title="Publiek voorlezen")
    make_article(cell_staff, title="Intern voorlezen", visibility="internal")
    anonymous = client_for().get("/api/search/", {"q": "voorlezen"}).json()
    assert [r["title"] for r in anonymous["results"]] == ["Publiek voorlezen"]
    assert anonymous["total"] == 1
    staff = client_for(library_staff).get("/api/search/", {"q": "voorlezen"}).json()
    assert staff["total"] == 2 and "kind" in staff["facets"]


def test_search_api_bad_input(cell_staff):
    for q in ["", "*", "x" * 10_000, '" OR 1=1 --']:
        assert client_for(cell_staff).get("/api/search/", {"q": q}).status_code == 200


def test_article_api_read_and_write(cell_staff):
    response = client_for(cell_staff).post(
        "/api/knowledge/articles/",
        {"title": "Via API", "summary": "Kort", "body": "<p onclick='x()'>Tekst</p>", "kind": "faq"},
        format="json",
    )
    assert response.status_code == 201, response.content
    article = Article.objects.get(title="Via API")
    assert "onclick" not in article.body
    listed = client_for(cell_staff).get("/api/knowledge/articles/", {"kind": "faq"}).json()
    assert [a["title"] for a in listed["results"]] == ["Via API"]


def test_article_api_refuses_library_staff(library_staff):
    response = client_for(library_staff).post(
        "/api/knowledge/articles/", {"title": "Nee", "summary": "Nee"}, format="json"
    )
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_anonymous_list_shows_only_public(cell_staff):
    make_article(cell_staff, title="Publiek")
    make_article(cell_staff, title="Intern", visibility="internal")
    make_article(cell_staff, title="Ontwerp", publish=False)
    titles = [a["title"] for a in client_for().get("/api/knowledge/articles/").json()["results"]]
    assert titles == ["Publiek"]


def test_anonymous_can_read_a_public_article_but_not_an_internal_one(cell_staff):
    public = make_article(cell_staff, title="Publiek artikel")
    internal = make_article(cell_staff, title="Intern artikel", visibility="internal")
    draft = make_article(cell_staff, title="Ontwerp", publish=False)
    anonymous = client_for()
    response = anonymous.get(f"/api/knowledge/articles/{public.slug}/")
    assert response.status_code == 200
    assert response.json()["title"] == "Publiek artikel"
    assert anonymous.get(f"/api/knowledge/articles/{internal.slug}/").status_code == 404
    assert anonymous.get(f"/api/knowledge/articles/{draft.slug}/").status_code == 404
    # Reading does not open writing: an anonymous change is refused and nothing changes.
    assert anonymous.patch(f"/api/knowledge/articles/{public.slug}/", {"title": "X"}, format="json").status_code in {
        401,
        403,
    }
    public.refresh_from_db()
    assert public.title == "Publiek artikel"
