"""The knowledge centre's panel on the registry pages of libraries, cooperations and partners."""

from html import escape

from django.utils.translation import gettext

from apps.core.urls_cache import cached_reverse
from apps.knowledge.models import ArticleKind
from apps.knowledge.selectors import articles_for_organisation

ARTICLES_SHOWN = 20


def organisation_articles_panel(request, detail) -> str:
    """The articles about a library, cooperation or partner (only those the user may read), below its page.

    Written in one pass: at ten times Flanders a library has dozens of articles, and the
    template engine spent about a millisecond on twenty list items.
    """
    if not request.user.has_perm("knowledge.view_knowledge"):
        return ""
    articles = articles_for_organisation(user=request.user, organisation=detail.organisation)
    rows = list(articles.values_list("slug", "kind", "title")[:ARTICLES_SHOWN])
    if rows:
        kinds = {value: str(label) for value, label in ArticleKind.choices}
        items = "".join(
            f'<li><a href="{escape(cached_reverse("knowledge:article_detail", slug=slug))}">{escape(title)}</a>'
            f' <span class="muted">· {escape(kinds.get(kind, kind))}</span></li>'
            for slug, kind, title in rows
        )
        body = f"<ul>{items}</ul>"
    else:
        body = f'<p class="muted">{escape(gettext("Nog geen artikels over deze organisatie."))}</p>'
    return (
        '<section class="panel" aria-labelledby="organisation-articles-title">\n'
        f'  <h2 id="organisation-articles-title">{escape(gettext("Artikels in het kenniscentrum"))}</h2>\n'
        f"  {body}\n</section>"
    )
