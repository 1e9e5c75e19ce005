"""POST /api/imports/: dry run and commit for scripts, with per-row errors; refusals change nothing."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from apps.imports.models import ImportJob
from apps.registry.models import Organisation

from .conftest import make_csv, upload
from .test_registry_imports import LIB_HEADER, registry_checksum

URL = "/api/imports/"
GOOD = make_csv(LIB_HEADER, [["Bib Rode", "", "Actief", "98101", "Gemeentelijk", "ja", "1990"]], encoding="utf-8")
BAD = make_csv(
    LIB_HEADER,
    [
        ["Bib Rode", "", "Actief", "98101", "Gemeentelijk", "ja", ""],
        ["Bib X", "", "Actief", "99999", "Gemeentelijk", "ja", ""],
    ],
)


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.mark.django_db
def test_dry_run_reports_counts_and_changes_nothing(cell_staff, units):
    response = api_for(cell_staff).post(URL, {"model": "libraries", "file": upload(GOOD)}, format="multipart")
    assert response.status_code == 200
    body = response.json()
    assert body["dry_run"] is True and body["committed"] is False
    assert body["counts"] == {"create": 1, "update": 0, "unchanged": 0, "error": 0}
    assert not Organisation.objects.filter(name="Bib Rode").exists()


@pytest.mark.django_db
def test_commit_with_errors_is_refused_with_row_errors(cell_staff, units):
    before = registry_checksum()
    response = api_for(cell_staff).post(
        URL, {"model": "libraries", "file": upload(BAD), "dry_run": "false"}, format="multipart"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["committed"] is False
    assert body["errors"] == [
        {"row": 3, "column": "NIS-code", "value": "99999", "message": "Onbekende NIS-code 99999."}
    ]
    assert registry_checksum() == before


@pytest.mark.django_db
def test_commit_without_errors(cell_staff, units):
    response = api_for(cell_staff).post(
        URL, {"model": "libraries", "file": upload(GOOD), "dry_run": "false"}, format="multipart"
    )
    assert response.status_code == 200
    assert response.json()["committed"] is True
    assert Organisation.objects.get(name="Bib Rode").library.opened_year == 1990


@pytest.mark.django_db
def test_bad_file_and_unknown_model(cell_staff, units):
    client = api_for(cell_staff)
    response = client.post(URL, {"model": "libraries", "file": upload(b"")}, format="multipart")
    assert response.status_code == 400
    assert response.json()["file"] == ["Het bestand is leeg."]
    response = client.post(URL, {"model": "xyz", "file": upload(GOOD)}, format="multipart")
    assert response.status_code == 400
    assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_oversized_body_is_refused(cell_staff, units, settings):
    settings.IMPORT_MAX_BYTES = 100
    big = make_csv(LIB_HEADER, [["Bib", "", "Actief", "98101", "Gemeentelijk", "ja", ""]] * 20000)
    response = api_for(cell_staff).post(URL, {"model": "libraries", "file": upload(big)}, format="multipart")
    assert response.status_code == 413


@pytest.mark.django_db
def test_library_staff_and_anonymous_are_refused(library_staff, units):
    before = registry_checksum()
    data = {"model": "libraries", "file": upload(GOOD), "dry_run": "false"}
    assert api_for(library_staff).post(URL, data, format="multipart").status_code == 403
    assert APIClient().post(URL, {"model": "libraries", "file": upload(GOOD)}, format="multipart").status_code in {
        401,
        403,
    }
    assert registry_checksum() == before
    assert ImportJob.objects.count() == 0
