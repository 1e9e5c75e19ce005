"""`manage.py load_demo` loads every app's demo data, prints the demo login, and can run twice."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from apps.core.management.commands.load_demo import DEMO_LOGIN, demo_loaders

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_load_demo_is_idempotent_and_gives_a_working_demo_login():
    call_command("load_reference_data", stdout=io.StringIO())
    out = io.StringIO()

    call_command("load_demo", stdout=out)
    first = _row_counts()
    call_command("load_demo", stdout=io.StringIO())
    second = _row_counts()

    username, password = DEMO_LOGIN
    assert f"{username} / {password}" in out.getvalue()
    assert get_user_model().objects.get(username=username).check_password(password)
    # History rows may record the second run's updates; data rows must not be duplicated.
    duplicated = {
        label: (n, second[label]) for label, n in first.items() if second[label] != n and ".Historical" not in label
    }
    assert not duplicated, duplicated


def test_demo_loaders_follow_the_app_order():
    labels = [label for label, _load in demo_loaders()]
    installed = [config.label for config in apps.get_app_configs()]

    assert labels[:1] == ["accounts"]
    assert labels == sorted(labels, key=installed.index)
