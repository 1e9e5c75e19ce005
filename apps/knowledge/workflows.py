"""The article workflow, declared as a table: which transitions exist, from where to where, who may take them.

Every transition is carried out by `apps.knowledge.services.article_transition`,
which checks the permission named here on the article, validates the target
state (a published article needs a value assessment and a review date), writes
history with the transition's label as the change reason, and reindexes.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from apps.knowledge.models import ArticleState


@dataclass(frozen=True)
class Transition:
    name: str
    label: Promise
    sources: tuple[str, ...]
    target: str
    permission: str
    # Shown on the button's confirmation and in the history.
    description: Promise


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit",
        _("Ter review indienen"),
        (ArticleState.DRAFT,),
        ArticleState.IN_REVIEW,
        "knowledge.submit_article",
        _("Het ontwerp gaat naar een reviewer."),
    ),
    Transition(
        "publish",
        _("Publiceren"),
        (ArticleState.IN_REVIEW,),
        ArticleState.PUBLISHED,
        "knowledge.publish_article",
        _("Het artikel wordt zichtbaar voor zijn doelpubliek."),
    ),
    Transition(
        "reject",
        _("Terug naar ontwerp"),
        (ArticleState.IN_REVIEW,),
        ArticleState.DRAFT,
        "knowledge.publish_article",
        _("Het artikel gaat terug naar de eigenaar om bij te werken."),
    ),
    Transition(
        "review",
        _("Nagekeken"),
        (ArticleState.PUBLISHED,),
        ArticleState.PUBLISHED,
        "knowledge.review_article",
        _("De inhoud klopt nog; de volgende reviewdatum schuift op."),
    ),
    Transition(
        "archive",
        _("Archiveren"),
        (ArticleState.PUBLISHED, ArticleState.DRAFT),
        ArticleState.ARCHIVED,
        "knowledge.archive_article",
        _("Het artikel is niet meer actueel en verdwijnt uit de zoekresultaten."),
    ),
    Transition(
        "reopen",
        _("Opnieuw bewerken"),
        (ArticleState.ARCHIVED, ArticleState.PUBLISHED),
        ArticleState.DRAFT,
        "knowledge.archive_article",
        _("Het artikel wordt weer een ontwerp en verdwijnt tot de volgende publicatie."),
    ),
)

TRANSITIONS_BY_NAME = {transition.name: transition for transition in TRANSITIONS}


def transitions_from(state: str) -> list[Transition]:
    return [transition for transition in TRANSITIONS if state in transition.sources]


def available_transitions(user, article) -> list[Transition]:
    return [t for t in transitions_from(article.state) if user.has_perm(t.permission, article)]
