"""The scale API: scenarios, read-only (they are built through the builder page and its background task)."""

from rest_framework import viewsets

from apps.core.permissions import RulesPermission
from apps.scale import selectors

from .serializers import ScenarioDetailSerializer, ScenarioSerializer


class ScenarioViewSet(viewsets.ReadOnlyModelViewSet):
    """Scale scenarios with their parameters and figures; the detail adds the municipality → region assignment."""

    permission_classes = [RulesPermission]
    permission_required = "scale.view_scenario"
    lookup_field = "uuid"

    def get_queryset(self):
        queryset = selectors.scenario_visible_to(self.request.user).order_by("-created_at")
        return queryset if self.action == "retrieve" else queryset.defer("assignment")

    def get_serializer_class(self):
        return ScenarioDetailSerializer if self.action == "retrieve" else ScenarioSerializer
