"""The site shell: landing, dashboard, service areas, error pages, CSP-safe markup."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.test import RequestFactory

from apps.core.areas import SERVICE_AREAS
from apps.core.dashboard import DashboardCard
from apps.core.views import errors


def text(response) -> str:
    return response.content.decode()


def assert_shell_is_accessible(html: str) -> None:
    """Checks that hold on every page, axe aside: language, landmarks, one h1, no inline JS."""
    assert '<html lang="nl">' in html
    assert '<a class="skip-link" href="#main">Naar de inhoud</a>' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    # CSP is script-src 'self': no inline script blocks and no on* handlers.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids"


# --- landing and dashboard -----------------------------------------------------------


def test_landing_for_anonymous_visitors(anon_client, db):
    response = anon_client.get("/")

    assert response.status_code == 200
    html = text(response)
    assert_shell_is_accessible(html)
    assert "Knooppunt: één plek voor het bovenlokale bibliotheekbeleid" in html
    assert 'href="/account/inloggen/"' in html
    assert "Een account aanmaken" in html
    for area in SERVICE_AREAS:
        assert str(area.label) in html
    assert 'class="main-nav"' not in html  # the navigation is for people who log in


def test_dashboard_for_logged_in_user_with_empty_state(cell_client, monkeypatch):
    monkeypatch.setattr("apps.core.views.pages.dashboard_cards", lambda user: [])

    response = cell_client.get("/")

    assert response.status_code == 200
    html = text(response)
    assert_shell_is_accessible(html)
    assert "<h1>Overzicht</h1>" in html
    assert '<a href="/" aria-current="page">Overzicht</a>' in html
    assert "Nog niets om te tonen" in html
    assert 'href="/domein/subsidies/"' in html  # a tile for an area still in progress
    assert "In opbouw" in html


def test_dashboard_shows_cards(cell_client, monkeypatch):
    cards = [DashboardCard(title="Open vragen", value=7, url="/domein/vragen/", description="Wachten op antwoord")]
    monkeypatch.setattr("apps.core.views.pages.dashboard_cards", lambda user: cards)

    html = text(cell_client.get("/"))

    assert '<a class="card__link" href="/domein/vragen/">Open vragen</a>' in html
    assert '<p class="card__value">7</p>' in html
    assert "Wachten op antwoord" in html
    assert "Nog niets om te tonen" not in html


def test_navigation_hides_areas_the_user_may_not_open(citizen_client, cell_client):
    # "Verweven waarden" (value coverage) is for professionals only.
    area = next(a for a in SERVICE_AREAS if a.slug == "verweven-waarden")

    citizen_html = text(citizen_client.get("/domein/vragen/"))
    staff_html = text(cell_client.get("/domein/vragen/"))

    assert f">{area.label}</a>" not in citizen_html
    assert f">{area.label}</a>" in staff_html


# --- service areas -------------------------------------------------------------------


def test_service_area_in_progress_says_what_will_come(cell_client):
    response = cell_client.get("/domein/subsidies/")

    assert response.status_code == 200
    html = text(response)
    assert_shell_is_accessible(html)
    assert "<h1>Subsidiëren en erkennen</h1>" in html
    assert "Dit onderdeel is nog in opbouw" in html
    assert "Oproepen, aanvragen, beoordeling" in html
    assert '<a href="/domein/subsidies/" aria-current="page">' in html


def test_unknown_service_area_is_a_dutch_404(cell_client):
    response = cell_client.get("/domein/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in text(response)


def test_service_area_sends_anonymous_to_login(anon_client, db):
    response = anon_client.get("/domein/vragen/")

    assert response.status_code == 302
    assert "/account/inloggen/" in response.url


# --- error pages -------------------------------------------------------------------


def test_404_page_in_dutch_in_site_style(anon_client, db):
    response = anon_client.get("/deze-pagina-bestaat-echt-niet/")

    assert response.status_code == 404
    html = text(response)
    assert_shell_is_accessible(html)
    assert "Deze pagina bestaat niet (meer)" in html
    assert "/static/css/knooppunt.css" in html


def test_403_page_in_dutch(citizen):
    request = RequestFactory().get("/ergens/")
    request.user = citizen

    response = errors.permission_denied(request)

    assert response.status_code == 403
    html = text(response)
    assert_shell_is_accessible(html)
    assert "Je hebt geen toegang tot deze pagina" in html
    assert "Er is niets gewijzigd." in html


def test_403_page_offers_login_to_anonymous(db):
    request = RequestFactory().get("/ergens/")
    request.user = AnonymousUser()

    html = text(errors.permission_denied(request))

    assert 'href="/account/inloggen/?next=/ergens/"' in html


def test_400_page_in_dutch(db):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    response = errors.bad_request(request)

    assert response.status_code == 400
    assert "Deze aanvraag kunnen we niet verwerken" in text(response)


def test_500_page_is_standalone_and_needs_no_database(django_assert_num_queries, db):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = errors.server_error(request)

    assert response.status_code == 500
    html = text(response)
    assert_shell_is_accessible(html)
    assert "Er ging iets mis aan onze kant" in html
    assert "/static/css/knooppunt.css" in html


# --- assets ------------------------------------------------------------------------


@pytest.mark.parametrize("asset", ["css/knooppunt.css", "js/knooppunt.js", "vendor/htmx/htmx.min.js"])
def test_shell_assets_are_vendored(asset):
    assert finders.find(asset), asset


def test_stylesheet_has_the_shell_components():
    css = Path(finders.find("css/knooppunt.css")).read_text(encoding="utf-8")

    for selector in (
        ".skip-link:focus",
        ":focus-visible",
        ".visually-hidden",
        ".demo-banner",
        ".map",
        ".error-summary",
        ".pagination",
        ".tabs",
        ".timeline",
        ".progress",
    ):
        assert selector in css, selector
    assert "@import" not in css and "fonts.googleapis" not in css  # no external fonts
