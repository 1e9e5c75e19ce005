"""Reads of the search app: one scoped search used by the page, the header box, the API and other apps."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from apps.core.compiled import CompiledQuery
from apps.core.models import Pillar, Value
from apps.search import registry
from apps.search.engine import FACETS, FacetValue, run_search, suggestions_for
from apps.search.snippets import highlight, snippet

MAX_PAGE = 50


@dataclass
class SearchHit:
    source: str
    source_label: str
    object_id: str
    url: str
    title: str
    title_html: SafeString
    snippet_html: SafeString
    kind: str
    kind_label: str
    year: int | None
    score: float
    is_demo: bool


@dataclass
class SearchPage:
    query: str
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str = ""
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, (self.total + self.per_page - 1) // self.per_page)

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.hits else 0


# The facet labels' reference lists, compiled once (apps.core.compiled).
_pillars = CompiledQuery(lambda: Pillar.objects.all())
_values = CompiledQuery(lambda: Value.objects.all())


def _labels() -> dict[str, dict[str, str]]:
    kinds: dict[str, str] = {}
    for source in registry.sources():
        kinds.update({code: str(label) for code, label in source.kind_labels().items()})
    return {
        "kind": kinds,
        "pillar": {p.code: p.name for p in _pillars()},
        "value": {v.code: v.name for v in _values()},
        "year": {},
    }


def search(
    *, user, query: str, filters: dict[str, list[str]] | None = None, page: int = 1, per_page: int = 10
) -> SearchPage:
    """Rank what `user` may see for `query`; facets and suggestions count only those documents."""
    per_page = max(1, min(int(per_page or 10), MAX_PAGE))
    page = max(1, min(int(page or 1), 10_000))
    allowed = registry.allowed_access(user)
    outcome = run_search(allowed=allowed, query=query, filters=filters, offset=(page - 1) * per_page, limit=per_page)
    terms = outcome.plan.highlight_terms
    lexicon = outcome.lexicon
    hits = []
    for hit in outcome.hits:
        document = hit.document
        source = registry.source_named(document.source)
        kind_labels = source.kind_labels() if source else {}
        text = document.text or document.summary
        hits.append(
            SearchHit(
                source=document.source,
                source_label=str(source.label) if source else document.source,
                object_id=document.object_id,
                url=document.url,
                title=document.title,
                title_html=highlight(document.title, terms, lexicon),
                snippet_html=snippet(
                    f"{document.summary} {text}" if document.summary != text else text, terms, lexicon
                ),
                kind=document.kind,
                kind_label=str(kind_labels.get(document.kind, document.kind)),
                year=document.year,
                score=hit.score,
                is_demo=document.is_demo,
            )
        )
    facets = {}
    if outcome.total or any(filters.values() if filters else []):
        labels = _labels()
        for name in FACETS:
            facets[name] = [
                FacetValue(v.code, labels[name].get(v.code, v.code), v.count, v.selected) for v in outcome.facets[name]
            ]
    return SearchPage(
        query=outcome.plan.text,
        hits=hits,
        total=outcome.total,
        page=page,
        per_page=per_page,
        facets=facets,
        suggestion=suggestions_for(outcome.plan),
        corrections=outcome.plan.corrections,
    )
