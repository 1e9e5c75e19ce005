"""Object permission checks for function views whose object is looked up by the view.

Anonymous users go to the login page; a logged-in user who may not see the
object gets a 404 (its existence is not revealed); one who may see it but not
do the action gets a 403.
"""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from apps.core.rules import owner_perm


def deny(request: HttpRequest, *, visible: bool) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not visible:
        raise Http404
    raise PermissionDenied


def safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def declare(perm: str):
    """Declare the permission of a view that checks it on an object itself."""

    def decorator(view):
        view.permission_required = perm
        return view

    return decorator


def get_target(content_type_id: int, object_id: str):
    """The object a generic relation (attachment, value assessment) points at, or 404."""
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404
    model = content_type.model_class()
    if model is None:
        raise Http404
    try:
        return model._default_manager.get(pk=object_id)
    except (model.DoesNotExist, ValueError, TypeError, ValidationError):
        # ValidationError: a malformed key, e.g. text for a UUID primary key.
        raise Http404


def can_view(user, obj) -> bool:
    return user.has_perm(owner_perm(obj, "view"), obj)
