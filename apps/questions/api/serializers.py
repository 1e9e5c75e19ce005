"""API representation of questions for the cell. Internal notes are not part of it, on purpose."""

from rest_framework import serializers

from ..models import Question, Reply


class ReplySerializer(serializers.ModelSerializer):
    class Meta:
        model = Reply
        fields = ["author_name", "from_asker", "is_answer", "body", "created_at"]


class QuestionSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    # Plain strings in the schema (codes of workflows.Status and models.Channel), as in the other apps' APIs.
    status = serializers.CharField(read_only=True)
    channel = serializers.CharField(read_only=True)
    category = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    team = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    assignee = serializers.SlugRelatedField(slug_field="username", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "uuid",
            "reference",
            "url",
            "subject",
            "channel",
            "status",
            "category",
            "organisation",
            "region",
            "team",
            "assignee",
            "asker_name",
            "received_at",
            "acknowledged_at",
            "first_answered_at",
            "closed_at",
            "ack_due",
            "answer_due",
            "paused_days",
        ]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class QuestionDetailSerializer(QuestionSerializer):
    body = serializers.CharField(read_only=True)
    replies = ReplySerializer(many=True, read_only=True)

    class Meta(QuestionSerializer.Meta):
        fields = [*QuestionSerializer.Meta.fields, "body", "replies"]
        read_only_fields = fields
