"""Reads of users and teams, scoped to the person who asks."""

from django.contrib.auth.models import Group
from django.db.models import Count, Prefetch, Q, QuerySet

from apps.core.rules import is_cell_staff, is_professional

from .models import Team, User
from .roles import Role


def _role_groups() -> Prefetch:
    return Prefetch("groups", queryset=Group.objects.filter(name__in=Role.values).order_by("name"))


def user_visible_to(user) -> QuerySet[User]:
    """Cell staff see every account; anyone else only their own."""
    qs = User.objects.prefetch_related(_role_groups(), "teams")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if is_cell_staff(user):
        return qs
    return qs.filter(pk=user.pk)


def user_list(*, user) -> QuerySet[User]:
    return user_visible_to(user)


def team_visible_to(user) -> QuerySet[Team]:
    """Teams are visible to people who work in the network."""
    qs = (
        Team.objects.select_related("lead")
        .prefetch_related("members")
        .annotate(member_count=Count("members"))
        .order_by("name")
    )
    if not is_professional(user):
        return qs.none()
    return qs


def team_list(*, user) -> QuerySet[Team]:
    return team_visible_to(user)


def cell_staff_users() -> QuerySet[User]:
    """Who may be a member or lead of a team."""
    return User.objects.filter(groups__name=Role.CELL_STAFF, is_active=True).distinct()


def role_counts() -> dict[str, int]:
    """Active users per role, in one query."""
    rows = Group.objects.filter(name__in=Role.values).annotate(n=Count("user", filter=Q(user__is_active=True)))
    counts = dict.fromkeys(Role.values, 0)
    counts.update({row.name: row.n for row in rows})
    return counts


def user_totals() -> dict[str, int]:
    """Active accounts and unconfirmed citizen sign-ups, in one query."""
    return User.objects.aggregate(
        active=Count("pk", filter=Q(is_active=True), distinct=True),
        unverified=Count(
            "pk", filter=Q(is_active=True, email_verified=False, groups__name=Role.CITIZEN), distinct=True
        ),
    )
