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

        from apps.core.extensions import Link, register_object_links
        from apps.registry.models import Branch, Cooperation, Library

        from .templatetags.proposals import proposal_links_for

        def links(user, obj) -> list[Link]:
            return [Link(link["label"], link["url"]) for link in proposal_links_for(user, obj)]

        for model in (Library, Branch, Cooperation):
            register_object_links(model, links)
