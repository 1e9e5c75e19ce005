from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def library_statistics_links(user, library) -> list:
    """ "Cijfers" and "Rapport" on a library's registry page, for those who may see its figures."""
    from django.urls import reverse

    from apps.core.extensions import Link

    if not user.has_perm("statistics.view_library_figures", library):
        return []
    slug = library.organisation.slug
    return [
        Link(_("Cijfers"), reverse("statistics:library_dashboard", kwargs={"slug": slug})),
        Link(_("Rapport"), reverse("statistics:library_report", kwargs={"slug": slug})),
    ]


def statistics_area_links(user) -> list:
    from django.urls import reverse

    from apps.core.extensions import Link

    if not user.has_perm("statistics.view_statistics"):
        return []
    return [
        Link(
            _("Cijfers en vergelijkingen"),
            reverse("statistics:home"),
            _("Indicatoren, gegevenslevering, vergelijkingsgroepen en het bibliotheekrapport"),
        )
    ]


class StatisticsConfig(AppConfig):
    name = "apps.statistics"
    label = "statistics"
    verbose_name = _("Cijfers")

    def ready(self) -> None:
        from apps.core.dashboard import register_dashboard_provider

        from . import importers  # noqa: F401  (registers the figures import definitions)
        from .dashboard import statistics_cards

        register_dashboard_provider(statistics_cards)

        from apps.core.extensions import register_area_links, register_object_links
        from apps.registry.models import Library

        register_object_links(Library, library_statistics_links)
        register_area_links("netwerk", statistics_area_links)

        from .freshness import connect_signals

        connect_signals()
