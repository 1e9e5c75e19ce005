"""The UI shell in headless Chromium: each page type once, with axe reporting no violation."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.support import assert_no_axe_violations, check_page

# Data migrations (roles, pillars, values) are restored after each test.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_landing_page_for_visitors(page):
    page.goto("/")

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("navigation", name="Gebruiker").get_by_role("link", name="Aanmelden")).to_be_visible()
    expect(page.locator("main#main")).to_be_visible()
    check_page(page, "landing")


def test_skip_link_is_the_first_stop_and_leads_to_the_content(page):
    page.goto("/")

    page.keyboard.press("Tab")

    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", "#main")
    expect(skip_link).to_be_visible()


def test_landing_page_on_a_phone(page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/")

    check_page(page, "landing-phone")


def test_login_with_a_wrong_password_shows_a_dutch_error(page, cell_staff):
    page.goto(reverse("accounts:login"))
    check_page(page, "login")

    page.fill("#id_username", cell_staff.username)
    page.fill("#id_password", "niet-het-wachtwoord")
    page.press("#id_password", "Enter")

    expect(page).to_have_url(re.compile(re.escape(reverse("accounts:login"))))
    expect(page.locator("main")).to_contain_text("wachtwoord")
    check_page(page, "login-error")


def test_login_leads_to_the_dashboard(page, live_server, cell_staff, login):
    login(page, cell_staff)

    expect(page).to_have_url(live_server.url + reverse("core:home"))
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_visible()
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()
    check_page(page, "dashboard")


def test_service_area_without_a_service_yet_shows_an_empty_state(page, cell_staff, login):
    login(page, cell_staff)

    page.goto(reverse("core:service_area", kwargs={"slug": "vragen"}))

    expect(page.get_by_role("heading", level=1)).to_contain_text("Vragen")
    check_page(page, "service-area-empty")


def test_unknown_page_gets_the_dutch_404_page(page):
    response = page.goto("/deze-pagina-bestaat-niet/")

    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("a.skip-link")).to_have_count(1)
    check_page(page, "404")


def test_axe_check_fails_on_an_inaccessible_page(page):
    # The helper must fail, naming the rule, when a page has a violation.
    page.set_content('<html lang="nl"><head><title>t</title></head><body><main><img src="x.png"></main></body></html>')

    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        assert_no_axe_violations(page)
