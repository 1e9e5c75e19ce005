from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from apps.core import page_cache

        # After every migrate (test databases included): the triggers that move the content version.
        post_migrate.connect(page_cache.install_triggers, sender=self, dispatch_uid="page-cache-triggers")
