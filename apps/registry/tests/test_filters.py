"""Pages on the real reference data: Pajottegem, the as-of date, referentieregio's."""

import pytest
from django.urls import reverse

from apps.registry.models import GroupingMembership

pytestmark = pytest.mark.django_db


def test_find_pajottegem_and_its_three_predecessors(cell_client, reference_data):
    found = cell_client.get(reverse("registry:quick_find"), {"q": "Pajottegem"})
    assert "Pajottegem" in found.content.decode()
    detail_url = reverse("registry:municipality_detail", args=["23106"])
    assert detail_url in found.content.decode()

    detail = cell_client.get(detail_url).content.decode()
    assert "Ontstaan op 1 januari 2025 uit de fusie van Galmaarden, Gooik en Herne" in detail
    for code in ("23023", "23024", "23032"):
        assert reverse("registry:municipality_detail", args=[code]) in detail


def test_disappeared_municipality_says_where_it_went(cell_client, reference_data):
    found = cell_client.get(reverse("registry:quick_find"), {"q": "Galmaarden"}, HTTP_HX_REQUEST="true")
    assert "Galmaarden (tot 31-12-2024, nu Pajottegem)" in found.content.decode()
    detail = cell_client.get(reverse("registry:municipality_detail", args=["23023"])).content.decode()
    assert "Opgegaan in Pajottegem op 1 januari 2025" in detail


def test_quick_find_by_nis_code(cell_client, reference_data):
    found = cell_client.get(reverse("registry:quick_find"), {"q": "23106"})
    assert "Pajottegem" in found.content.decode()


def test_municipality_list_as_of_a_date(cell_client, reference_data):
    url = reverse("registry:municipality_list")
    today = cell_client.get(url, {"region": "02000"}).context["table"].paginator.count
    eve = cell_client.get(url, {"region": "02000", "on": "2024-12-31"}).context["table"].paginator.count
    assert (today, eve) == (285, 300)
    assert cell_client.get(url).context["table"].paginator.count == 304


def test_municipality_list_by_referentieregio_and_export(cell_client, reference_data):
    url = reverse("registry:municipality_list")
    code = GroupingMembership.objects.get(unit__name_nl="Pajottegem", grouping__kind="referentieregio").grouping.code
    page = cell_client.get(url, {"q": "Pajottegem"})
    assert page.context["table"].page.object_list.data[0].referentieregio_name in page.content.decode()
    in_region = cell_client.get(url, {"referentieregio": code}).context["table"].paginator.count
    assert 20 < in_region < 40
    export = cell_client.get(url, {"referentieregio": code, "export": "csv"})
    lines = (
        b"".join(export.streaming_content).decode().splitlines()
        if export.streaming
        else export.content.decode().splitlines()
    )
    assert lines[0].startswith("NIS-code,Naam,Provincie")
    assert len(lines) == in_region + 1


def test_referentieregio_detail_and_change_list(cell_client, reference_data):
    groupings = cell_client.get(reverse("registry:grouping_list"))
    assert groupings.context["table"].paginator.count >= 15
    changes = cell_client.get(reverse("registry:change_list"))
    assert changes.context["table"].paginator.count == 13
    assert "Pajottegem" in changes.content.decode()
