"""manage.py load_reference_data: the real territory and library seed from apps/registry/data/."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from apps.registry.services.reference_data import load_reference_data


class Command(BaseCommand):
    help = "Load the reference data (municipalities, mergers, referentieregio's, adjacency, library seed). Idempotent."

    def handle(self, *args, **options):
        started = time.monotonic()
        result = load_reference_data()
        seconds = time.monotonic() - started
        if not result.changed:
            self.stdout.write(_("Referentiegegevens: niets gewijzigd (%(seconds).1f s).") % {"seconds": seconds})
            return
        for label, counts in result.as_dict().items():
            if counts["created"] or counts["updated"]:
                self.stdout.write(
                    _("  %(label)s: %(created)d nieuw, %(updated)d gewijzigd")
                    % {"label": label, "created": counts["created"], "updated": counts["updated"]}
                )
        self.stdout.write(self.style.SUCCESS(_("Referentiegegevens geladen (%(seconds).1f s).") % {"seconds": seconds}))
