"""Who may import and export. Definitions may name a stricter permission of their own app."""

import rules

from apps.core.rules import is_cell_staff

rules.add_perm("imports.run_import", is_cell_staff)
rules.add_perm("imports.view_importjob", is_cell_staff)
# The export page itself is open to signed-in users; each definition names the
# permission its data needs (e.g. registry.export_registry), checked in the view.
rules.add_perm("imports.export_data", rules.is_authenticated)
