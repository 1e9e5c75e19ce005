"""`{% table_body_rows table %}`: a django-tables2 table's body rows, rendered in one pass."""

from django import template

from apps.core.tables import render_body_rows

register = template.Library()


@register.simple_tag
def table_body_rows(table):
    return render_body_rows(table)
