from django import template

register = template.Library()


@register.simple_tag
def facet_toggle_query(request, name: str, code: str) -> str:
    """The current query string with one facet value switched on or off (and back to page 1)."""
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
def page_query(request, page: int) -> str:
    query = request.GET.copy()
    query.pop("live", None)
    query["page"] = str(page)
    return query.urlencode()
