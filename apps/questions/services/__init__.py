"""Every write of the questions desk: intake, routing, conversation, workflow, SLA clock, satisfaction, privacy.

One module per concern; the names are re-exported here so callers write
`services.question_reply(...)`.
"""

from .articles import question_to_article
from .common import MAX_ATTACHMENTS, sla_recompute
from .handling import (
    REPLY_THEN,
    question_assign,
    question_close_as_asker,
    question_note_add,
    question_reply,
    question_reply_as_asker,
    question_transition,
    question_update,
    satisfaction_record,
)
from .intake import question_create, question_submit
from .privacy import (
    ANONYMISE_AFTER_DAYS,
    ERASED_NAME,
    asker_data_erase,
    asker_data_export,
    questions_anonymise_closed,
    questions_of_asker,
    redact_asker,
)
from .upkeep import closure_day_delete, closure_day_save, sla_recompute_open, sla_reminders_send

__all__ = [
    "ANONYMISE_AFTER_DAYS",
    "ERASED_NAME",
    "MAX_ATTACHMENTS",
    "REPLY_THEN",
    "asker_data_erase",
    "asker_data_export",
    "closure_day_delete",
    "closure_day_save",
    "question_assign",
    "question_close_as_asker",
    "question_create",
    "question_note_add",
    "question_reply",
    "question_reply_as_asker",
    "question_submit",
    "question_to_article",
    "question_transition",
    "question_update",
    "questions_anonymise_closed",
    "questions_of_asker",
    "redact_asker",
    "satisfaction_record",
    "sla_recompute",
    "sla_recompute_open",
    "sla_reminders_send",
]
