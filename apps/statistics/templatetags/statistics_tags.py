from django import template

register = template.Library()


@register.filter
def figure(value, decimals=0):
    """A number in Dutch notation (1.234,5); an em dash when there is none."""
    if value is None or value == "":
        return "—"
    decimals = int(decimals or 0)
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
