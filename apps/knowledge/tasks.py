"""Background jobs of the knowledge centre (django-tasks; run by `manage.py db_worker`)."""

from django_tasks import task

from apps.knowledge.services import review_reminders_send


@task()
def send_review_reminders() -> int:
    """Mail every owner whose published articles are past their review date (schedule daily)."""
    return review_reminders_send()
