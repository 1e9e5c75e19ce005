"""Playwright fixtures for browser tests: Debian's Chromium, headless, against pytest-django's live server.

Every browser test module sets ``pytestmark = pytest.mark.browser``; they run
once, on SQLite (`make test-browser`). Screenshots go to test-results/.
"""

import os

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in the test thread; Django would then
# refuse ORM calls made by the test itself (creating users, reading results).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

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
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
