"""Read-only API representation of scale scenarios (parameters, status and the overall figures)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.scale.models import Scenario


class ScenarioSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    summary = serializers.SerializerMethodField()
    # Plain strings: the values are listed in the model's docs; a named enum would collide with other "status" fields.
    status = serializers.CharField(read_only=True)
    method = serializers.CharField(read_only=True)
    territory = serializers.CharField(read_only=True)

    class Meta:
        model = Scenario
        fields = [
            "uuid",
            "name",
            "territory",
            "territory_codes",
            "territory_label",
            "method",
            "population_floor",
            "min_libraries",
            "region_count",
            "max_spread_percent",
            "respect_referentieregios",
            "start_from_cooperations",
            "seed",
            "reference_date",
            "method_version",
            "status",
            "run_seconds",
            "created_by",
            "created_at",
            "finished_at",
            "summary",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "object", "additionalProperties": True})
    def get_summary(self, obj: Scenario) -> dict:
        return (obj.result or {}).get("summary", {})


class ScenarioDetailSerializer(ScenarioSerializer):
    class Meta(ScenarioSerializer.Meta):
        fields = [*ScenarioSerializer.Meta.fields, "assignment"]
        read_only_fields = fields
