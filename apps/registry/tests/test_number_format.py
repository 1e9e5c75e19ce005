"""Counts read as Dutch numbers on pages, and stay plain numbers in exports."""

from django.urls import reverse


def test_population_has_thousands_separator_on_page_but_not_in_export(cell_client, reference_data):
    # when the municipality list is filtered to Pajottegem
    url = reverse("registry:municipality_list") + "?q=23106"
    page = cell_client.get(url).content.decode()
    export = cell_client.get(url + "&export=csv").content.decode("utf-8-sig")
    # then the page shows 24.724 and the CSV 24724
    assert "24.724" in page
    assert "24724" in export
    assert "24.724" not in export


def test_municipality_detail_shows_formatted_population(cell_client, reference_data):
    page = cell_client.get(reverse("registry:municipality_detail", kwargs={"code": "23106"})).content.decode()
    assert "24.724" in page
