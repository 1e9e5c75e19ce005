"""Tables of the statistics list pages; exports use the same columns."""

from html import escape as html_escape

import django_tables2 as tables
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.core.tables import PagedQuerysetData, page_query

from .models import DeliveryYear, FigureValue, Indicator, PeerGroup, Submission
from .selectors import FIGURE_KEYS, FIGURE_ORDER, figure_page_keys

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


LIBRARY_ORDERS = {("submission__library__organisation__name",), ("-submission__library__organisation__name",)}


class FigureTableData(PagedQuerysetData):
    """The figure list's pages: in the list's own order, a page's keys are found a year at a time.

    Any other order (a sorted column) is paged as every list is (`PagedQuerysetData`).
    """

    def __getitem__(self, key):
        order = tuple(self.data.query.order_by)
        if not isinstance(key, slice) or key.step not in (None, 1) or key.stop is None or order != FIGURE_ORDER:
            # Sorted by library, the database can walk the organisation (kind, name) index
            # and stop after a page; in any other order that condition would only add a join.
            self.keys_filter = FIGURE_KEYS if order[:1] in LIBRARY_ORDERS else None
            return super().__getitem__(key)
        keys = figure_page_keys(self.data, key.start or 0, key.stop)
        if self.page_rows is None:
            page = self.data.order_by().filter(pk__in=keys)
        else:
            page = page_query(self.data.model, self.page_rows)(keys=keys)
        rows = {row.pk: row for row in page}
        return [rows[pk] for pk in keys if pk in rows]


class FigureTable(StatisticsTable):
    """The figures of the shown page carry names, not records (`selectors.figure_list_rows`)."""

    library = tables.Column(
        verbose_name=_("Bibliotheek"), accessor="library_name", order_by="submission__library__organisation__name"
    )
    year = tables.Column(verbose_name=_("Jaar"), accessor="submission_year", order_by="submission__year")
    indicator = tables.Column(verbose_name=_("Indicator"), accessor="indicator_name", order_by="indicator__position")
    code = tables.Column(verbose_name=_("Code"), accessor="indicator_code", order_by="indicator__code")
    value = tables.Column(verbose_name=_("Waarde"), attrs={"td": {"class": "number"}})
    status = tables.Column(verbose_name=_("Status"), accessor="submission_status", order_by="submission__status")
    is_demo = tables.BooleanColumn(verbose_name=_("Demo"))

    class Meta(StatisticsTable.Meta):
        model = FigureValue
        fields = ("library", "year", "indicator", "code", "value", "status", "is_demo")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._dashboard_url: tuple[str, str] | None = None

    def paginate(self, *args, **kwargs):
        # The list view has made the data a PagedQuerysetData (with the view's page rows).
        if type(self.data) is PagedQuerysetData:
            self.data.__class__ = FigureTableData
        return super().paginate(*args, **kwargs)

    def render_library(self, record, value):
        # The dashboard's URL is reversed once per table: a slug needs no quoting in a path.
        if self._dashboard_url is None:
            marker = "library-slug"
            prefix, suffix = reverse("statistics:library_dashboard", kwargs={"slug": marker}).rsplit(marker, 1)
            self._dashboard_url = (prefix, suffix)
        prefix, suffix = self._dashboard_url
        # What format_html writes, without its per-argument checks for lazy and safe strings.
        href = html_escape(f"{prefix}{record.library_slug}{suffix}")
        return mark_safe(f'<a href="{href}">{html_escape(value)}</a>')  # noqa: S308 - both parts are escaped

    def value_library(self, value):
        # Exports get the library's name, not the cell's link.
        return value

    def render_status(self, value):
        return force_str(dict(Submission.Status.choices).get(value, value))

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
