"""The search page's one-pass facet sidebar and shared word matching give what the template and plain matching gave."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from apps.search import snippets
from apps.search.engine import FacetValue
from apps.search.templatetags.search_tags import search_facets

# The facet sidebar as results.html wrote it with template loops.
TEMPLATE_LOOP = """{% load i18n search_tags %}<aside class="filters" aria-labelledby="facets-title">
      <h2 id="facets-title">{% translate "Verfijnen" %}</h2>
      {% for name, values in results.facets.items %}{% if values %}
      <section aria-labelledby="facet-{{ name }}">
        <h3 id="facet-{{ name }}">{% for key, title in facet_titles.items %}{% if key == name %}{{ title }}{% endif %}{% endfor %}</h3>
        <ul class="facet-list">
          {% for value in values %}
          <li><a href="?{% facet_toggle_query request name value.code %}"{% if value.selected %} aria-current="true"{% endif %}>{% if value.selected %}✓ {% endif %}{{ value.label }}</a> <span class="muted">({{ value.count }})</span></li>
          {% endfor %}
        </ul>
      </section>
      {% endif %}{% endfor %}
      {% if active_filters %}<p><a href="?q={{ query|urlencode }}">{% translate "Alle filters wissen" %}</a></p>{% endif %}
    </aside>"""  # noqa: E501

FACETS = {
    "kind": [FacetValue("faq", "FAQ-antwoord", 3, True), FacetValue("trend_note", "Trend & <nota>", 1200, False)],
    "pillar": [],
    "value": [FacetValue("educatie", "Educatie", 2, False)],
    "year": [FacetValue("2025", "2025", 1, True), FacetValue("2024", "2024", 4, False)],
}
TITLES = {"kind": "Soort", "pillar": "Pijler", "value": "Waarde", "year": "Jaar"}


@pytest.mark.parametrize(
    "query_string",
    [
        "q=voorlezen",
        "q=e-boeken+uitlenen&kind=faq&year=2025&page=3&live=1",
        "kind=faq&q=caf%C3%A9%20%26%20%22lezen%22&kind=trend_note&value=educatie",
        "",
    ],
)
def test_search_facets_write_what_the_template_wrote(query_string):
    request = RequestFactory().get("/zoeken/?" + query_string)
    query = request.GET.get("q", "")
    active = {name: request.GET.getlist(name) for name in FACETS if request.GET.getlist(name)}
    context = {"results": {"facets": FACETS}, "facet_titles": TITLES, "request": request, "active_filters": active}
    expected = Template(TEMPLATE_LOOP).render(Context({**context, "query": query}))
    assert search_facets(request, FACETS, TITLES, active, query) == expected


def test_shared_word_matching_changes_no_snippet():
    text = "Voorlezen in de bib: voorleesuurtjes, voorlezers en een voorleesweek. Lezen is fijn; voorlezen ook."
    terms, lexicon = {"voorlez", "lez"}, frozenset({"voorlezen", "lezen", "week"})
    shared = snippets.snippet(text, terms, lexicon), snippets.highlight(text, terms, lexicon)
    snippets._memo.clear()
    fresh_words = snippets._matched_words(terms, lexicon)
    plain = [snippets._matches(word, terms, lexicon) for word in ("voorlezen", "bib", "voorleesweek", "lezen")]
    assert [fresh_words.get(word) for word in ("voorlezen",)] == [None]
    assert (snippets.snippet(text, terms, lexicon), snippets.highlight(text, terms, lexicon)) == shared
    assert [snippets._matched_words(terms, lexicon)[word] for word in ("voorlezen", "bib", "lezen")] == [
        plain[0],
        plain[1],
        plain[3],
    ]


HITS_LOOP = """{% load i18n %}{% for hit in results.hits %}
        <li class="search-hit">
          <h3><a href="{{ hit.url }}">{{ hit.title_html }}</a>{% if hit.is_demo %} <span class="badge badge--demo">{% translate "demo" %}</span>{% endif %}</h3>
          <p class="muted">{{ hit.kind_label }}{% if hit.year %} · {{ hit.year }}{% endif %}</p>
          <p>{{ hit.snippet_html }}</p>
        </li>
        {% endfor %}"""  # noqa: E501


def test_search_hit_items_write_what_the_template_wrote():
    from django.utils.safestring import mark_safe

    from apps.search.selectors import SearchHit
    from apps.search.templatetags.search_tags import search_hit_items

    def hit(**changes):
        fields = {
            "source": "knowledge.article",
            "source_label": "Artikel",
            "object_id": "1",
            "url": "/kennis/artikels/a/?x=1&y=<2>",
            "title": "A & B",
            "title_html": mark_safe("<mark>A</mark> &amp; B"),
            "snippet_html": mark_safe("… <mark>voorlezen</mark> &lt;script&gt; …"),
            "kind": "faq",
            "kind_label": "FAQ & <antwoord>",
            "year": 2025,
            "score": 1.0,
            "is_demo": False,
        }
        return SearchHit(**{**fields, **changes})

    hits = [hit(), hit(is_demo=True, year=None), hit(title_html="plain <b>", snippet_html="plain & text")]
    expected = Template(HITS_LOOP).render(Context({"results": {"hits": hits}}))
    assert search_hit_items(hits) == expected
    assert search_hit_items([]) == ""
