from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ChangeProposal, TeamRoute


@admin.register(TeamRoute)
class TeamRouteAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "team", "grouping", "unit", "is_default")
    autocomplete_fields = ()
    raw_id_fields = ("grouping", "unit")


@admin.register(ChangeProposal)
class ChangeProposalAdmin(SimpleHistoryAdmin):
    """Read-only here: decisions go through the pages or the API, which call the services."""

    list_display = ("target_label", "kind", "status", "proposer", "team", "submitted_at")
    list_filter = ("status", "kind", "team")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
