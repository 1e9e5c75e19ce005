"""The generic list/detail/history/form/delete views and their templates.

The views under test are declared here, on the real `Team` model, the way an
app declares its pages; this module doubles as the URLconf (the site's URLs
plus these pages) so the shared templates render exactly as in the site.
"""

import csv
import io
import re
from importlib import import_module

import django_filters
import django_tables2 as tables
import pytest
from django.conf import settings
from django.urls import path, reverse

from apps.accounts.models import Team
from apps.core.views.generic import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    Tab,
)

pytestmark = pytest.mark.urls("apps.core.tests.test_generic_views")

# The site's own URLconf (whatever ROOT_URLCONF names) plus the pages below.
site_urls = import_module(settings.ROOT_URLCONF)


class TeamTable(tables.Table):
    name = tables.Column(verbose_name="Naam")

    class Meta:
        model = Team
        fields = ("name", "slug")


class TeamFilterSet(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", label="Naam bevat")

    class Meta:
        model = Team
        fields = ["name"]


class TeamList(ObjectListView):
    model = Team
    permission_required = "accounts.view_team"
    table_class = TeamTable
    filterset_class = TeamFilterSet
    paginate_by = 2
    title = "Teams"
    create_url_name = "gtest_create"
    create_permission = "accounts.manage_teams"


class TeamPageMixin:
    model = Team
    permission_required = "accounts.view_team"
    tabs = [Tab("Overzicht", "gtest_detail"), Tab("Geschiedenis", "gtest_history", key="history")]
    edit_url_name = "gtest_edit"
    edit_permission = "accounts.manage_teams"
    delete_url_name = "gtest_delete"
    delete_permission = "accounts.manage_teams"
    detail_fields = ("name", "description", "lead")


class TeamDetail(TeamPageMixin, ObjectDetailView):
    pass


class TeamHistory(TeamPageMixin, ObjectHistoryView):
    pass


class TeamCreate(ObjectCreateView):
    model = Team
    fields = ["name", "slug", "description"]
    permission_required = "accounts.manage_teams"

    def get_success_url(self):
        return reverse("gtest_detail", kwargs={"slug": self.object.slug})


class TeamEdit(ObjectEditView):
    model = Team
    fields = ["name", "slug", "description"]
    permission_required = "accounts.manage_teams"

    def get_success_url(self):
        return reverse("gtest_detail", kwargs={"slug": self.object.slug})


class TeamDelete(ObjectDeleteView):
    model = Team
    permission_required = "accounts.manage_teams"

    def get_success_url(self):
        return reverse("gtest_list")


handler400 = site_urls.handler400
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

urlpatterns = [
    path("_test/teams/", TeamList.as_view(), name="gtest_list"),
    path("_test/teams/nieuw/", TeamCreate.as_view(), name="gtest_create"),
    path("_test/teams/<slug:slug>/", TeamDetail.as_view(), name="gtest_detail"),
    path("_test/teams/<slug:slug>/geschiedenis/", TeamHistory.as_view(), name="gtest_history"),
    path("_test/teams/<slug:slug>/bewerken/", TeamEdit.as_view(), name="gtest_edit"),
    path("_test/teams/<slug:slug>/verwijderen/", TeamDelete.as_view(), name="gtest_delete"),
    *site_urls.urlpatterns,
]


@pytest.fixture
def teams(db):
    return [
        Team.objects.create(name="Regio West", slug="regio-west", description="Kust en Westhoek"),
        Team.objects.create(name="Regio Oost", slug="regio-oost"),
        Team.objects.create(name="Kenniscentrum", slug="kenniscentrum", is_demo=True),
    ]


def text(response) -> str:
    return response.content.decode()


# --- list -------------------------------------------------------------------


def test_list_shows_title_count_table_and_actions(cell_client, teams):
    response = cell_client.get("/_test/teams/")

    assert response.status_code == 200
    html = text(response)
    assert "<h1>Teams</h1>" in html
    assert "3 resultaten" in html
    assert '<caption class="visually-hidden">Teams</caption>' in html
    assert 'scope="col"' in html
    assert 'href="/_test/teams/nieuw/"' in html  # cell staff may create
    assert "export=csv" in html and "export=xlsx" in html
    assert "Filters toepassen" in html and "Wissen" in html


def test_list_without_create_permission_has_no_create_button(library_client, teams):
    response = library_client.get("/_test/teams/")

    assert response.status_code == 200
    assert 'href="/_test/teams/nieuw/"' not in text(response)


def test_list_sorting_marks_the_sorted_column(cell_client, teams):
    response = cell_client.get("/_test/teams/?sort=-name")

    html = text(response)
    assert 'aria-sort="descending"' in html
    rows = re.findall(r"<td >(Regio West|Regio Oost|Kenniscentrum)</td>", html)
    assert rows == ["Regio West", "Regio Oost"]  # first page of two


def test_list_paginates_and_keeps_filters(cell_client, teams):
    response = cell_client.get("/_test/teams/?name=regio&sort=name")

    html = text(response)
    assert "2 resultaten voor deze filters" in html
    assert 'class="pagination"' not in html  # two rows fit on one page

    response = cell_client.get("/_test/teams/")
    html = text(response)
    assert 'aria-label="Paginering"' in html
    assert 'aria-current="page"' in html
    assert "page=2" in html


def test_list_filter_without_results_shows_empty_state_with_clear_link(cell_client, teams):
    response = cell_client.get("/_test/teams/?name=bestaatniet")

    html = text(response)
    assert "Geen resultaten voor deze filters" in html
    assert '<a href="/_test/teams/">Alle filters wissen</a>' in html
    assert "<table" not in html


def test_list_export_contains_exactly_the_filtered_rows(cell_client, teams):
    response = cell_client.get("/_test/teams/?name=oost&export=csv")

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1:] == [["Regio Oost", "regio-oost"]]


def test_list_refused_for_citizen_with_dutch_403(citizen_client, teams):
    response = citizen_client.get("/_test/teams/")

    assert response.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in text(response)
    assert "Regio West" not in text(response)


def test_list_sends_anonymous_to_login(anon_client, teams):
    response = anon_client.get("/_test/teams/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- detail and history ---------------------------------------------------------


def test_detail_has_tabs_fields_and_actions(cell_client, teams):
    response = cell_client.get("/_test/teams/regio-west/")

    assert response.status_code == 200
    html = text(response)
    assert "<h1>Regio West</h1>" in html
    assert '<a href="/_test/teams/regio-west/" aria-current="page">Overzicht</a>' in html
    assert '<a href="/_test/teams/regio-west/geschiedenis/">Geschiedenis</a>' in html
    assert 'href="/_test/teams/regio-west/bewerken/"' in html
    assert 'href="/_test/teams/regio-west/verwijderen/"' in html
    assert "<dt>Omschrijving</dt>" in html and "<dd>Kust en Westhoek</dd>" in html
    assert "<dt>Teamleider</dt>" in html and "<dd>—</dd>" in html
    assert "demo-banner" not in html


def test_detail_without_edit_permission_has_no_edit_or_delete(library_client, teams):
    html = text(library_client.get("/_test/teams/regio-west/"))

    assert "/bewerken/" not in html
    assert "/verwijderen/" not in html


def test_detail_of_demo_object_shows_demo_banner(cell_client, teams):
    html = text(cell_client.get("/_test/teams/kenniscentrum/"))

    assert 'class="demo-banner"' in html
    assert "verzonnen gegevens" in html


def test_history_tab_shows_who_when_why_and_field_diff(cell_client, cell_staff, teams):
    cell_client.post(
        "/_test/teams/regio-oost/bewerken/",
        {"name": "Regio Oost-Vlaanderen", "slug": "regio-oost", "description": "", "change_reason": "Nieuwe naam"},
    )

    response = cell_client.get("/_test/teams/regio-oost/geschiedenis/")

    html = text(response)
    assert '<a href="/_test/teams/regio-oost/geschiedenis/" aria-current="page">Geschiedenis</a>' in html
    assert f"Gewijzigd door {cell_staff}" in html
    assert "<strong>Reden:</strong> Nieuwe naam" in html
    assert '<th scope="row">Naam</th><td>Regio Oost</td><td>Regio Oost-Vlaanderen</td>' in html
    assert "Aangemaakt door" in html


def test_history_tab_empty_state(cell_client, teams):
    teams[0].history.all().delete()

    html = text(cell_client.get("/_test/teams/regio-west/geschiedenis/"))

    assert "Nog geen geschiedenis" in html


# --- forms ---------------------------------------------------------------------


def test_invalid_form_shows_dutch_error_next_to_field_and_saves_nothing(cell_client, teams):
    response = cell_client.post("/_test/teams/nieuw/", {"name": "", "slug": "nieuw-team"})

    assert response.status_code == 200
    html = text(response)
    assert Team.objects.count() == 3
    assert not Team.objects.filter(slug="nieuw-team").exists()
    assert 'class="error-summary"' in html
    assert '<a href="#id_name">Naam: Dit veld is vereist.</a>' in html
    field = re.search(r"<input[^>]*name=\"name\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_name_error"' in field
    assert '<ul class="errorlist" id="id_name_error"><li>Dit veld is vereist.</li></ul>' in html


def test_unique_violation_is_reported_in_dutch(cell_client, teams):
    response = cell_client.post("/_test/teams/nieuw/", {"name": "Regio West", "slug": "andere"})

    assert response.status_code == 200
    assert "Er bestaat al een Team met eenzelfde Naam." in text(response)
    assert Team.objects.filter(name="Regio West").count() == 1


def test_form_page_has_title_reason_field_and_cancel(cell_client, teams):
    html = text(cell_client.get("/_test/teams/regio-west/bewerken/"))

    assert "<h1>“Regio West” bewerken</h1>" in html
    assert 'for="id_change_reason"' in html
    assert 'aria-describedby="id_change_reason_helptext"' in html
    # Cancel goes back to the object itself.
    assert f'<a class="button button--secondary" href="{teams[0].get_absolute_url()}">Annuleren</a>' in html


def test_create_form_default_title(cell_client, db):
    html = text(cell_client.get("/_test/teams/nieuw/"))

    assert "<h1>Team toevoegen</h1>" in html


def test_valid_form_saves_and_redirects(cell_client, teams):
    response = cell_client.post(
        "/_test/teams/nieuw/", {"name": "Vorming", "slug": "vorming", "description": "", "change_reason": "Start"}
    )

    assert response.status_code == 302
    team = Team.objects.get(slug="vorming")
    assert team.history.first().history_change_reason == "Start"


def test_form_refused_without_permission_and_nothing_changed(library_client, teams):
    response = library_client.post("/_test/teams/regio-west/bewerken/", {"name": "Gekaapt", "slug": "regio-west"})

    assert response.status_code == 403
    assert Team.objects.get(slug="regio-west").name == "Regio West"


# --- delete --------------------------------------------------------------------


def test_delete_asks_for_confirmation_before_deleting(cell_client, teams):
    response = cell_client.get("/_test/teams/regio-west/verwijderen/")

    assert response.status_code == 200
    html = text(response)
    assert "Weet je zeker dat je “Regio West” wilt verwijderen?" in html
    assert 'method="post"' in html
    assert Team.objects.filter(slug="regio-west").exists()

    response = cell_client.post("/_test/teams/regio-west/verwijderen/")

    assert response.status_code == 302
    assert not Team.objects.filter(slug="regio-west").exists()


def test_delete_refused_without_permission_and_nothing_changed(library_client, teams):
    response = library_client.post("/_test/teams/regio-west/verwijderen/")

    assert response.status_code == 403
    assert Team.objects.filter(slug="regio-west").exists()
