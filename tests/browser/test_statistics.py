"""Statistics in headless Chromium, as a new user meets them: axe reports no violation on any page; screenshots."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.registry.tests.factories import AffiliationFactory, LibraryFactory, PopulationFactory, TerritorialUnitFactory
from apps.statistics.models import DeliveryYear, PeerGroup, Submission
from apps.statistics.tests.conftest import add_figures
from tests.browser.support import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BASE = {
    "members_youth": 800,
    "members_adult": 1200,
    "visits": 40000,
    "loans_print": 60000,
    "loans_av": 8000,
    "loans_digital": 1500,
    "collection_print": 40000,
    "collection_av": 5000,
    "staff_fte": 6,
    "opening_hours_week": 30,
    "events": 200,
    "event_participants": 4000,
    "expenditure_total": 600000,
    "expenditure_collection": 80000,
}
YEARS = (2021, 2022, 2023)


def _library(name: str, population: int):
    unit = TerritorialUnitFactory(name_nl=name.removeprefix("Bibliotheek "))
    PopulationFactory(unit=unit, value=population, reference_date=datetime.date(2020, 1, 1))
    library = LibraryFactory(organisation__name=name, organisation__municipality=unit)
    library.municipalities_served.add(unit)
    return library


def _libraries(n: int):
    """n libraries of 20-25k inhabitants with three years of figures (a trend and some spread)."""
    libraries = []
    for i in range(n):
        library = _library(f"Bibliotheek Voorbeeld {i + 1}", 20_000 + 1_000 * i)
        for year in YEARS:
            step = year - YEARS[0]
            add_figures(
                library,
                year,
                {**BASE, "visits": 36_000 + 2_500 * i + 1_000 * step, "loans_print": 55_000 + 1_500 * i - 800 * step},
            )
        libraries.append(library)
    return libraries


@pytest.fixture
def login(live_server):
    """Log in by session cookie: these tests are about the statistics pages, not the login form."""

    def do_login(page, user):
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        cookies = [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
        page.context.add_cookies(cookies)

    return do_login


def test_dashboard_and_report_of_a_library(page, cell_staff, login):
    libraries = _libraries(6)
    slug = libraries[0].organisation.slug
    login(page, cell_staff)
    page.goto(reverse("statistics:home"))
    check_page(page, "statistics-home")
    page.goto(reverse("statistics:library_dashboard", kwargs={"slug": slug}))
    expect(page.locator("main")).to_contain_text("van 6")
    expect(page.locator("main table").first).to_be_visible()
    check_page(page, "statistics-dashboard")
    page.goto(reverse("statistics:library_report", kwargs={"slug": slug}))
    expect(page.locator("main")).to_contain_text(str(YEARS[-1]))
    check_page(page, "statistics-report")
    response = page.request.get(reverse("statistics:library_report_pdf", kwargs={"slug": slug}))
    assert response.ok and response.body().startswith(b"%PDF")


def test_build_a_peer_group_from_five_criteria_and_reuse_it(page, library_staff, login):
    libraries = _libraries(6)
    mine = libraries[2]
    AffiliationFactory(user=library_staff, organisation=mine.organisation)
    login(page, library_staff)
    page.goto(reverse("statistics:peergroup_create"))
    check_page(page, "statistics-peergroup-form")
    page.get_by_label("Naam").fill("Bibliotheken van 15 tot 30 duizend")
    page.get_by_label("Inwoners: minstens").fill("15000")
    page.get_by_label("Inwoners: hoogstens").fill("40000")
    page.get_by_label("15.000 tot 30.000 inwoners").check()
    page.get_by_label("Actieve leden: minstens").fill("500")
    page.get_by_label("Collectie: minstens").fill("10000")
    page.get_by_label("Uitgaven (euro): hoogstens").fill("2000000")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.locator("h1")).to_contain_text("Bibliotheken van 15 tot 30 duizend")
    group = PeerGroup.objects.get(name="Bibliotheken van 15 tot 30 duizend")
    assert len(group.criteria) >= 5
    check_page(page, "statistics-peergroup-detail")
    # Reused in the dashboard and in the report of the user's own library.
    dashboard = reverse("statistics:library_dashboard", kwargs={"slug": mine.organisation.slug})
    page.goto(f"{dashboard}?groep={group.uuid}")
    expect(page.locator("main")).to_contain_text("Bibliotheken van 15 tot 30 duizend")
    check_page(page, "statistics-dashboard-peergroup")
    report = reverse("statistics:library_report", kwargs={"slug": mine.organisation.slug})
    page.goto(f"{report}?groep={group.uuid}")
    expect(page.locator("main")).to_contain_text("Bibliotheken van 15 tot 30 duizend (6 bibliotheken)")
    check_page(page, "statistics-report-peergroup")


def test_library_staff_deliver_with_a_plausibility_warning(page, library_staff, login):
    library = _libraries(1)[0]
    AffiliationFactory(user=library_staff, organisation=library.organisation)
    today = datetime.date.today()
    DeliveryYear.objects.create(
        year=2024, opens_on=today - datetime.timedelta(days=3), deadline=today + datetime.timedelta(days=30)
    )
    login(page, library_staff)
    page.goto(reverse("statistics:submission_edit", kwargs={"slug": library.organisation.slug, "year": 2024}))
    check_page(page, "statistics-delivery-form")
    for code, value in BASE.items():
        page.fill(f"#id_{code}", str(value))
    page.fill("#id_visits", "95000")  # far more than last year
    page.get_by_role("button", name="Cijfers bewaren").click()
    expect(page.locator("#warnings-title")).to_be_visible()
    expect(page.locator("main")).to_contain_text("wijkt meer dan 50% af")
    check_page(page, "statistics-delivery-warning")
    page.get_by_label("Ik heb de waarschuwingen nagekeken: de cijfers kloppen.").check()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator("main")).to_contain_text("Bevestigd")
    assert Submission.objects.get(library=library, year=2024).status == Submission.Status.CONFIRMED
    check_page(page, "statistics-delivery-confirmed")


def test_the_floor_holds_with_four_peers(page, cell_staff, login):
    libraries = _libraries(4)
    group = PeerGroup.objects.create(name="Vier bibliotheken", shared=True, criteria={"size_classes": ["15k-30k"]})
    login(page, cell_staff)
    dashboard = reverse("statistics:library_dashboard", kwargs={"slug": libraries[0].organisation.slug})
    page.goto(f"{dashboard}?groep={group.uuid}")
    expect(page.locator("main")).to_contain_text("niet getoond (minder dan 5 bibliotheken)")
    expect(page.locator("main")).not_to_contain_text("van 4")
    check_page(page, "statistics-dashboard-floor")
    page.goto(reverse("statistics:peergroup_detail", kwargs={"uuid": group.uuid}))
    expect(page.locator("main")).not_to_contain_text("Bibliotheek Voorbeeld 1")
    check_page(page, "statistics-peergroup-floor")


def test_report_batch_with_progress(page, cell_staff, login, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STATISTICS_REPORT_WORKERS = 1
    _libraries(5)
    login(page, cell_staff)
    page.goto(reverse("statistics:report_batch"))
    check_page(page, "statistics-report-batch")
    page.get_by_label("Jaar").select_option(str(YEARS[-1]))
    page.get_by_role("button", name="Rapporten maken").click()
    expect(page.locator("#task-progress")).to_contain_text("5 rapporten klaar om te downloaden")
    expect(page.locator("progress")).to_have_attribute("value", "6")
    check_page(page, "statistics-report-batch-progress")
    with page.expect_download() as download:
        page.get_by_role("link", name="Resultaat downloaden").click()
    assert download.value.suggested_filename.endswith(".zip")
