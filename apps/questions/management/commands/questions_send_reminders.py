from django.core.management.base import BaseCommand

from apps.questions.services import sla_reminders_send
from apps.questions.tasks import send_sla_reminders


class Command(BaseCommand):
    help = "Remind handlers of late and nearly late questions (working days). --enqueue queues it as a task."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Queue the job for the task worker.")

    def handle(self, *args, enqueue: bool = False, **options):
        if enqueue:
            result = send_sla_reminders.enqueue()
            self.stdout.write(f"Queued: {result.id}")
            return
        self.stdout.write(f"Reminders sent for {sla_reminders_send()} question(s).")
