"""Scale scenarios in the browser: build max-p for Flanders, follow progress, compare on the map, export; then
the balanced mode for a province and for Flanders with k = 15. Axe on every page type."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.support import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.usefixtures("reference_data")
@override_settings(TASKS=IMMEDIATE_TASKS)
def test_build_compare_and_export_scenarios(page, cell_staff, login):
    login(page, cell_staff)
    page.goto(reverse("scale:home"))
    expect(page.get_by_role("heading", name="Vlaanderen vandaag")).to_be_visible()
    check_page(page, "scale-home")

    # an invalid floor first: a Dutch error, nothing started
    page.get_by_role("link", name="Nieuw scenario").click()
    check_page(page, "scale-form")
    page.get_by_label("Bevolkingsondergrens per regio").fill("9000000")
    page.get_by_role("button", name="Scenario berekenen").click()
    expect(page.get_by_role("alert")).to_contain_text("ligt boven de bevolking van het hele gebied")
    check_page(page, "scale-form-error")

    # max-p with a 50,000 floor for Flanders
    page.get_by_label("Bevolkingsondergrens per regio").fill("50000")
    page.get_by_role("button", name="Scenario berekenen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Schaalscenario berekenen")
    check_page(page, "scale-progress")
    page.get_by_role("link", name="Resultaat downloaden").click()
    expect(page.get_by_role("heading", name="Vergelijking")).to_be_visible()
    map_element = page.locator("[data-scale-map]")
    expect(map_element).to_have_attribute("data-map-loaded", "1")
    assert page.locator("path.leaflet-interactive").count() > 285  # the municipalities and the declared link
    page.get_by_label("Inkleuren volgens").select_option("referentieregios")
    expect(page.locator('[data-legend="referentieregios"]')).to_be_visible()
    expect(page.locator('[data-legend="scenario"]')).to_be_hidden()
    expect(page.get_by_text("Verklaarde verbinding Riemst – Voeren")).to_be_visible()
    check_page(page, "scale-detail-maxp")

    # export GeoJSON and open it
    href = page.get_by_role("link", name="GeoJSON downloaden").get_attribute("href")
    collection = json.loads(page.request.get(href).body())
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 285

    # balanced mode for a province, then for Flanders with k = 15
    for territory, extra, k in (("province", "Limburg", "4"), ("flanders", None, "15")):
        page.goto(reverse("scale:scenario_create"))
        if territory == "province":
            page.get_by_label("Een provincie").check()
            page.get_by_label("Provincie", exact=True).select_option(label=extra)
        page.get_by_label("Een vast aantal regio's met gelijke bevolking (evenwichtig)").check()
        page.get_by_role("spinbutton", name="Aantal regio's").fill(k)
        page.get_by_role("button", name="Scenario berekenen").click()
        page.get_by_role("link", name="Resultaat downloaden").click()
        expect(page.get_by_role("heading", name="Evenwicht", exact=True)).to_be_visible()
        expect(page.get_by_text("Ondergrens die de kaart zelf oplegt")).to_be_visible()
    check_page(page, "scale-detail-balanced")
