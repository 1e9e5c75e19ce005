"""Teams of cell staff: list and detail for professionals, changes for cell staff."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from apps.core.views.generic import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    Tab,
)

from .. import services
from ..filters import TeamFilterSet
from ..forms import TeamForm
from ..models import Team
from ..selectors import team_list
from ..tables import TeamTable

TEAM_TABS = [
    Tab(gettext_lazy("Overzicht"), "accounts:team_detail"),
    Tab(gettext_lazy("Geschiedenis"), "accounts:team_history"),
]


class TeamListView(ObjectListView):
    permission_required = "accounts.view_team"
    model = Team
    selector = staticmethod(team_list)
    filterset_class = TeamFilterSet
    table_class = TeamTable
    title = gettext_lazy("Teams")
    create_url_name = "accounts:team_create"
    create_permission = "accounts.manage_teams"
    export_name = "teams"


class TeamObjectMixin:
    model = Team

    def get_queryset(self):
        return Team.objects.select_related("lead").prefetch_related("members")


class TeamDetailView(TeamObjectMixin, ObjectDetailView):
    permission_required = "accounts.view_team"
    template_name = "accounts/team_detail.html"
    tabs = TEAM_TABS
    active_tab = "overview"
    edit_url_name = "accounts:team_edit"
    edit_permission = "accounts.manage_teams"
    delete_url_name = "accounts:team_delete"
    delete_permission = "accounts.manage_teams"


class TeamHistoryView(TeamObjectMixin, ObjectHistoryView):
    permission_required = "accounts.view_team"
    tabs = TEAM_TABS
    edit_url_name = "accounts:team_edit"
    edit_permission = "accounts.manage_teams"


def _team_fields(form) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "slug": data.get("slug") or "",
        "description": data["description"],
        "lead": data["lead"],
        "members": data["members"],
        "reason": data.get("change_reason", ""),
    }


class TeamCreateView(ObjectCreateView):
    permission_required = "accounts.manage_teams"
    model = Team
    form_class = TeamForm
    title = gettext_lazy("Nieuw team")
    success_message = gettext_lazy("Het team is aangemaakt.")

    def save(self, form):
        return services.team_create(actor=self.request.user, **_team_fields(form))


class TeamEditView(TeamObjectMixin, ObjectEditView):
    permission_required = "accounts.manage_teams"
    form_class = TeamForm
    title = gettext_lazy("Team bewerken")

    def save(self, form):
        return services.team_update(actor=self.request.user, team=self.object, **_team_fields(form))


def _delete_team(*, actor, instance) -> None:
    services.team_delete(actor=actor, team=instance)


class TeamDeleteView(TeamObjectMixin, ObjectDeleteView):
    permission_required = "accounts.manage_teams"
    service = staticmethod(_delete_team)
    success_url = reverse_lazy("accounts:team_list")
