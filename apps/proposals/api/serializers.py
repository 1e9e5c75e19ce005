from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .. import selectors, targets
from ..models import ChangeProposal

TARGET_CHOICES = [*targets.TARGET_TYPES.keys(), "organisatie"]


class DiffRowSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    base = serializers.CharField()
    current = serializers.CharField()
    proposed = serializers.CharField()
    changed = serializers.BooleanField()
    conflict = serializers.BooleanField()


class ChangeProposalSerializer(serializers.ModelSerializer):
    target_type = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()
    create = serializers.SerializerMethodField()
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    proposer = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()
    team = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    diff = serializers.SerializerMethodField()
    # Plain strings in the schema: "status" and "kind" enums of other models share these names.
    kind = serializers.CharField(read_only=True, help_text="change, create, opening_hours")
    status = serializers.CharField(read_only=True, help_text="submitted, approved, rejected, withdrawn")

    class Meta:
        model = ChangeProposal
        fields = [
            "uuid",
            "kind",
            "status",
            "target_type",
            "target",
            "create",
            "target_label",
            "organisation",
            "proposed_data",
            "base_data",
            "motivation",
            "proposer",
            "submitted_at",
            "team",
            "decided_by",
            "decided_at",
            "decision_reason",
            "diff",
        ]
        read_only_fields = fields

    def _target_spec(self, obj):
        return targets.TARGET_TYPE_BY_MODEL.get(obj.target_type.model_class())

    def get_target_type(self, obj) -> str:
        spec = self._target_spec(obj)
        return spec.key if spec else "organisatie"

    def get_target(self, obj) -> str | None:
        target = obj.target
        if target is None:
            return None
        spec = self._target_spec(obj)
        return spec.url_value(target) if spec else target.slug

    def get_create(self, obj) -> str | None:
        if not obj.create_type_id:
            return None
        return targets.CREATE_TYPE_BY_MODEL[obj.create_type.model_class()].key

    def get_diff(self, obj) -> list[dict]:
        return DiffRowSerializer(selectors.proposal_diff(obj), many=True).data


class SubmitSerializer(serializers.Serializer):
    target_type = serializers.ChoiceField(
        choices=TARGET_CHOICES,
        help_text=_("bibliotheek of samenwerkingsverband (korte naam), vestiging of contact (uuid), organisatie."),
    )
    target = serializers.CharField(help_text=_("De korte naam of de uuid van het record."))
    create = serializers.ChoiceField(
        choices=list(targets.CREATE_TYPES.keys()),
        required=False,
        allow_null=True,
        help_text=_("Voor een nieuw record onder de organisatie: vestiging of contact."),
    )
    data = serializers.DictField(
        help_text=_(
            'Veld → nieuwe waarde; openingsuren: {"periods": [{"weekday": 0, "opens": "09:00", "closes": "12:00"}]}.'
        )
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")
