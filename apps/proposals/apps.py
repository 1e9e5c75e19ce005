from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "apps.proposals"
    label = "proposals"
    verbose_name = _("Wijzigingsvoorstellen")

    def ready(self) -> None:
        from apps.core.dashboard import register_dashboard_provider

        from .dashboard import proposal_cards

        register_dashboard_provider(proposal_cards)
