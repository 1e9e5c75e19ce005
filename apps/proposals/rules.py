"""Who may propose, see and decide change proposals.

Proposing follows the registry's own rule (`registry.propose_change`: library
staff and coordinators who work for the record's organisation). Deciding follows
the workflow table: each transition's actor role and the states it may leave.
"""

import rules

from apps.core.rules import is_cell_staff, is_coordinator, is_library_staff

from .workflows import TRANSITIONS, Actor, allowed_from


@rules.predicate
def may_propose_on(user, target) -> bool:
    return target is not None and user.has_perm("registry.propose_change", target)


@rules.predicate
def is_proposer(user, proposal) -> bool:
    return proposal is not None and proposal.proposer_id == user.pk


@rules.predicate
def is_open_proposal(user, proposal) -> bool:
    return proposal is not None and proposal.is_open


ACTOR_PREDICATES = {
    Actor.CELL_STAFF: is_cell_staff,
    Actor.PROPOSER: is_proposer,
}


def actor_may(user, transition_name: str, proposal) -> bool:
    """Whether `user` has the role the workflow names for this transition (state not checked)."""
    transition = TRANSITIONS[transition_name]
    return bool(user.is_authenticated and ACTOR_PREDICATES[transition.actor].test(user, proposal))


def _state_allows(name: str):
    @rules.predicate(name=f"state_allows_{name}")
    def predicate(user, proposal) -> bool:
        return proposal is not None and allowed_from(name, proposal.status)

    return predicate


may_submit = rules.is_authenticated & (is_library_staff | is_coordinator)

rules.add_perm("proposals.add_changeproposal", rules.is_authenticated & may_propose_on)
rules.add_perm("proposals.submit_changeproposal", may_submit)
rules.add_perm("proposals.view_changeproposal", rules.is_authenticated & (is_cell_staff | is_proposer))
rules.add_perm("proposals.list_own_changeproposal", rules.is_authenticated)
rules.add_perm("proposals.review_changeproposal", rules.is_authenticated & is_cell_staff)
rules.add_perm("proposals.assign_changeproposal", rules.is_authenticated & is_cell_staff & is_open_proposal)

# One permission per workflow transition: "<transition>_changeproposal".
for _name, _transition in TRANSITIONS.items():
    rules.add_perm(
        f"proposals.{_name}_changeproposal",
        rules.is_authenticated & ACTOR_PREDICATES[_transition.actor] & _state_allows(_name),
    )
