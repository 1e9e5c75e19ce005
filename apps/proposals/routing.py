"""Which cell team a new proposal goes to (see TeamRoute)."""

from django.db.models import Q
from django.utils import timezone

from .models import TeamRoute


def team_for(organisation):
    """The team routed for the organisation's seat municipality, else the default team, else None.

    A grouping route (e.g. the municipality's referentieregio) wins over a unit route
    (the municipality itself, its arrondissement or province, nearest first).
    """
    unit = organisation.municipality
    if unit is not None:
        today = timezone.localdate()
        by_grouping = (
            TeamRoute.objects.filter(
                grouping__memberships__unit=unit,
            )
            .filter(Q(grouping__memberships__valid_from__isnull=True) | Q(grouping__memberships__valid_from__lte=today))
            .filter(
                Q(grouping__memberships__valid_until__isnull=True) | Q(grouping__memberships__valid_until__gte=today)
            )
            .select_related("team")
            .order_by("pk")
            .first()
        )
        if by_grouping is not None:
            return by_grouping.team
        ancestors: list = []
        node, seen = unit, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            ancestors.append(node.pk)
            node = node.parent
        routes = {
            route.unit_id: route.team
            for route in TeamRoute.objects.filter(unit_id__in=ancestors).select_related("team")
        }
        for pk in ancestors:
            if pk in routes:
                return routes[pk]
    default = TeamRoute.objects.filter(is_default=True).select_related("team").first()
    return default.team if default else None
