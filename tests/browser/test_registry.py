"""Registry pages in headless Chromium: one of each page type, axe reporting no violation, screenshots."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.registry.tests.factories import (
    BranchFactory,
    CooperationFactory,
    CooperationMembershipFactory,
    LibraryFactory,
    OpeningHoursFactory,
)
from tests.browser.support import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def library(reference_data):
    from apps.registry.models import TerritorialUnit

    town = TerritorialUnit.objects.get(code="23106")
    library = LibraryFactory(
        organisation__name="Bibliotheek Pajottegem (demo)",
        organisation__slug="bib-pajottegem-demo",
        organisation__municipality=town,
        organisation__is_demo=True,
    )
    branch = BranchFactory(
        library=library,
        name="Hoofdbibliotheek Herne",
        is_main=True,
        municipality=town,
        latitude=town.latitude,
        longitude=town.longitude,
    )
    OpeningHoursFactory(branch=branch, weekday=2)
    old = CooperationFactory(
        organisation__name="Bibliotheeknetwerk Pajottenland", organisation__slug="bibnet-pajottenland"
    )
    new = CooperationFactory(organisation__name="Bibliotheken Zennevallei", organisation__slug="bib-zennevallei")
    CooperationMembershipFactory(
        cooperation=old, library=library, valid_from=datetime.date(2016, 1, 1), valid_until=datetime.date(2021, 12, 31)
    )
    CooperationMembershipFactory(cooperation=new, library=library, valid_from=datetime.date(2022, 1, 1))
    return library


@pytest.fixture
def login(live_server):
    """Log in by session cookie: these tests are about the registry pages, not the login form."""

    def do_login(page, user):
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        )

    return do_login


def wait_for_map(page):
    page.wait_for_selector("[data-registry-map][data-map-loaded]", timeout=15_000)
    expect(page.locator("[data-registry-map]").first).to_have_attribute("data-map-loaded", "1")


def test_quick_find_pajottegem_and_its_municipality_page(page, cell_staff, login, library):
    login(page, cell_staff)
    page.goto(reverse("registry:home"))
    page.fill("#header-q", "Pajottegem")
    page.wait_for_selector("#header-results a")
    check_page(page, "registry-quick-find-header")
    page.goto(reverse("registry:quick_find") + "?q=Pajottegem")
    check_page(page, "registry-quick-find")
    page.get_by_role("link", name="Pajottegem (23106)").click()
    expect(page.locator("main")).to_contain_text("uit de fusie van Galmaarden, Gooik en Herne")
    wait_for_map(page)
    check_page(page, "registry-municipality-detail")


def test_library_pages(page, cell_staff, login, library):
    login(page, cell_staff)
    slug = library.organisation.slug
    page.goto(reverse("registry:library_list") + "?referentieregio=" + "")
    check_page(page, "registry-library-list")
    page.goto(reverse("registry:library_detail", args=[slug]))
    expect(page.locator(".demo-banner")).to_be_visible()
    wait_for_map(page)
    check_page(page, "registry-library-detail")
    page.goto(reverse("registry:library_cooperation", args=[slug]))
    expect(page.locator(".membership-timeline__bar")).to_have_count(2)
    check_page(page, "registry-library-timeline")
    page.goto(reverse("registry:library_history", args=[slug]))
    check_page(page, "registry-library-history")
    page.goto(reverse("registry:library_edit", args=[slug]))
    check_page(page, "registry-library-form")
    page.goto(reverse("registry:branch_opening_hours", args=[library.branches.first().uuid]))
    check_page(page, "registry-opening-hours-form")


def test_registry_map_by_referentieregio(page, cell_staff, login, reference_data):
    login(page, cell_staff)
    page.goto(reverse("registry:map") + "?colour=referentieregio")
    wait_for_map(page)
    expect(page.locator(".legend li")).to_have_count(16)
    check_page(page, "registry-map-referentieregio")
    page.goto(reverse("registry:map") + "?colour=population")
    wait_for_map(page)
    check_page(page, "registry-map-population")


def test_territory_lists(page, cell_staff, login, reference_data):
    login(page, cell_staff)
    page.goto(reverse("registry:municipality_list") + "?on=2024-12-31")
    check_page(page, "registry-municipality-list")
    page.goto(reverse("registry:grouping_list"))
    check_page(page, "registry-grouping-list")
    page.goto(reverse("registry:home"))
    check_page(page, "registry-home")
