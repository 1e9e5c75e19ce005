"""The figure list finds a page's keys a year at a time and shows names from its page rows.

Both must give exactly the rows, order and cells of the plain list: the list sorted as a
whole (`FIGURE_ORDER`) and sliced, with the submission, library and indicator as records.
"""

import re

import pytest
from django.urls import reverse

from apps.statistics import selectors
from apps.statistics.models import FigureValue, Submission
from apps.statistics.tests.conftest import add_figures

pytestmark = pytest.mark.django_db

CODES = ("members_youth", "members_adult", "visits", "loans_print", "loans_av", "staff_fte")


@pytest.fixture
def figures(make_library):
    """Five libraries over three years with uneven submissions, so pages end inside and across years."""
    libraries = [make_library() for _ in range(5)]
    for index, library in enumerate(libraries):
        for year in (2022, 2023, 2024):
            if (index + year) % 4 == 0:
                continue  # no submission this year
            codes = CODES[: 2 + (index + year) % len(CODES)]
            status = Submission.Status.DRAFT if index == 2 else Submission.Status.CONFIRMED
            add_figures(
                library, year, {code: 100 * index + 10 * n + year % 10 for n, code in enumerate(codes)}, status=status
            )
    return libraries


def _plain_keys(queryset, start, stop):
    return list(queryset.order_by(*selectors.FIGURE_ORDER).values_list("pk", flat=True)[start:stop])


def test_page_keys_equal_the_sorted_list(figures):
    listed = FigureValue.objects.order_by(*selectors.FIGURE_ORDER)
    total = listed.count()
    assert total > 40
    for size in (1, 4, 7, 25):
        for start in range(0, total + size, size):
            assert selectors.figure_page_keys(listed, start, start + size) == _plain_keys(listed, start, start + size)


def test_page_keys_of_a_filtered_list(figures):
    for condition in (
        {"submission__year": 2023},
        {"indicator__code": "visits"},
        {"submission__library": figures[1]},
        {"submission__status": Submission.Status.DRAFT},
        {"submission__year": 1999},
    ):
        listed = FigureValue.objects.filter(**condition).order_by(*selectors.FIGURE_ORDER)
        for start, stop in ((0, 5), (3, 9), (0, 100), (50, 60)):
            assert selectors.figure_page_keys(listed, start, stop) == _plain_keys(listed, start, stop), condition


def test_page_keys_without_figures(db):
    assert selectors.figure_page_keys(FigureValue.objects.all(), 0, 25) == []


def _shown_rows(html: str) -> list[list[str]]:
    body = html.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    return [[cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)] for row in rows]


def _expected_rows(figures_in_order) -> list[list[str]]:
    rows = []
    for figure in figures_in_order:
        organisation = figure.submission.library.organisation
        url = reverse("statistics:library_dashboard", kwargs={"slug": organisation.slug})
        rows.append(
            [
                f'<a href="{url}">{organisation.name}</a>',
                str(figure.submission.year),
                figure.indicator.name_nl,
                figure.indicator.code,
                f"{figure.value:f}".replace(".", ","),
                figure.submission.get_status_display(),
                "",
            ]
        )
    return rows


def test_pages_show_the_rows_of_the_sorted_list(cell_client, figures):
    plain = list(
        FigureValue.objects.select_related("submission__library__organisation", "indicator").order_by(
            *selectors.FIGURE_ORDER
        )
    )
    url = reverse("statistics:figure_list")
    for page in range(1, len(plain) // 25 + 2):
        response = cell_client.get(url, {"per_page": 25, "page": page})
        assert response.status_code == 200
        assert _shown_rows(response.content.decode()) == _expected_rows(plain[(page - 1) * 25 : page * 25]), page


def test_library_staff_page_shows_own_figures_only(library_client, own_library, figures):
    add_figures(own_library, 2024, {"visits": 12345})
    add_figures(own_library, 2023, {"visits": 23456, "members_youth": 7})
    response = library_client.get(reverse("statistics:figure_list"))
    assert response.status_code == 200
    own = FigureValue.objects.filter(submission__library=own_library).select_related(
        "submission__library__organisation", "indicator"
    )
    assert _shown_rows(response.content.decode()) == _expected_rows(own.order_by(*selectors.FIGURE_ORDER))


def test_sorted_column_pages_like_the_plain_list(cell_client, figures):
    plain = list(
        FigureValue.objects.select_related("submission__library__organisation", "indicator").order_by(
            "-submission__status", "pk"
        )
    )
    response = cell_client.get(reverse("statistics:figure_list"), {"sort": "-status", "per_page": 100})
    shown = _shown_rows(response.content.decode())
    assert len(shown) == len(plain)
    assert [row[5] for row in shown] == [row[5] for row in _expected_rows(plain)]


@pytest.mark.parametrize("demo_on", ["none", "shown", "not shown"])
def test_demo_banner_whenever_the_list_holds_demo_figures(cell_client, figures, demo_on):
    plain = FigureValue.objects.order_by(*selectors.FIGURE_ORDER)
    if demo_on != "none":
        demo = plain.first() if demo_on == "shown" else plain.last()
        FigureValue.objects.filter(pk=demo.pk).update(is_demo=True)
    response = cell_client.get(reverse("statistics:figure_list"), {"per_page": 25})
    assert ('class="demo-banner"' in response.content.decode()) is (demo_on != "none")


@pytest.mark.parametrize("sort", ["library", "-library"])
def test_pages_sorted_by_library_hold_the_libraries_of_the_plain_list(cell_client, figures, sort):
    # Only the libraries are compared: within one library the order of its figures is not defined.
    order = ("-" if sort.startswith("-") else "") + "submission__library__organisation__name"
    plain = list(FigureValue.objects.select_related("submission__library__organisation", "indicator").order_by(order))
    expected = [row[0] for row in _expected_rows(plain)]
    url = reverse("statistics:figure_list")
    for page in range(1, len(plain) // 25 + 2):
        response = cell_client.get(url, {"sort": sort, "per_page": 25, "page": page})
        assert [row[0] for row in _shown_rows(response.content.decode())] == expected[(page - 1) * 25 : page * 25]


def test_the_export_names_each_library_without_its_link(cell_client, figures):
    response = cell_client.get(reverse("statistics:figure_list"), {"export": "csv"})
    text = response.content.decode("utf-8-sig")
    assert "<a href" not in text
    names = {library.organisation.name for library in figures}
    assert any(name in text for name in names)
