"""One FilterSet for the article list pages, their exports and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from apps.core.models import Pillar, Value
from apps.knowledge.models import Article, ArticleKind, ArticleState, Audience, Theme, Visibility


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice addressed by its code (typed as a string in the API schema)."""


class ArticleFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Titel bevat"), method="filter_title")
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=ArticleKind.choices)
    pillar = django_filters.ModelChoiceFilter(
        label=_("Pijler"), field_name="pillars", queryset=Pillar.objects.all(), to_field_name="code"
    )
    value = CodeChoiceFilter(
        label=_("Waarde"), queryset=Value.objects.all(), to_field_name="code", method="filter_value"
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", queryset=Theme.objects.all(), to_field_name="slug"
    )
    state = django_filters.ChoiceFilter(label=_("Status"), choices=ArticleState.choices)
    visibility = django_filters.ChoiceFilter(label=_("Zichtbaarheid"), choices=Visibility.choices)
    audience = django_filters.ChoiceFilter(label=_("Doelgroep"), choices=Audience.choices)

    class Meta:
        model = Article
        fields = ["q", "kind", "pillar", "value", "theme", "state", "visibility", "audience"]

    def filter_title(self, queryset, name, value):
        return queryset.filter(title__icontains=value.strip()) if value.strip() else queryset

    def filter_value(self, queryset, name, value):
        from django.contrib.contenttypes.models import ContentType

        from apps.core.models import ValueAssessment

        content_type = ContentType.objects.get_for_model(Article)
        ids = ValueAssessment.objects.filter(content_type=content_type, value=value).values_list("object_id", flat=True)
        return queryset.filter(pk__in=[int(pk) for pk in ids if pk.isdigit()])


class PublicArticleFilterSet(ArticleFilterSet):
    class Meta:
        model = Article
        fields = ["q", "kind", "pillar", "value", "theme", "audience"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("state", "visibility"):
            self.filters.pop(name, None)
