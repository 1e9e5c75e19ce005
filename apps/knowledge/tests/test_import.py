"""Articles in bulk through the generic import engine: JSON Lines and CSV, dry run, atomic commit, sanitising."""

import hashlib
import io
import json
from unittest import mock

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.imports.engine import get_definition, run_import
from apps.knowledge.models import Article, ArticleState, Theme
from apps.knowledge.tests.factories import make_article
from apps.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def jsonl(*records) -> bytes:
    return "\n".join(json.dumps(record, ensure_ascii=False) for record in records).encode()


def run(data: bytes, actor, *, commit=False, filename="artikels.jsonl"):
    return run_import(
        definition=get_definition("knowledge-articles"),
        fileobj=io.BytesIO(data),
        filename=filename,
        actor=actor,
        commit=commit,
    )


def checksum() -> str:
    rows = [repr(sorted((k, str(v)) for k, v in row.items())) for row in Article.objects.order_by("pk").values()]
    rows += [repr(row) for row in Article.themes.through.objects.order_by("pk").values_list()]
    rows += [repr(row) for row in SearchDocument.objects.order_by("pk").values_list("source", "object_id", "title")]
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@pytest.fixture
def theme():
    return Theme.objects.create(name="Voorlezen", slug="voorlezen")


GOOD = [
    {
        "title": "Voorleesuurtje in Geel",
        "summary": "Elke woensdag lezen vrijwilligers voor.",
        "body": "<p onclick='steel()'>Tekst <script>alert(1)</script><a href='javascript:x()'>link</a></p>",
        "type": "goede praktijk",
        "tags": ["voorlezen"],
        "visibility": "publiek",
    },
    {"title": "Trendnota lezen", "summary": "Kort.", "type": "trend_note", "tags": "Voorlezen", "visibility": "intern"},
]


def test_jsonl_dry_run_then_commit(cell_staff, theme):
    before = checksum()
    result = run(jsonl(*GOOD), cell_staff)
    assert result.ok, result.errors
    assert result.counts["create"] == 2 and not result.committed
    assert checksum() == before

    result = run(jsonl(*GOOD), cell_staff, commit=True)
    assert result.committed
    article = Article.objects.get(title="Voorleesuurtje in Geel")
    assert article.state == ArticleState.DRAFT and article.visibility == "public" and article.kind == "good_practice"
    assert list(article.themes.all()) == [theme]
    assert "script" not in article.body and "onclick" not in article.body and "javascript:" not in article.body
    assert Article.objects.get(title="Trendnota lezen").visibility == "internal"
    assert article.history.exists()

    # The same file again changes nothing; a changed summary updates the article found by its title.
    assert run(jsonl(*GOOD), cell_staff, commit=True).counts["unchanged"] == 2
    changed = dict(GOOD[1], summary="Nieuwe samenvatting.")
    result = run(jsonl(changed), cell_staff, commit=True)
    assert result.counts["update"] == 1
    assert Article.objects.get(title="Trendnota lezen").summary == "Nieuwe samenvatting."


def test_csv_with_english_keys_and_dutch_labels(cell_staff, theme):
    data = (
        b"Titel;Samenvatting;Tekst;Soort;Thema's;Zichtbaarheid\n"
        b"CSV-artikel;Kort;<p>Hallo</p>;FAQ-antwoord;voorlezen;publiek\n"
    )
    result = run(data, cell_staff, commit=True, filename="artikels.csv")
    assert result.committed, result.errors
    assert Article.objects.get(title="CSV-artikel").kind == "faq"
    data = b"title,summary,body,type,tags,visibility\nTweede,Kort,,publication,,internal\n"
    assert run(data, cell_staff, commit=True, filename="artikels.csv").committed


def test_bad_rows_give_dutch_errors_per_row_and_change_nothing(cell_staff, theme):
    make_article(cell_staff, title="Bestaand")
    before = checksum()
    bad = [
        GOOD[0],
        {"title": "", "summary": "Geen titel"},
        {"title": "Onbekend soort", "summary": "x", "type": "roman"},
        {"title": "Onbekend thema", "summary": "x", "tags": ["sterrenkunde"]},
        {"title": "Rare zichtbaarheid", "summary": "x", "visibility": "geheim"},
        {"title": "Verkeerde sleutel", "summary": "x", "slug": "bestaat-niet"},
    ]
    result = run(jsonl(*bad), cell_staff, commit=True)
    assert not result.committed
    rows = {error["row"] for error in result.errors}
    assert rows == {2, 3, 4, 5, 6}
    messages = " ".join(error["message"] for error in result.errors)
    assert "verplicht" in messages and "Onbekende waarde" in messages and "Onbekend thema" in messages
    assert "korte naam" in messages
    assert checksum() == before


def test_unusable_jsonl_is_refused_in_dutch(cell_staff):
    from apps.imports.readers import FileRejected

    with pytest.raises(FileRejected, match="geen geldige JSON"):
        run(b'{"title": "a", "summary": "b"}\n{kapot\n', cell_staff)
    with pytest.raises(FileRejected, match="JSON-object"):
        run(b'["title"]\n', cell_staff)
    assert not Article.objects.exists()


def test_a_fault_mid_commit_leaves_the_database_as_before(cell_staff, theme):
    from apps.knowledge import services

    make_article(cell_staff, title="Bestaand")
    before = checksum()
    real_create = services.article_create
    calls = {"n": 0}

    def failing_create(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("stroompanne")
        return real_create(**kwargs)

    with mock.patch.object(services, "article_create", failing_create), pytest.raises(RuntimeError):
        run(jsonl(*GOOD), cell_staff, commit=True)
    assert calls["n"] == 2
    assert checksum() == before


def test_library_staff_may_not_import_and_nothing_changes(library_staff, cell_staff, theme):
    from django.core.exceptions import PermissionDenied

    from apps.imports.services import import_check

    before = checksum()
    with pytest.raises(PermissionDenied):
        import_check(
            actor=library_staff,
            definition=get_definition("knowledge-articles"),
            upload=io.BytesIO(jsonl(*GOOD)),
            filename="a.jsonl",
        )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=library_staff).key}")
    upload = io.BytesIO(jsonl(*GOOD))
    upload.name = "artikels.jsonl"
    response = client.post(
        "/api/imports/", {"model": "knowledge-articles", "file": upload, "dry_run": "false"}, format="multipart"
    )
    assert response.status_code == 403
    assert checksum() == before


def test_api_import_jsonl(cell_staff, theme):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=cell_staff).key}")
    upload = io.BytesIO(jsonl(*GOOD))
    upload.name = "artikels.jsonl"
    response = client.post(
        "/api/imports/", {"model": "knowledge-articles", "file": upload, "dry_run": "true"}, format="multipart"
    )
    assert response.status_code in {200, 201}, response.content
    assert response.json()["counts"]["create"] == 2 and not Article.objects.exists()
    upload = io.BytesIO(jsonl(*GOOD))
    upload.name = "artikels.jsonl"
    response = client.post(
        "/api/imports/", {"model": "knowledge-articles", "file": upload, "dry_run": "false"}, format="multipart"
    )
    assert response.json()["committed"], response.content
    assert Article.objects.count() == 2


def test_upload_page_offers_articles(cell_client, theme):
    from django.urls import reverse

    response = cell_client.get(reverse("imports:upload"))
    assert response.status_code == 200
    assert "Kennisartikels" in response.content.decode()


def test_knowledge_home_links_to_the_import_for_cell_staff_only(cell_client, library_client):
    from django.urls import reverse

    url = reverse("imports:upload") + "?model=knowledge-articles"
    assert url in cell_client.get(reverse("knowledge:home")).content.decode().replace("&amp;", "&")
    assert url not in library_client.get(reverse("knowledge:home")).content.decode().replace("&amp;", "&")
