"""Tables of the statistics list pages; exports use the same columns."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import DeliveryYear, FigureValue, Indicator, PeerGroup

DEMO_BADGE = '<span class="badge badge--demo">{}</span>'


class StatisticsTable(tables.Table):
    class Meta:
        template_name = "django_tables2/knooppunt_table.html"
        attrs = {"class": "table"}


class IndicatorTable(StatisticsTable):
    code = tables.Column(verbose_name=_("Code"))
    name_nl = tables.Column(verbose_name=_("Naam"), linkify=True)
    category = tables.Column(verbose_name=_("Domein"))
    kind = tables.Column(verbose_name=_("Soort"))
    unit = tables.Column(verbose_name=_("Eenheid"))
    formula = tables.Column(verbose_name=_("Formule"))

    class Meta(StatisticsTable.Meta):
        model = Indicator
        fields = ("code", "name_nl", "category", "kind", "unit", "formula")


class DeliveryTable(StatisticsTable):
    year = tables.Column(verbose_name=_("Jaar"), linkify=True)
    opens_on = tables.DateColumn(verbose_name=_("Open vanaf"), format="d-m-Y")
    deadline = tables.DateColumn(verbose_name=_("Uiterste datum"), format="d-m-Y")
    status = tables.Column(verbose_name=_("Status"))

    class Meta(StatisticsTable.Meta):
        model = DeliveryYear
        fields = ("year", "opens_on", "deadline", "status")


class FigureTable(StatisticsTable):
    library = tables.Column(
        verbose_name=_("Bibliotheek"),
        accessor="submission__library__organisation__name",
        order_by="submission__library__organisation__name",
    )
    year = tables.Column(verbose_name=_("Jaar"), accessor="submission__year", order_by="submission__year")
    indicator = tables.Column(
        verbose_name=_("Indicator"), accessor="indicator__name_nl", order_by="indicator__position"
    )
    code = tables.Column(verbose_name=_("Code"), accessor="indicator__code", order_by="indicator__code")
    value = tables.Column(verbose_name=_("Waarde"), attrs={"td": {"class": "number"}})
    status = tables.Column(verbose_name=_("Status"), accessor="submission__status", order_by="submission__status")
    is_demo = tables.BooleanColumn(verbose_name=_("Demo"))

    class Meta(StatisticsTable.Meta):
        model = FigureValue
        fields = ("library", "year", "indicator", "code", "value", "status", "is_demo")

    def render_library(self, record, value):
        url = reverse("statistics:library_dashboard", kwargs={"slug": record.submission.library.organisation.slug})
        return format_html('<a href="{}">{}</a>', url, value)

    def render_status(self, record):
        return record.submission.get_status_display()

    def render_is_demo(self, value):
        return format_html(DEMO_BADGE, _("demo")) if value else ""

    def value_is_demo(self, value):
        return _("ja") if value else _("nee")


class PeerGroupTable(StatisticsTable):
    name = tables.Column(verbose_name=_("Naam"), linkify=True)
    owner = tables.Column(verbose_name=_("Eigenaar"))
    shared = tables.BooleanColumn(verbose_name=_("Gedeeld"))
    created_at = tables.DateColumn(verbose_name=_("Aangemaakt op"), format="d-m-Y")

    class Meta(StatisticsTable.Meta):
        model = PeerGroup
        fields = ("name", "owner", "shared", "created_at")
