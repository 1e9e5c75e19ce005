from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def registry_dashboard_cards(user) -> list:
    """Home-page counts of what the user may see: libraries, branches, cooperations, municipalities."""
    import datetime

    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from apps.core.dashboard import DashboardCard
    from apps.core.rules import is_professional
    from apps.registry.models import Branch, Organisation, TerritorialUnit

    if not is_professional(user):
        return []
    today = datetime.date.today()
    # Organisations counted per kind along the (kind, name) index, and branches on their own: a join of
    # organisations, libraries and branches cost 2 ms at ten times Flanders. Every branch belongs to a library.
    per_kind = dict(Organisation.objects.order_by().values_list("kind").annotate(n=Count("pk")))
    counts = {
        "libraries": per_kind.get("library", 0),
        "cooperations": per_kind.get("cooperation", 0),
        "branches": Branch.objects.count(),
    }
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
