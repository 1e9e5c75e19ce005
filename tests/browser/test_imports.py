"""Import as a person does it, in headless Chromium: upload a bad Excel CSV, read the errors, fix, import."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.imports.tests.conftest import make_csv
from apps.registry.models import Organisation
from apps.registry.tests.factories import TerritorialUnitFactory
from tests.browser.support import check_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADER = ["Naam", "Korte naam", "Status", "NIS-code", "Bestuursvorm", "Wettelijke bibliotheek", "Opgericht in"]


def test_upload_errors_fix_and_import(page, login, cell_staff, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    TerritorialUnitFactory(code="98101", name_nl="Sint-Genesius-Rode")
    bad = tmp_path / "bibliotheken.csv"
    bad.write_bytes(
        make_csv(
            HEADER,
            [
                ["Bibliotheek Sint-Genesius-Rode — Coördinatie", "", "Actief", "99999", "Gemeentelijk", "ja", ""],
                ["Zaventem – Wézembeek", "", "Actief", "98101", "Gemeentelijk", "misschien", ""],
            ],
        )
    )
    good = tmp_path / "bibliotheken-verbeterd.csv"
    fixed_row = ["Bibliotheek Sint-Genesius-Rode — Coördinatie", "", "Actief", "98101", "Gemeentelijk", "ja", ""]
    good.write_bytes(make_csv(HEADER, [fixed_row]))
    login(page, cell_staff)

    page.goto(reverse("imports:upload"))
    check_page(page, "import-upload")
    page.get_by_label("Wat importeert u?").select_option("libraries")
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Controleren").click()

    errors = page.get_by_role("table").filter(has_text="Wat is er mis")
    expect(errors).to_contain_text("Onbekende NIS-code 99999.")
    expect(errors).to_contain_text("Schrijf ja of nee.")
    expect(page.get_by_role("button", name="Importeren")).to_have_count(0)
    check_page(page, "import-dry-run-errors")

    page.get_by_role("link", name="Verbeterd bestand opladen").click()
    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("table").filter(has_text="Velden")).to_contain_text("Coördinatie")
    check_page(page, "import-dry-run-ok")
    page.get_by_role("button", name="Importeren").click()

    expect(page.get_by_role("status").first).to_contain_text("Geïmporteerd")
    assert Organisation.objects.filter(name="Bibliotheek Sint-Genesius-Rode — Coördinatie").exists()
    check_page(page, "import-committed")
