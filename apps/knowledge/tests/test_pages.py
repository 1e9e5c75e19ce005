"""The article list and article page after the speed-up: same cells, same related records, same scoping."""

import datetime

import pytest
from django.urls import reverse

from apps.knowledge import selectors
from apps.knowledge.models import Article, Theme
from apps.knowledge.tables import ArticleTable
from apps.knowledge.tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def themes():
    return [
        Theme.objects.create(name=name, slug=name.lower()) for name in ("Voorlezen", "Lezen & schrijven", "Archief")
    ]


def test_list_shows_each_articles_themes_in_name_order(cell_client, cell_staff, themes):
    with_themes = make_article(cell_staff, title="Met thema's")
    with_themes.themes.set(themes[:2])
    make_article(cell_staff, title="Zonder thema's")
    content = cell_client.get(reverse("knowledge:home")).content.decode()
    row = next(line for line in content.split("<tr") if "Met thema" in line)
    assert "<td >Lezen &amp; schrijven, Voorlezen</td>" in row or ">Lezen &amp; schrijven, Voorlezen</td>" in row
    empty_row = next(line for line in content.split("<tr") if "Zonder thema" in line)
    assert "Voorlezen" not in empty_row and "Archief" not in empty_row


def test_export_has_the_themes_of_every_row_not_only_the_shown_page(cell_client, cell_staff, themes):
    for index in range(30):
        article = make_article(cell_staff, title=f"Artikel {index:02d}", publish=False)
        article.themes.set([themes[index % 3]])
    response = cell_client.get(reverse("knowledge:home") + "?export=csv&sort=title")
    lines = response.content.decode().splitlines()[1:]
    assert len(lines) == 30
    # The export carries the names as they are, not the cell's HTML-escaped text.
    expected = {0: "Voorlezen", 1: "Lezen & schrijven", 2: "Archief"}
    for index, line in enumerate(lines):
        assert line.startswith(f"Artikel {index:02d},")
        assert expected[index % 3] in line
        assert "&amp;" not in line


def test_theme_names_by_article():
    assert selectors.theme_names_by_article([]) == {}


def test_theme_names_by_article_reads_only_the_given_articles(cell_staff, themes):
    first, second = make_article(cell_staff), make_article(cell_staff)
    first.themes.set(themes)
    second.themes.set(themes[:1])
    assert selectors.theme_names_by_article([first.pk]) == {first.pk: ["Archief", "Lezen & schrijven", "Voorlezen"]}
    assert selectors.theme_names_by_article(None)[second.pk] == ["Voorlezen"]


def test_review_date_cell_is_what_the_date_filter_writes(cell_staff):
    article = make_article(cell_staff)
    column = ArticleTable([article]).columns["review_due_on"]
    assert column.column.render(datetime.date(2027, 3, 9), column) == "09/03/2027"


def test_article_page_related_articles_follow_the_readers_scope(cell_client, library_client, cell_staff):
    article = make_article(cell_staff, title="Hoofdartikel")
    draft = make_article(cell_staff, title="Verwant ontwerp", publish=False)
    internal = make_article(cell_staff, title="Verwante interne nota", visibility="internal")
    article.related.set([draft, internal])
    staff_page = cell_client.get(article.get_absolute_url()).content.decode()
    assert "Verwant ontwerp" in staff_page and "Verwante interne nota" in staff_page
    library_page = library_client.get(article.get_absolute_url()).content.decode()
    assert "Verwant ontwerp" not in library_page and "Verwante interne nota" in library_page


def test_article_page_lookup_keeps_the_permission_rule(cell_client, library_client, anon_client, cell_staff):
    draft = make_article(cell_staff, title="Ontwerp", publish=False)
    assert cell_client.get(draft.get_absolute_url()).status_code == 200
    assert library_client.get(draft.get_absolute_url()).status_code == 404
    assert cell_client.get(reverse("knowledge:article_detail", kwargs={"slug": "bestaat-niet"})).status_code == 404


def test_article_facts_match_the_relations(cell_staff, themes):
    article = make_article(cell_staff)
    article.themes.set(themes[1:])
    facts = selectors.article_facts(article=article, user=cell_staff)
    assert [t.name for t in facts.themes] == [t.name for t in article.themes.all()]
    assert list(facts.pillars) == list(article.pillars.all())
    assert facts.organisations == [] and facts.municipalities == [] and facts.related_articles == []


def test_article_page_queries_are_constant(cell_client, cell_staff, themes, assert_constant_queries):
    article = make_article(cell_staff, title="Hoofdartikel")

    def make_rows(n):
        for _ in range(n):
            other = make_article(cell_staff)
            article.related.add(other)
            other.themes.set(themes)
        article.themes.set(Theme.objects.all())

    assert_constant_queries(cell_client, article.get_absolute_url(), make_rows, n=2, max_queries=16)
    assert Article.objects.count() > 1


def test_owner_cell_is_the_full_name_or_the_username(cell_client, cell_staff):
    named = make_article(cell_staff, title="Van iemand met een naam")
    unnamed = make_article(cell_staff, title="Van iemand zonder naam")
    owner = named.owner
    owner.first_name, owner.last_name = "Ann", "De <Smet>"
    owner.save()
    other = type(owner).objects.create(username="zondernaam", email="zondernaam@example.org")
    Article.objects.filter(pk=unnamed.pk).update(owner=other)
    content = cell_client.get(reverse("knowledge:home")).content.decode()
    named_row = next(line for line in content.split("<tr") if "Van iemand met een naam" in line)
    unnamed_row = next(line for line in content.split("<tr") if "Van iemand zonder naam" in line)
    assert ">Ann De &lt;Smet&gt;</td>" in named_row
    assert ">zondernaam</td>" in unnamed_row
