import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Category, ClosureDay, Question, RoutingRule
from .workflows import Status

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


class QuestionTable(tables.Table):
    reference = tables.Column(verbose_name=_("Nr."), accessor="pk", order_by=("pk",))
    subject = tables.Column(verbose_name=_("Onderwerp"), linkify=True)
    category = tables.Column(verbose_name=_("Categorie"), accessor="category__name")
    organisation = tables.Column(verbose_name=_("Organisatie"), accessor="organisation__name", default="—")
    region = tables.Column(verbose_name=_("Referentieregio"), accessor="region__name", default="—")
    received_at = tables.DateTimeColumn(verbose_name=_("Ontvangen"), format="j M Y H:i")
    answer_due = tables.DateColumn(verbose_name=_("Antwoord tegen"), format="j M Y", default="—")
    team = tables.Column(verbose_name=_("Team"), accessor="team__name", default="—")
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

    def render_status(self, record):
        return status_badge(record)

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
