from django.core.management.base import BaseCommand, CommandError

from apps.questions.services import ANONYMISE_AFTER_DAYS, questions_anonymise_closed
from apps.questions.tasks import anonymise_closed_questions


class Command(BaseCommand):
    help = (
        "Anonymise closed questions older than the retention period "
        f"(setting QUESTIONS_ANONYMISE_AFTER_DAYS, default {ANONYMISE_AFTER_DAYS} days)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention period (days).")
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the task worker.")

    def handle(self, *args, days: int | None = None, enqueue: bool = False, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more.")
        if enqueue:
            result = anonymise_closed_questions.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        self.stdout.write(f"Anonymised {questions_anonymise_closed(older_than_days=days)} question(s).")
