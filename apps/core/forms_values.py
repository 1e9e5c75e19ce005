"""The value assessment form: one checkbox and one motivation per value.

Embed it in any edit page (give it a prefix so its fields do not clash)::

    values_form = ValueAssessmentForm(request.POST or None, obj=obj, prefix="values",
                                      require_one=(state in STATES_REQUIRING_VALUES))
    ...
    {% include "core/partials/value_assessment_form.html" with form=values_form %}

and store it with `value_assessment_set(actor=..., obj=obj, assessments=values_form.assessments)`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.models import Value
from apps.core.services.values import MESSAGE_AT_LEAST_ONE, assessments_of


class ValueAssessmentForm(forms.Form):
    def __init__(self, *args, obj=None, require_one: bool = False, values=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.require_one = require_one
        self.values = list(values if values is not None else Value.objects.order_by("position"))
        current: dict[str, str] = {}
        if obj is not None and obj.pk is not None and not self.is_bound:
            current = {a.value.code: a.motivation for a in assessments_of(obj).select_related("value")}
        for value in self.values:
            self.fields[self.check_name(value)] = forms.BooleanField(
                label=value.name,
                required=False,
                initial=value.code in current,
                help_text=value.description,
            )
            self.fields[self.motivation_name(value)] = forms.CharField(
                label=_("Motivering voor %(value)s") % {"value": value.name},
                required=False,
                initial=current.get(value.code, ""),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def check_name(value: Value) -> str:
        return f"value_{value.code}"

    @staticmethod
    def motivation_name(value: Value) -> str:
        return f"motivation_{value.code}"

    def rows(self):
        """(value, checkbox bound field, motivation bound field) per value, for the template."""
        return [(value, self[self.check_name(value)], self[self.motivation_name(value)]) for value in self.values]

    def clean(self):
        cleaned = super().clean()
        chosen = 0
        for value in self.values:
            if not cleaned.get(self.check_name(value)):
                continue
            chosen += 1
            if not (cleaned.get(self.motivation_name(value)) or "").strip():
                self.add_error(
                    self.motivation_name(value),
                    _("Motiveer waarom dit bijdraagt aan %(value)s.") % {"value": value.name},
                )
        if self.require_one and not chosen:
            raise forms.ValidationError(MESSAGE_AT_LEAST_ONE, code="values_required")
        return cleaned

    @property
    def assessments(self) -> dict[str, str]:
        """{value code: motivation} of the checked values (call after is_valid())."""
        return {
            value.code: self.cleaned_data[self.motivation_name(value)].strip()
            for value in self.values
            if self.cleaned_data.get(self.check_name(value))
        }
