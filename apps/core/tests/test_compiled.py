"""CompiledQuery: the ORM's SQL compiled once, rows the same as the plain queryset's (on each database)."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from apps.core.compiled import _UNCOMPILABLE, CompiledQuery
from apps.registry.models import Branch, Cooperation, CooperationMembership, Library, Partner, TerritorialUnit
from apps.registry.selectors.pages import (
    branch_list_rows,
    cooperation_list_rows,
    library_list_rows,
    municipality_list_rows,
    partner_list_rows,
)
from apps.registry.tests.factories import (
    BranchFactory,
    CooperationMembershipFactory,
    LibraryFactory,
    PartnerFactory,
    PartnerLinkFactory,
    PopulationFactory,
)

pytestmark = pytest.mark.django_db


def _fields(obj) -> dict:
    """What a row carries: its loaded fields and annotations, and those of a joined organisation."""
    values = {key: value for key, value in vars(obj).items() if not key.startswith("_")}
    organisation = obj._state.fields_cache.get("organisation")
    if organisation is not None:
        values["organisation"] = _fields(organisation)
    return values


def _only_plan(query: CompiledQuery):
    (plan,) = query._plans.values()
    return plan


@pytest.fixture
def registry_rows():
    """A few records of every list page's model, with the counts and names the pages show."""
    libraries = LibraryFactory.create_batch(3)
    for library in libraries:
        BranchFactory.create_batch(2, library=library)
        PopulationFactory(unit=library.organisation.municipality)
    membership = CooperationMembershipFactory(library=libraries[0])
    PartnerLinkFactory(partner=PartnerFactory(), organisation=libraries[1].organisation)
    return membership


@pytest.mark.parametrize(
    ("model", "page_rows"),
    [
        (TerritorialUnit, municipality_list_rows),
        (Library, library_list_rows),
        (Branch, branch_list_rows),
        (Cooperation, cooperation_list_rows),
        (Partner, partner_list_rows),
    ],
)
def test_every_list_page_gets_the_rows_the_queryset_gives(registry_rows, model, page_rows):
    # given the page rows of a registry list, compiled
    query = CompiledQuery(lambda keys: page_rows(model._default_manager.filter(pk__in=keys)).order_by())
    keys = list(model._default_manager.order_by("-pk").values_list("pk", flat=True)[:4])
    assert keys

    # when it runs twice, for two pages of the same size
    first = query(keys=keys)
    other_keys = list(model._default_manager.order_by("pk").values_list("pk", flat=True)[:4])
    second = query(keys=other_keys)

    # then it was compiled (not run as a plain queryset) and gives what the queryset gives
    assert _only_plan(query) is not _UNCOMPILABLE
    for got, wanted_keys in ((first, keys), (second, other_keys)):
        plain = {row.pk: _fields(row) for row in page_rows(model._default_manager.filter(pk__in=wanted_keys))}
        assert {row.pk: _fields(row) for row in got} == plain


def test_a_run_is_one_query(registry_rows):
    query = CompiledQuery(lambda keys: library_list_rows(Library.objects.filter(pk__in=keys)))
    keys = list(Library.objects.values_list("pk", flat=True))
    query(keys=keys)
    with CaptureQueriesContext(connection) as queries:
        rows = query(keys=keys)
    assert len(queries.captured_queries) == 1
    # the organisation came with the row (select_related), so reading it costs nothing more
    with CaptureQueriesContext(connection) as queries:
        names = [row.organisation.name for row in rows]
    assert len(queries.captured_queries) == 0
    assert sorted(names) == sorted(Library.objects.values_list("organisation__name", flat=True))


def test_each_list_length_gets_its_own_plan(registry_rows):
    query = CompiledQuery(lambda keys: Branch.objects.filter(pk__in=keys))
    keys = list(Branch.objects.order_by("pk").values_list("pk", flat=True))
    assert {b.pk for b in query(keys=keys[:2])} == set(keys[:2])
    assert {b.pk for b in query(keys=keys[:5])} == set(keys[:5])
    assert len(query._plans) == 2


def test_a_date_argument_is_filled_in_each_time(registry_rows):
    membership = registry_rows
    query = CompiledQuery(
        lambda day: CooperationMembership.objects.filter(valid_from__lte=day).annotate(
            cooperation_name=F("cooperation__organisation__name")
        )
    )
    before = membership.valid_from - datetime.timedelta(days=1)
    assert query(day=before) == []
    (row,) = query(day=membership.valid_from)
    assert row.pk == membership.pk
    assert row.valid_from == membership.valid_from  # converted back to a date on every database
    assert row.cooperation_name == membership.cooperation.organisation.name
    assert len(query._plans) == 1


def test_a_value_computed_from_an_argument_is_not_compiled(registry_rows):
    # given a builder that adds a day to its argument (the sum would be frozen into a plan)
    membership = registry_rows
    query = CompiledQuery(
        lambda day: CooperationMembership.objects.filter(valid_from__lte=day + datetime.timedelta(days=1))
    )
    # then it runs as a plain queryset, with the right answer each time
    assert [m.pk for m in query(day=membership.valid_from - datetime.timedelta(days=1))] == [membership.pk]
    assert query(day=membership.valid_from - datetime.timedelta(days=2)) == []
    assert _only_plan(query) is _UNCOMPILABLE


def test_values_and_none_run_the_queryset_as_usual(registry_rows):
    names = CompiledQuery(lambda keys: Library.objects.filter(pk__in=keys).values("pk"))
    keys = list(Library.objects.values_list("pk", flat=True))
    assert sorted(row["pk"] for row in names(keys=keys)) == sorted(keys)
    assert _only_plan(names) is _UNCOMPILABLE

    by_code = CompiledQuery(lambda code: TerritorialUnit.objects.filter(code=code))
    assert by_code(code=None) == []
    assert by_code._plans == {}  # None changes the SQL (IS NULL): never planned


def test_an_empty_page_runs_no_query(registry_rows):
    query = CompiledQuery(lambda keys: Branch.objects.filter(pk__in=keys))
    with CaptureQueriesContext(connection) as queries:
        assert query(keys=[]) == []
    assert len(queries.captured_queries) == 0
    assert len(query(keys=list(Branch.objects.values_list("pk", flat=True)[:2]))) == 2


def test_a_plan_lasts_a_day(registry_rows):
    query = CompiledQuery(lambda keys: Branch.objects.filter(pk__in=keys))
    keys = list(Branch.objects.values_list("pk", flat=True)[:1])
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        query(keys=keys)
    with time_machine.travel(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC), tick=False):
        query(keys=keys)
    assert len(query._plans) == 2


def test_the_list_page_shows_the_compiled_rows(cell_client, registry_rows):
    # the library list fetches its page through a compiled query: the page still shows each library
    from django.urls import reverse

    html = cell_client.get(reverse("registry:library_list")).content.decode()
    for library in Library.objects.select_related("organisation"):
        assert library.organisation.name in html


def test_values_list_rows_come_back_as_the_queryset_gives_them(registry_rows):
    # given a values_list query with a day argument, compiled once
    def build(day):
        return CooperationMembership.objects.filter(valid_from__lte=day).order_by("pk").values_list("pk", "valid_from")

    query = CompiledQuery(build)
    membership = registry_rows
    for day in (membership.valid_from, membership.valid_from - datetime.timedelta(days=1)):
        # when it runs with a new value, then it gives what the queryset gives: tuples, dates converted
        assert query(day=day) == list(build(day))
    assert _only_plan(query).tuples
    assert query(day=membership.valid_from) == [(membership.pk, membership.valid_from)]


def test_values_list_with_annotations_or_flat_is_not_compiled(registry_rows):
    flat = CompiledQuery(lambda: Library.objects.order_by("pk").values_list("pk", flat=True))
    assert flat() == list(Library.objects.order_by("pk").values_list("pk", flat=True))
    assert _only_plan(flat) is _UNCOMPILABLE
    named = CompiledQuery(lambda: Library.objects.annotate(twice=F("pk") * 2).order_by("pk").values_list("twice", "pk"))
    assert named() == list(Library.objects.annotate(twice=F("pk") * 2).order_by("pk").values_list("twice", "pk"))
    assert _only_plan(named) is _UNCOMPILABLE
