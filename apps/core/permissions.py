"""How views declare their permission.

Every view must say who may use it. Class-based views set `permission_required`
(a django-rules permission name, checked by `rules.contrib.views.PermissionRequiredMixin`)
or are marked public with `@public_view`. Function views use `@permission_view(...)`.
API views set `permission_required` (a name, or a dict per action) and use
`RulesPermission`. `tests/test_url_permissions.py` walks every URL pattern and
fails when a view declares nothing.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from rest_framework.permissions import BasePermission

PUBLIC_ATTR = "knooppunt_public"


def public_view(view: Any) -> Any:
    """Mark a view (function or class) as intentionally open to everyone."""
    setattr(view, PUBLIC_ATTR, True)
    return view


def is_public(view: Any) -> bool:
    return bool(getattr(view, PUBLIC_ATTR, False))


def permission_view(perm: str, *, get_object: Callable[..., Any] | None = None) -> Callable:
    """Decorate a function view with a rules permission (optionally on an object).

    Anonymous users are sent to the login page; logged-in users without the
    permission get a 403.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any):
            obj = get_object(request, *args, **kwargs) if get_object else None
            if not request.user.has_perm(perm, obj):
                if not request.user.is_authenticated:
                    from django.contrib.auth.views import redirect_to_login

                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.permission_required = perm  # type: ignore[attr-defined]
        return wrapper

    return decorator


class RulesPermission(BasePermission):
    """DRF permission reading `view.permission_required` (str or {action: perm}).

    Object permissions are checked with the object; list actions without one.
    A view without a declared permission is refused (fail closed).
    """

    def _perm_for(self, view: Any) -> str | None:
        declared = getattr(view, "permission_required", None)
        if isinstance(declared, dict):
            action = getattr(view, "action", None) or view.request.method.lower()
            return declared.get(action)
        return declared

    def has_permission(self, request, view) -> bool:
        if is_public(view) or is_public(type(view)):
            return True
        perm = self._perm_for(view)
        if perm is None:
            return False
        if getattr(view, "action", None) in {"retrieve", "update", "partial_update", "destroy"}:
            return request.user.is_authenticated or request.user.has_perm(perm)
        return request.user.has_perm(perm)

    def has_object_permission(self, request, view, obj) -> bool:
        if is_public(view) or is_public(type(view)):
            return True
        perm = self._perm_for(view)
        return perm is not None and request.user.has_perm(perm, obj)


def check(user: Any, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `user` has `perm` (used inside services)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)
