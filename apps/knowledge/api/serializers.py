from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.core.models import Pillar
from apps.knowledge.models import Article, ArticleKind, Audience, Theme, Visibility


@extend_schema_field({"type": "string", "description": " | ".join(ArticleKind.values)})
class ArticleKindField(serializers.ChoiceField):
    """The article kind as a plain string enum (several models have a "kind")."""

    def __init__(self, **kwargs):
        super().__init__(choices=ArticleKind.choices, **kwargs)


class ArticleSerializer(serializers.ModelSerializer):
    kind = ArticleKindField(read_only=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)
    pillars = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Pillar.objects.all(), required=False)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Theme.objects.all(), required=False)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Article
        fields = [
            "uuid", "slug", "url", "kind", "title", "summary", "body", "state", "visibility", "audience", "owner",
            "pillars", "themes", "sources", "published_at", "last_reviewed_on", "review_due_on", "is_demo",
        ]  # fmt: skip
        read_only_fields = ["uuid", "slug", "state", "published_at", "last_reviewed_on", "is_demo"]


class ArticleWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=1000)
    body = serializers.CharField(required=False, allow_blank=True, default="")
    kind = ArticleKindField(default=ArticleKind.GOOD_PRACTICE)
    visibility = serializers.ChoiceField(choices=Visibility.choices, default=Visibility.INTERNAL)
    audience = serializers.ChoiceField(choices=Audience.choices, default=Audience.LIBRARY_STAFF)
    sources = serializers.CharField(required=False, allow_blank=True, default="")
    review_due_on = serializers.DateField(required=False, allow_null=True)
    pillars = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Pillar.objects.all(), required=False)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Theme.objects.all(), required=False)


class TransitionSerializer(serializers.Serializer):
    transition = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")
