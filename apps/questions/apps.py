from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "apps.questions"
    label = "questions"
    verbose_name = _("Vragen")

    def ready(self) -> None:
        from apps.core.dashboard import register_dashboard_provider

        from .dashboard import question_cards
        from .search import register_questions

        register_dashboard_provider(question_cards)
        register_questions()
