"""Scoped reads: what each user may list, and the years that have figures."""

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.lookups import Exact

from apps.core.compiled import CompiledQuery
from apps.core.rules import is_cell_staff, is_library_staff, is_professional
from apps.registry.models import Library
from apps.registry.models.organisations import OrganisationKind
from apps.registry.rules import organisation_ids_of

from .models import DeliveryYear, FigureValue, Indicator, PeerGroup, Submission


def indicator_list(*, user) -> QuerySet:
    return Indicator.objects.all() if is_professional(user) else Indicator.objects.none()


def delivery_list(*, user) -> QuerySet:
    return DeliveryYear.objects.all() if is_cell_staff(user) else DeliveryYear.objects.none()


def library_ids_with_figures_for(user) -> set[int] | None:
    """None: every library (cell staff); else the ids of the libraries the user works for."""
    if is_cell_staff(user):
        return None
    if is_library_staff(user):
        return organisation_ids_of(user)
    return set()


# The figure list's order: the latest year first, then library name and the catalogue's order.
FIGURE_ORDER = ("-submission__year", "submission__library__organisation__name", "indicator__position")

# Every figure belongs to a library, an organisation of that kind: saying so lets the database
# walk the organisation (kind, name) index in name order (see figure_page_keys).
FIGURE_KEYS = Q(submission__library__organisation__kind=OrganisationKind.LIBRARY)


def figure_list(*, user) -> QuerySet:
    queryset = FigureValue.objects.select_related("submission__library__organisation", "indicator").order_by(
        *FIGURE_ORDER
    )
    ids = library_ids_with_figures_for(user)
    return queryset if ids is None else queryset.filter(submission__library_id__in=ids)


def figure_list_rows(queryset: QuerySet) -> QuerySet:
    """What the figure table shows, added to the records of a shown page (or of an export).

    Names as annotations rather than the submission, library, organisation and indicator
    as records: a page of figures would otherwise build five model instances per row.
    """
    return (
        queryset.select_related(None)
        .only("value", "is_demo")
        .annotate(
            library_name=F("submission__library__organisation__name"),
            library_slug=F("submission__library__organisation__slug"),
            submission_year=F("submission__year"),
            submission_status=F("submission__status"),
            indicator_name=F("indicator__name_nl"),
            indicator_code=F("indicator__code"),
        )
    )


def _in_year(queryset: QuerySet, year: int) -> QuerySet:
    """The list's figures of one year, in the list's order (see figure_page_keys)."""
    return queryset.filter(FIGURE_KEYS, Exact(F("submission__year") + 0, year)).order_by(*FIGURE_ORDER[1:])


def _is_whole_table(queryset: QuerySet) -> bool:
    """Whether the list is every figure (cell staff, no filter), whatever its ordering."""
    query = queryset.query
    return (
        queryset.model is FigureValue
        and not query.where
        and not query.annotations
        and not query.extra
        and not query.distinct
        and not query.combinator
        and not query.is_sliced
    )


# The page sizes a person can choose (TablePaginationMixin.page_sizes): only these are
# compiled, so that a process keeps few plans.
PAGE_SIZES = (25, 50, 100)
_first_pages: dict[int, CompiledQuery] = {}


def _first_page_of_year(size: int) -> CompiledQuery:
    """The first `size` figures of a year of the whole list, compiled once (apps.core.compiled).

    The page everybody opens first (cell staff, no filter) is built from the same query on
    every request; its builder reads nothing but the year, so it is compiled. A filtered or
    scoped list, and any later page, is built as a plain queryset.
    """
    query = _first_pages.get(size)
    if query is None:
        query = _first_pages[size] = CompiledQuery(
            lambda year: _in_year(FigureValue.objects.all(), year).only("pk")[:size]
        )
    return query


def figure_page_keys(queryset: QuerySet, start: int, stop: int) -> list[int]:
    """The primary keys of rows `start:stop` of a figure list (filtered, scoped) in `FIGURE_ORDER`.

    Sorting the whole list (a quarter of a million figures at ten times Flanders) to
    keep one page costs tens of milliseconds. Within one year the order is library name,
    then indicator: the database can walk the libraries in name order along an index,
    their submission of that year and its figures, and stop after a page. So the page is
    read one year at a time, latest first; a year the page starts after is only counted.
    The year is compared as `year + 0`, which no index serves: an index on the year would
    make the database read and sort the whole year instead of walking in name order.
    The rows and their order are those of `queryset.order_by(*FIGURE_ORDER)[start:stop]`.
    """
    need, skip = stop - start, start
    keys: list[int] = []
    whole = _is_whole_table(queryset)
    year = _latest_year_before(None)
    while year is not None:
        if whole and skip == 0 and need in PAGE_SIZES:
            found = [figure.pk for figure in _first_page_of_year(need)(year=year)]
        else:
            found = list(_in_year(queryset, year).values_list("pk", flat=True)[skip : skip + need])
        keys += found
        need -= len(found)
        if need <= 0:
            break
        # The page starts in a later year: this one ended inside it (found) or before it.
        skip = 0 if found else skip - _in_year(queryset, year).count()
        year = _latest_year_before(year)
    return keys


def submission_list(*, user) -> QuerySet:
    queryset = Submission.objects.select_related("library__organisation")
    ids = library_ids_with_figures_for(user)
    return queryset if ids is None else queryset.filter(library_id__in=ids)


def own_libraries(user) -> QuerySet:
    ids = library_ids_with_figures_for(user)
    queryset = Library.objects.select_related("organisation").order_by("organisation__name")
    return queryset.none() if ids is None else queryset.filter(pk__in=ids)


def peergroup_visible_to(user) -> QuerySet:
    queryset = PeerGroup.objects.select_related("owner")
    if not is_professional(user):
        return queryset.none()
    if is_cell_staff(user):
        return queryset
    return queryset.filter(Q(owner=user) | Q(shared=True))


def years_with_figures() -> list[int]:
    # order_by(): the default ordering would join organisations and defeat the DISTINCT.
    return sorted(Submission.objects.order_by().values_list("year", flat=True).distinct())


def _latest_year_before(year: int | None) -> int | None:
    """The latest year with a submission (before `year`): one step along the year index.

    A plain statement: the figure list asks on every page, and writing it with the ORM
    would take several times longer than the database takes to answer.
    """
    quote = connection.ops.quote_name
    sql = f"SELECT MAX({quote('year')}) FROM {quote(Submission._meta.db_table)}"
    with connection.cursor() as cursor:
        if year is None:
            cursor.execute(sql)
        else:
            cursor.execute(f"{sql} WHERE {quote('year')} < %s", [year])
        return cursor.fetchone()[0]


def open_deliveries() -> QuerySet:
    return DeliveryYear.objects.filter(status=DeliveryYear.Status.OPEN).order_by("-year")
