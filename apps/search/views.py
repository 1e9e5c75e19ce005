"""The search page (and its htmx fragment for search-as-you-type) and the synonym pages."""

from typing import Any

from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy

from apps.core.permissions import permission_view
from apps.core.views.generic import ObjectCreateView, ObjectDeleteView, ObjectEditView, ObjectListView
from apps.search import services
from apps.search.engine import FACETS
from apps.search.forms import SynonymForm
from apps.search.models import Synonym
from apps.search.selectors import search
from apps.search.tables import SynonymTable

PER_PAGE = 10
LIVE_LIMIT = 6


def _filters(request) -> dict[str, list[str]]:
    return {name: [v[:60] for v in request.GET.getlist(name)[:10]] for name in FACETS}


def _registry_hits(request, query: str) -> list:
    """Quick-find of registry entities (municipalities, libraries, …) for users who may see the registry."""
    if not query or not request.user.has_perm("registry.view_registry"):
        return []
    from apps.registry.selectors.pages import quick_find

    return quick_find(user=request.user, query=query, limit=LIVE_LIMIT)


@permission_view("search.search")
def search_view(request):
    query = request.GET.get("q", "")[:10_000]
    try:
        page_number = int(request.GET.get("page", "1"))
    except ValueError:
        page_number = 1
    live = bool(getattr(request, "htmx", False)) and request.GET.get("live") == "1"
    filters = _filters(request)
    results = search(
        user=request.user, query=query, filters=filters, page=page_number, per_page=LIVE_LIMIT if live else PER_PAGE
    )
    context: dict[str, Any] = {
        "results": results,
        "query": results.query,
        "registry_hits": _registry_hits(request, results.query) if page_number == 1 else [],
        "active_filters": {name: values for name, values in filters.items() if values},
        "facet_titles": {
            "kind": gettext_lazy("Soort"),
            "pillar": gettext_lazy("Pijler"),
            "value": gettext_lazy("Waarde"),
            "year": gettext_lazy("Jaar"),
        },
        "shows_demo_data": any(hit.is_demo for hit in results.hits),
    }
    if live:
        return render(request, "search/partials/live_results.html", context)
    if getattr(request, "htmx", False):
        return render(request, "search/partials/results.html", context)
    return render(request, "search/search.html", context)


class SynonymListView(ObjectListView):
    permission_required = "search.view_synonym"
    model = Synonym
    table_class = SynonymTable
    title = gettext_lazy("Synoniemen en afkortingen")
    create_url_name = "search:synonym_create"
    create_permission = "search.add_synonym"
    export_name = "synoniemen"


def _save_synonym(*, actor, instance, data, reason):
    if instance is None or instance.pk is None:
        return services.synonym_create(actor=actor, terms=data["terms"], note=data.get("note", ""), reason=reason)
    return services.synonym_update(
        actor=actor, synonym=instance, terms=data["terms"], note=data.get("note", ""), reason=reason
    )


class SynonymCreateView(ObjectCreateView):
    permission_required = "search.add_synonym"
    model = Synonym
    form_class = SynonymForm
    service = staticmethod(_save_synonym)
    success_url = reverse_lazy("search:synonym_list")


class SynonymEditView(ObjectEditView):
    permission_required = "search.change_synonym"
    model = Synonym
    form_class = SynonymForm
    service = staticmethod(_save_synonym)
    success_url = reverse_lazy("search:synonym_list")


class SynonymDeleteView(ObjectDeleteView):
    permission_required = "search.delete_synonym"
    model = Synonym
    success_url = reverse_lazy("search:synonym_list")

    @staticmethod
    def service(*, actor, instance):
        services.synonym_delete(actor=actor, synonym=instance)
