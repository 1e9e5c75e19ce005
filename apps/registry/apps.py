from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def registry_dashboard_cards(user) -> list:
    """Home-page counts of what the user may see: libraries, branches, cooperations, municipalities (one query)."""
    import datetime

    from django.db.models import Count, Q
    from django.urls import NoReverseMatch, reverse

    from apps.core.dashboard import DashboardCard
    from apps.core.rules import is_professional
    from apps.registry.models import Organisation, TerritorialUnit

    if not is_professional(user):
        return []
    today = datetime.date.today()
    counts = Organisation.objects.aggregate(
        libraries=Count("pk", filter=Q(kind="library")),
        cooperations=Count("pk", filter=Q(kind="cooperation")),
        branches=Count("library__branches", filter=Q(kind="library")),
    )
    municipalities = TerritorialUnit.objects.municipalities().valid_on(today).count()

    def url(name: str) -> str:
        try:
            return reverse(name)
        except NoReverseMatch:
            return ""

    return [
        DashboardCard(_("Bibliotheken"), counts["libraries"], url("registry:library_list")),
        DashboardCard(_("Vestigingen"), counts["branches"], url("registry:branch_list")),
        DashboardCard(_("Samenwerkingsverbanden"), counts["cooperations"], url("registry:cooperation_list")),
        DashboardCard(_("Gemeenten"), municipalities, url("registry:municipality_list")),
    ]


class RegistryConfig(AppConfig):
    name = "apps.registry"
    label = "registry"
    verbose_name = _("Netwerk")

    def ready(self) -> None:
        from apps.core.dashboard import register_dashboard_provider

        register_dashboard_provider(registry_dashboard_cards)
