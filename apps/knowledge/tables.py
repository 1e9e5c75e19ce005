import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.knowledge.models import Article


class ArticleTable(tables.Table):
    title = tables.Column(verbose_name=_("Titel"))
    kind = tables.Column(verbose_name=_("Soort"))
    state = tables.Column(verbose_name=_("Status"))
    visibility = tables.Column(verbose_name=_("Zichtbaarheid"))
    owner = tables.Column(verbose_name=_("Eigenaar"), order_by=("owner__last_name", "owner__username"))
    themes = tables.ManyToManyColumn(verbose_name=_("Thema's"), orderable=False)
    review_due_on = tables.DateColumn(verbose_name=_("Na te kijken tegen"), format="d/m/Y")

    class Meta:
        model = Article
        template_name = "django_tables2/knooppunt_table.html"
        attrs = {"class": "table"}
        fields = ("title", "kind", "state", "visibility", "owner", "themes", "review_due_on")

    def render_title(self, record, value):
        link = format_html('<a href="{}">{}</a>', self.link_for(record), value)
        if record.is_demo:
            return format_html('{} <span class="badge badge--demo">{}</span>', link, _("demo"))
        return link

    def link_for(self, record) -> str:
        return record.get_absolute_url()

    def value_title(self, record, value):
        return value


class PublicArticleTable(ArticleTable):
    class Meta(ArticleTable.Meta):
        fields = ("title", "kind", "themes")
        exclude = ("state", "visibility", "owner", "review_due_on")

    def link_for(self, record) -> str:
        return record.get_public_url()
