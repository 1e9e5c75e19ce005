from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def scale_dashboard_cards(user) -> list:
    """One card: the number of scale scenarios the user may open, linking to the scale home."""
    from django.urls import reverse

    from apps.core.dashboard import DashboardCard

    if not user.has_perm("scale.view_scenario"):
        return []
    from apps.scale.selectors import scenario_visible_to

    return [
        DashboardCard(
            _("Schaalscenario's"),
            scenario_visible_to(user).count(),
            reverse("scale:home"),
            _("Regio's tekenen en vergelijken met de referentieregio's"),
        )
    ]


def scale_area_links(user) -> list:
    from django.urls import reverse

    from apps.core.extensions import Link

    if not user.has_perm("scale.view_scenario"):
        return []
    return [Link(_("Optimale schaal"), reverse("scale:home"), _("Schaalscenario's: gemeenten groeperen tot regio's"))]


class ScaleConfig(AppConfig):
    name = "apps.scale"
    label = "scale"
    verbose_name = _("Optimale schaal")

    def ready(self) -> None:
        from apps.core.dashboard import register_dashboard_provider

        register_dashboard_provider(scale_dashboard_cards)

        from apps.core.extensions import register_area_links

        register_area_links("netwerk", scale_area_links)
