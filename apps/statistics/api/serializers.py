"""API representations of the catalogue, the figures and a peer group's statistics."""

from rest_framework import serializers

from apps.statistics.models import FigureValue, Indicator, PeerGroup


class IndicatorSerializer(serializers.ModelSerializer):
    """One line of the catalogue with its metadata sheet."""

    # Plain strings: a named enum would collide with other apps' "kind"/"category" choice sets.
    kind = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_nl",
            "name_en",
            "definition",
            "unit",
            "source",
            "reference_period",
            "higher_is_better",
            "kind",
            "formula",
            "category",
            "required",
            "min_value",
            "max_value",
            "decimals",
            "is_key",
            "position",
        ]
        read_only_fields = fields


class FigureSerializer(serializers.ModelSerializer):
    """One base figure of one library in one year."""

    library = serializers.SlugRelatedField(source="submission.library.organisation", slug_field="slug", read_only=True)
    library_name = serializers.CharField(source="submission.library.organisation.name", read_only=True)
    year = serializers.IntegerField(source="submission.year", read_only=True)
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # Plain string ("draft" or "confirmed"): a named enum would collide with other "status" fields.
    status = serializers.CharField(source="submission.status", read_only=True)

    class Meta:
        model = FigureValue
        fields = ["id", "library", "library_name", "year", "indicator", "value", "status", "is_demo"]
        read_only_fields = fields


class PeerGroupSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)
    criteria = serializers.JSONField(read_only=True)

    class Meta:
        model = PeerGroup
        fields = ["uuid", "name", "description", "owner", "shared", "criteria", "is_demo", "created_at"]
        read_only_fields = fields


class GroupStatisticSerializer(serializers.Serializer):
    """A group's statistics for one indicator; median, quartiles and rank are null under the privacy floor."""

    indicator = serializers.CharField()
    n = serializers.IntegerField(help_text="Aantal bibliotheken met een cijfer.")
    shown = serializers.BooleanField(help_text="Onwaar als de groep kleiner is dan de privacydrempel.")
    floor = serializers.IntegerField()
    median = serializers.FloatField(allow_null=True)
    q1 = serializers.FloatField(allow_null=True)
    q3 = serializers.FloatField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True, help_text="Rang van de gevraagde bibliotheek (1 = beste).")


class PeerGroupStatisticsSerializer(serializers.Serializer):
    group = serializers.UUIDField()
    year = serializers.IntegerField()
    library = serializers.CharField(allow_null=True)
    members = serializers.IntegerField(help_text="Aantal bibliotheken in de groep dat jaar.")
    reporting = serializers.IntegerField(help_text="Aantal daarvan met bevestigde cijfers.")
    privacy_floor = serializers.IntegerField()
    statistics = GroupStatisticSerializer(many=True)
