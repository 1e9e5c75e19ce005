from django.core.management.base import BaseCommand

from apps.search.services import rebuild_index, vacuum_index


class Command(BaseCommand):
    help = "Rebuild the search index of every registered source (lexicon, terms, compounds)."

    def handle(self, *args, **options):
        count = rebuild_index(stdout=self.stdout if options.get("verbosity", 1) > 1 else None)
        vacuum_index()
        self.stdout.write(f"{count} documents indexed.")
