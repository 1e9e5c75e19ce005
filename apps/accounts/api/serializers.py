from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer

from ..models import Team, User
from ..roles import Role


class RolesField(serializers.ListField):
    child = serializers.ChoiceField(choices=Role.choices)

    def to_representation(self, data):
        return sorted(data)


class UserSerializer(serializers.ModelSerializer):
    roles = RolesField(source="role_codes", required=False)
    teams = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Team.objects.all(), required=False)

    class Meta:
        model = User
        fields = (
            "id",
            "username",
            "first_name",
            "last_name",
            "email",
            "email_verified",
            "is_active",
            "is_demo",
            "preferred_language",
            "roles",
            "teams",
        )
        read_only_fields = ("id", "username", "email_verified", "is_demo", "preferred_language")


class MeSerializer(serializers.ModelSerializer):
    roles = RolesField(source="role_codes", read_only=True)
    teams = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = User
        fields = ("id", "username", "first_name", "last_name", "email", "preferred_language", "roles", "teams")
        read_only_fields = ("id", "username", "email")


class TeamSerializer(serializers.ModelSerializer):
    members = serializers.SlugRelatedField(
        slug_field="username", many=True, queryset=User.objects.all(), required=False
    )
    lead = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.all(), required=False, allow_null=True
    )
    slug = serializers.SlugField(required=False, allow_blank=True, max_length=120)

    class Meta:
        model = Team
        fields = ("slug", "name", "description", "lead", "members", "is_demo")
        read_only_fields = ("is_demo",)


class TokenSerializer(AuthTokenSerializer):
    """Username + password; refused until the e-mail address is confirmed."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = attrs["user"]
        if not user.email_verified and not user.is_superuser:
            raise serializers.ValidationError(_("Je e-mailadres is nog niet bevestigd."), code="authorization")
        return attrs
