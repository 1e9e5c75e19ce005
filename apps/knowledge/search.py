"""How articles take part in search: the document of an article and who may read which access tag."""

from django.utils.translation import gettext_lazy as _

from apps.core.rules import is_professional
from apps.knowledge.models import Article, ArticleKind, ArticleState, Visibility
from apps.search.registry import DocumentData, SearchSource, register

PUBLIC = "knowledge:public"
INTERNAL = "knowledge:internal"


def article_document(article: Article) -> DocumentData | None:
    """Only published articles are found; drafts, reviews and the archive stay out of the index."""
    from apps.knowledge.services import html_to_text

    if article.state != ArticleState.PUBLISHED:
        return None
    public = article.visibility == Visibility.PUBLIC
    themes = list(article.themes.all())
    theme_names = " ".join(theme.name for theme in themes)
    published = article.published_at or article.created_at
    return DocumentData(
        title=article.title,
        url=article.get_absolute_url(),
        access=PUBLIC if public else INTERNAL,
        summary=article.summary,
        body=f"{html_to_text(article.body)}\n{theme_names}".strip(),
        kind=article.kind,
        pillars=[pillar.code for pillar in article.pillars.all()],
        values=[assessment.value.code for assessment in article.values.all()],
        themes=[theme.slug for theme in themes],
        year=published.year if published else None,
        is_demo=article.is_demo,
    )


def article_access_for(user) -> set[str]:
    return {PUBLIC, INTERNAL} if is_professional(user) else {PUBLIC}


def register_articles() -> None:
    register(
        SearchSource(
            name="knowledge.article",
            label=_("Artikel"),
            model=Article,
            queryset=lambda: Article.objects.filter(state=ArticleState.PUBLISHED),
            document=article_document,
            access_for=article_access_for,
            kind_labels=lambda: dict(ArticleKind.choices),
            prefetch=("themes", "pillars", "values__value"),
        )
    )
