"""Who may do what with users and teams."""

import rules

from apps.core.rules import is_cell_staff, is_professional


@rules.predicate
def is_self(user, other) -> bool:
    return other is not None and getattr(other, "pk", None) == user.pk


# Managing accounts (list, create, edit, roles, deactivate) is the cell's job.
rules.add_perm("accounts.manage_users", is_cell_staff)
rules.add_perm("accounts.view_user", rules.is_authenticated & (is_cell_staff | is_self))
rules.add_perm("accounts.change_user", is_cell_staff)
# Everyone who is logged in manages their own profile and password.
rules.add_perm("accounts.change_own_profile", rules.is_authenticated)
rules.add_perm("accounts.manage_teams", is_cell_staff)
rules.add_perm("accounts.view_team", is_professional)
