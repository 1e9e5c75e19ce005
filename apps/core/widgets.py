"""Form widgets that render fast.

Django renders every <option> of a Select through the template engine. A filter
with the 300 municipalities of Flanders then costs a quarter of a second per
page. `FastSelect` builds the same markup in Python, escaped, in one pass.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = []
        for group_name, options, _index in context["optgroups"]:
            rendered = "".join(self._option(option) for option in options)
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name) + rendered + "</optgroup>")
            else:
                parts.append(rendered)
        select_attrs = dict(context["attrs"])
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        opening = format_html('<select name="{}"{}>', context["name"], flatatt(select_attrs))
        return mark_safe(opening + "".join(parts) + "</select>")  # noqa: S308 - every part is escaped above

    @staticmethod
    def _option(option: dict) -> str:
        attrs = dict(option.get("attrs") or {})
        if option.get("selected"):
            attrs["selected"] = True
        return format_html('<option value="{}"{}>{}</option>', option["value"], flatatt(attrs), option["label"])


class FastSelectMultiple(FastSelect, forms.SelectMultiple):
    allow_multiple_selected = True


def speed_up_selects(form: forms.BaseForm) -> forms.BaseForm:
    """Swap every plain Select widget of a form for its fast equivalent (same markup)."""
    for field in form.fields.values():
        widget = field.widget
        if type(widget) is forms.Select:
            fast = FastSelect(attrs=widget.attrs, choices=widget.choices)
        elif type(widget) is forms.SelectMultiple:
            fast = FastSelectMultiple(attrs=widget.attrs, choices=widget.choices)
        else:
            continue
        fast.is_required = widget.is_required
        field.widget = fast
    return form
