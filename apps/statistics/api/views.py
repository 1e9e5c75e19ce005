"""The statistics API: the catalogue, the figures (the figures page's FilterSet) and peer-group statistics.

Everything is read-only here: figures are entered through the delivery pages and
the upload (with their plausibility checks). Querysets come from the scoped
selectors, so library staff only ever see their own library's figures, and a
peer group's statistics respect the privacy floor exactly like the pages.
"""

import json

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.core.permissions import RulesPermission
from apps.registry.models import Library
from apps.statistics import selectors
from apps.statistics.benchmarks import privacy_floor
from apps.statistics.filters import FigureFilterSet, IndicatorFilterSet
from apps.statistics.reports import Comparisons, group_members

from .serializers import FigureSerializer, IndicatorSerializer, PeerGroupSerializer, PeerGroupStatisticsSerializer


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The indicator catalogue with each indicator's metadata sheet (definition, unit, source, formula)."""

    permission_classes = [RulesPermission]
    permission_required = "statistics.view_indicator"
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    lookup_field = "code"

    def get_queryset(self):
        return selectors.indicator_list(user=self.request.user).order_by("position", "code")


class FigureViewSet(viewsets.ReadOnlyModelViewSet):
    """Base figures per library and year, with the filters of the figures page (year, indicator, library, ...)."""

    permission_classes = [RulesPermission]
    permission_required = {"list": "statistics.list_figures", "retrieve": "statistics.view_submission"}
    serializer_class = FigureSerializer
    filterset_class = FigureFilterSet

    def get_queryset(self):
        return selectors.figure_list(user=self.request.user)

    def check_object_permissions(self, request, obj):
        # The permission is on the figure's submission (the library's figures of that year).
        super().check_object_permissions(request, obj.submission)


class StatisticsQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)
    library = serializers.CharField(required=False, allow_blank=True)
    indicator = serializers.CharField(required=False, allow_blank=True)


class PeerGroupViewSet(viewsets.ReadOnlyModelViewSet):
    """Saved peer groups (own and shared) and their statistics per year under the privacy floor."""

    permission_classes = [RulesPermission]
    permission_required = {
        "list": "statistics.view_benchmark",
        "retrieve": "statistics.view_peergroup",
        "statistics": "statistics.view_benchmark",
    }
    serializer_class = PeerGroupSerializer
    lookup_field = "uuid"
    filterset_class = None

    def get_queryset(self):
        return selectors.peergroup_visible_to(self.request.user).order_by("name")

    @extend_schema(
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="Jaar (standaard het laatste jaar met cijfers)."),
            OpenApiParameter(
                "library",
                OpenApiTypes.STR,
                description="Korte naam van een bibliotheek waarvan je de cijfers mag zien: geeft haar rang.",
            ),
            OpenApiParameter(
                "indicator", OpenApiTypes.STR, description="Eén indicator (code); standaard de kernindicatoren."
            ),
        ],
        responses=PeerGroupStatisticsSerializer,
    )
    @action(detail=True, methods=["get"])
    def statistics(self, request, uuid=None):
        """Median, quartiles and (for a library you may see) rank per indicator; withheld under the privacy floor."""
        group = self.get_object()
        query = StatisticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        years = selectors.years_with_figures()
        year = query.validated_data.get("year") or (years[-1] if years else None)
        if year is None:
            raise serializers.ValidationError({"year": [_("Er zijn nog geen cijfers.")]})
        comparisons = Comparisons.current()
        code = query.validated_data.get("indicator")
        if code:
            indicator = comparisons.catalogue.get(code)
            if indicator is None:
                raise serializers.ValidationError({"indicator": [_("Onbekende indicator: %(code)s.") % {"code": code}]})
            indicators = [indicator]
        else:
            indicators = comparisons.catalogue.key()
        library = None
        slug = query.validated_data.get("library")
        if slug:
            library = Library.objects.filter(organisation__slug=slug).select_related("organisation").first()
            if library is None:
                raise serializers.ValidationError({"library": [_("Onbekende bibliotheek: %(slug)s.") % {"slug": slug}]})
            if not request.user.has_perm("statistics.view_library_figures", library):
                # Another library's rank would reveal its position: refuse as if it did not exist.
                raise serializers.ValidationError({"library": [_("Onbekende bibliotheek: %(slug)s.") % {"slug": slug}]})
        facts = comparisons.facts(year)
        members = group_members(comparisons, group.criteria, facts)
        key = ("criteria", json.dumps(group.criteria, sort_keys=True, default=str))
        rows = []
        for indicator in indicators:
            stats = facts.stats(
                key,
                members,
                indicator.code,
                library_id=library.pk if library else None,
                higher_is_better=indicator.higher_is_better,
            )
            rows.append(
                {
                    "indicator": indicator.code,
                    "n": stats.n,
                    "shown": stats.shown,
                    "floor": stats.floor,
                    "median": stats.median,
                    "q1": stats.q1,
                    "q3": stats.q3,
                    "rank": stats.rank,
                }
            )
        data = {
            "group": group.uuid,
            "year": year,
            "library": library.organisation.slug if library else None,
            "members": len(members),
            "reporting": len(members & facts.reporting),
            "privacy_floor": privacy_floor(),
            "statistics": rows,
        }
        return Response(PeerGroupStatisticsSerializer(data).data)
