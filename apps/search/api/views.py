"""`/api/search/?q=`: the same scoped ranking as the search page, with facets."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.permissions import RulesPermission
from apps.search.engine import FACETS
from apps.search.selectors import search


class FacetValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchHitSerializer(serializers.Serializer):
    source = serializers.CharField()
    object_id = serializers.CharField()
    url = serializers.CharField()
    title = serializers.CharField()
    snippet_html = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    score = serializers.FloatField()
    is_demo = serializers.BooleanField()


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    per_page = serializers.IntegerField()
    suggestion = serializers.CharField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=FacetValueSerializer(many=True))


class SearchAPIView(APIView):
    """Search what the caller may see (anonymous: public articles)."""

    permission_classes = [AllowAny, RulesPermission]
    permission_required = "search.search"

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Zoekterm"),
            OpenApiParameter("page", OpenApiTypes.INT),
            OpenApiParameter("per_page", OpenApiTypes.INT),
            *[OpenApiParameter(name, OpenApiTypes.STR, many=True) for name in FACETS],
        ],
        responses=SearchResponseSerializer,
    )
    def get(self, request):
        def number(name: str, default: int) -> int:
            try:
                return int(request.query_params.get(name, default))
            except ValueError:
                return default

        filters = {name: request.query_params.getlist(name)[:10] for name in FACETS}
        page = search(
            user=request.user,
            query=request.query_params.get("q", "")[:10_000],
            filters=filters,
            page=number("page", 1),
            per_page=number("per_page", 10),
        )
        data = {
            "query": page.query,
            "total": page.total,
            "page": page.page,
            "per_page": page.per_page,
            "suggestion": page.suggestion,
            "results": [hit.__dict__ | {"snippet_html": str(hit.snippet_html)} for hit in page.hits],
            "facets": {name: [value.__dict__ for value in values] for name, values in page.facets.items()},
        }
        return Response(SearchResponseSerializer(data).data)
