"""Filters of the proposal lists, shared by the pages, their exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Team
from apps.registry.models import Organisation

from .models import ChangeProposal, Kind
from .workflows import Status


class ProposalFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Alle statussen"))
    kind = django_filters.ChoiceFilter(label=_("Soort voorstel"), choices=Kind.choices, empty_label=_("Alle soorten"))
    team = django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=Team.objects.order_by("name"), field_name="team", to_field_name="slug"
    )
    no_team = django_filters.BooleanFilter(
        label=_("Zonder team"), field_name="team", lookup_expr="isnull", widget=django_filters.widgets.BooleanWidget
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisatie"),
        queryset=Organisation.objects.filter(change_proposals__isnull=False).distinct().order_by("name"),
        to_field_name="slug",
    )

    class Meta:
        model = ChangeProposal
        fields = ["status", "kind", "team", "no_team", "organisation"]


class OwnProposalFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices, empty_label=_("Alle statussen"))
    kind = django_filters.ChoiceFilter(label=_("Soort voorstel"), choices=Kind.choices, empty_label=_("Alle soorten"))

    class Meta:
        model = ChangeProposal
        fields = ["status", "kind"]
