"""The API's filters for opening exceptions (no list page of their own, so they live with the API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.registry.models import OpeningException


class OpeningExceptionFilterSet(django_filters.FilterSet):
    branch = django_filters.UUIDFilter(label=_("Vestiging (UUID)"), field_name="branch__uuid")
    date_from = django_filters.DateFilter(label=_("Vanaf datum"), field_name="date", lookup_expr="gte")
    date_until = django_filters.DateFilter(label=_("Tot en met datum"), field_name="date", lookup_expr="lte")
    is_closed = django_filters.BooleanFilter(label=_("Gesloten"))

    class Meta:
        model = OpeningException
        fields = ["branch", "date_from", "date_until", "is_closed"]
