"""Change proposals in the browser: library staff propose opening hours, the cell approves; axe on every page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.registry.tests.factories import AffiliationFactory, BranchFactory, OpeningHoursFactory
from tests.browser.support import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_propose_opening_hours_then_approve(browser, live_server, library_staff, cell_staff, login):
    # given: a branch of the library the staff member works for
    branch = BranchFactory(name="Filiaal Heide")
    OpeningHoursFactory(branch=branch, weekday=0, opens="10:00", closes="12:00")
    AffiliationFactory(user=library_staff, organisation=branch.library.organisation)

    staff = browser.new_context(base_url=live_server.url, locale="nl-BE").new_page()
    login(staff, library_staff)
    staff.goto(reverse("proposals:propose_hours", kwargs={"key": branch.uuid}))
    check_page(staff, "proposal-hours-form")

    # an error first: an opening time without a closing time
    staff.get_by_label("Periode 1: open van").nth(1).fill("09:00")
    staff.get_by_role("button", name="Voorstel indienen").click()
    expect(staff.get_by_role("alert")).to_contain_text("Vul zowel het openingsuur als het sluitingsuur in.")
    check_page(staff, "proposal-hours-error")

    # then a valid week: Tuesday morning and afternoon
    staff.get_by_label("Periode 1: open tot").nth(1).fill("12:00")
    staff.get_by_label("Periode 2: open van").nth(1).fill("13:00")
    staff.get_by_label("Periode 2: open tot").nth(1).fill("17:00")
    staff.get_by_label("Toelichting voor de cel").fill("Nieuwe uren vanaf september")
    staff.get_by_role("button", name="Voorstel indienen").click()
    expect(staff.get_by_role("status")).to_contain_text("Je voorstel is ingediend")
    check_page(staff, "proposal-detail-proposer")
    staff.goto(reverse("proposals:mine"))
    check_page(staff, "proposal-mine")

    # when: the cell reviews and approves
    cell = browser.new_context(base_url=live_server.url, locale="nl-BE").new_page()
    login(cell, cell_staff)
    cell.goto(reverse("proposals:list"))
    check_page(cell, "proposal-review-list")
    cell.get_by_role("link", name="Filiaal Heide").first.click()
    expect(cell.get_by_role("table")).to_contain_text("13:00–17:00")
    check_page(cell, "proposal-detail-cell")
    cell.get_by_role("link", name="Goedkeuren…").click()
    check_page(cell, "proposal-approve-confirm")
    cell.get_by_label("Motivering").fill("Gecontroleerd")
    cell.get_by_role("button", name="Ja, goedkeuren").click()

    # then: approved, the hours changed, the proposer was told
    expect(cell.get_by_role("status")).to_contain_text("Het voorstel is goedgekeurd")
    hours = sorted((h.weekday, h.opens.strftime("%H:%M")) for h in branch.opening_hours.all())
    assert hours == [(0, "10:00"), (1, "09:00"), (1, "13:00")]
    assert library_staff.notifications.filter(title__contains="goedgekeurd").exists()
    cell.goto(reverse("core:home"))
    check_page(cell, "proposal-dashboard-cell")

    # and the branch history names both the proposer and the approver
    cell.goto(reverse("registry:branch_history", kwargs={"uuid": branch.uuid}))
    latest = cell.locator(".timeline__item").first
    expect(latest).to_contain_text(str(cell_staff))
    expect(latest).to_contain_text(f"Voorstel van {library_staff} goedgekeurd door {cell_staff}: Gecontroleerd")
