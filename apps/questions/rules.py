"""Who may see and handle questions.

An asker sees their own questions, people who work for an organisation see the
questions linked to it, the cell sees and handles all. Internal notes are for
the cell only. Transitions follow the workflow table (workflows.py).
"""

import rules

from apps.core.rules import is_cell_staff
from apps.registry.rules import organisation_ids_of

from .workflows import TRANSITIONS, Actor, allowed


def is_own_question(user, question) -> bool:
    if question is None or not user or not user.is_authenticated:
        return False
    if question.asker_id is not None:
        return question.asker_id == user.pk
    # A question asked without logging in becomes theirs once they log in with the verified address.
    return bool(user.email_verified and question.asker_email and question.asker_email.lower() == user.email.lower())


@rules.predicate
def is_asker(user, question) -> bool:
    return is_own_question(user, question)


@rules.predicate
def works_for_question_organisation(user, question) -> bool:
    return bool(
        question is not None and question.organisation_id and question.organisation_id in organisation_ids_of(user)
    )


@rules.predicate
def may_become_article(user, question) -> bool:
    return question is not None and question.status == "closed" and not question.knowledge_article_url


def _handler_may(name: str):
    @rules.predicate(name=f"handler_may_{name}")
    def predicate(user, question) -> bool:
        return question is not None and allowed(name, question.status, Actor.HANDLER)

    return predicate


rules.add_perm("questions.view_home", rules.always_allow)
rules.add_perm("questions.ask_question", rules.always_allow)
rules.add_perm(
    "questions.view_question",
    rules.is_authenticated & (is_cell_staff | is_asker | works_for_question_organisation),
)
rules.add_perm("questions.list_own_question", rules.is_authenticated)
rules.add_perm("questions.list_question", rules.is_authenticated & is_cell_staff)
rules.add_perm("questions.add_question", rules.is_authenticated & is_cell_staff)
rules.add_perm("questions.change_question", rules.is_authenticated & is_cell_staff)
rules.add_perm("questions.handle_question", rules.is_authenticated & is_cell_staff)
rules.add_perm("questions.view_internalnote", rules.is_authenticated & is_cell_staff)
rules.add_perm("questions.manage_desk", rules.is_authenticated & is_cell_staff)
rules.add_perm("questions.view_report", rules.is_authenticated & is_cell_staff)
rules.add_perm("questions.manage_personal_data", rules.is_authenticated & is_cell_staff)
rules.add_perm("questions.to_article_question", rules.is_authenticated & is_cell_staff & may_become_article)
# The asker (logged in) replies on their own question's page.
rules.add_perm("questions.reply_as_asker_question", rules.is_authenticated & is_asker)

for _name in TRANSITIONS:
    rules.add_perm(f"questions.{_name}_question", rules.is_authenticated & is_cell_staff & _handler_may(_name))
