"""Kept comparisons: read while nothing changed, rebuilt as soon as an input changes (in every process)."""

from django.urls import reverse

from apps.registry.models import Organisation, Population
from apps.statistics import freshness
from apps.statistics.models import FigureValue
from apps.statistics.reports import Comparisons
from apps.statistics.tests.test_flows import _peers


def _last_row(client, library):
    response = client.get(reverse("statistics:library_dashboard", kwargs={"slug": library.organisation.slug}))
    assert response.status_code == 200
    return response.context["rows"][-1]


def test_kept_while_unchanged(cell_client, make_library):
    libraries = _peers(make_library, 5)
    _last_row(cell_client, libraries[0])
    kept = Comparisons.current()
    _last_row(cell_client, libraries[0])
    assert Comparisons.current() is kept


def test_changed_figure_changes_the_dashboard_at_once(cell_client, make_library):
    libraries = _peers(make_library, 5)
    before = _last_row(cell_client, libraries[0])
    flanders = before.comparisons[0].stats
    assert flanders.shown and flanders.n == 5
    # when: one peer's loans are corrected (a figure saved, as the services and the upload do)
    figure = FigureValue.objects.get(
        submission__library=libraries[2], submission__year=2023, indicator__code="loans_print"
    )
    figure.value = 500000
    figure.save()
    after = _last_row(cell_client, libraries[0])
    # then: the median of Flanders moved, and the library's rank with it
    assert after.comparisons[0].stats.median != flanders.median
    assert after.comparisons[0].stats.rank == flanders.rank  # library 0 is still the lowest
    assert after.comparisons[0].stats.q3 > flanders.q3


def test_population_change_changes_derived_values(cell_client, make_library):
    libraries = _peers(make_library, 5)
    before = _last_row(cell_client, libraries[0]).own
    population = Population.objects.get(unit=libraries[0].organisation.municipality)
    population.value = population.value * 2
    population.save()
    after = _last_row(cell_client, libraries[0]).own
    assert after is not None and before is not None
    assert abs(after - before / 2) < 0.01


def test_floor_applies_to_kept_statistics(cell_client, make_library, settings):
    libraries = _peers(make_library, 5)
    assert _last_row(cell_client, libraries[0]).peers.stats.shown
    settings.STATISTICS_PRIVACY_FLOOR = 6
    row = _last_row(cell_client, libraries[0])
    assert not row.peers.stats.shown and row.peers.stats.median is None and row.peers.stats.rank is None


def test_bulk_update_without_signals_changes_the_version(make_library):
    # as the registry importer writes: bulk_update plus bulk history, no signals
    library = make_library()
    version = freshness.data_version()
    organisation = library.organisation
    organisation.name = "Hernoemd"
    Organisation.objects.bulk_update([organisation], ["name"])
    Organisation.history.bulk_history_create([organisation], update=True)
    assert freshness.data_version() != version


def test_served_municipalities_change_the_version(make_library):
    library = make_library()
    other = make_library()
    version = freshness.data_version()
    library.municipalities_served.add(other.organisation.municipality)
    assert freshness.data_version() != version


def test_mark_changed_gives_a_new_version(db):
    version = freshness.data_version()
    freshness.mark_changed()
    assert freshness.data_version() != version
    changed = freshness.data_version()
    freshness.mark_changed()
    assert freshness.data_version() != changed


def test_report_pdf_is_one_a4_page(cell_client, make_library):
    from weasyprint import CSS, HTML

    from apps.statistics.pdf import STYLESHEET
    from apps.statistics.reports import build_report
    from apps.statistics.tasks import report_html

    libraries = _peers(make_library, 6)
    report = build_report(Comparisons.current(), library=libraries[0], year=2023, group=None)
    html = report_html(report, for_pdf=True)
    document = HTML(string=html, base_url=str(STYLESHEET.parent)).render(stylesheets=[CSS(filename=str(STYLESHEET))])
    assert len(document.pages) == 1
    # the sources are condensed: every indicator code once per source, no long definitions
    assert "loans_per_inhabitant" in html
    assert report.sources[0].definition not in html
