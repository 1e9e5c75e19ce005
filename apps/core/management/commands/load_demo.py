"""Load invented demo data from every app that offers it.

Each app that has demo data provides ``apps/<app>/demo.py`` with a function
``load_demo(*, scale: int) -> dict | str | None``. The apps are asked in the
order of INSTALLED_APPS, which is their dependency order (core, accounts,
registry, ...), so that an app can build on the demo data of the apps below it.
The loaders are idempotent: running the command twice leaves one set of data.
"""

import importlib
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.core.page_cache import mark_changed

DEMO_LOGIN = ("demo-cel", "knooppunt-demo")


def demo_loaders() -> list[tuple[str, Callable[..., Any]]]:
    """(app label, load_demo function) for every project app with a demo module."""
    loaders = []
    for config in apps.get_app_configs():
        if not config.name.startswith("apps."):
            continue
        module_name = f"{config.name}.demo"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            # Only "this app has no demo module" is expected; a broken import
            # inside a demo module must surface.
            if exc.name != module_name:
                raise
            continue
        loaders.append((config.label, module.load_demo))
    return loaders


def describe(result: Any) -> str:
    if isinstance(result, dict):
        return ", ".join(f"{key}: {value}" for key, value in result.items())
    return "" if result is None else str(result)


class Command(BaseCommand):
    help = "Load the invented demo data (marked is_demo) of every app, in dependency order."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply libraries, branches, figures, articles, questions and users (default 1).",
        )

    def handle(self, *args, scale: int, verbosity: int = 1, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        loaders = demo_loaders()
        if not loaders:
            raise CommandError("No app provides demo data (apps/<app>/demo.py with load_demo).")
        with transaction.atomic():
            for label, load in loaders:
                summary = describe(load(scale=scale))
                if verbosity:
                    self.stdout.write(f"  {label}: {summary or 'ok'}")
            # The loaders insert in bulk, without signals: cached pages must be rebuilt.
            mark_changed()
        if not verbosity:
            return
        username, password = DEMO_LOGIN
        if get_user_model().objects.filter(username=username, is_active=True).exists():
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded. Log in as {username} / {password}"))
        else:
            self.stdout.write(self.style.WARNING(f"Demo data loaded, but the demo user {username} does not exist."))
