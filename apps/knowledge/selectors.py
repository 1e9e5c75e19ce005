"""Scoped reads of the knowledge centre, used by pages, exports, the API, search and the questions desk."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.core.rules import is_cell_staff, is_professional
from apps.knowledge.models import Article, ArticleState, Visibility


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
