from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScaleConfig(AppConfig):
    name = "apps.scale"
    label = "scale"
    verbose_name = _("Optimale schaal")
