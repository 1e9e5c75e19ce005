from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "apps.knowledge"
    label = "knowledge"
    verbose_name = _("Kenniscentrum")

    def ready(self) -> None:
        from apps.knowledge.search import register_articles

        register_articles()

        from apps.core.extensions import register_object_panel
        from apps.knowledge.panels import organisation_articles_panel
        from apps.registry.models import Cooperation, Library, Partner

        for model in (Library, Cooperation, Partner):
            register_object_panel(model, organisation_articles_panel)
