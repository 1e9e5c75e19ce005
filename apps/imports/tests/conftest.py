"""Fixtures for import tests: factory municipalities, files as people make them, stored uploads in a tmp dir."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.registry.tests.conftest import _reference_data_session, reference_data  # noqa: F401
from apps.registry.tests.factories import TerritorialUnitFactory


@pytest.fixture(autouse=True)
def _media_and_tasks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def units(db):
    """Three municipalities with real-looking names (factory codes 98xxx)."""
    return {
        "rode": TerritorialUnitFactory(code="98101", name_nl="Sint-Genesius-Rode"),
        "zaventem": TerritorialUnitFactory(code="98094", name_nl="Zaventem"),
        "wezembeek": TerritorialUnitFactory(code="98103", name_nl="Wezembeek-Oppem"),
    }


def make_csv(header, rows, *, delimiter=";", encoding="cp1252") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(content: bytes, name: str = "bestand.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")
