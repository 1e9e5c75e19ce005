from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def organisation_articles_panel(request, detail) -> str:
    """The articles about a library, cooperation or partner, below its registry page (only those the user may read)."""
    from django.template.loader import render_to_string

    from apps.knowledge.selectors import articles_for_organisation

    if not request.user.has_perm("knowledge.view_knowledge"):
        return ""
    articles = list(
        articles_for_organisation(user=request.user, organisation=detail.organisation)
        .select_related(None)
        .only("slug", "kind", "title")[:20]
    )
    # Rendered without the request: a RequestContext would run every context processor (the
    # navigation, the unread-notification count) a second time for a list of links.
    return render_to_string("knowledge/partials/organisation_articles.html", {"articles": articles})


class KnowledgeConfig(AppConfig):
    name = "apps.knowledge"
    label = "knowledge"
    verbose_name = _("Kenniscentrum")

    def ready(self) -> None:
        from apps.knowledge.search import register_articles

        register_articles()

        from apps.core.extensions import register_object_panel
        from apps.registry.models import Cooperation, Library, Partner

        for model in (Library, Cooperation, Partner):
            register_object_panel(model, organisation_articles_panel)
