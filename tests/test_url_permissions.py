"""Every URL pattern must declare who may use its view.

A view counts as declared when:
- it is marked public with ``@public_view`` (on the function, or on its class);
- a function view carries ``permission_required`` (set by ``@permission_view``);
- a Django class-based view sets ``permission_required`` AND inherits a
  PermissionRequiredMixin that enforces it;
- a DRF view sets ``permission_required`` (for a dict: one entry per routed
  action or method) AND lists ``RulesPermission`` in ``permission_classes``.
The Django admin (under ``beheer/``) has its own staff check and is allowed as a whole.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from django.views.generic import TemplateView
from rest_framework.views import APIView

from apps.core.permissions import RulesPermission, is_public, permission_view, public_view

pytestmark = pytest.mark.sqlite_only

# Route prefixes whose views are protected by something other than our declarations.
ALLOW_LIST = {
    "beheer/": "Django admin: every admin view checks is_staff itself",
}


@dataclass(frozen=True)
class Undeclared:
    route: str
    view: str
    reason: str

    def __str__(self) -> str:
        return f"/{self.route}  ({self.view}): {self.reason}"


def _view_name(callback) -> str:
    target = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return f"{target.__module__}.{getattr(target, '__qualname__', repr(target))}"


def _drf_problem(view_class, callback) -> str | None:
    if RulesPermission not in tuple(view_class.permission_classes):
        return "DRF view without RulesPermission in permission_classes"
    declared = getattr(view_class, "permission_required", None)
    if not declared:
        return "DRF view without permission_required"
    if isinstance(declared, dict):
        actions = getattr(callback, "actions", None)  # a ViewSet routed by a router
        if actions:
            needed = set(actions.values())
        else:
            needed = {method for method in view_class.http_method_names if hasattr(view_class, method)}
        needed -= {"options", "head"}
        missing = sorted(needed - set(declared))
        if missing:
            return f"permission_required has no entry for {', '.join(missing)}"
    return None


def declaration_problem(callback) -> str | None:
    """None when the view declares its permission, else what is wrong."""
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if is_public(callback) or (view_class is not None and is_public(view_class)):
        return None
    if view_class is None:
        if getattr(callback, "permission_required", None):
            return None
        return "function view without @permission_view or @public_view"
    if issubclass(view_class, APIView):
        return _drf_problem(view_class, callback)
    if not getattr(view_class, "permission_required", None):
        return "class view without permission_required"
    if not issubclass(view_class, PermissionRequiredMixin):
        return "permission_required is set but no PermissionRequiredMixin enforces it"
    return None


def undeclared_views(patterns, prefix: str = "") -> list[Undeclared]:
    """Walk URL patterns (recursively through include()) and list undeclared views."""
    found: list[Undeclared] = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if any(route.startswith(allowed) for allowed in ALLOW_LIST):
            continue
        if isinstance(entry, URLResolver):
            found += undeclared_views(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            problem = declaration_problem(entry.callback)
            if problem:
                found.append(Undeclared(route, _view_name(entry.callback), problem))
    return found


def test_every_view_declares_its_permission():
    problems = undeclared_views(get_resolver().url_patterns)
    assert not problems, "Views without a declared permission:\n" + "\n".join(map(str, problems))


def test_the_project_has_views_to_walk():
    # Guards the walk itself: an empty walk would pass the test above trivially.
    def count(patterns) -> int:
        return sum(count(e.url_patterns) if isinstance(e, URLResolver) else 1 for e in patterns)

    assert count(get_resolver().url_patterns) > 10


# --- The walker must fail on undeclared views ------------------------------------


def _plain(request):
    return HttpResponse("open")


def _public(request):
    return HttpResponse("public")


class _PlainPage(TemplateView):
    template_name = "base.html"


@public_view
class _PublicPage(TemplateView):
    template_name = "base.html"


class _UnenforcedPage(TemplateView):
    # Has the attribute but nothing checks it: must not count as declared.
    permission_required = "core.view_dashboard"


class _GuardedPage(PermissionRequiredMixin, TemplateView):
    permission_required = "core.view_dashboard"


class _ApiWithoutRules(APIView):
    permission_required = "core.view_dashboard"

    def get(self, request):
        return HttpResponse()


class _ApiMissingAction(APIView):
    permission_classes = [RulesPermission]
    permission_required = {"get": "core.view_dashboard"}

    def get(self, request):
        return HttpResponse()

    def post(self, request):
        return HttpResponse()


class _ApiDeclared(_ApiMissingAction):
    permission_required = {"get": "core.view_dashboard", "post": "core.view_dashboard"}


def test_walker_reports_each_undeclared_view():
    nested = [
        path("open/", _plain),
        path("page/", _PlainPage.as_view()),
        path("unenforced/", _UnenforcedPage.as_view()),
        path("api-a/", _ApiWithoutRules.as_view()),
        path("api-b/", _ApiMissingAction.as_view()),
    ]
    patterns = [
        path("public/", public_view(_public)),
        path("perm/", permission_view("core.view_dashboard")(_plain)),
        path("guarded/", _GuardedPage.as_view()),
        path("public-class/", _PublicPage.as_view()),
        path("api-ok/", _ApiDeclared.as_view()),
        path("beheer/anything/", _plain),
        path("sub/", include(nested)),
    ]

    problems = undeclared_views(patterns)

    assert [p.route for p in problems] == [
        "sub/open/",
        "sub/page/",
        "sub/unenforced/",
        "sub/api-a/",
        "sub/api-b/",
    ]
    assert "post" in problems[-1].reason
    assert all(p.reason for p in problems)
