"""Send the daily notification digest (run once a day, e.g. from cron or a systemd timer)."""

from django.core.management.base import BaseCommand

from apps.core.services.notifications import notification_digest_send


class Command(BaseCommand):
    help = "Mail every user who chose the daily digest one overview of their new notifications."

    def handle(self, *args, **options) -> None:
        sent = notification_digest_send()
        self.stdout.write(f"{sent} digest mail(s) sent.")
