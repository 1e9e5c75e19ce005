from urllib.parse import quote, urlencode

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


def _toggle_query(request, name: str, code: str) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("live", None)
    values = query.getlist(name)
    if code in values:
        values.remove(code)
    else:
        values.append(code)
    query.setlist(name, values)
    return query.urlencode()


@register.simple_tag
def facet_toggle_query(request, name: str, code: str) -> str:
    """The current query string with one facet value switched on or off (and back to page 1)."""
    return _toggle_query(request, name, code)


class _Toggles:
    """`facet_toggle_query` for every value of a page's facets, with the rest of the query encoded once.

    QueryDict.urlencode() writes each pair as urllib's urlencode({key: value}) does, in the
    order of the keys; a switched-on value of a new facet goes last.
    """

    def __init__(self, request) -> None:
        query = request.GET.copy()
        query.pop("page", None)
        query.pop("live", None)
        self.items = list(query.lists())
        self.encoded = {key: [urlencode({key: value}) for value in values] for key, values in self.items}

    def __call__(self, name: str, code: str) -> str:
        parts: list[str] = []
        found = False
        for key, values in self.items:
            if key != name:
                parts.extend(self.encoded[key])
                continue
            found = True
            switched = list(values)
            if code in switched:
                switched.remove(code)
            else:
                switched.append(code)
            parts.extend(urlencode({key: value}) for value in switched)
        if not found:
            parts.append(urlencode({name: code}))
        return "&".join(parts)


@register.simple_tag
def search_facets(request, facets, facet_titles, active_filters, query) -> str:
    """The facet sidebar of the search results, written in one pass (what the template loop wrote)."""
    toggle = _Toggles(request)
    esc = conditional_escape
    out = [
        '<aside class="filters" aria-labelledby="facets-title">\n'
        f'      <h2 id="facets-title">{esc(gettext("Verfijnen"))}</h2>\n      '
    ]
    for name, values in facets.items():
        if not values:
            continue
        title = esc(facet_titles[name]) if name in facet_titles else ""
        out.append(
            f'\n      <section aria-labelledby="facet-{esc(name)}">\n        <h3 id="facet-{esc(name)}">{title}</h3>'
            '\n        <ul class="facet-list">\n          '
        )
        for value in values:
            current = ' aria-current="true"' if value.selected else ""
            check = "✓ " if value.selected else ""
            out.append(
                f'\n          <li><a href="?{esc(toggle(name, value.code))}"{current}>{check}{esc(value.label)}</a>'
                f' <span class="muted">({esc(localize(value.count))})</span></li>\n          '
            )
        out.append("\n        </ul>\n      </section>\n      ")
    out.append("\n      ")
    if active_filters:
        out.append(f'<p><a href="?q={esc(quote(str(query), safe="/"))}">{esc(gettext("Alle filters wissen"))}</a></p>')
    out.append("\n    </aside>")
    return mark_safe("".join(out))  # noqa: S308 - every value is escaped above


@register.simple_tag
def search_hit_items(hits) -> str:
    """The result list's items, written in one pass (what the template loop wrote)."""
    esc = conditional_escape
    demo = f' <span class="badge badge--demo">{esc(gettext("demo"))}</span>'
    out = []
    for hit in hits:
        year = f" · {esc(localize(hit.year))}" if hit.year else ""
        out.append(
            '\n        <li class="search-hit">\n'
            f'          <h3><a href="{esc(hit.url)}">{esc(hit.title_html)}</a>{demo if hit.is_demo else ""}</h3>\n'
            f'          <p class="muted">{esc(hit.kind_label)}{year}</p>\n'
            f"          <p>{esc(hit.snippet_html)}</p>\n"
            "        </li>\n        "
        )
    return mark_safe("".join(out))  # noqa: S308 - every value is escaped above


@register.simple_tag
def page_query(request, page: int) -> str:
    query = request.GET.copy()
    query.pop("live", None)
    query["page"] = str(page)
    return query.urlencode()
