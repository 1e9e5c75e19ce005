"""Extension points: how a higher app adds links and panels to a lower app's pages.

Dependencies point down (core ← accounts ← registry ← services). A registry page
must still offer "Cijfers", "Wijziging voorstellen" or "Artikels over deze
bibliotheek", which belong to apps above it. Instead of the registry importing
them, those apps register providers here in their AppConfig.ready(); every
detail page (core/object_detail.html) renders what is registered for its model,
and every service-area home renders the links registered for its area.

A provider receives the user (and the object) and returns only what that user
may open — it uses the providing app's own rules.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.utils.functional import Promise


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url: str
    description: str | Promise = ""


ObjectLinkProvider = Callable[[object, Model], list[Link]]
PanelProvider = Callable[[object, Model], str]
AreaLinkProvider = Callable[[object], list[Link]]

_object_links: dict[str, list[ObjectLinkProvider]] = defaultdict(list)
_object_panels: dict[str, list[PanelProvider]] = defaultdict(list)
_area_links: dict[str, list[AreaLinkProvider]] = defaultdict(list)


def _label(model: type[Model] | Model) -> str:
    return model._meta.label_lower


def register_object_links(model: type[Model], provider: ObjectLinkProvider) -> None:
    """Add action links (next to "Bewerken") on the detail page of `model`."""
    if provider not in _object_links[_label(model)]:
        _object_links[_label(model)].append(provider)


def register_object_panel(model: type[Model], provider: PanelProvider) -> None:
    """Add a panel (rendered HTML, escaped by the provider's template) below the detail page body."""
    if provider not in _object_panels[_label(model)]:
        _object_panels[_label(model)].append(provider)


def register_area_links(area_slug: str, provider: AreaLinkProvider) -> None:
    """Add links to a service area's home page (e.g. "Optimale schaal" under "netwerk")."""
    if provider not in _area_links[area_slug]:
        _area_links[area_slug].append(provider)


def object_links(user, obj: Model) -> list[Link]:
    links: list[Link] = []
    for provider in _object_links.get(_label(obj), []):
        links.extend(provider(user, obj))
    return links


def object_panels(request, obj: Model) -> list[str]:
    return [html for provider in _object_panels.get(_label(obj), []) if (html := provider(request, obj))]


def area_links(user, area_slug: str) -> list[Link]:
    links: list[Link] = []
    for provider in _area_links.get(area_slug, []):
        links.extend(provider(user))
    return links
