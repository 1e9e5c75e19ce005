"""What the faster desk and question pages must keep: the same cells, links, exports, forms and scoping."""

import datetime
import re

import django_tables2 as tables
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from apps.accounts.models import Team
from apps.questions import selectors, services
from apps.questions.forms import AssignForm
from apps.questions.models import Question
from apps.questions.tables import FormattedDateColumn, FormattedDateTimeColumn, QuestionTable


def _assigned(make_question, library, region, team, cell_staff, **overrides):
    question = make_question(organisation=library, **overrides)
    Question.objects.filter(pk=question.pk).update(region=region)
    services.question_assign(actor=cell_staff, question=question, team=team, assignee=cell_staff)
    question.refresh_from_db()
    return question


@pytest.mark.django_db
def test_desk_row_shows_every_related_name(cell_client, make_question, library, region, team, cell_staff):
    cell_staff.first_name, cell_staff.last_name = "Lotte", "Claes"
    cell_staff.save()
    question = _assigned(make_question, library, region, team, cell_staff)
    page = cell_client.get(reverse("questions:desk")).content.decode()
    row = re.search(r"<tr[^>]*>\s*<td[^>]*>V\d{5}</td>.*?</tr>", page, re.S).group(0)
    local = timezone.localtime(question.received_at)
    for text in (
        question.reference,
        f'<a href="{question.get_absolute_url()}">{question.subject}</a>',
        question.category.name,
        "Bibliotheek Testdorp",
        "Regio Testdorp",
        "Regio West",
        "Lotte Claes",
        f"{local.day} ",
        f"{local:%H:%M}",
    ):
        assert text in row, text


@pytest.mark.django_db
def test_desk_cells_equal_those_of_full_records(make_question, library, region, team, cell_staff, rf):
    """The page rows (names as columns) render exactly as the records with their related objects do."""
    _assigned(make_question, library, region, team, cell_staff)
    make_question(subject="Zonder organisatie of team")

    class FullRecordTable(QuestionTable):
        category = tables.Column(accessor="category__name", verbose_name="category")
        organisation = tables.Column(accessor="organisation__name", default="—", verbose_name="organisation")
        region = tables.Column(accessor="region__name", default="—", verbose_name="region")
        team = tables.Column(accessor="team__name", default="—", verbose_name="team")
        received_at = tables.DateTimeColumn(format="j M Y H:i", verbose_name="received")
        answer_due = tables.DateColumn(format="j M Y", default="—", verbose_name="due")
        subject = tables.Column(linkify=True, verbose_name="subject")

        def render_subject(self, value):
            return value

    def cells(table):
        return [[str(cell) for cell in row] for row in table.rows]

    full = list(selectors.question_visible_to(cell_staff).order_by("pk"))
    lean = list(selectors.question_list_rows(Question.objects.all()).order_by("pk"))
    for language in ("nl", "en"):
        with translation.override(language):
            expected = cells(FullRecordTable(full))
            assert cells(QuestionTable(lean)) == expected
            # The same holds for the export values (below the header row).
            assert list(QuestionTable(lean).as_values())[1:] == list(FullRecordTable(full).as_values())[1:]


@pytest.mark.django_db
def test_desk_sorts_on_related_names_along_the_lean_list(cell_client, make_question, category, cell_staff):
    from apps.questions.models import Category

    other = Category.objects.create(name="Aanvragen", slug="aanvragen", ack_days=1, answer_days=5)
    make_question(subject="Over samenwerking", category=category)
    make_question(subject="Over een aanvraag", category=other)
    page = cell_client.get(reverse("questions:desk") + "?sort=category").content.decode()
    assert page.index("Over een aanvraag") < page.index("Over samenwerking")
    page = cell_client.get(reverse("questions:desk") + "?sort=-category").content.decode()
    assert page.index("Over samenwerking") < page.index("Over een aanvraag")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_formatted_date_columns_write_what_the_template_wrote(language):
    moment = datetime.datetime(2026, 3, 29, 0, 30, tzinfo=datetime.UTC)  # 1:30 in Brussels, after the DST change
    day = datetime.date(2026, 5, 1)
    with translation.override(language):
        for column, value, template in (
            (FormattedDateTimeColumn(format="j M Y H:i"), moment, '{{ value|date:"j M Y H:i" }}'),
            (FormattedDateColumn(format="j M Y"), day, '{{ value|date:"j M Y" }}'),
        ):
            assert column.render(value) == Template(template).render(Context({"value": value}))
        assert FormattedDateTimeColumn(format="j M Y H:i").value(value=moment) == moment.isoformat(sep=" ")


@pytest.mark.django_db
def test_question_page_forms_follow_the_assignment_options(cell_client, make_question, team, cell_staff):
    question = make_question()
    services.question_assign(actor=cell_staff, question=question, team=team, assignee=cell_staff)
    url = question.get_absolute_url()
    first = cell_client.get(url)
    page = first.content.decode()
    # The cached HTML is the form rendered through the site's form template.
    fresh = AssignForm(initial={"team": team.pk, "assignee": cell_staff.pk})
    assert first.context["assign_form_html"] == Template(
        '{% include "core/partials/form.html" with form=form %}'
    ).render(Context({"form": fresh}))
    assert f'<option value="{team.pk}" selected>Regio West</option>' in page
    assert 'name="reply-body"' in page and 'name="note-body"' in page
    # A new team is an option at once: the cached form HTML is keyed by the content version.
    Team.objects.create(name="Regio Noord", slug="regio-noord")
    assert "Regio Noord" in cell_client.get(url).content.decode()
    # Another question assigned elsewhere shows its own selection.
    other = make_question(subject="Andere vraag")
    assert f'<option value="{team.pk}" selected>' not in cell_client.get(other.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_question_page_scoping_is_unchanged(cell_client, library_client, citizen_client, citizen, make_question):
    question = make_question(asker_email=citizen.email)
    url = question.get_absolute_url()
    assert cell_client.get(url).status_code == 200
    # Neither their question nor their organisation's.
    assert library_client.get(url).status_code in (403, 404)
    # The asker sees the page and the asker's reply form, never the cell's forms or notes.
    own = citizen_client.get(url)
    assert own.status_code == 200
    page = own.content.decode()
    assert 'name="body"' in page and 'name="note-body"' not in page and 'name="reply-body"' not in page
    assert "asker_form_html" in own.context
    assert all(key not in own.context for key in ("reply_form_html", "note_form_html", "assign_form_html"))


@pytest.mark.django_db
def test_question_page_query_count_is_constant(cell_client, cell_staff, make_question, team, assert_constant_queries):
    from apps.core.page_cache import mark_changed

    question = make_question()

    def add(n):
        for i in range(n):
            services.question_note_add(actor=cell_staff, question=question, body=f"notitie {i}")
            services.question_reply(actor=cell_staff, question=question, body=f"bericht {i}", then="keep")
            Team.objects.create(name=f"Team {question.pk}-{i}-{Team.objects.count()}", slug=f"t-{Team.objects.count()}")
        # Indexing bumps the search index version: a first fetch reloads the engine's snapshot (its
        # queries grow with the replies); the form HTML is then rendered anew on the measured fetch.
        cell_client.get(question.get_absolute_url())
        mark_changed()

    assert_constant_queries(cell_client, question.get_absolute_url(), add, n=2, max_queries=30)
