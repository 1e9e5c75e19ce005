"""Production settings pass `manage.py check --deploy` without a single warning."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parent.parent


# Test-only variables that a production environment never has.
NOT_IN_PRODUCTION = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}


def production_env(**values: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in NOT_IN_PRODUCTION}
    env.update(DJANGO_SETTINGS_MODULE="knooppunt.settings", DEBUG="0", ALLOWED_HOSTS="knooppunt.example", **values)
    return env


def test_check_deploy_is_clean_in_production_settings():
    env = production_env(SECRET_KEY=secrets.token_urlsafe(64))

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout.lower(), result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = production_env()
    env.pop("SECRET_KEY", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
