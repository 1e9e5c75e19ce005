"""Number formats of the scale pages (Dutch: 1.234.567 and 12,3 %)."""

from django import template

register = template.Library()


@register.filter
def thousands(value) -> str:
    if value is None or value == "":
        return "—"
    return f"{round(float(value)):,}".replace(",", ".")


@register.filter
def percent(value, digits: int = 1) -> str:
    if value is None or value == "":
        return "—"
    return f"{100 * float(value):.{int(digits)}f} %".replace(".", ",")


@register.filter
def decimal(value, digits: int = 2) -> str:
    if value is None or value == "":
        return "—"
    return f"{float(value):.{int(digits)}f}".replace(".", ",")


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
