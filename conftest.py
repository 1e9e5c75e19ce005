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
