"""Every write to the registry: `<entity>_save(*, actor, instance=None, data, reason="")` and
`<entity>_delete(*, actor, instance)`. Each checks the actor's permission, validates with Dutch
field errors (ValidationError with a dict), writes history with the reason, in one transaction.
"""

from .branches import (
    branch_delete,
    branch_opening_hours_set,
    branch_save,
    opening_exception_delete,
    opening_exception_save,
    opening_hours_delete,
    opening_hours_save,
)
from .memberships import membership_delete, membership_save, partner_link_delete, partner_link_save
from .organisations import (
    affiliation_delete,
    affiliation_save,
    contact_delete,
    contact_save,
    cooperation_delete,
    cooperation_save,
    library_delete,
    library_save,
    partner_delete,
    partner_save,
)

__all__ = [
    "affiliation_delete",
    "affiliation_save",
    "branch_delete",
    "branch_opening_hours_set",
    "branch_save",
    "contact_delete",
    "contact_save",
    "cooperation_delete",
    "cooperation_save",
    "library_delete",
    "library_save",
    "membership_delete",
    "membership_save",
    "opening_exception_delete",
    "opening_exception_save",
    "opening_hours_delete",
    "opening_hours_save",
    "partner_delete",
    "partner_link_delete",
    "partner_link_save",
    "partner_save",
]
