"""Search behaviour on a small corpus. These tests run on SQLite and PostgreSQL; the expected
orders below are the same for both, which is the "identical results" guarantee."""

import pytest

from apps.search.selectors import search

pytestmark = pytest.mark.django_db

# The same articles in the same order on both databases.
EXPECTED = {
    "voorlezen": ["Vrijwillige voorlezers opleiden", "Voorleesuurtjes voor peuters"],
    "cooperatie": ["Een coöperatie van bibliotheken"],
    "bibliotheeek openingsuren": ["Openingsuren van de bibliotheek uitbreiden"],
    "ebooks uitlenen": ["E-boeken uitlenen via het platform", "Ebooks en luisterboeken"],
    "hoe vind ik vrijwilligers voor mijn bib": ["Hoe krijg ik meer vrijwilligers in de bibliotheek?"],
    "NT2": ["Taalcafé voor nieuwkomers"],
}


def titles(user, query, **kwargs):
    return [hit.title for hit in search(user=user, query=query, **kwargs).hits]


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_same_articles_in_the_same_order(corpus, cell_staff, query):
    assert titles(cell_staff, query)[: len(EXPECTED[query])] == EXPECTED[query]


def test_title_match_ranks_first(corpus, cell_staff):
    assert titles(cell_staff, "leesbevordering")[0] == "Leesbevordering met scholen"


def test_typo_gives_a_suggestion(corpus, cell_staff):
    page = search(user=cell_staff, query="bibliotheeek")
    assert page.hits and page.suggestion


def test_snippet_is_highlighted_and_escaped(corpus, cell_staff):
    hit = search(user=cell_staff, query="coöperatie")
    assert "<mark>" in hit.hits[0].snippet_html or "<mark>" in hit.hits[0].title_html


def test_facets_count_the_visible_results(corpus, cell_staff, citizen):
    page = search(user=cell_staff, query="bibliotheek")
    kinds = {value.code: value.count for value in page.facets["kind"]}
    assert sum(kinds.values()) == page.total


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "!!! ??? ...",
        "x" * 10_000,
        '"voorlezen" OR bib*',
        "NEAR(a b) -bib",
        "<script>alert(1)</script>",
        "'; DROP TABLE search_posting; --",
        "a AND b OR NOT c",
        "ö" * 300,
    ],
)
def test_bad_input_gives_a_sensible_answer(corpus, cell_staff, query):
    page = search(user=cell_staff, query=query)
    assert page.total >= 0
    for hit in page.hits:
        assert "<script" not in hit.snippet_html and "<script" not in hit.title_html


def test_internal_articles_never_reach_outsiders(corpus, citizen, library_staff):
    from django.contrib.auth.models import AnonymousUser

    for user in (citizen, AnonymousUser()):
        page = search(user=user, query="geheime begroting budget")
        assert page.total == 0 and page.hits == []
        assert all(value.count == 0 for values in page.facets.values() for value in values)
        # Not even as a spelling suggestion: the internal words are not in their vocabulary.
        assert "geheim" not in search(user=user, query="geheimm").suggestion
    assert titles(library_staff, "geheime begroting") == ["Geheime begroting van de cel"]


def test_drafts_are_not_found(cell_staff):
    from apps.knowledge.tests.factories import make_article

    make_article(cell_staff, title="Onzichtbaar ontwerp over zeppelins", publish=False)
    assert titles(cell_staff, "zeppelins") == []


def test_synonym_edit_changes_results_at_once(corpus, cell_staff):
    from apps.search.services import synonym_create

    assert titles(cell_staff, "peuterklas") == []
    synonym_create(actor=cell_staff, terms="peuterklas, peuters")
    assert titles(cell_staff, "peuterklas") == ["Voorleesuurtjes voor peuters"]


def test_rebuild_gives_the_same_ranking(corpus, cell_staff):
    from apps.search.services import rebuild_index

    before = {query: titles(cell_staff, query) for query in EXPECTED}
    rebuild_index()
    after = {query: titles(cell_staff, query) for query in EXPECTED}
    for query in EXPECTED:
        assert after[query][: len(EXPECTED[query])] == before[query][: len(EXPECTED[query])]


def test_vacuum_after_rebuild_is_safe_inside_a_transaction(corpus, cell_staff):
    from apps.search.services import rebuild_index, vacuum_index

    rebuild_index()
    vacuum_index()  # a no-op inside the test's transaction, VACUUM ANALYZE on PostgreSQL outside one
    assert titles(cell_staff, "voorlezen")
