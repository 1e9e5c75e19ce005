"""Exceptional opening days in headless Chromium: add (with an error first), edit, delete; axe on every page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from apps.registry.models import OpeningException
from apps.registry.tests.factories import BranchFactory, OpeningExceptionFactory
from tests.browser.support import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def branch(db):
    today = timezone.localdate()
    branch = BranchFactory(name="Filiaal Proefdorp", library__organisation__name="Bibliotheek Proefdorp")
    OpeningExceptionFactory(branch=branch, date=today - datetime.timedelta(days=30), note="Verbouwing")
    OpeningExceptionFactory(branch=branch, date=today + datetime.timedelta(days=10), note="Inventaris")
    return branch


def test_cell_staff_manage_a_branch_s_exceptional_days(page, cell_staff, login, branch):
    day = timezone.localdate() + datetime.timedelta(days=60)
    login(page, cell_staff)

    # the branch page shows the coming day, counts the past one and leads to the manage page
    page.goto(branch.get_absolute_url())
    section = page.locator("section", has=page.get_by_role("heading", name="Afwijkende openingsdagen"))
    expect(section).to_contain_text("Inventaris")
    expect(section).not_to_contain_text("Verbouwing")
    expect(section).to_contain_text("1 voorbije afwijkende dag")
    check_page(page, "registry-branch-exceptions-on-detail")
    section.get_by_role("link", name="Afwijkende openingsdagen beheren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afwijkende openingsdagen")
    check_page(page, "registry-branch-exceptions")

    # adding a closed day with hours is refused next to the field, and nothing is saved
    page.get_by_role("link", name="Afwijkende dag toevoegen").click()
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Open van").fill("10:00")
    page.get_by_label("Open tot").fill("12:00")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.locator(".error-summary")).to_contain_text("Een gesloten dag heeft geen openingsuren")
    check_page(page, "registry-opening-exception-form-error")
    assert not OpeningException.objects.filter(branch=branch, date=day).exists()

    # an extra opening with a reason
    page.get_by_label("open, met andere uren").check()
    page.get_by_label("Opmerking").fill("Extra opening Jeugdboekenmaand")
    page.get_by_label("Reden van wijziging").fill("Vraag van de bibliotheek")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.locator("main")).to_contain_text("De afwijkende openingsdag is toegevoegd.")
    expect(page.locator("main")).to_contain_text("10:00–12:00")
    expect(page.locator("main")).to_contain_text("Vraag van de bibliotheek")

    # edit it
    page.locator("tr", has_text="Extra opening Jeugdboekenmaand").get_by_role("link", name="Bewerken").click()
    expect(page.get_by_label("Opmerking")).to_have_value("Extra opening Jeugdboekenmaand")
    check_page(page, "registry-opening-exception-form")
    page.get_by_label("Open tot").fill("13:00")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.locator("main")).to_contain_text("10:00–13:00")

    # delete asks first
    exception = OpeningException.objects.get(branch=branch, date=day)
    page.goto(reverse("registry:opening_exception_delete", args=[branch.uuid, exception.pk]))
    expect(page.locator("main")).to_contain_text("Weet je zeker")
    check_page(page, "registry-opening-exception-delete")
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.locator("main")).to_contain_text("is verwijderd")
    assert not OpeningException.objects.filter(pk=exception.pk).exists()

    # the branch's history tells the day's story: added with its reason, changed, deleted
    page.goto(reverse("registry:branch_history", args=[branch.uuid]))
    day_entries = page.locator(".timeline__item", has_text=f"Afwijkende openingsdag: {day:%d-%m-%Y}")
    expect(day_entries).to_have_count(3)
    expect(day_entries.nth(0)).to_contain_text("Verwijderd")
    expect(day_entries.nth(1)).to_contain_text("13:00")
    expect(day_entries.nth(2)).to_contain_text("Vraag van de bibliotheek")
    check_page(page, "registry-branch-history-with-exceptions")


@pytest.fixture
def login(live_server):
    """Log in by session cookie: this test is about the exception pages, not the login form."""

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
