"""Forms of the proposal pages. They only parse input; the services validate and write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Team
from apps.registry.models import TerritorialUnit

from . import targets

PERIODS_PER_DAY = 3


def _motivation_field() -> forms.CharField:
    return forms.CharField(
        label=_("Toelichting voor de cel"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom deze wijziging? De cel leest dit bij het beslissen."),
    )


def _form_field(model, name: str) -> forms.Field:
    field = targets.form_field(model, name)
    if isinstance(field, forms.ModelChoiceField) and field.queryset.model is TerritorialUnit:
        field.queryset = TerritorialUnit.objects.municipalities().order_by("name_nl")
    return field


class ProposeFieldsForm(forms.Form):
    """The proposable fields of one record (or of a new record), pre-filled with current values."""

    def __init__(self, *args: Any, model, names: tuple[str, ...], instance=None, **kwargs: Any) -> None:
        initial = kwargs.pop("initial", None) or {}
        if instance is not None:
            for name in names:
                holder = targets.holder_of(instance, name)
                value = targets.model_field(model, name).value_from_object(holder)
                initial.setdefault(name, value)
        super().__init__(*args, initial=initial, **kwargs)
        for name in names:
            self.fields[name] = _form_field(model, name)
        self.fields["motivation"] = _motivation_field()

    def proposed_data(self) -> dict[str, Any]:
        """Only what the user changed."""
        return {name: self.cleaned_data[name] for name in self.changed_data if name != "motivation"}

    def all_data(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "motivation"}


class OpeningHoursProposalForm(forms.Form):
    """A week of opening hours: per weekday up to three periods (e.g. morning, afternoon, evening)."""

    def __init__(self, *args: Any, branch, **kwargs: Any) -> None:
        current = targets.current_periods(branch)
        initial: dict[str, str] = {}
        for weekday, _label in targets.weekdays():
            day = [p for p in current if p["weekday"] == weekday]
            for index, period in enumerate(day[:PERIODS_PER_DAY]):
                initial[f"d{weekday}_p{index}_opens"] = period["opens"]
                initial[f"d{weekday}_p{index}_closes"] = period["closes"]
        super().__init__(*args, initial=initial, **kwargs)
        self.days: list[dict] = []
        for weekday, label in targets.weekdays():
            rows = []
            for index in range(PERIODS_PER_DAY):
                for part, part_label in (("opens", _("open van")), ("closes", _("open tot"))):
                    name = f"d{weekday}_p{index}_{part}"
                    self.fields[name] = forms.TimeField(
                        label=_("%(day)s, periode %(n)s, %(part)s")
                        % {"day": label, "n": index + 1, "part": part_label},
                        required=False,
                        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                    )
                rows.append((self[f"d{weekday}_p{index}_opens"], self[f"d{weekday}_p{index}_closes"], index + 1))
            self.days.append({"weekday": weekday, "label": label, "periods": rows})
        self.fields["motivation"] = _motivation_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for weekday, _label in targets.weekdays():
            for index in range(PERIODS_PER_DAY):
                opens = cleaned.get(f"d{weekday}_p{index}_opens")
                closes = cleaned.get(f"d{weekday}_p{index}_closes")
                if (opens is None) != (closes is None):
                    missing = f"d{weekday}_p{index}_closes" if closes is None else f"d{weekday}_p{index}_opens"
                    if missing not in self.errors:
                        self.add_error(missing, _("Vul zowel het openingsuur als het sluitingsuur in."))
                elif opens is not None and closes <= opens:
                    self.add_error(f"d{weekday}_p{index}_closes", _("Het sluitingsuur moet na het openingsuur liggen."))
        return cleaned

    def periods(self) -> list[dict]:
        result = []
        for weekday, _label in targets.weekdays():
            for index in range(PERIODS_PER_DAY):
                opens = self.cleaned_data.get(f"d{weekday}_p{index}_opens")
                closes = self.cleaned_data.get(f"d{weekday}_p{index}_closes")
                if opens is not None and closes is not None:
                    result.append({"weekday": weekday, "opens": opens, "closes": closes})
        return result


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De indiener krijgt dit te lezen."),
    )

    def __init__(self, *args: Any, reason_required: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = reason_required


class AssignTeamForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.order_by("name"), required=False, empty_label=_("(geen team)")
    )
