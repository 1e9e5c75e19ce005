import datetime
from html import escape

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.core.urls_cache import cached_reverse
from apps.knowledge.models import Article
from apps.knowledge.selectors import theme_names_by_article


class PlainDateColumn(tables.DateColumn):
    """DateColumn's cell (`{{ value|date:format|default:default }}`) without compiling a template per cell."""

    def __init__(self, format: str, **kwargs) -> None:
        super().__init__(format=format, **kwargs)
        self.date_format = format

    def render(self, value, bound_column):
        if (
            self.date_format == "d/m/Y"
            and isinstance(value, datetime.date)
            and not isinstance(value, datetime.datetime)
        ):
            return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"  # what the date filter writes for a date
        return conditional_escape(date_filter(value, self.date_format) or bound_column.default)


class ArticleTable(tables.Table):
    title = tables.Column(verbose_name=_("Titel"))
    kind = tables.Column(verbose_name=_("Soort"))
    state = tables.Column(verbose_name=_("Status"))
    visibility = tables.Column(verbose_name=_("Zichtbaarheid"))
    owner = tables.Column(
        verbose_name=_("Eigenaar"), accessor="owner_username", order_by=("owner__last_name", "owner__username")
    )
    # The themes of the shown page's articles are read in one query (`theme_names_by_article`) instead of
    # a prefetch of every listed article's themes; the cell is what ManyToManyColumn wrote (", "-joined,
    # escaped, empty when an article has none).
    themes = tables.Column(verbose_name=_("Thema's"), accessor="pk", orderable=False, empty_values=())
    review_due_on = PlainDateColumn(verbose_name=_("Na te kijken tegen"), format="d/m/Y")

    url_name = "knowledge:article_detail"

    class Meta:
        model = Article
        template_name = "django_tables2/knooppunt_table.html"
        attrs = {"class": "table"}
        fields = ("title", "kind", "state", "visibility", "owner", "themes", "review_due_on")

    def render_title(self, record, value):
        # format_html() written out: the link and title are escaped as conditional_escape() would.
        link = f'<a href="{escape(self.link_for(record))}">{conditional_escape(value)}</a>'
        if record.is_demo:
            link = f'{link} <span class="badge badge--demo">{escape(str(_("demo")))}</span>'
        return mark_safe(link)  # noqa: S308 - escaped above

    def link_for(self, record) -> str:
        return cached_reverse(self.url_name, slug=record.slug)

    def value_title(self, record, value):
        return value

    def render_owner(self, record):
        # What str(user) gives (get_full_name() or the username), from `article_list_rows`'s annotations.
        return f"{record.owner_first_name} {record.owner_last_name}".strip() or record.owner_username

    def render_themes(self, record):
        names = self.theme_names(record.pk)
        return mark_safe(", ".join(escape(name) for name in names))  # noqa: S308 - every name is escaped

    def value_themes(self, record):
        # Exports get the names as they are (the cell escapes them for HTML).
        return ", ".join(self.theme_names(record.pk))

    def theme_names(self, article_id: int) -> list[str]:
        """The article's theme names, read in one query for the shown page's articles.

        A row outside the page (an export renders every row of a paginated table) makes the
        table read the themes of every article, once.
        """
        read: tuple[set[int] | None, dict[int, list[str]]] | None = getattr(self, "_themes_read", None)
        if read is None or (read[0] is not None and article_id not in read[0]):
            page = getattr(self, "page", None)
            ids = None
            if read is None and page is not None:
                ids = {row.record.pk for row in page.object_list}
                if article_id not in ids:
                    ids = None
            read = self._themes_read = (ids, theme_names_by_article(None if ids is None else sorted(ids)))
        return read[1].get(article_id, [])


class PublicArticleTable(ArticleTable):
    url_name = "knowledge:public_article"

    class Meta(ArticleTable.Meta):
        fields = ("title", "kind", "themes")
        exclude = ("state", "visibility", "owner", "review_due_on")
