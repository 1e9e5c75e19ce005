from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "apps.knowledge"
    label = "knowledge"
    verbose_name = _("Kenniscentrum")

    def ready(self) -> None:
        from apps.knowledge.search import register_articles

        register_articles()
