"""Fast rendering of django-tables2 tables: header cells, body rows, pagination, two-step pages.

django-tables2 renders every cell through a chain of per-cell work: it inspects
the signature of the column's render function, builds the cell's attributes,
resolves the accessor with a generic lookup, and the template engine then
resolves `row.items`, `column.attrs.td.as_html` and the cell again. For a page of
25 rows and 9 columns that is most of a list page's time.

`render_body_rows` produces the same markup in one pass: everything that is the
same for every row of a column (the render function and the arguments it
accepts, the `<td>` attributes, how the value is looked up) is worked out once
per column, and each cell is then a lookup, an optional render call and an
escape. Columns whose behaviour depends on the row in ways this plan does not
cover (callable cell attributes, many-to-many columns) are rendered by
django-tables2 itself, so the output never differs.

`render_head_cells` and `render_pagination` write the header row and the page
links the same way; `PagedQuerysetData` fetches a page as its keys first and
then those rows. tests/test_table_rows.py compares all of it with
django-tables2's own loops on every list page of the product.
"""

from collections.abc import Callable
from decimal import Decimal
from html import escape as html_escape
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import FieldError
from django.db import models
from django.utils.encoding import force_str
from django.utils.formats import get_format, localize
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_tables2 import BooleanColumn, Column, ManyToManyColumn
from django_tables2.columns.base import LinkTransform
from django_tables2.data import TableQuerysetData
from django_tables2.templatetags.django_tables2 import table_page_range
from django_tables2.utils import Accessor, AttributeDict, signature

from apps.core.compiled import CompiledQuery


def _step(current: Any, part: str) -> Any:
    """One step of a django-tables2 accessor: dict key, attribute or list index; callables are called."""
    if isinstance(current, dict) and part in current:
        current = current[part]
    else:
        try:
            current = getattr(current, part)
        except AttributeError:
            current = current[int(part)]  # raises like django-tables2 when the index is not there
    if callable(current) and not getattr(current, "do_not_call_in_templates", False):
        if getattr(current, "alters_data", False):
            raise ValueError(f"refusing to call {part}(): it alters data")
        current = current()
    return current


class _ColumnPlan:
    """What is constant about one column while a table's rows render."""

    def __init__(self, table, bound_column, sample_record) -> None:
        self.bound_column = bound_column
        column = bound_column.column
        self.column = column
        self.default = bound_column.default
        self.empty_values = column.empty_values
        self.link = bound_column.link
        self.localize = column.localize
        td = dict(table.attrs)
        td.update(dict(column.attrs))
        td_attrs = td.get("td", td.get("cell", {}))
        self.slow = isinstance(column, ManyToManyColumn) or any(callable(v) for v in td_attrs.values())
        self.td_html = ""
        if not self.slow:
            self.td_html = AttributeDict(
                {**td_attrs, "class": bound_column.get_td_class(AttributeDict(td_attrs))}
            ).as_html()
        self.parts = str(bound_column.accessor).split("__")
        self.plain_record = isinstance(sample_record, dict) and str(bound_column.accessor) in sample_record
        # For a field with choices django-tables2 shows get_FOO_display(); the labels are
        # translated once here instead of in every cell.
        self.display = self._choices_display(sample_record)
        self.render = bound_column.render
        args, catch_all = signature(self.render)
        self.render_args = args
        self.render_all = bool(catch_all)
        # django-tables2's Column.render returns the value unchanged: a plan that sees it skips the call.
        self.render_is_identity = getattr(self.render, "__func__", None) is Column.render
        # A render function of the value alone (or of a yes/no column, whose output also depends on
        # the model's field, the same for every row) is called once per distinct value.
        render_func = getattr(self.render, "__func__", None)
        self.memo: dict[Any, Any] | None = None
        if not self.render_all and (
            ("value" in self.render_args and set(self.render_args) <= {"value", "column", "bound_column", "table"})
            or render_func is BooleanColumn.render
        ):
            self.memo = {}
        # linkify=True: a link to the record's get_absolute_url(), written directly.
        self.plain_link = self._is_plain_link(sample_record)

    def _is_plain_link(self, record) -> bool:
        link = self.link
        if not isinstance(link, LinkTransform) or link.url or link.attrs or link.reverse_args or link.accessor:
            return False
        # LinkTransform takes get_absolute_url() from the value under the column's name when it
        # has one; the plain link is for columns whose value is not a record.
        try:
            named = Accessor(self.bound_column.name).resolve(record)
        except Exception:  # noqa: BLE001 - nothing under that name: LinkTransform falls back to the record
            named = None
        return not hasattr(named, "get_absolute_url") and hasattr(record, "get_absolute_url")

    def _choices_display(self, record) -> dict | None:
        """The {value: label} map of the field this column shows, if it is a field with choices."""
        if not isinstance(record, models.Model) or self.plain_record:
            return None
        try:
            target = record
            for part in self.parts[:-1]:
                target = getattr(target, part)
            if not isinstance(target, models.Model):
                return None
            field = target._meta.get_field(self.parts[-1])
        except Exception:  # noqa: BLE001 - not a model field: an annotation, a property or a missing link
            return None
        if not getattr(field, "choices", None):
            return None
        return {make_hashable(key): force_str(label, strings_only=True) for key, label in field.flatchoices}

    def value(self, record) -> Any:
        if self.plain_record:
            return record[str(self.bound_column.accessor)]
        current = record
        parts = self.parts
        for part in parts[:-1]:
            current = _step(current, part)
            if current is None:
                return None
        if self.display is not None and isinstance(current, models.Model):
            raw = getattr(current, parts[-1])
            return self.display.get(make_hashable(raw), force_str(raw, strings_only=True))
        return _step(current, parts[-1])


_separators: dict[str | None, tuple[str, str, int]] = {}


def number_separators() -> tuple[str, str, int]:
    """The active language's decimal separator, thousands separator and grouping (read once per language)."""
    language = get_language()
    if language not in _separators:
        _separators[language] = (
            get_format("DECIMAL_SEPARATOR"),
            get_format("THOUSAND_SEPARATOR"),
            get_format("NUMBER_GROUPING"),
        )
    return _separators[language]


def _plain_number(value: Any, localize_flag: bool | None) -> str | None:
    """What localize() writes for an int, Decimal or float when no thousands separator is used, or None.

    Django's number_format() works this out anew for every cell (the locale's formats, grouping,
    signs); without grouping it comes down to the decimal separator of the language.
    """
    if settings.USE_THOUSAND_SEPARATOR or isinstance(value, bool):
        return None
    if type(value) is int:
        return str(value)
    if type(value) is Decimal:
        _sign, digits, exponent = value.as_tuple()
        if not isinstance(exponent, int) or abs(exponent) + len(digits) > 200:
            return None  # NaN, infinity or scientific notation: let Django decide
        text = f"{value:f}"
    elif type(value) is float:
        text = str(value)
        if "e" in text or "n" in text:  # 1e-07, inf, nan
            return None
    else:
        return None
    separator = "." if localize_flag is False else number_separators()[0]
    return text.replace(".", separator)


def _cell_html(value: Any, localize_flag: bool | None) -> str:
    """A cell as the template engine prints `{{ cell }}` (or `|localize`, `|unlocalize`)."""
    if isinstance(value, str):  # neither localtime nor localize changes a string
        # What conditional_escape gives, without the lazy-string check Django's escape()
        # makes on every call (a third of a 300-row table's time).
        return value if isinstance(value, SafeData) else html_escape(value)
    number = _plain_number(value, localize_flag)
    if number is not None:
        return number
    value = template_localtime(value)
    # None and True localize (as `{{ cell }}` does), False is `|unlocalize`.
    value = localize(value, use_l10n=localize_flag)
    return conditional_escape(value if isinstance(value, str) else str(value))


def render_body_rows(table) -> SafeString:
    """The `<tr>` rows of the table's current page, as django-tables2's row loop would render them."""
    rows = list(table.paginated_rows)
    if not rows:
        return SafeString("")
    plans = [_ColumnPlan(table, bound_column, rows[0].record) for bound_column in table.columns]
    static_row_attrs = not table.row_attrs
    output: list[str] = []
    for index, bound_row in enumerate(rows):
        record = bound_row.record
        if static_row_attrs:
            cells = [f'<tr class="{"odd" if index % 2 else "even"}">']
        else:
            cells = [f"<tr {bound_row.attrs.as_html()}>"]
        cells.extend(_render_cell(plan, table, record, bound_row) for plan in plans)
        cells.append("</tr>")
        output.append("".join(cells))
    return mark_safe("\n".join(output))  # noqa: S308 - every cell is escaped or already safe


def _render_cell(plan: _ColumnPlan, table, record, bound_row) -> str:
    if plan.slow:
        bound_column = plan.bound_column
        content = bound_row.get_cell(bound_column.name)
        bound_column.current_value, bound_column.current_record = content, record
        return f"<td {bound_column.attrs['td'].as_html()}>{_cell_html(content, plan.localize)}</td>"
    try:
        value = plan.value(record)
    except Exception:  # noqa: BLE001 - django-tables2 shows the column's default when a lookup fails
        value = None
    content = plan.default if value in plan.empty_values else _call_render(plan, table, record, value, bound_row)
    return f"<td {plan.td_html}>{_cell_html(content, plan.localize)}</td>"


def _call_render(plan: _ColumnPlan, table, record, value, bound_row) -> Any:
    if plan.render_is_identity and not plan.link:
        return value
    if plan.memo is not None and not plan.link:
        try:
            return plan.memo[value]
        except KeyError:
            content = plan.memo[value] = _call_render_function(plan, table, record, value, bound_row)
            return content
        except TypeError:  # an unhashable value
            pass
    if plan.plain_link:
        content = _call_render_function(plan, table, record, value, bound_row)
        href = record.get_absolute_url()
        if href is None:
            return content
        return format_html('<a href="{}">{}</a>', href, content)
    content = _call_render_function(plan, table, record, value, bound_row)
    if plan.link:
        return plan.link(content, **_available(plan, table, record, value, bound_row))
    return content


def _available(plan: _ColumnPlan, table, record, value, bound_row) -> dict[str, Any]:
    return {
        "value": value,
        "record": record,
        "column": plan.column,
        "bound_column": plan.bound_column,
        "bound_row": bound_row,
        "table": table,
    }


def _call_render_function(plan: _ColumnPlan, table, record, value, bound_row) -> Any:
    if plan.render_is_identity:
        return value
    available = _available(plan, table, record, value, bound_row)
    render: Callable[..., Any] = plan.render
    if plan.render_all:
        return render(**available)
    if all(name in available for name in plan.render_args):
        return render(**{name: available[name] for name in plan.render_args})
    return None  # django-tables2 does not call a render function that wants what it cannot give


def _query(params: dict[str, list[str]], **changes) -> str:
    """`?…` for the current query with `changes` (None removes a key), escaped for an attribute."""
    updated = dict(params)
    for key, value in changes.items():
        if value is None:
            updated.pop(key, None)
        else:
            updated[key] = value
    return escape("?" + urlencode(updated, doseq=True))


def render_head_cells(table, request) -> SafeString:
    """The header row's `<th>` cells: sortable headers are links that keep the filters and reset the page."""
    params = dict(request.GET.lists())
    order_field, page_field = table.prefixed_order_by_field, table.prefixed_page_field
    cells: list[str] = []
    for column in table.columns:
        header = conditional_escape(column.header)
        ordered = column.is_ordered
        descending = ordered and column.order_by_alias.is_descending
        aria = f' aria-sort="{"descending" if descending else "ascending"}"' if ordered else ""
        if column.orderable:
            href = _query(params, **{order_field: column.order_by_alias.next, page_field: None})
            indicator = ("▼" if descending else "▲") if ordered else "↕"
            hint = _("sorteer aflopend") if ordered and not descending else _("sorteer oplopend")
            inner = (
                f'<a href="{href}">{header}<span class="sort-indicator" aria-hidden="true">{indicator}</span>'
                f'<span class="visually-hidden"> ({hint})</span></a>'
            )
        else:
            inner = header
        cells.append(f'<th scope="col" {column.attrs["th"].as_html()}{aria}>{inner}</th>')
    return mark_safe("".join(cells))  # noqa: S308 - headers and URLs are escaped above


def render_pagination(table, request) -> SafeString:
    """Previous, numbered and next links (at most ten numbers, with gaps), keeping filters and sorting."""
    page = getattr(table, "page", None)
    if not page or table.paginator.num_pages <= 1:
        return SafeString("")
    params = dict(request.GET.lists())
    field = table.prefixed_page_field
    items: list[str] = []
    if page.has_previous():
        href = _query(params, **{field: str(page.previous_page_number())})
        items.append(f'<li><a href="{href}" rel="prev">‹ {escape(_("Vorige"))}</a></li>')
    label = escape(_("Pagina"))
    for number in table_page_range(page, table.paginator):
        if number == "...":
            items.append('<li><span class="pagination__gap">…</span></li>')
            continue
        href = _query(params, **{field: str(number)})
        current = ' aria-current="page"' if number == page.number else ""
        items.append(f'<li><a href="{href}"{current}><span class="visually-hidden">{label} </span>{number}</a></li>')
    if page.has_next():
        href = _query(params, **{field: str(page.next_page_number())})
        items.append(f'<li><a href="{href}" rel="next">{escape(_("Volgende"))} ›</a></li>')
    return mark_safe(  # noqa: S308 - every part is escaped above
        f'<nav class="pagination" aria-label="{escape(_("Paginering"))}">\n  <ul>{"".join(items)}</ul>\n</nav>'
    )


class PagedQuerysetData(TableQuerysetData):
    """Table data that fetches a page in two steps: the page's keys, then those rows.

    A list query with per-row subqueries (a count, the current cooperation) makes
    the database compute them for every row it sorts, before LIMIT keeps 25. Asking
    first for the primary keys of the page (ordered and filtered the same way) and
    then for the full rows of just those keys computes the subqueries 25 times.

    With `page_rows` (a function of a queryset), the list itself stays lean: its
    count, filters and keys query carry no per-row columns, and the page's rows are
    `page_rows(<the model's records with those keys>)`. A sort on a column that only
    `page_rows` adds (a count, the current cooperation) applies it to the whole list.

    `keys_filter` is a condition every row of the list meets that lets the database
    find a page's keys along an index in sort order (e.g. "the organisation is a
    library" for libraries in name order); it is left out of the COUNT, where it
    would only add a join.
    """

    page_rows: Callable[[models.QuerySet], models.QuerySet] | None = None
    keys_filter: models.Q | None = None

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            return super().__getitem__(key)
        listed = self.data if self.keys_filter is None else self.data.filter(self.keys_filter)
        keys = list(listed.values_list("pk", flat=True)[key])
        if self.page_rows is None:
            page = self.data.order_by().filter(pk__in=keys)
        else:
            page = page_query(self.data.model, self.page_rows)(keys=keys)
        rows = {row.pk: row for row in page}
        return [rows[pk] for pk in keys if pk in rows]

    def order_by(self, aliases):
        if self.page_rows is None:
            return super().order_by(aliases)
        try:
            return super().order_by(aliases)
        except FieldError:
            self.data = self.page_rows(self.data)
            return super().order_by(aliases)


_page_queries: dict[tuple[type[models.Model], Callable], CompiledQuery] = {}


def page_query(model: type[models.Model], page_rows: Callable[[models.QuerySet], models.QuerySet]) -> CompiledQuery:
    """The rows of a page by their keys, compiled once per page size (apps.core.compiled).

    `page_rows` must be a function of its queryset alone (see CompiledQuery): the list pages'
    and the API's `*_list_rows`/`*_api_rows` selectors are.
    """
    query = _page_queries.get((model, page_rows))
    if query is None:
        query = _page_queries[(model, page_rows)] = CompiledQuery(
            lambda keys: page_rows(model._default_manager.filter(pk__in=keys)).order_by()
        )
    return query


def fetch_pages_in_two_steps(
    table,
    page_rows: Callable[[models.QuerySet], models.QuerySet] | None = None,
    keys_filter: models.Q | None = None,
) -> None:
    """Make a table built on a queryset fetch its pages with `PagedQuerysetData`."""
    if type(table.data) is TableQuerysetData:
        table.data.__class__ = PagedQuerysetData
        table.data.page_rows = page_rows
        table.data.keys_filter = keys_filter
