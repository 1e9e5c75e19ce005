"""Forms of the statistics pages (all labels in Dutch)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.registry.models import Cooperation, Grouping, TerritorialUnit

from .models import DeliveryYear, Indicator, PeerGroup
from .peergroups import SIZE_CLASSES


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_nl",
            "name_en",
            "definition",
            "unit",
            "source",
            "reference_period",
            "higher_is_better",
            "kind",
            "formula",
            "category",
            "required",
            "min_value",
            "max_value",
            "decimals",
            "is_key",
            "position",
        ]


class DeliveryForm(forms.ModelForm):
    class Meta:
        model = DeliveryYear
        fields = ["year", "opens_on", "deadline", "status", "note"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
        }


class FiguresForm(forms.Form):
    """One number field per base indicator; a blank field means "not known"."""

    def __init__(self, *args, indicators: list[Indicator], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[indicator.code] = forms.DecimalField(
                label=indicator.name_nl,
                required=False,
                min_value=Decimal(0),
                max_digits=14,
                decimal_places=2,
                localize=True,
                help_text=f"{indicator.unit} · {indicator.definition}",
                error_messages={
                    "invalid": _("Vul een getal in (bv. 1250 of 12,5)."),
                    "min_value": _("Een cijfer kan niet negatief zijn."),
                    "max_digits": _("Dit getal is te groot."),
                    "max_decimal_places": _("Hoogstens twee cijfers na de komma."),
                },
            )


class ConfirmForm(forms.Form):
    acknowledge_warnings = forms.BooleanField(
        label=_("Ik heb de waarschuwingen nagekeken: de cijfers kloppen."), required=False
    )


class ExtensionForm(forms.Form):
    until = forms.DateField(label=_("Uitstel tot en met"), widget=forms.DateInput(attrs={"type": "date"}))


def _choices_of(queryset, value, label):
    return [(getattr(o, value), getattr(o, label)) for o in queryset]


class PeerGroupForm(forms.Form):
    """Criteria for "similar" libraries; every filled-in criterion narrows the group."""

    name = forms.CharField(label=_("Naam"), max_length=120)
    description = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    shared = forms.BooleanField(label=_("Delen met de cel en het netwerk"), required=False)
    population_min = forms.IntegerField(label=_("Inwoners: minstens"), required=False, min_value=0)
    population_max = forms.IntegerField(label=_("Inwoners: hoogstens"), required=False, min_value=0)
    size_classes = forms.MultipleChoiceField(
        label=_("Grootteklasse (inwoners)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(s.code, s.label) for s in SIZE_CLASSES],
    )
    provinces = forms.MultipleChoiceField(label=_("Provincie"), required=False, widget=forms.CheckboxSelectMultiple)
    referentieregios = forms.MultipleChoiceField(
        label=_("Referentieregio"), required=False, widget=forms.CheckboxSelectMultiple
    )
    cooperations = forms.MultipleChoiceField(
        label=_("Samenwerkingsverband"), required=False, widget=forms.SelectMultiple
    )
    members_min = forms.IntegerField(label=_("Actieve leden: minstens"), required=False, min_value=0)
    members_max = forms.IntegerField(label=_("Actieve leden: hoogstens"), required=False, min_value=0)
    collection_min = forms.IntegerField(label=_("Collectie: minstens"), required=False, min_value=0)
    collection_max = forms.IntegerField(label=_("Collectie: hoogstens"), required=False, min_value=0)
    expenditure_min = forms.IntegerField(label=_("Uitgaven (euro): minstens"), required=False, min_value=0)
    expenditure_max = forms.IntegerField(label=_("Uitgaven (euro): hoogstens"), required=False, min_value=0)

    CRITERIA = [
        "population_min",
        "population_max",
        "size_classes",
        "provinces",
        "referentieregios",
        "cooperations",
        "members_min",
        "members_max",
        "collection_min",
        "collection_max",
        "expenditure_min",
        "expenditure_max",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provinces"].choices = _choices_of(
            TerritorialUnit.objects.filter(level="province").order_by("name_nl"), "code", "name_nl"
        )
        self.fields["referentieregios"].choices = _choices_of(
            Grouping.objects.filter(kind="referentieregio").order_by("name"), "code", "name"
        )
        self.fields["cooperations"].choices = [
            (c.organisation.slug, c.organisation.name)
            for c in Cooperation.objects.select_related("organisation").order_by("organisation__name")
        ]

    @classmethod
    def initial_from(cls, group: PeerGroup) -> dict:
        return {"name": group.name, "description": group.description, "shared": group.shared, **group.criteria}

    def clean(self):
        data = super().clean()
        for prefix in ("population", "members", "collection", "expenditure"):
            low, high = data.get(f"{prefix}_min"), data.get(f"{prefix}_max")
            if low is not None and high is not None and low > high:
                self.add_error(f"{prefix}_max", _("Het maximum is kleiner dan het minimum."))
        if not any(data.get(key) not in (None, "", []) for key in self.CRITERIA):
            raise forms.ValidationError(_("Kies minstens één criterium."))
        return data

    def criteria(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in self.CRITERIA if data.get(key) not in (None, "", [])}


class ReportBatchForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int)

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in reversed(years)]


class FiguresUploadForm(forms.Form):
    layout = forms.ChoiceField(
        label=_("Opbouw van het bestand"),
        choices=[
            ("statistics-figures-wide", _("Breed: één rij per bibliotheek en jaar, één kolom per indicator")),
            ("statistics-figures-long", _("Lang: één rij per bibliotheek, jaar en indicator")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (puntkomma of komma; UTF-8 of Windows-1252) of Excel (XLSX) met een kopregel."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,text/csv"}),
    )
