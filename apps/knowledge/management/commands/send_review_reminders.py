from django.core.management.base import BaseCommand

from apps.knowledge.tasks import send_review_reminders


class Command(BaseCommand):
    help = "Queue (or, with --now, run) the reminder to owners of knowledge articles past their review date."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="queue the task for the worker instead of running it")

    def handle(self, *args, queue: bool = False, **options):
        if queue:
            send_review_reminders.enqueue()
            self.stdout.write("Queued.")
            return
        owners = send_review_reminders.call()
        self.stdout.write(f"{owners} owner(s) reminded.")
