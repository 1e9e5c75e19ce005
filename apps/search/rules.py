"""Who may search and who keeps the synonyms. Search itself is open: results are scoped per source."""

import rules

from apps.core.rules import is_cell_staff, is_professional

rules.add_perm("search.search", rules.always_allow)
rules.add_perm("search.view_synonym", is_professional)
rules.add_perm("search.add_synonym", is_cell_staff)
rules.add_perm("search.change_synonym", is_cell_staff)
rules.add_perm("search.delete_synonym", is_cell_staff)
rules.add_perm("search.rebuild_index", is_cell_staff)
