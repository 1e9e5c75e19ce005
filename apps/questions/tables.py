import uuid

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from django.utils.translation import gettext_lazy as _

from .models import Category, ClosureDay, Question, RoutingRule
from .workflows import Status

# A uuid no question has, reversed in place of each row's own (QuestionTable.render_subject).
URL_PLACEHOLDER = uuid.UUID(int=0)

STATUS_BADGES = {
    Status.NEW: "badge--warning",
    Status.ASSIGNED: "badge--primary",
    Status.WAITING: "",
    Status.ANSWERED: "badge--success",
    Status.CLOSED: "",
    Status.REOPENED: "badge--warning",
}


def status_badge(question) -> str:
    return format_html(
        '<span class="badge {}">{}</span>', STATUS_BADGES.get(question.status, ""), question.get_status_display()
    )


class _FormattedDate:
    """Shows a value as django-tables2's date columns do (`{{ value|date:format|default:default }}`),
    without rendering a template for every cell. The export value stays the column's own (ISO format)."""

    def __init__(self, *args, format: str, **kwargs) -> None:
        self.date_format = format
        super().__init__(*args, format=format, **kwargs)

    def render(self, value):
        # The template engine gives the `date` filter the value in the current time zone.
        return date_filter(template_localtime(value), self.date_format) or self.default


class FormattedDateTimeColumn(_FormattedDate, tables.DateTimeColumn):
    pass


class FormattedDateColumn(_FormattedDate, tables.DateColumn):
    pass


class QuestionTable(tables.Table):
    """The question lists. The names come from `selectors.question_list_rows` (the shown page's rows)."""

    reference = tables.Column(verbose_name=_("Nr."), accessor="pk", order_by=("pk",))
    subject = tables.Column(verbose_name=_("Onderwerp"))
    category = tables.Column(verbose_name=_("Categorie"), accessor="category_name", order_by=("category__name",))
    organisation = tables.Column(
        verbose_name=_("Organisatie"), accessor="organisation_name", order_by=("organisation__name",), default="—"
    )
    region = tables.Column(
        verbose_name=_("Referentieregio"), accessor="region_name", order_by=("region__name",), default="—"
    )
    received_at = FormattedDateTimeColumn(verbose_name=_("Ontvangen"), format="j M Y H:i")
    answer_due = FormattedDateColumn(verbose_name=_("Antwoord tegen"), format="j M Y", default="—")
    team = tables.Column(verbose_name=_("Team"), accessor="team_name", order_by=("team__name",), default="—")
    assignee = tables.Column(verbose_name=_("Behandelaar"), default="—")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Question
        fields = (
            "reference",
            "subject",
            "category",
            "organisation",
            "region",
            "received_at",
            "answer_due",
            "team",
            "assignee",
            "status",
        )
        attrs = {"class": "table"}
        export_exclude: tuple[str, ...] = ()

    def render_reference(self, record):
        return record.reference

    def value_reference(self, record):
        return record.reference

    def render_subject(self, value, record):
        # What linkify=True writes (a link to get_absolute_url()), with the question's URL reversed
        # once per table rather than once per row: only the uuid differs between rows.
        url = self.__dict__.get("_detail_url")
        if url is None:
            url = self.__dict__["_detail_url"] = reverse("questions:detail", kwargs={"uuid": URL_PLACEHOLDER})
        return format_html('<a href="{}">{}</a>', url.replace(str(URL_PLACEHOLDER), str(record.uuid)), value)

    def value_subject(self, value):
        return value

    def render_status(self, record):
        # One badge per status and page (the label is translated once, not in every row).
        badges = self.__dict__.setdefault("_status_badges", {})
        badge = badges.get(record.status)
        if badge is None:
            badge = badges[record.status] = status_badge(record)
        return badge

    def value_status(self, record):
        return record.get_status_display()


class OwnQuestionTable(QuestionTable):
    class Meta(QuestionTable.Meta):
        exclude = ("region", "team", "assignee")


class CategoryTable(tables.Table):
    name = tables.Column(verbose_name=_("Naam"), linkify=True)

    class Meta:
        model = Category
        fields = ("name", "ack_days", "answer_days", "is_active", "position")
        attrs = {"class": "table"}
        export_exclude: tuple[str, ...] = ()


class RoutingRuleTable(tables.Table):
    rule = tables.Column(verbose_name=_("Regel"), accessor="pk", linkify=lambda record: record.get_absolute_url())
    category = tables.Column(verbose_name=_("Categorie"), default=_("alle"))
    province = tables.Column(verbose_name=_("Provincie"), default=_("alle"))
    region = tables.Column(verbose_name=_("Referentieregio"), default=_("alle"))
    team = tables.Column(verbose_name=_("Team"), default="—")
    assignee = tables.Column(verbose_name=_("Behandelaar"), default="—")

    class Meta:
        model = RoutingRule
        fields = ("position", "rule", "category", "province", "region", "team", "assignee", "is_active")
        attrs = {"class": "table"}
        export_exclude: tuple[str, ...] = ()

    def render_rule(self, record):
        return _("Regel %(n)s bewerken") % {"n": record.position}


class ClosureDayTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("Datum"), format="l j F Y", linkify=True)

    class Meta:
        model = ClosureDay
        fields = ("date", "reason")
        attrs = {"class": "table"}
        export_exclude: tuple[str, ...] = ()
