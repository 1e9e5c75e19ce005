"""Background jobs of the desk (django-tasks; run by `manage.py db_worker`, scheduled daily by cron or a timer)."""

from django_tasks import task

from . import services


@task()
def send_sla_reminders() -> int:
    """Remind handlers of questions that are late or due today/tomorrow (once a day per question)."""
    return services.sla_reminders_send()


@task()
def anonymise_closed_questions() -> int:
    """Anonymise closed questions older than the retention period."""
    return services.questions_anonymise_closed()
