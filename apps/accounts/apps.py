from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Gebruikers en rollen")

    def ready(self) -> None:
        from apps.core.dashboard import register_dashboard_provider

        from .dashboard import accounts_cards

        register_dashboard_provider(accounts_cards)
