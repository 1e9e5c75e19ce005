"""The environment every bench runs in: a throwaway database, and settings as a server has them.

Django's `setup_test_environment` also instruments template rendering: every
template rendered sends a signal, and the test client copies the whole context
for each one. A server does none of that, and the cost grows with the number of
templates and includes a page renders, so it would bias page ratios against the
pages with more partials. The benches therefore set only what the test client
needs (the `testserver` host, a mail outbox in memory) and keep the template
engine as it is in production.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import override_settings


@contextmanager
def throwaway_database() -> Iterator[None]:
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with override_settings(
        DEBUG=False, ALLOWED_HOSTS=hosts, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
    ):
        mail.outbox = []
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            yield
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
