"""Filters shared by the user list page, its exports and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Team, User
from .roles import Role

ACTIVE_CHOICES = [("1", _("Actief")), ("0", _("Gedeactiveerd"))]
YES_NO = [("1", _("Ja")), ("0", _("Nee"))]


class UserFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_q", help_text=_("Naam, gebruikersnaam of e-mail"))
    role = django_filters.ChoiceFilter(label=_("Rol"), choices=Role.choices, method="filter_role")
    team = django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=Team.objects.all(), field_name="teams", to_field_name="slug"
    )
    active = django_filters.ChoiceFilter(label=_("Status"), choices=ACTIVE_CHOICES, method="filter_active")
    email_verified = django_filters.ChoiceFilter(
        label=_("E-mailadres bevestigd"), choices=YES_NO, method="filter_email_verified"
    )
    is_demo = django_filters.ChoiceFilter(label=_("Demogegevens"), choices=YES_NO, method="filter_is_demo")

    class Meta:
        model = User
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset

    def filter_role(self, queryset, name, value):
        return queryset.filter(groups__name=value).distinct()

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "1")

    def filter_email_verified(self, queryset, name, value):
        return queryset.filter(email_verified=value == "1")

    def filter_is_demo(self, queryset, name, value):
        return queryset.filter(is_demo=value == "1")


class TeamFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_q")

    class Meta:
        model = Team
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))
