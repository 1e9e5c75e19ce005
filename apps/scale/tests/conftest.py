"""Scale test fixtures: the real reference data (from the registry's fixture) and immediate tasks."""

import pytest
from django.test import override_settings

from apps.registry.tests.conftest import _reference_data_session, reference_data  # noqa: F401

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate_tasks():
    with override_settings(TASKS=IMMEDIATE_TASKS):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: the content version of the shared test database is rolled back
    after each test, so a figure cached by one test could otherwise be found by the next under the same key."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
