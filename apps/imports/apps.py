from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "apps.imports"
    label = "imports"
    verbose_name = _("Import en export")

    def ready(self) -> None:
        # Every app that offers imports registers its definitions in its importers.py.
        autodiscover_modules("importers")
