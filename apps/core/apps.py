from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from apps.core import page_cache

        page_cache.connect_signals()
