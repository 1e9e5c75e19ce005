"""Knowledge centre in a browser: search as you type, facets, an article, its history, the public site; axe on each."""

import pytest
from django.urls import reverse

from apps.knowledge.tests.factories import make_article
from tests.browser.support import assert_no_axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def corpus(cell_staff):
    make_article(cell_staff, title="Voorleesuurtjes voor peuters", summary="Elke woensdag wordt er voorgelezen.")
    make_article(cell_staff, title="Een coöperatie van bibliotheken", summary="Acht gemeenten werken samen.")
    make_article(cell_staff, title="Interne nota", summary="Alleen voor medewerkers.", visibility="internal")


def test_search_read_and_history(page, login, cell_staff, corpus):
    login(page, cell_staff)
    page.goto(reverse("core:home"))
    page.fill("#header-q", "voorlezen")
    page.wait_for_selector("#header-results a:has-text('Voorleesuurtjes')")
    page.press("#header-q", "Enter")
    page.wait_for_selector(".search-hit mark")
    assert_no_axe_violations(page)
    page.click("#facets-title ~ section a >> nth=0")
    page.wait_for_selector(".search-hit")
    page.click(".search-hit h3 a")
    page.wait_for_selector("h1:has-text('Voorleesuurtjes')")
    assert_no_axe_violations(page)
    page.click("nav.tabs a:has-text('Geschiedenis')")
    page.wait_for_selector("#history-title")
    assert_no_axe_violations(page)


def test_no_results_and_knowledge_home(page, login, cell_staff, corpus):
    login(page, cell_staff)
    page.goto(reverse("search:search") + "?q=kernfysica")
    page.wait_for_selector("#no-results-title")
    assert_no_axe_violations(page)
    page.goto(reverse("knowledge:home"))
    assert_no_axe_violations(page)
    page.goto(reverse("knowledge:overdue"))
    assert_no_axe_violations(page)


def test_public_site_without_login(page, corpus):
    page.goto(reverse("knowledge:public_home"))
    assert "Interne nota" not in page.content()
    assert_no_axe_violations(page)
    page.click("a:has-text('Voorleesuurtjes')")
    page.wait_for_selector("h1:has-text('Voorleesuurtjes')")
    assert_no_axe_violations(page)
