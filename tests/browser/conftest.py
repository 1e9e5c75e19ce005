"""Playwright fixtures for browser tests: Debian's Chromium, headless, against pytest-django's live server.

Every browser test module sets ``pytestmark = pytest.mark.browser``; they run
once, on SQLite (`make test-browser`). Screenshots go to test-results/.
"""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, sync_playwright

# The registry's reference data (real territory), loaded once per session, for every browser test.
from apps.registry.tests.conftest import _reference_data_session, reference_data  # noqa: E402, F401

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Browser:
    # Playwright's sync API runs an event loop in the test thread; Django would
    # then refuse the ORM calls the tests make themselves (creating users).
    # Only while browser tests run: subprocesses of other tests must not inherit it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    """Browser tests run with the page cache on, as the product does: a page seen before a change
    must show the change, and forms on cached pages must post (their CSRF tokens stay valid)."""
    from django.core.cache import cache

    cache.clear()
    settings.KNOOPPUNT_PAGE_CACHE = True
    yield
    cache.clear()


@pytest.fixture
def page(browser: Browser, live_server) -> Page:
    """A fresh browser context (no cookies) per test, Dutch, pointed at the live server."""
    context = browser.new_context(base_url=live_server.url, locale="nl-BE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login(user_password):
    """``login(page, user)``: log in through the real login form, as a person would."""

    def do_login(page: Page, user, password: str | None = None) -> None:
        page.goto(reverse("accounts:login"))
        page.fill("#id_username", user.get_username())
        page.fill("#id_password", password or user_password)
        page.press("#id_password", "Enter")
        page.wait_for_url(lambda url: reverse("accounts:login") not in url)

    return do_login


def pytest_collection_modifyitems(items) -> None:
    """Every browser test runs against the live server with a serialised rollback.

    A live-server test must commit (transaction=True). Mixing tests that restore the
    serialised database with tests that do not makes the flush after the latter re-create
    content types, which the next restore then inserts a second time. So all browser
    tests get the same marker, whether or not their module declares it.
    """
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
