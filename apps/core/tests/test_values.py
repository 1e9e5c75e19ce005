"""Pillars and values: reference data, the assessment service and rule, the form, coverage and its pages."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import Team, User
from apps.core.forms_values import ValueAssessmentForm
from apps.core.models import Attachment, Pillar, TaskProgress, Value, ValueAssessment
from apps.core.selectors.values import value_assessments_for, value_coverage, value_coverage_matrix
from apps.core.services.values import value_assessment_set, value_assessment_validate

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def admin_user(db) -> User:
    return User.objects.create_superuser(username="beheerder", email="beheerder@example.test", password="x-y-z-12345")


@pytest.fixture
def team(db) -> Team:
    return Team.objects.create(name="Regio West", slug="regio-west")


def _assess(team, admin_user, **assessments):
    return value_assessment_set(actor=admin_user, obj=team, assessments=assessments)


# --- reference data -------------------------------------------------------------


@pytest.mark.django_db
def test_reference_data_has_the_four_pillars_and_four_values():
    assert list(Pillar.objects.order_by("position").values_list("name_nl", flat=True)) == [
        "Bovenlokaal maakt sterker",
        "Mensen en middelen voor morgen",
        "Vinden en verbinden",
        "Verweven waarden",
    ]
    assert list(Value.objects.order_by("position").values_list("code", "name_nl", "name_en")) == [
        ("duurzaamheid", "Duurzaamheid", "Sustainability"),
        ("sociale-cohesie", "Sociale cohesie", "Social cohesion"),
        ("educatie", "Educatie", "Education"),
        ("participatie", "Participatie", "Participation"),
    ]
    assert all(pillar.name_en for pillar in Pillar.objects.all())


# --- service --------------------------------------------------------------------


def test_any_model_adopts_assessment_through_its_content_type(team, admin_user):
    # given a Team, a model that declares nothing about values
    # when it is assessed
    _assess(team, admin_user, educatie="Teamleden volgen vormingen.", participatie="Open teamoverleg.")
    # then its assessments are found by the generic relation
    assert [a.value.code for a in value_assessments_for(team)] == ["educatie", "participatie"]
    assert ValueAssessment.objects.filter(content_type=ContentType.objects.get_for_model(Team)).count() == 2


def test_set_replaces_the_set_and_keeps_history(team, admin_user):
    _assess(team, admin_user, educatie="Eerst.", duurzaamheid="Blijft.")
    value_assessment_set(
        actor=admin_user,
        obj=team,
        assessments={"duurzaamheid": "Blijft.", "educatie": "Aangepast.", "participatie": "Nieuw."},
        reason="Bijsturing",
    )
    value_assessment_set(actor=admin_user, obj=team, assessments={"participatie": "Nieuw."}, reason="Inperking")

    assert {a.value.code: a.motivation for a in value_assessments_for(team)} == {"participatie": "Nieuw."}
    history = ValueAssessment.history.filter(object_id=str(team.pk))
    assert history.filter(history_type="-").count() == 2  # educatie and duurzaamheid removed
    assert history.filter(history_type="~", motivation="Aangepast.", history_change_reason="Bijsturing").exists()
    assert all(record.history_user_id == admin_user.pk for record in history)


def test_set_without_permission_is_refused_and_changes_nothing(team, admin_user, library_staff):
    _assess(team, admin_user, educatie="Bestaat.")
    with pytest.raises(PermissionDenied):
        value_assessment_set(actor=library_staff, obj=team, assessments={})
    assert [a.value.code for a in value_assessments_for(team)] == ["educatie"]


def test_set_requires_a_motivation_and_a_known_value(team, admin_user):
    with pytest.raises(ValidationError, match="Motiveer"):
        _assess(team, admin_user, educatie="  ")
    with pytest.raises(ValidationError, match="Onbekende waarde"):
        _assess(team, admin_user, geluk="Blij.")
    assert not ValueAssessment.objects.exists()


@pytest.mark.parametrize("state", ["published", "submitted", "approved"])
def test_validate_requires_one_value_once_published_submitted_or_approved(team, admin_user, state):
    with pytest.raises(ValidationError) as error:
        value_assessment_validate(obj=team, state=state)
    assert error.value.messages == ["Kies minstens één waarde en motiveer ze."]
    _assess(team, admin_user, educatie="Reden.")
    value_assessment_validate(obj=team, state=state)


def test_validate_lets_drafts_wait_and_checks_proposed_assessments(team):
    value_assessment_validate(obj=team, state="draft")
    value_assessment_validate(obj=team, state="published", assessments={"educatie": "Reden."})
    with pytest.raises(ValidationError):
        value_assessment_validate(obj=team, state="published", assessments={"educatie": " "})


# --- form -----------------------------------------------------------------------


def test_form_asks_a_motivation_next_to_each_checked_value(db):
    form = ValueAssessmentForm({"value_educatie": "on", "motivation_educatie": ""})
    assert not form.is_valid()
    assert form.errors["motivation_educatie"] == ["Motiveer waarom dit bijdraagt aan Educatie."]


def test_form_requires_one_value_when_asked(db):
    form = ValueAssessmentForm({}, require_one=True)
    assert not form.is_valid()
    assert form.non_field_errors() == ["Kies minstens één waarde en motiveer ze."]
    assert ValueAssessmentForm({}).is_valid()


def test_form_returns_the_assessments_and_starts_from_the_current_ones(team, admin_user):
    form = ValueAssessmentForm(
        {"v-value_duurzaamheid": "on", "v-motivation_duurzaamheid": " Groen. ", "v-motivation_educatie": "genegeerd"},
        prefix="v",
    )
    assert form.is_valid()
    assert form.assessments == {"duurzaamheid": "Groen."}

    _assess(team, admin_user, participatie="Inspraak.")
    unbound = ValueAssessmentForm(obj=team)
    assert unbound["value_participatie"].initial is True
    assert unbound["motivation_participatie"].initial == "Inspraak."


# --- coverage -------------------------------------------------------------------


def test_coverage_counts_per_value_per_model_type_in_one_query(team, admin_user, django_assert_num_queries, cell_staff):
    other = Team.objects.create(name="Kenniscentrum", slug="kenniscentrum")
    _assess(team, admin_user, educatie="a", participatie="b")
    _assess(other, admin_user, educatie="c")
    value_assessment_set(actor=admin_user, obj=cell_staff, assessments={"educatie": "d"})

    with django_assert_num_queries(1):
        rows = value_coverage()

    counts = {(row.value_code, row.model_label): row.count for row in rows}
    assert counts[("educatie", "Teams")] == 2
    assert counts[("participatie", "Teams")] == 1
    assert counts[("educatie", "Gebruikers")] == 1
    # values nobody assessed are still there, with zero
    assert counts[("duurzaamheid", "")] == 0
    assert {row.value_code for row in rows} == {"duurzaamheid", "sociale-cohesie", "educatie", "participatie"}

    matrix = value_coverage_matrix(rows)
    assert [name for _code, name in matrix.values] == ["Duurzaamheid", "Sociale cohesie", "Educatie", "Participatie"]
    assert matrix.lines == [("Gebruikers", [0, 0, 1, 0], 1), ("Teams", [0, 0, 2, 1], 3)]
    assert matrix.totals == [0, 0, 3, 1]
    assert [bar["percent"] for bar in matrix.bars()] == [0, 0, 100, 33]


def test_coverage_page_shows_table_and_chart(cell_client, team, admin_user):
    _assess(team, admin_user, educatie="a")
    response = cell_client.get(reverse("core:values_coverage"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Dekking van de waarden</h1>" in content
    assert "<svg" in content and 'role="img"' in content
    assert '<th scope="row">Teams</th>' in content


def test_coverage_csv_export(cell_client, team, admin_user):
    _assess(team, admin_user, educatie="a")
    response = cell_client.get(reverse("core:values_coverage"), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Soort", "Duurzaamheid", "Sociale cohesie", "Educatie", "Participatie", "Totaal"]
    assert rows[1] == ["Teams", "0", "0", "1", "0", "1"]
    assert rows[-1][0] == "Totaal"


def test_coverage_page_is_refused_to_citizens_and_anonymous(citizen_client, anon_client):
    url = reverse("core:values_coverage")
    assert citizen_client.get(url).status_code == 403
    assert citizen_client.get(url, {"export": "csv"}).status_code == 403
    response = anon_client.get(url)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_coverage_report_runs_in_the_background_and_becomes_a_download(cell_client, cell_staff, team, admin_user):
    _assess(team, admin_user, educatie="Vormingen.")

    response = cell_client.post(reverse("core:values_coverage_report"))

    progress = TaskProgress.objects.get(owner=cell_staff)
    assert response.status_code == 302 and response["Location"] == reverse("core:task_progress", args=[progress.uuid])
    assert progress.status == TaskProgress.Status.DONE
    assert progress.done == progress.total == 6
    attachment = Attachment.objects.get(object_id=str(progress.pk))
    assert progress.result_url == reverse("core:attachment_download", args=[attachment.uuid])

    download = cell_client.get(progress.result_url)
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert workbook.sheetnames == ["Dekking", "Duurzaamheid", "Sociale cohesie", "Educatie", "Participatie"]
    coverage = [[cell.value for cell in row] for row in workbook["Dekking"].iter_rows()]
    assert coverage[1] == ["Teams", 0, 0, 1, 0, 1]
    education = [[cell.value for cell in row] for row in workbook["Educatie"].iter_rows()]
    assert education[1] == ["Team", "Regio West", "Vormingen."]


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_coverage_report_is_refused_to_citizens(citizen_client):
    assert citizen_client.post(reverse("core:values_coverage_report")).status_code == 403
    assert not TaskProgress.objects.exists()


# --- generic edit page and panel -------------------------------------------------


def _edit_url(obj, next_url="/volgende/"):
    content_type = ContentType.objects.get_for_model(obj)
    return reverse("core:value_assessment_edit", args=[content_type.pk, obj.pk]) + f"?next={next_url}"


def test_edit_page_saves_the_assessment(team, admin_user, client):
    client.force_login(admin_user)
    url = _edit_url(team)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"values-value_educatie": "on", "values-motivation_educatie": "Leren.", "change_reason": "Eerste toets"},
    )
    assert response.status_code == 302 and response["Location"] == "/volgende/"
    assert {a.value.code: a.motivation for a in value_assessments_for(team)} == {"educatie": "Leren."}
    assert ValueAssessment.history.get(object_id=str(team.pk)).history_change_reason == "Eerste toets"


def test_edit_page_shows_the_error_next_to_the_field_and_saves_nothing(team, admin_user, client):
    client.force_login(admin_user)
    response = client.post(_edit_url(team), {"values-value_educatie": "on", "values-motivation_educatie": ""})
    assert response.status_code == 200
    assert "Motiveer waarom dit bijdraagt aan Educatie." in response.content.decode()
    assert not ValueAssessment.objects.exists()


def test_edit_page_refusals_change_nothing(team, admin_user, library_client, citizen_client, anon_client):
    _assess(team, admin_user, educatie="Bestaat.")
    data = {"values-value_duurzaamheid": "on", "values-motivation_duurzaamheid": "Poging."}
    url = _edit_url(team)
    # library staff may see teams but not change them
    assert library_client.post(url, data).status_code == 403
    # citizens may not even see teams: the object stays hidden
    assert citizen_client.post(url, data).status_code == 404
    assert anon_client.post(url, data).status_code == 302
    assert [a.value.code for a in value_assessments_for(team)] == ["educatie"]


def test_edit_page_404_for_unknown_object(admin_user, client, db):
    client.force_login(admin_user)
    content_type = ContentType.objects.get_for_model(Team)
    assert client.get(reverse("core:value_assessment_edit", args=[content_type.pk, 999999])).status_code == 404
    assert client.get(reverse("core:value_assessment_edit", args=[999999, 1])).status_code == 404


def test_panel_tag_renders_assessments_and_edit_link_for_who_may_edit(team, admin_user, library_staff):
    _assess(team, admin_user, educatie="Samen leren.")
    template = Template("{% load core_panels %}{% value_assessment_panel obj %}")
    request = RequestFactory().get("/teams/regio-west/")
    request.user = admin_user
    html = template.render(Context({"request": request, "obj": team}))
    assert "Samen leren." in html and "Waardetoets bewerken" in html
    request.user = library_staff
    html = template.render(Context({"request": request, "obj": team}))
    assert "Samen leren." in html and "Waardetoets bewerken" not in html
