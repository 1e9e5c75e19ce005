"""Who may do what with scale scenarios.

Scenarios are planning material of the cell: cell staff build and delete them;
everyone who works in the network (library staff, coordinators, partners,
assessors) may look at them and compare, because the discussion about scale is
held with the field. Citizens and anonymous visitors see nothing.
"""

import rules

from apps.core.rules import is_cell_staff, is_professional

rules.add_perm("scale.view_scenario", is_professional)
rules.add_perm("scale.add_scenario", is_cell_staff)
rules.add_perm("scale.delete_scenario", is_cell_staff)
