"""FilterSets shared by the figures list, its export and the API (same parameters everywhere)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import FigureValue, Indicator, IndicatorCategory, IndicatorKind, Submission


class IndicatorFilterSet(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(label=_("Domein"), choices=IndicatorCategory.choices)
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=IndicatorKind.choices)
    is_key = django_filters.BooleanFilter(label=_("Kernindicator"))

    class Meta:
        model = Indicator
        fields = ["category", "kind", "is_key"]


class FigureFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Jaar"), field_name="submission__year")
    indicator = django_filters.CharFilter(label=_("Indicator (code)"), field_name="indicator__code")
    library = django_filters.CharFilter(
        label=_("Bibliotheek (korte naam)"), field_name="submission__library__organisation__slug"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), field_name="submission__status", choices=Submission.Status.choices
    )
    is_demo = django_filters.BooleanFilter(label=_("Demogegevens"))

    class Meta:
        model = FigureValue
        fields = ["year", "indicator", "library", "status", "is_demo"]
