"""Cards on the home dashboard. Apps contribute cards by registering a provider.

A provider is `callable(user) -> list[DashboardCard]`; it must use the app's
scoped selectors so that a count never includes what the user may not open.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass
class DashboardCard:
    title: str | Promise
    value: str | int
    url: str = ""
    description: str | Promise = ""


_providers: list[Callable] = []


def register_dashboard_provider(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def dashboard_cards(user) -> list[DashboardCard]:
    cards: list[DashboardCard] = []
    for provider in _providers:
        cards.extend(provider(user))
    return cards
