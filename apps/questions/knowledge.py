"""The small interface to the knowledge centre (apps.knowledge / apps.search).

Questions depend on knowledge, never the other way round; both calls are
imported lazily so that the desk keeps working when the knowledge centre is
not installed, and say so instead of failing.
"""

import importlib
import inspect
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class SuggestedArticle:
    title: str
    url: str
    snippet: str = ""


def _find(name: str, modules: tuple[str, ...]):
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, name, None)
        if callable(function):
            return function
    return None


def _search():
    return _find(
        "search_articles",
        ("apps.knowledge.selectors", "apps.search.selectors"),
    )


def _create_draft():
    return _find("article_create_draft", ("apps.knowledge.services",))


def knowledge_available() -> bool:
    return _create_draft() is not None


def search_available() -> bool:
    return _search() is not None


def _as_suggestion(hit) -> SuggestedArticle:
    def pick(*names):
        for name in names:
            value = hit.get(name) if isinstance(hit, dict) else getattr(hit, name, None)
            if value:
                return value
        return ""

    article = pick("article", "object", "obj") or hit
    title = pick("title") or getattr(article, "title", "") or str(article)
    url = pick("url")
    if not url and hasattr(article, "get_absolute_url"):
        url = article.get_absolute_url()
    snippet = pick("snippet_html", "snippet") or getattr(article, "summary", "")
    return SuggestedArticle(title=str(title), url=str(url or ""), snippet=str(snippet or ""))


def suggested_articles(*, user, query: str, limit: int = 5) -> list[SuggestedArticle]:
    """Articles from the knowledge search that may answer this question (empty when search is absent)."""
    search = _search()
    if search is None or not query.strip():
        return []
    results = search(user=user, query=query, limit=limit)
    hits = getattr(results, "hits", None) or getattr(results, "results", None) or results
    return [_as_suggestion(hit) for hit in list(hits)[:limit]]


def create_article_draft(*, actor, title: str, summary: str, body: str, source_url: str):
    """Create a draft article through the knowledge centre's own service; returns the article."""
    create = _create_draft()
    if create is None:
        raise ImproperlyConfigured("apps.knowledge.services.article_create_draft is not available")
    kwargs = {"actor": actor, "title": title, "summary": summary, "body": body}
    parameters = inspect.signature(create).parameters
    # Pass the link back to the question when the knowledge service takes one; it is also in the body.
    for name in ("source_question_url", "source_url"):
        if name in parameters:
            kwargs[name] = source_url
            break
    return create(**kwargs)
