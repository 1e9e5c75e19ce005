"""A django-tables2 table rendered in one pass (apps.core.tables): header cells, body rows, pagination."""

from django import template
from django.template.loader import get_template

from apps.core.tables import render_body_rows, render_head_cells, render_pagination

register = template.Library()


@register.simple_tag
def table_body_rows(table):
    return render_body_rows(table)


@register.simple_tag
def table_head_cells(table, request):
    return render_head_cells(table, request)


@register.simple_tag
def table_pagination(table, request):
    return render_pagination(table, request)


@register.simple_tag(takes_context=True)
def site_table(context, table):
    """Render the table with its template inside the current context, like an include.

    django-tables2's `render_table` renders a new RequestContext, which runs every
    context processor (navigation, the unread count query) a second time.
    """
    table.context = context
    template = get_template(table.template_name).template
    with context.push(table=table):
        return template.render(context)
