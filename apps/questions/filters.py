"""Filters of the question lists, shared by the desk page, its export and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Team, User
from apps.registry.models import Grouping, Organisation

from .models import Category, Channel, ClosureDay, Question, RoutingRule
from .workflows import CLOCK_RUNNING_STATES, OPEN_STATES, Status

SLA_CHOICES = [
    ("breached", _("Termijn overschreden")),
    ("open", _("Alle open vragen")),
    ("paused", _("Klok gepauzeerd")),
]


class QuestionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_q")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Alle statussen"))
    sla = django_filters.ChoiceFilter(
        label=_("Termijn"), choices=SLA_CHOICES, method="filter_sla", empty_label=_("Alle")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Categorie"), queryset=Category.objects.order_by("position", "name"), to_field_name="slug"
    )
    team = django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=Team.objects.order_by("name"), to_field_name="slug"
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Behandelaar"),
        queryset=User.objects.filter(groups__name="cell_staff").distinct().order_by("first_name", "username"),
        to_field_name="username",
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisatie"),
        queryset=Organisation.objects.filter(questions__isnull=False).distinct().order_by("name"),
        to_field_name="slug",
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Referentieregio"),
        queryset=Grouping.objects.filter(kind="referentieregio").order_by("name"),
        to_field_name="code",
    )
    channel = django_filters.ChoiceFilter(label=_("Kanaal"), choices=Channel.choices, empty_label=_("Alle kanalen"))
    received_after = django_filters.DateFilter(
        label=_("Ontvangen vanaf"), field_name="received_at", lookup_expr="date__gte"
    )
    received_before = django_filters.DateFilter(
        label=_("Ontvangen tot en met"), field_name="received_at", lookup_expr="date__lte"
    )

    class Meta:
        model = Question
        fields = ["q", "status", "sla", "category", "team", "assignee", "organisation", "region", "channel"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q(subject__icontains=value) | Q(body__icontains=value) | Q(asker_name__icontains=value)
        digits = value.upper().removeprefix("V")
        if digits.isdigit():
            condition |= Q(pk=int(digits))
        return queryset.filter(condition)

    def filter_sla(self, queryset, name, value):
        today = timezone.localdate()
        if value == "open":
            return queryset.filter(status__in=OPEN_STATES)
        if value == "paused":
            return queryset.filter(status=Status.WAITING)
        if value == "breached":
            return queryset.filter(status__in=CLOCK_RUNNING_STATES).filter(
                Q(acknowledged_at__isnull=True, ack_due__lt=today)
                | Q(first_answered_at__isnull=True, answer_due__lt=today)
            )
        return queryset


class OwnQuestionFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Alle statussen"))

    class Meta:
        model = Question
        fields = ["status"]


class CategoryFilterSet(django_filters.FilterSet):
    is_active = django_filters.BooleanFilter(label=_("Actief"), widget=django_filters.widgets.BooleanWidget)

    class Meta:
        model = Category
        fields = ["is_active"]


class RoutingRuleFilterSet(django_filters.FilterSet):
    is_active = django_filters.BooleanFilter(label=_("Actief"), widget=django_filters.widgets.BooleanWidget)

    class Meta:
        model = RoutingRule
        fields = ["is_active"]


class ClosureDayFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Jaar"), field_name="date", lookup_expr="year")

    class Meta:
        model = ClosureDay
        fields = ["year"]
