"""The registry's front page and the quick-find behind the header search box."""

from django.shortcuts import render

from apps.core.permissions import permission_view
from apps.registry.selectors.pages import quick_find, registry_counts

QUICK_FIND_LIMIT = 6


@permission_view("registry.view_registry")
def home(request):
    return render(request, "registry/home.html", {"counts": registry_counts(user=request.user)})


@permission_view("registry.view_registry")
def quick_find_view(request):
    """GET ?q=: a full page, or (for the header box, through htmx) just the list of links."""
    query = request.GET.get("q", "").strip()
    hits = quick_find(user=request.user, query=query, limit=QUICK_FIND_LIMIT)
    context = {"query": query, "hits": hits}
    if getattr(request, "htmx", False):
        return render(request, "registry/partials/quick_find_results.html", context)
    return render(request, "registry/quick_find.html", context)
