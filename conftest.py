"""Fixtures shared by every app's tests: users per role and logged-in clients."""

import pytest
from django.test import Client

from apps.accounts.models import User, role_group
from apps.accounts.roles import Role

PASSWORD = "correct-horse-battery-9"


def make_user(username: str, *roles: str, **extra) -> User:
    user = User.objects.create_user(
        username=username,
        email=extra.pop("email", f"{username}@example.test"),
        password=PASSWORD,
        first_name=extra.pop("first_name", username.capitalize()),
        email_verified=True,
        **extra,
    )
    for role in roles:
        user.groups.add(role_group(role))
    return user


@pytest.fixture
def cell_staff(db) -> User:
    return make_user("cel", Role.CELL_STAFF)


@pytest.fixture
def library_staff(db) -> User:
    return make_user("bibmedewerker", Role.LIBRARY_STAFF)


@pytest.fixture
def coordinator(db) -> User:
    return make_user("coordinator", Role.COORDINATOR)


@pytest.fixture
def partner_user(db) -> User:
    return make_user("partner", Role.PARTNER)


@pytest.fixture
def assessor(db) -> User:
    return make_user("beoordelaar", Role.ASSESSOR)


@pytest.fixture
def citizen(db) -> User:
    return make_user("burger", Role.CITIZEN)


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cell_client(cell_staff) -> Client:
    return _client_for(cell_staff)


@pytest.fixture
def library_client(library_staff) -> Client:
    return _client_for(library_staff)


@pytest.fixture
def citizen_client(citizen) -> Client:
    return _client_for(citizen)


@pytest.fixture
def anon_client() -> Client:
    return Client()


@pytest.fixture
def assert_constant_queries():
    """Assert that a page's query count does not grow with its number of rows.

    Usage::

        def test_list_queries(cell_client, assert_constant_queries):
            assert_constant_queries(cell_client, reverse("registry:library_list"),
                                    lambda n: LibraryFactory.create_batch(n), max_queries=12)

    `make_rows(n)` adds n rows. The page is fetched after n rows and again after
    3n rows (2n more are added), each time twice (right after the change and
    again, when cached fragments are reused); the fetches must answer 200, run
    the same number of queries at both sizes, and stay within `max_queries`.
    Returns the number of the first fetch.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def _count(client: Client, url: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        return len(ctx.captured_queries)

    def check(client: Client, url: str, make_rows, *, n: int = 5, max_queries: int = 20) -> int:
        from apps.core.page_cache import mark_changed

        make_rows(n)
        # A first fetch warms per-process caches (content types, sessions) so
        # that the measured fetches compare like with like.
        _count(client, url)
        # Each size is fetched twice: first after the data changed (cached fragments such
        # as the filter form are rendered anew), then again (they come from the cache).
        mark_changed()
        first_small, small = _count(client, url), _count(client, url)
        make_rows(2 * n)
        first_large, large = _count(client, url), _count(client, url)
        assert (first_small, small) == (first_large, large), (
            f"{url}: {first_small}/{small} queries with {n} rows, {first_large}/{large} with {3 * n} rows (N+1?)"
        )
        assert first_large <= max_queries, f"{url}: {first_large} queries, more than the budget of {max_queries}"
        return first_large

    return check


@pytest.fixture
def user_password() -> str:
    """The password of every user made by the role fixtures (for tests that log in through the form)."""
    return PASSWORD


def _load_hypothesis_profiles() -> None:
    """Hypothesis: about 30 examples per test and no deadline (two shared cores); HYPOTHESIS_PROFILE overrides."""
    import os

    from hypothesis import settings as hypothesis_settings

    hypothesis_settings.register_profile("ci", max_examples=30, deadline=None)
    hypothesis_settings.register_profile("thorough", max_examples=500, deadline=None)
    hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_load_hypothesis_profiles()
