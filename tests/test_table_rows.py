# ruff: noqa: E501 - the reference templates are copied verbatim, one tag per line
"""The one-pass row renderer (apps.core.tables) gives exactly django-tables2's markup.

The site's table template prints body rows with `{% table_body_rows %}` instead of
django-tables2's per-cell loop. These tests render both and compare: on every
list page of the product with the demo data loaded, and on a table built to hit
each special case (callable cell attributes, a render function that wants an
argument it cannot get, localize off, dict records, choices, links, defaults).
"""

import io
import itertools
import re

import django_tables2 as tables
import pytest
from django.core.management import call_command
from django.template import engines
from django.urls import URLResolver, get_resolver
from django.utils import translation

from apps.core.tables import render_body_rows, render_head_cells, render_pagination

# django-tables2's own row loop, as the site template had it before the one-pass renderer.
REFERENCE = engines["django"].from_string(
    "{% load l10n %}{% for row in table.paginated_rows %}<tr {{ row.attrs.as_html }}>"
    "{% for column, cell in row.items %}<td {{ column.attrs.td.as_html }}>"
    "{% if column.localize == None %}{{ cell }}{% else %}{% if column.localize %}{{ cell|localize }}"
    "{% else %}{{ cell|unlocalize }}{% endif %}{% endif %}</td>{% endfor %}</tr>\n{% endfor %}"
)


# django-tables2's header loop and pagination, as the site template had them.
REFERENCE_HEAD = engines["django"].from_string(
    "{% load django_tables2 i18n %}{% for column in table.columns %}"
    '<th scope="col" {{ column.attrs.th.as_html }}{% if column.is_ordered %} aria-sort="{% if column.order_by_alias.is_descending %}descending{% else %}ascending{% endif %}"{% endif %}>'
    "{% if column.orderable %}"
    '<a href="{% querystring_replace table.prefixed_order_by_field=column.order_by_alias.next without table.prefixed_page_field %}">{{ column.header }}<span class="sort-indicator" aria-hidden="true">{% if column.is_ordered %}{% if column.order_by_alias.is_descending %}▼{% else %}▲{% endif %}{% else %}↕{% endif %}</span><span class="visually-hidden"> ({% if column.is_ordered and not column.order_by_alias.is_descending %}{% translate "sorteer aflopend" %}{% else %}{% translate "sorteer oplopend" %}{% endif %})</span></a>'
    "{% else %}{{ column.header }}{% endif %}</th>{% endfor %}"
)
REFERENCE_PAGINATION = engines["django"].from_string(
    "{% load django_tables2 i18n %}{% if table.page and table.paginator.num_pages > 1 %}"
    '<nav class="pagination" aria-label="{% translate \'Paginering\' %}"><ul>'
    '{% if table.page.has_previous %}<li><a href="{% querystring_replace table.prefixed_page_field=table.page.previous_page_number %}" rel="prev">‹ {% translate "Vorige" %}</a></li>{% endif %}'
    "{% for p in table.page|table_page_range:table.paginator %}"
    '{% if p == "..." %}<li><span class="pagination__gap">…</span></li>'
    '{% else %}<li><a href="{% querystring_replace table.prefixed_page_field=p %}"{% if p == table.page.number %} aria-current="page"{% endif %}><span class="visually-hidden">{% translate "Pagina" %} </span>{{ p }}</a></li>{% endif %}'
    "{% endfor %}"
    '{% if table.page.has_next %}<li><a href="{% querystring_replace table.prefixed_page_field=table.page.next_page_number %}" rel="next">{% translate "Volgende" %} ›</a></li>{% endif %}'
    "</ul></nav>{% endif %}"
)


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def reference_rows(table) -> str:
    table._counter = itertools.count()  # even/odd classes count from the first row, as in a fresh render
    return REFERENCE.render({"table": table}).strip()


def fast_rows(table) -> str:
    table._counter = itertools.count()
    return str(render_body_rows(table)).strip()


def list_pages() -> list[str]:
    """Every list page without URL arguments whose view declares a table."""
    found = []

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry, route)
            elif getattr(getattr(entry.callback, "view_class", None), "table_class", None) and "<" not in route:
                found.append("/" + route)

    walk(get_resolver(), "")
    return found


@pytest.mark.django_db
def test_every_list_page_renders_the_same_rows_as_django_tables2(cell_client):
    call_command("load_reference_data", verbosity=0, stdout=io.StringIO())
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    pages = list_pages()
    assert len(pages) >= 20, pages
    compared = 0
    # Every list page, and a few with sorting, filters and a later page (links must keep the query).
    pages += [
        "/netwerk/gemeenten/?sort=-population&page=3",
        "/netwerk/gemeenten/?province=10000&sort=name_nl",
        "/netwerk/bibliotheken/?q=bibliotheek&page=2",
    ]
    for url in pages:
        response = cell_client.get(url)
        assert response.status_code == 200, url
        table = response.context["table"]
        request = response.wsgi_request
        with translation.override("nl"):
            expected, actual = reference_rows(table), fast_rows(table)
            head_expected = squeeze(REFERENCE_HEAD.render({"table": table, "request": request}))
            head_actual = squeeze(str(render_head_cells(table, request)))
            pages_expected = squeeze(REFERENCE_PAGINATION.render({"table": table, "request": request}))
            pages_actual = squeeze(str(render_pagination(table, request)))
        assert actual == expected, url
        assert head_actual == head_expected, url
        assert pages_actual == pages_expected, url
        compared += bool(expected)
    # Most lists hold demo rows: the comparison is not between two empty strings.
    assert compared >= 15


class Thing(dict):
    """A dict record (django-tables2 accepts lists of dicts)."""


class EdgeTable(tables.Table):
    name = tables.Column(attrs={"td": {"class": "name", "data-x": lambda record: record["code"]}})
    code = tables.Column(localize=False)
    amount = tables.Column(default="—")
    total = tables.Column(localize=True)
    link = tables.Column(accessor="name", linkify=lambda record: f"/things/{record['code']}/")
    picky = tables.Column(accessor="name", empty_values=())
    nested = tables.Column(accessor="inner__label", default="geen")

    def render_picky(self, value, unknown_argument):
        return "never called"


def test_special_cases_match_django_tables2():
    rows = [
        Thing(name="<b>A</b>", code=1000, amount=None, total=1234567.5, inner={"label": "x & y"}),
        Thing(name="B", code=2500, amount=0, total=3, inner={}),
        Thing(name="", code=7, amount="", total=None, inner={"label": None}),
    ]
    table = EdgeTable(rows)
    table.paginate(per_page=2)
    with translation.override("nl"):
        expected, actual = reference_rows(table), fast_rows(table)
    assert actual == expected
    assert "&lt;b&gt;A&lt;/b&gt;" in actual  # escaped, not trusted
    assert 'data-x="1000"' in actual  # the callable cell attribute took the slow path, per row


def test_model_rows_with_links_booleans_dates_and_many_to_many_match(db):
    from apps.accounts.models import User

    User.objects.create(username="a", email="a@example.test", first_name="Ann", is_active=True)
    User.objects.create(username="b", email="b@example.test", first_name="", is_active=False)

    class UserTable(tables.Table):
        username = tables.Column(linkify=lambda record: f"/u/{record.pk}/")
        first_name = tables.Column(default="—")
        is_active = tables.BooleanColumn()
        date_joined = tables.DateTimeColumn(format="d-m-Y")
        groups = tables.ManyToManyColumn(default="geen")

        class Meta:
            model = User
            fields = ("username", "first_name", "is_active", "date_joined", "groups")

    table = UserTable(User.objects.order_by("username"))
    table.paginate(per_page=25)
    with translation.override("nl"):
        assert fast_rows(table) == reference_rows(table)


def test_no_rows_renders_nothing():
    table = EdgeTable([])
    assert fast_rows(table) == ""
