"""Scoped reads of the knowledge centre, used by pages, exports, the API, search and the questions desk."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from apps.core.compiled import CompiledQuery
from apps.core.rules import is_cell_staff, is_professional
from apps.knowledge.models import Article, ArticleState, Theme, Visibility


def article_visible_to(user) -> QuerySet:
    """Articles the user may open: the same rule as `knowledge.view_article`, as a queryset."""
    queryset = Article.objects.select_related("owner")
    if is_cell_staff(user):
        return queryset
    visible = Q(state=ArticleState.PUBLISHED, visibility=Visibility.PUBLIC)
    if is_professional(user):
        visible |= Q(state=ArticleState.PUBLISHED)
    if user is not None and user.is_authenticated:
        visible |= Q(owner=user)
    return queryset.filter(visible)


def article_list(*, user) -> QuerySet:
    return article_visible_to(user).prefetch_related("pillars", "themes")


def _article_by_slug(slug: str) -> QuerySet:
    return Article.objects.select_related("owner").filter(slug=slug)


def _article_organisations(article_id: int) -> QuerySet:
    from apps.registry.models import Organisation

    return Organisation.objects.filter(articles=article_id).select_related("municipality").order_by("kind", "name")


def _article_municipalities(article_id: int) -> QuerySet:
    from apps.registry.models import TerritorialUnit

    return TerritorialUnit.objects.filter(articles=article_id).defer("boundary").order_by("name_nl")


def _article_themes_of(article_id: int) -> QuerySet:
    return Theme.objects.filter(articles=article_id)


def _article_pillars_of(article_id: int) -> QuerySet:
    from apps.core.models import Pillar

    return Pillar.objects.filter(articles=article_id)


def _related_ids(article_id: int) -> QuerySet:
    return Article.related.through.objects.filter(from_article_id=article_id).values("to_article_id")


def _related_articles(article_id: int) -> QuerySet:
    return Article.objects.select_related("owner").filter(pk__in=_related_ids(article_id)).order_by("title")


# An article page's queries are the same on every request but for the article (apps.core.compiled).
# Those scoped to the user are compiled only for users who may open every article (cell staff):
# any narrower scope is built into a plain queryset on each request.
_compiled = {
    "by_slug": CompiledQuery(_article_by_slug),
    "organisations": CompiledQuery(_article_organisations),
    "municipalities": CompiledQuery(_article_municipalities),
    "themes": CompiledQuery(_article_themes_of),
    "pillars": CompiledQuery(_article_pillars_of),
    "related": CompiledQuery(_related_articles),
}


def article_for_page(*, user, slug: str) -> Article | None:
    """The article with this slug if the user may open it (the rule of `article_visible_to`), else None."""
    scoped = not is_cell_staff(user)
    found = list(article_visible_to(user).filter(slug=slug)) if scoped else _compiled["by_slug"](slug=slug)
    return found[0] if found else None


@dataclass
class ArticleFacts:
    organisations: list
    municipalities: list
    related_articles: list[Article]
    themes: list[Theme]
    pillars: list


def article_facts(*, article: Article, user) -> ArticleFacts:
    """What an article page shows besides the article: related records, and the related articles the user
    may open (`article_visible_to`)."""
    if is_cell_staff(user):
        related = _compiled["related"](article_id=article.pk)
    else:
        related = list(article_visible_to(user).filter(pk__in=_related_ids(article.pk)).order_by("title"))
    return ArticleFacts(
        organisations=_compiled["organisations"](article_id=article.pk),
        municipalities=_compiled["municipalities"](article_id=article.pk),
        related_articles=related,
        themes=_compiled["themes"](article_id=article.pk),
        pillars=_compiled["pillars"](article_id=article.pk),
    )


_themes = CompiledQuery(lambda: Theme.objects.order_by("name"))
_demo_article = CompiledQuery(lambda: Article.objects.filter(is_demo=True).only("id")[:1])


def theme_list() -> list[Theme]:
    """Every theme, by name (the list page's theme links)."""
    return _themes()


def has_demo_articles() -> bool:
    return bool(_demo_article())


def article_list_lean(*, user) -> QuerySet:
    """The article list page's list: the articles the user may open, nothing per row (see `article_list_rows`)."""
    return article_visible_to(user)


def article_list_rows(queryset: QuerySet) -> QuerySet:
    """The columns of the article list pages, for the shown page only (themes: `theme_names_by_article`)."""
    # The owner's names as annotations: the owner column needs no user records.
    return (
        queryset.select_related(None)
        .only("id", "slug", "title", "kind", "state", "visibility", "review_due_on", "published_at", "is_demo")
        .annotate(
            owner_username=F("owner__username"),
            owner_first_name=F("owner__first_name"),
            owner_last_name=F("owner__last_name"),
        )
    )


def _article_themes(article_ids: list[int]) -> QuerySet:
    return (
        Article.themes.through.objects.filter(article_id__in=article_ids)
        .annotate(theme_name=F("theme__name"))
        .only("article_id")
        .order_by("theme__name", "theme_id")
    )


# The themes of a page of articles: the same query on every request but for the keys (apps.core.compiled).
_page_themes = CompiledQuery(_article_themes)


def theme_names_by_article(article_ids: list[int] | None = None) -> dict[int, list[str]]:
    """{article id: its theme names in name order} for the given articles (every article when None)."""
    if article_ids is None:
        rows = Article.themes.through.objects.annotate(theme_name=F("theme__name")).only("article_id")
        rows = rows.order_by("theme__name", "theme_id")
    elif not article_ids:
        return {}
    else:
        rows = _page_themes(article_ids=list(article_ids))
    names: dict[int, list[str]] = {}
    for row in rows:
        names.setdefault(row.article_id, []).append(row.theme_name)
    return names


def public_article_list(*, user=None) -> QuerySet:
    """The public knowledge site: published public articles only, whoever asks."""
    return (
        Article.objects.filter(state=ArticleState.PUBLISHED, visibility=Visibility.PUBLIC)
        .select_related("owner")
        .prefetch_related("pillars", "themes")
    )


def articles_for_organisation(*, user, organisation) -> QuerySet:
    return article_visible_to(user).filter(organisations=organisation).order_by("title")


def overdue_articles(*, today: datetime.date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    return Article.objects.filter(state=ArticleState.PUBLISHED, review_due_on__lt=today).order_by(
        "owner_id", "review_due_on", "title"
    )


@dataclass
class OwnerOverdue:
    owner: object
    count: int


def overdue_by_owner(*, today: datetime.date | None = None) -> list[OwnerOverdue]:
    from django.contrib.auth import get_user_model

    rows = overdue_articles(today=today).order_by().values("owner").annotate(n=Count("pk")).order_by("-n", "owner")
    owners = get_user_model().objects.in_bulk([row["owner"] for row in rows])
    return [OwnerOverdue(owners[row["owner"]], row["n"]) for row in rows]


@dataclass
class ArticleHit:
    article: Article
    score: float
    title_html: str
    snippet_html: str


def search_articles(*, user, query: str, limit: int = 5) -> list[ArticleHit]:
    """Published articles the user may read that best answer `query` (for "suggested articles"); stable."""
    from apps.search.selectors import search

    page = search(user=user, query=query, filters={"source": ["knowledge.article"]}, page=1, per_page=limit)
    ids = [int(hit.object_id) for hit in page.hits]
    articles = article_visible_to(user).in_bulk(ids)
    return [
        ArticleHit(articles[int(hit.object_id)], hit.score, hit.title_html, hit.snippet_html)
        for hit in page.hits
        if int(hit.object_id) in articles
    ]
