"""The scenario builder form: parses input; the service checks it against the map."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Method, Territory


class ScenarioForm(forms.Form):
    name = forms.CharField(
        label=_("Naam"), max_length=200, required=False, help_text=_("Leeg laten: de naam volgt uit de instellingen.")
    )
    territory = forms.ChoiceField(
        label=_("Gebied"), choices=Territory.choices, widget=forms.RadioSelect, initial=Territory.FLANDERS
    )
    province = forms.ChoiceField(label=_("Provincie"), required=False)
    referentieregios = forms.MultipleChoiceField(
        label=_("Referentieregio's"), required=False, widget=forms.CheckboxSelectMultiple
    )
    method = forms.ChoiceField(
        label=_("Methode"), choices=Method.choices, widget=forms.RadioSelect, initial=Method.MAX_P
    )
    population_floor = forms.IntegerField(
        label=_("Bevolkingsondergrens per regio"),
        required=False,
        min_value=1,
        initial=50000,
        help_text=_("Max-p: elke regio telt minstens zoveel inwoners."),
    )
    min_libraries = forms.IntegerField(
        label=_("Minimum aantal bibliotheken per regio"),
        required=False,
        min_value=0,
        max_value=100,
        initial=0,
        help_text=_("Max-p, optioneel. Telt de bibliotheken die in het register staan."),
    )
    region_count = forms.IntegerField(
        label=_("Aantal regio's"),
        required=False,
        min_value=1,
        max_value=300,
        initial=15,
        help_text=_("Evenwichtige modus: precies zoveel regio's."),
    )
    max_spread_percent = forms.FloatField(
        label=_("Maximale bevolkingsspreiding (%)"),
        required=False,
        min_value=0,
        max_value=1000,
        initial=2,
        help_text=_("Evenwichtige modus: (grootste − kleinste regio) / gemiddelde regio."),
    )
    respect_referentieregios = forms.BooleanField(
        label=_("Binnen de grenzen van de referentieregio's blijven"), required=False
    )
    start_from_cooperations = forms.BooleanField(
        label=_("Vertrekken van de huidige samenwerkingsverbanden"), required=False
    )
    seed = forms.IntegerField(
        label=_("Startwaarde (seed)"),
        min_value=0,
        max_value=2**31 - 1,
        initial=1,
        help_text=_("Dezelfde startwaarde en instellingen geven hetzelfde resultaat."),
    )

    def __init__(self, *args: Any, provinces=(), referentieregios=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("— kies een provincie —")), *provinces]
        self.fields["referentieregios"].choices = list(referentieregios)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        territory, method = data.get("territory"), data.get("method")
        if territory == Territory.PROVINCE and not data.get("province"):
            self.add_error("province", _("Kies de provincie waarvoor je het scenario wilt maken."))
        if territory == Territory.REFERENTIEREGIOS and not data.get("referentieregios"):
            self.add_error("referentieregios", _("Kies minstens één referentieregio. Het gebied is nu leeg."))
        if method == Method.MAX_P and not data.get("population_floor"):
            self.add_error("population_floor", _("Geef een bevolkingsondergrens (minstens 1 inwoner)."))
        if method == Method.BALANCED:
            if not data.get("region_count"):
                self.add_error("region_count", _("Geef het aantal regio's (minstens 1)."))
            if data.get("max_spread_percent") is None:
                self.add_error("max_spread_percent", _("Geef de maximale spreiding in procent."))
        return data

    def service_params(self) -> dict[str, Any]:
        data = self.cleaned_data
        codes: list[str] = []
        if data["territory"] == Territory.PROVINCE:
            codes = [data["province"]]
        elif data["territory"] == Territory.REFERENTIEREGIOS:
            codes = sorted(data["referentieregios"])
        return {
            "name": data.get("name") or "",
            "territory": data["territory"],
            "territory_codes": codes,
            "method": data["method"],
            "population_floor": data.get("population_floor"),
            "min_libraries": data.get("min_libraries") or 0,
            "region_count": data.get("region_count"),
            "max_spread_percent": data.get("max_spread_percent"),
            "respect_referentieregios": bool(data.get("respect_referentieregios")),
            "start_from_cooperations": bool(data.get("start_from_cooperations")),
            "seed": data.get("seed") or 0,
        }
