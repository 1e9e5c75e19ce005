"""Answer → knowledge: a closed question becomes an anonymised draft article, linked both ways."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.links import absolute_url
from apps.core.permissions import check

from ..models import Question
from .common import _save
from .privacy import redact_asker


@transaction.atomic
def question_to_article(*, actor, question: Question):
    """Turn a closed question and its answer into a draft knowledge article, anonymised, linked both ways."""
    from .. import knowledge

    check(actor, "questions.to_article_question", question)
    question = Question.objects.select_for_update().get(pk=question.pk)
    answers = list(question.replies.filter(from_asker=False).order_by("created_at"))
    if not answers:
        raise ValidationError(_("Deze vraag heeft nog geen antwoord om een artikel van te maken."))
    answer_text = "\n\n".join(redact_asker(r.body, question) for r in answers)
    question_text = redact_asker(question.body, question)
    source_url = absolute_url(question.get_absolute_url())
    body = (
        f"<h2>{_('De vraag')}</h2>\n<p>{_escape(question_text)}</p>\n"
        f"<h2>{_('Het antwoord')}</h2>\n<p>{_escape(answer_text)}</p>\n"
        f"<p>{_('Bron: vraag %(ref)s aan het vragenloket.') % {'ref': question.reference}}</p>"
    )
    article = knowledge.create_article_draft(
        actor=actor,
        title=redact_asker(question.subject, question),
        summary=redact_asker(question_text, question)[:300],
        body=body,
        source_url=source_url,
    )
    url = article.get_absolute_url() if hasattr(article, "get_absolute_url") else ""
    question.knowledge_article_url = url or "-"
    _save(question, actor=actor, reason=_("Kennisartikel gemaakt"))
    return article


def _escape(text: str) -> str:
    from django.utils.html import escape, linebreaks

    return linebreaks(escape(text)).removeprefix("<p>").removesuffix("</p>")
