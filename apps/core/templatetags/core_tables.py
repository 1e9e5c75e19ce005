"""A django-tables2 table rendered in one pass (apps.core.tables): header cells, body rows, pagination."""

from django import template

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
