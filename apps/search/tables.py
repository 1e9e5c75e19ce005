import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.search.models import Synonym


class SynonymTable(tables.Table):
    terms = tables.Column(verbose_name=_("Termen"))
    note = tables.Column(verbose_name=_("Toelichting"))

    class Meta:
        model = Synonym
        template_name = "django_tables2/knooppunt_table.html"
        attrs = {"class": "table"}
        fields = ("terms", "note")

    def render_terms(self, record, value):
        url = reverse("search:synonym_edit", kwargs={"pk": record.pk})
        return format_html('<a href="{}">{}</a>', url, value)

    def value_terms(self, record, value):
        return value
