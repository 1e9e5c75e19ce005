from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


def import_area_links(user) -> list:
    from django.urls import reverse

    from apps.core.extensions import Link

    if not user.has_perm("imports.run_import"):
        return []
    return [
        Link(_("Importeren"), reverse("imports:upload"), _("Registergegevens uit CSV of XLSX")),
        Link(_("Importgeschiedenis"), reverse("imports:job_list"), _("Eerdere imports en hun resultaat")),
    ]


class ImportsConfig(AppConfig):
    name = "apps.imports"
    label = "imports"
    verbose_name = _("Import en export")

    def ready(self) -> None:
        # Every app that offers imports registers its definitions in its importers.py.
        autodiscover_modules("importers")

        from apps.core.extensions import register_area_links

        register_area_links("netwerk", import_area_links)
