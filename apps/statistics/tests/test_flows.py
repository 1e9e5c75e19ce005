"""The acceptance list of issue 6, as a new user would meet it, on the test client."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.statistics.models import FigureValue, PeerGroup, Submission
from apps.statistics.tests.conftest import add_figures

BASE = {
    "members_youth": 800,
    "members_adult": 1200,
    "visits": 40000,
    "loans_print": 60000,
    "loans_av": 8000,
    "collection_print": 40000,
    "collection_av": 5000,
    "staff_fte": 6,
    "opening_hours_week": 30,
    "events": 200,
    "event_participants": 4000,
    "expenditure_total": 600000,
    "expenditure_collection": 80000,
}


def _peers(make_library, n, year=2023, population=20000):
    libraries = [make_library(population=population + i * 100) for i in range(n)]
    for i, library in enumerate(libraries):
        add_figures(library, year, {**BASE, "loans_print": 50000 + 1000 * i})
    return libraries


def test_dashboard_and_report_with_floor(cell_client, make_library, settings):
    # given: 5 libraries of the same size class
    libraries = _peers(make_library, 5)
    url = reverse("statistics:library_dashboard", kwargs={"slug": libraries[0].organisation.slug})
    response = cell_client.get(url)
    assert response.status_code == 200
    assert "van 5" in response.content.decode()  # rank shown with 5 peers
    # when the floor is 6, the same group shows aggregates only
    settings.STATISTICS_PRIVACY_FLOOR = 6
    body = cell_client.get(url).content.decode()
    assert "niet getoond (minder dan 6 bibliotheken)" in body
    assert "van 5" not in body
    report = cell_client.get(reverse("statistics:library_report", kwargs={"slug": libraries[0].organisation.slug}))
    assert report.status_code == 200
    pdf = cell_client.get(reverse("statistics:library_report_pdf", kwargs={"slug": libraries[0].organisation.slug}))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_floor_holds_with_four_peers(cell_client, make_library):
    libraries = _peers(make_library, 4)
    body = cell_client.get(
        reverse("statistics:library_dashboard", kwargs={"slug": libraries[0].organisation.slug})
    ).content.decode()
    assert "niet getoond (minder dan 5 bibliotheken)" in body
    assert "van 4" not in body


def test_dashboard_export(cell_client, make_library):
    libraries = _peers(make_library, 5)
    url = reverse("statistics:library_dashboard", kwargs={"slug": libraries[0].organisation.slug})
    assert cell_client.get(url + "?export=csv").content.decode("utf-8-sig").startswith("Jaar;")
    assert cell_client.get(url + "?export=xlsx").content[:2] == b"PK"


@pytest.mark.django_db
def test_peer_group_from_five_criteria_is_reused(library_client, own_library, make_library, reference_data):
    _peers(make_library, 5)
    add_figures(own_library, 2023, BASE)
    data = {
        "name": "Mijn groep",
        "population_min": 10000,
        "population_max": 50000,
        "size_classes": ["15k-30k"],
        "members_min": 100,
        "collection_min": 1000,
        "expenditure_max": 10_000_000,
    }
    response = library_client.post(reverse("statistics:peergroup_create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    group = PeerGroup.objects.get(name="Mijn groep")
    assert len(group.criteria) >= 5
    dashboard = library_client.get(
        reverse("statistics:library_dashboard", kwargs={"slug": own_library.organisation.slug}) + f"?groep={group.uuid}"
    )
    assert "Mijn groep" in dashboard.content.decode()
    report = library_client.get(
        reverse("statistics:library_report", kwargs={"slug": own_library.organisation.slug}) + f"?groep={group.uuid}"
    )
    assert "Mijn groep (6 bibliotheken)" in report.content.decode()


def test_library_staff_delivers_with_plausibility_warning(library_client, own_library, open_delivery):
    add_figures(own_library, 2023, BASE)
    url = reverse("statistics:submission_edit", kwargs={"slug": own_library.organisation.slug, "year": 2024})
    response = library_client.post(url, {**BASE, "visits": 90000})  # +125% against 2023
    assert response.status_code == 302
    submission = Submission.objects.get(library=own_library, year=2024)
    assert any("wijkt meer dan 50% af" in w["message"] for w in submission.warnings)
    confirm = reverse("statistics:submission_confirm", kwargs={"slug": own_library.organisation.slug, "year": 2024})
    library_client.post(confirm, {})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.DRAFT  # warnings not acknowledged yet
    library_client.post(confirm, {"acknowledge_warnings": "on"})
    submission.refresh_from_db()
    assert submission.status == Submission.Status.CONFIRMED


def test_bad_values_are_refused_and_nothing_changes(library_client, own_library, open_delivery):
    url = reverse("statistics:submission_edit", kwargs={"slug": own_library.organisation.slug, "year": 2024})
    for bad in ({"visits": "veel"}, {"visits": "-5"}, {"staff_fte": "99999"}):
        response = library_client.post(url, {**BASE, **bad})
        assert response.status_code == 400
    assert not FigureValue.objects.filter(submission__library=own_library).exists()


def test_library_staff_never_edit_another_library(library_client, own_library, make_library, open_delivery):
    other = make_library()
    add_figures(other, 2024, BASE, status=Submission.Status.DRAFT)
    url = reverse("statistics:submission_edit", kwargs={"slug": other.organisation.slug, "year": 2024})
    assert library_client.post(url, {**BASE, "visits": 1}).status_code == 404
    assert (
        library_client.get(
            reverse("statistics:library_dashboard", kwargs={"slug": other.organisation.slug})
        ).status_code
        == 404
    )
    assert FigureValue.objects.get(submission__library=other, indicator__code="visits").value == Decimal(BASE["visits"])


def test_after_deadline_refused_until_extension(library_client, cell_client, own_library, open_delivery):
    import datetime

    open_delivery.deadline = open_delivery.opens_on
    open_delivery.opens_on = open_delivery.opens_on - datetime.timedelta(days=3)
    open_delivery.save()
    url = reverse("statistics:submission_edit", kwargs={"slug": own_library.organisation.slug, "year": 2024})
    assert library_client.post(url, BASE).status_code == 403
    assert not Submission.objects.filter(library=own_library, year=2024).exists()
    extend = reverse("statistics:submission_extend", kwargs={"slug": own_library.organisation.slug, "year": 2024})
    assert library_client.post(extend, {"until": datetime.date.today().isoformat()}).status_code == 403
    cell_client.post(extend, {"until": (datetime.date.today() + datetime.timedelta(days=7)).isoformat()})
    assert library_client.post(url, BASE).status_code == 302


def test_upload_wide_and_long_with_row_errors(library_client, own_library, open_delivery):
    slug = own_library.organisation.slug
    wide = f"Bibliotheek;Jaar;visits;loans_print\n{slug};2024;1000;abc\nonbekend;2024;5;5\n".encode()
    response = library_client.post(
        reverse("statistics:figures_upload"),
        {"layout": "statistics-figures-wide", "file": io.BytesIO(wide)} | {"file": _named(wide, "c.csv")},
    )
    assert response.status_code == 302
    result = library_client.get(response["Location"]).content.decode()
    assert "Geen geldig getal." in result and "Onbekende bibliotheek" in result
    assert not FigureValue.objects.filter(submission__library=own_library).exists()
    long = f"Bibliotheek;Jaar;Indicator;Waarde\n{slug};2024;visits;1000\n{slug};2024;loans_print;2000\n".encode()
    response = library_client.post(
        reverse("statistics:figures_upload"), {"layout": "statistics-figures-long", "file": _named(long, "l.csv")}
    )
    job_url = response["Location"]
    commit = library_client.post(job_url + "importeren/")
    assert commit.status_code == 302
    assert FigureValue.objects.filter(submission__library=own_library, submission__year=2024).count() == 2


def _named(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_report_batch_with_progress(cell_client, make_library, settings):
    settings.STATISTICS_REPORT_WORKERS = 2
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    _peers(make_library, 5)
    response = cell_client.post(reverse("statistics:report_batch"), {"year": 2023})
    assert response.status_code == 302
    progress = cell_client.get(response["Location"])
    assert progress.status_code == 200
    from apps.core.models import TaskProgress

    task = TaskProgress.objects.latest("created_at")
    assert task.status == "done", task.error
    download = cell_client.get(task.result_url)
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 5


def test_reminders_reach_late_libraries(cell_client, own_library, open_delivery, library_staff):
    from apps.core.models import Notification

    cell_client.post(reverse("statistics:delivery_remind", kwargs={"year": 2024}))
    assert Notification.objects.filter(recipient=library_staff).exists()
    assert cell_client.get(reverse("statistics:delivery_detail", kwargs={"year": 2024})).status_code == 200


def test_library_staff_cannot_manage_deliveries(library_client, open_delivery):
    from apps.core.models import Notification

    assert library_client.post(reverse("statistics:delivery_remind", kwargs={"year": 2024})).status_code == 403
    assert not Notification.objects.exists()
    assert library_client.get(reverse("statistics:delivery_list")).status_code == 403
    assert library_client.post(reverse("statistics:indicator_create"), {"code": "x"}).status_code == 403


def test_pages_answer(cell_client, make_library, open_delivery):
    _peers(make_library, 5)
    for name in (
        "home",
        "indicator_list",
        "delivery_list",
        "figure_list",
        "peergroup_list",
        "peergroup_create",
        "report_batch",
        "figures_upload",
    ):
        assert cell_client.get(reverse(f"statistics:{name}")).status_code == 200, name
    assert (
        cell_client.get(reverse("statistics:indicator_detail", kwargs={"code": "loans_per_inhabitant"})).status_code
        == 200
    )
