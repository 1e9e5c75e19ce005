"""Predicates shared by every app, and the permissions of the core pages."""

import rules

from apps.accounts.roles import Role


@rules.predicate
def is_cell_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.CELL_STAFF))


@rules.predicate
def is_library_staff(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.LIBRARY_STAFF))


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.COORDINATOR))


@rules.predicate
def is_partner(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.PARTNER))


@rules.predicate
def is_assessor(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.ASSESSOR))


@rules.predicate
def is_citizen(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(Role.CITIZEN))


@rules.predicate
def is_professional(user) -> bool:
    """Anyone who works in the network (not only a citizen)."""
    return bool(
        user
        and user.is_authenticated
        and user.role_codes & {Role.CELL_STAFF, Role.LIBRARY_STAFF, Role.COORDINATOR, Role.PARTNER, Role.ASSESSOR}
    )


@rules.predicate
def is_notification_recipient(user, notification) -> bool:
    return notification is not None and notification.recipient_id == user.pk


@rules.predicate
def is_task_owner(user, progress) -> bool:
    return progress is not None and progress.owner_id == user.pk


rules.add_perm("core.view_dashboard", rules.is_authenticated)
rules.add_perm("core.view_service_area", rules.is_authenticated)
rules.add_perm("core.view_value_coverage", is_professional)
rules.add_perm("core.view_notifications", rules.is_authenticated)
rules.add_perm("core.change_notification", rules.is_authenticated & is_notification_recipient)
rules.add_perm("core.view_taskprogress", rules.is_authenticated & (is_task_owner | is_cell_staff))
rules.add_perm("core.change_taskprogress", rules.is_authenticated & (is_task_owner | is_cell_staff))


# --- Attachments and other objects owned by "any object" ------------------------
# An attachment (or a value assessment) has no rule of its own: it follows the
# object it belongs to. `view_<model>` on the owner lets one read it,
# `change_<model>` on the owner lets one add or remove it.


def owner_perm(obj, action: str) -> str:
    meta = obj._meta
    return f"{meta.app_label}.{action}_{meta.model_name}"


@rules.predicate
def can_view_attachment_owner(user, attachment) -> bool:
    owner = getattr(attachment, "content_object", None) if attachment is not None else None
    return owner is not None and user.has_perm(owner_perm(owner, "view"), owner)


@rules.predicate
def can_change_attachment_owner(user, attachment) -> bool:
    owner = getattr(attachment, "content_object", None) if attachment is not None else None
    return owner is not None and user.has_perm(owner_perm(owner, "change"), owner)


@rules.predicate
def can_change_target(user, target) -> bool:
    """For "add to this object" permissions: the target object itself is passed."""
    return target is not None and user.has_perm(owner_perm(target, "change"), target)


rules.add_perm("core.view_attachment", rules.is_authenticated & can_view_attachment_owner)
rules.add_perm("core.add_attachment", rules.is_authenticated & can_change_target)
rules.add_perm("core.delete_attachment", rules.is_authenticated & can_change_attachment_owner)
rules.add_perm("core.change_valueassessment", rules.is_authenticated & can_change_target)
rules.add_perm("core.list_taskprogress", rules.is_authenticated)
rules.add_perm("core.change_notificationpreference", rules.is_authenticated)
