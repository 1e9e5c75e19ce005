"""Registry test fixtures.

`reference_data` loads the real reference data (apps/registry/data) once per test
database and session; it stays in the database for later tests. A test that
needs a database without it must not assume empty territory tables (the
factories use codes 98xxx, which never collide with real NIS codes).
"""

import pytest
from django.core.management import call_command

from apps.registry.models import TerritorialUnit


def _loaded() -> bool:
    return TerritorialUnit.objects.filter(scheme="nis", code="23106").exists()


@pytest.fixture(scope="session")
def _reference_data_session(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if not _loaded():
            call_command("load_reference_data", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def reference_data(_reference_data_session, db):
    """The real municipalities, mergers, referentieregio's, adjacency and library seed."""
    # A transactional test earlier in the session may have flushed the tables.
    if not _loaded():
        call_command("load_reference_data", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    return TerritorialUnit.objects.filter(scheme="nis")
