"""What is searchable: apps register a source with the search engine.

A source says how to turn one of its objects into a document (or None when the
object must not be found at all, e.g. a draft), which access tag that document
carries, and which access tags a user may read. The engine never decides
visibility itself: it asks the source, which asks the app's own rules.

    register(SearchSource(
        name="knowledge.article",
        label=_("Artikel"),
        model=Article,
        queryset=lambda: Article.objects.all(),
        document=article_document,          # obj -> DocumentData | None
        access_for=article_access_for,      # user -> set of access tags
        kind_labels=lambda: dict(ArticleKind.choices),
    ))
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet


@dataclass
class DocumentData:
    title: str
    url: str
    access: str
    summary: str = ""
    body: str = ""
    kind: str = ""
    pillars: Iterable[str] = ()
    values: Iterable[str] = ()
    themes: Iterable[str] = ()
    year: int | None = None
    is_demo: bool = False


@dataclass
class SearchSource:
    name: str
    label: Any
    model: type[Model]
    queryset: Callable[[], QuerySet]
    document: Callable[[Any], DocumentData | None]
    access_for: Callable[[Any], set[str]]
    kind_labels: Callable[[], dict[str, Any]] = field(default=lambda: {})
    # Prefetches for bulk (re)indexing, so a rebuild runs a fixed number of queries per batch.
    prefetch: tuple[str, ...] = ()


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> SearchSource:
    _sources[source.name] = source
    return source


def sources() -> list[SearchSource]:
    return [_sources[name] for name in sorted(_sources)]


def source_named(name: str) -> SearchSource | None:
    return _sources.get(name)


def source_for(obj: Model) -> SearchSource | None:
    for source in _sources.values():
        if isinstance(obj, source.model):
            return source
    return None


def allowed_access(user) -> set[str]:
    """Every access tag the user may read, over all sources."""
    allowed: set[str] = set()
    for source in sources():
        allowed |= set(source.access_for(user))
    return allowed
