from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.generics import RetrieveUpdateAPIView

from apps.core.permissions import RulesPermission, public_view

from .. import services
from ..filters import TeamFilterSet, UserFilterSet
from ..selectors import team_visible_to, user_visible_to
from .serializers import MeSerializer, TeamSerializer, TokenSerializer, UserSerializer


def _as_drf(error: DjangoValidationError) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(
            {field: [str(m) for e in errs for m in e.messages] for field, errs in error.error_dict.items()}
        )
    return ValidationError({"non_field_errors": error.messages})


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Accounts. Cell staff list, read and change them (names, active, roles, teams)."""

    serializer_class = UserSerializer
    permission_classes = [RulesPermission]
    permission_required = {
        "list": "accounts.manage_users",
        "retrieve": "accounts.view_user",
        "update": "accounts.change_user",
        "partial_update": "accounts.change_user",
    }
    filterset_class = UserFilterSet

    def get_queryset(self):
        return user_visible_to(self.request.user)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        roles = data.pop("role_codes", None)
        teams = data.pop("teams", None)
        try:
            serializer.instance = services.user_update(
                actor=self.request.user, user=serializer.instance, roles=roles, teams=teams, **data
            )
        except DjangoValidationError as error:
            raise _as_drf(error)


class MeView(RetrieveUpdateAPIView):
    """The logged-in user's own profile."""

    serializer_class = MeSerializer
    permission_classes = [RulesPermission]
    permission_required = "accounts.change_own_profile"

    def get_object(self):
        return self.request.user

    def perform_update(self, serializer):
        user = self.request.user
        data = serializer.validated_data
        serializer.instance = services.profile_update(
            actor=user,
            first_name=data.get("first_name", user.first_name),
            last_name=data.get("last_name", user.last_name),
            preferred_language=data.get("preferred_language", user.preferred_language),
        )


class TeamViewSet(viewsets.ModelViewSet):
    """Teams of cell staff. Professionals read; cell staff change."""

    serializer_class = TeamSerializer
    permission_classes = [RulesPermission]
    permission_required = {
        "list": "accounts.view_team",
        "retrieve": "accounts.view_team",
        "create": "accounts.manage_teams",
        "update": "accounts.manage_teams",
        "partial_update": "accounts.manage_teams",
        "destroy": "accounts.manage_teams",
    }
    lookup_field = "slug"
    filterset_class = TeamFilterSet

    def get_queryset(self):
        return team_visible_to(self.request.user)

    def perform_create(self, serializer):
        try:
            serializer.instance = services.team_create(actor=self.request.user, **serializer.validated_data)
        except DjangoValidationError as error:
            raise _as_drf(error)

    def perform_update(self, serializer):
        try:
            serializer.instance = services.team_update(
                actor=self.request.user, team=serializer.instance, **serializer.validated_data
            )
        except DjangoValidationError as error:
            raise _as_drf(error)

    def perform_destroy(self, instance):
        services.team_delete(actor=self.request.user, team=instance)


@public_view
class TokenObtainView(ObtainAuthToken):
    """POST username and password, get the API token (header: `Authorization: Token …`)."""

    serializer_class = TokenSerializer
    permission_classes = [RulesPermission]
