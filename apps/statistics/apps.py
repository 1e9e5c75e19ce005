from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatisticsConfig(AppConfig):
    name = "apps.statistics"
    label = "statistics"
    verbose_name = _("Cijfers")

    def ready(self) -> None:
        from apps.core.dashboard import register_dashboard_provider

        from . import importers  # noqa: F401  (registers the figures import definitions)
        from .dashboard import statistics_cards

        register_dashboard_provider(statistics_cards)
