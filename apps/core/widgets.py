"""Form widgets and choice fields that render fast.

Django renders every <option> of a Select through the template engine, and a
ModelChoiceField builds a model instance for every option. A filter with the
300 municipalities of Flanders then costs several milliseconds per page.

- `FastSelect` builds the same markup in Python, escaped, in one pass over the
  choices (no per-option dictionaries or templates).
- `ValuesModelChoiceField` reads its options as (value, label) pairs straight
  from the database (`values_list`), without building model instances; it still
  validates the chosen value against its queryset like any ModelChoiceField.
"""

from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def _option(value, label, selected: bool) -> str:
    value = "" if value is None else str(value)
    return f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(str(label))}</option>'


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        multiple = self.allow_multiple_selected
        has_selected = False
        parts: list[str] = []
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                grouped = []
                for sub_value, sub_label in option_label:
                    selected = str(sub_value) in chosen and (multiple or not has_selected)
                    has_selected |= selected
                    grouped.append(_option(sub_value, sub_label, selected))
                parts.append(f'<optgroup label="{escape(str(option_value))}">{"".join(grouped)}</optgroup>')
                continue
            key = "" if option_value is None else str(option_value)
            selected = key in chosen and (multiple or not has_selected)
            has_selected |= selected
            parts.append(_option(option_value, option_label, selected))
        select_attrs = self.build_attrs(self.attrs, attrs)
        if multiple:
            select_attrs["multiple"] = True
        opening = format_html('<select name="{}"{}>', name, flatatt(select_attrs))
        return mark_safe(opening + "".join(parts) + "</select>")  # noqa: S308 - every part is escaped above


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


class ValuesChoiceIterator(ModelChoiceIterator):
    """Options as (value, label) pairs read with one values_list query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list(self.field.to_field_name or "pk", self.field.label_path)


class ValuesModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose options come from `values_list(to_field_name, label_path)`.

    `label_path` is the ORM path of what an option shows (e.g. "name_nl" or
    "organisation__name"); it must give the same text as `label_from_instance`.
    """

    iterator = ValuesChoiceIterator
    label_path = "pk"

    def __init__(self, *args, label_path: str | None = None, **kwargs):
        if label_path:
            self.label_path = label_path
        super().__init__(*args, **kwargs)

    def __deepcopy__(self, memo):
        # Every form copies its fields; ModelChoiceField clones the queryset for the copy so
        # that two forms never share a result cache. This field never fills one (its options
        # are a new values_list query each time, validation a new get()), so the copy shares
        # the queryset: cloning a queryset with its conditions costs more than the rest of the copy.
        # The field itself is left untouched: a form class's fields are shared between threads
        # (apps.core.filtersets.SharedFormFilterSet).
        result = forms.Field.__deepcopy__(self, memo)  # what ModelChoiceField copies, without the clone
        result._queryset = self._queryset
        result.widget.choices = result.choices
        return result
