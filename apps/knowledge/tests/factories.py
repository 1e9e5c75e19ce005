"""Factories and helpers for knowledge tests: published articles go through the services."""

import itertools

from apps.core.models import Value
from apps.core.services.values import value_assessment_set
from apps.knowledge import services
from apps.knowledge.models import Article

_counter = itertools.count(1)


def make_article(
    actor,
    *,
    title: str | None = None,
    summary: str = "Een korte samenvatting.",
    body: str = "",
    publish: bool = True,
    visibility: str = "public",
    kind: str = "good_practice",
    **data,
) -> Article:
    title = title or f"Artikel {next(_counter)}"
    article = services.article_create(
        actor=actor,
        data={"title": title, "summary": summary, "body": body, "visibility": visibility, "kind": kind, **data},
    )
    if publish:
        # Live-server tests flush the reference data that migrations loaded.
        value = Value.objects.order_by("position").first() or Value.objects.create(
            code="education", name_nl="Educatie", name_en="Education", position=1
        )
        value_assessment_set(actor=actor, obj=article, assessments={value.code: "Draagt bij."})
        services.article_transition(actor=actor, article=article, transition="submit")
        article = services.article_transition(actor=actor, article=article, transition="publish")
    return article
