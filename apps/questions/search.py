"""How questions take part in the platform search: for the cell only (askers use "Mijn vragen").

The document holds the question and the cell's replies, never the asker's
name or address and never an internal note.
"""

from django.utils.translation import gettext_lazy as _

from apps.core.rules import is_cell_staff
from apps.search.registry import DocumentData, SearchSource, register

from .models import Channel, Question

CELL = "questions:cell"


def question_document(question: Question) -> DocumentData:
    from .services import redact_asker

    answers = "\n".join(reply.body for reply in question.replies.all() if not reply.from_asker)
    body = redact_asker(f"{question.body}\n{answers}".strip(), question)
    return DocumentData(
        url=question.get_absolute_url(),
        access=CELL,
        title=redact_asker(f"{question.reference} {question.subject}", question),
        summary=body[:300],
        body=body,
        kind=question.channel,
        pillars=[question.pillar.code] if question.pillar_id else [],
        year=question.received_at.year,
        is_demo=question.is_demo,
    )


def question_access_for(user) -> set[str]:
    return {CELL} if is_cell_staff(user) else set()


def register_questions() -> None:
    register(
        SearchSource(
            name="questions.question",
            label=_("Vraag"),
            model=Question,
            queryset=lambda: Question.objects.select_related("pillar"),
            document=question_document,
            access_for=question_access_for,
            kind_labels=lambda: dict(Channel.choices),
            prefetch=("replies",),
        )
    )
