"""Articles through the API: reads scoped like the pages, writes through the services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from apps.core.permissions import RulesPermission
from apps.knowledge import selectors, services
from apps.knowledge.filters import ArticleFilterSet
from apps.knowledge.models import Article

from .serializers import ArticleSerializer, ArticleWriteSerializer, TransitionSerializer


def _raise(error: DjangoValidationError):
    raise serializers.ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)


class ArticleViewSet(viewsets.ModelViewSet):
    """Knowledge articles. Anonymous clients see published public articles only."""

    serializer_class = ArticleSerializer
    permission_classes = [AllowAny, RulesPermission]
    permission_required = {
        "list": "knowledge.view_public_knowledge",
        "retrieve": "knowledge.view_article",
        "create": "knowledge.add_article",
        "update": "knowledge.change_article",
        "partial_update": "knowledge.change_article",
        "destroy": "knowledge.delete_article",
        "transition": "knowledge.view_article",
    }
    filterset_class = ArticleFilterSet
    lookup_field = "slug"
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.article_list(user=self.request.user).order_by("title", "pk")

    def check_permissions(self, request):
        # Reading one article is decided on the article itself (view_article: a published public
        # article is for everyone, also anonymous); the queryset is scoped, so hidden ones are 404.
        if self.action == "retrieve":
            return
        super().check_permissions(request)

    def get_serializer_class(self):
        if self.action in {"create", "update", "partial_update"}:
            return ArticleWriteSerializer
        if self.action == "transition":
            return TransitionSerializer
        return ArticleSerializer

    @extend_schema(responses=ArticleSerializer)
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            article = services.article_create(actor=request.user, data=serializer.validated_data)
        except DjangoValidationError as error:
            _raise(error)
        return Response(ArticleSerializer(article).data, status=201)

    @extend_schema(responses=ArticleSerializer)
    def update(self, request, *args, **kwargs):
        article = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        try:
            article = services.article_update(actor=request.user, instance=article, data=serializer.validated_data)
        except DjangoValidationError as error:
            _raise(error)
        return Response(ArticleSerializer(article).data)

    def perform_destroy(self, instance: Article) -> None:
        services.article_delete(actor=self.request.user, instance=instance)

    @extend_schema(request=TransitionSerializer, responses=ArticleSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, slug=None):
        """Take a workflow step (submit, publish, reject, review, archive, reopen)."""
        article = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            article = services.article_transition(
                actor=request.user,
                article=article,
                transition=serializer.validated_data["transition"],
                reason=serializer.validated_data["reason"],
            )
        except DjangoValidationError as error:
            _raise(error)
        return Response(ArticleSerializer(article).data)
