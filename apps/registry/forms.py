"""Forms of the registry's edit pages.

The forms only parse input: an organisation's form covers the Organisation and
its kind's detail record in one flat set of fields, and `cleaned_data` goes as
`data` to the registry service (`library_save(actor=..., instance=..., data=...)`),
which holds the rules (unique names, overlapping memberships, coordinates in
Flanders or Brussels) and reports them as field errors.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.registry.filters import OrganisationSlugChoiceField
from apps.registry.models import (
    Branch,
    Contact,
    Cooperation,
    Library,
    Organisation,
    Partner,
    TerritorialUnit,
)
from apps.registry.models.cooperations import CooperationType
from apps.registry.models.libraries import GovernanceType, Weekday
from apps.registry.models.organisations import OrganisationStatus
from apps.registry.models.partners import PartnerType

NIS_CODE = re.compile(r"^\d{5}$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def current_municipalities():
    return TerritorialUnit.objects.municipalities().valid_on(timezone.localdate()).defer("boundary").order_by("name_nl")


class MunicipalityLabelMixin:
    def label_from_instance(self, obj: TerritorialUnit) -> str:
        return f"{obj.name_nl} ({obj.code})"


class MunicipalityField(MunicipalityLabelMixin, forms.ModelChoiceField):
    """A municipality chosen by its NIS code, with Dutch errors for a malformed or unknown code."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", current_municipalities())
        kwargs.setdefault("empty_label", _("— kies een gemeente —"))
        super().__init__(to_field_name="code", **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        if not NIS_CODE.match(value):
            raise ValidationError(_("Een NIS-code bestaat uit vijf cijfers, bijvoorbeeld 23106."), code="malformed")
        try:
            return self.queryset.get(code=value)
        except TerritorialUnit.DoesNotExist:
            raise ValidationError(
                _("Er is vandaag geen gemeente met NIS-code %(code)s."), code="unknown", params={"code": value}
            ) from None


class MunicipalitiesField(MunicipalityLabelMixin, forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", current_municipalities())
        super().__init__(to_field_name="code", **kwargs)
        self.error_messages["invalid_choice"] = _("Er is vandaag geen gemeente met NIS-code %(value)s.")

    def clean(self, value):
        for code in value or []:
            if not NIS_CODE.match(str(code)):
                raise ValidationError(
                    _("Een NIS-code bestaat uit vijf cijfers, bijvoorbeeld 23106 (niet “%(code)s”)."),
                    code="malformed",
                    params={"code": code},
                )
        return super().clean(value)


class ServiceForm(forms.Form):
    """A plain form that edit views can hand an `instance` (as they would to a ModelForm)."""

    def __init__(self, *args: Any, instance=None, **kwargs: Any) -> None:
        self.instance = instance
        if instance is not None:
            initial = self.initial_from(instance)
            initial.update(kwargs.pop("initial", None) or {})
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)

    def initial_from(self, instance) -> dict[str, Any]:
        return {name: getattr(instance, name) for name in self.base_fields if hasattr(instance, name)}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("De einddatum ligt vóór de begindatum."))
        return cleaned


class OrganisationForm(ServiceForm):
    """The fields every organisation kind shares."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    slug = forms.SlugField(
        label=_("Korte naam (in de URL)"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten: wordt uit de naam gemaakt."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=OrganisationStatus.choices, initial=OrganisationStatus.ACTIVE)
    municipality = MunicipalityField(label=_("Gemeente (zetel)"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    description = forms.CharField(label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    organisation_fields = ("name", "slug", "status", "municipality", "website", "email", "phone", "description")

    def initial_from(self, instance) -> dict[str, Any]:
        organisation: Organisation = instance.organisation
        initial = {name: getattr(organisation, name) for name in self.organisation_fields}
        initial["municipality"] = organisation.municipality.code if organisation.municipality_id else None
        for name in self.base_fields:
            if name not in self.organisation_fields and hasattr(instance, name):
                initial[name] = getattr(instance, name)
        return initial


class LibraryForm(OrganisationForm):
    governance_type = forms.ChoiceField(label=_("Bestuursvorm"), choices=GovernanceType.choices)
    is_statutory = forms.BooleanField(
        label=_("Wettelijke bibliotheek"),
        required=False,
        initial=True,
        help_text=_("Een openbare bibliotheek die de gemeente moet inrichten."),
    )
    municipalities_served = MunicipalitiesField(
        label=_("Bediende gemeenten"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    opened_year = forms.IntegerField(label=_("Opgericht in"), required=False, min_value=1800, max_value=2100)
    closed_year = forms.IntegerField(label=_("Gesloten in"), required=False, min_value=1800, max_value=2100)
    bios_code = forms.CharField(label=_("BIOS-code"), max_length=40, required=False)

    def initial_from(self, instance: Library) -> dict[str, Any]:
        initial = super().initial_from(instance)
        initial["municipalities_served"] = [u.code for u in instance.municipalities_served.all()]
        return initial

    def clean(self):
        cleaned = super().clean()
        opened, closed = cleaned.get("opened_year"), cleaned.get("closed_year")
        if opened and closed and closed < opened:
            self.add_error("closed_year", _("Het jaar van sluiting ligt vóór het jaar van oprichting."))
        return cleaned


class CooperationForm(OrganisationForm):
    cooperation_type = forms.ChoiceField(label=_("Soort samenwerking"), choices=CooperationType.choices)
    coordinator = forms.ModelChoiceField(
        label=_("Coördinator"), queryset=Contact.objects.none(), required=False, empty_label=_("— geen —")
    )
    founded_on = forms.DateField(label=_("Opgericht op"), required=False, widget=DateInput())
    dissolved_on = forms.DateField(label=_("Opgeheven op"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["coordinator"].queryset = Contact.objects.filter(organisation=self.instance.organisation)
        else:
            del self.fields["coordinator"]

    def initial_from(self, instance: Cooperation) -> dict[str, Any]:
        initial = super().initial_from(instance)
        initial["coordinator"] = instance.coordinator_id
        return initial

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("founded_on"), cleaned.get("dissolved_on")
        if start and end and end < start:
            self.add_error("dissolved_on", _("De einddatum ligt vóór de begindatum."))
        return cleaned


class PartnerForm(OrganisationForm):
    partner_type = forms.ChoiceField(label=_("Soort partner"), choices=PartnerType.choices)


class BranchForm(ServiceForm):
    library = OrganisationSlugChoiceField(
        label=_("Bibliotheek"),
        queryset=Library.objects.select_related("organisation").order_by("organisation__name"),
    )
    name = forms.CharField(label=_("Naam"), max_length=200)
    is_main = forms.BooleanField(label=_("Hoofdbibliotheek"), required=False)
    street = forms.CharField(label=_("Straat en nummer"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Plaats"), max_length=120, required=False)
    municipality = MunicipalityField(label=_("Gemeente"))
    latitude = forms.FloatField(label=_("Breedtegraad"), required=False, help_text=_("Bijvoorbeeld 50,7654"))
    longitude = forms.FloatField(label=_("Lengtegraad"), required=False, help_text=_("Bijvoorbeeld 4,0321"))
    accessibility = forms.ChoiceField(label=_("Toegankelijkheid"), choices=Branch.Accessibility.choices)
    co_location = forms.CharField(label=_("Gedeeld gebouw"), max_length=200, required=False)
    opened_year = forms.IntegerField(label=_("Geopend in"), required=False, min_value=1800, max_value=2100)
    closed_year = forms.IntegerField(label=_("Gesloten in"), required=False, min_value=1800, max_value=2100)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)

    def initial_from(self, instance: Branch) -> dict[str, Any]:
        initial = super().initial_from(instance)
        initial["library"] = instance.library.organisation.slug
        initial["municipality"] = instance.municipality.code
        return initial

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Geef zowel de breedtegraad als de lengtegraad, of geen van beide."))
        return cleaned


class MembershipForm(ServiceForm):
    """A library or a municipality in a cooperation, from a day up to and including a day."""

    cooperation = OrganisationSlugChoiceField(
        label=_("Samenwerkingsverband"),
        queryset=Cooperation.objects.select_related("organisation").order_by("organisation__name"),
    )
    library = OrganisationSlugChoiceField(
        label=_("Bibliotheek"),
        queryset=Library.objects.select_related("organisation").order_by("organisation__name"),
        required=False,
        empty_label=_("— geen (een gemeente is lid) —"),
    )
    municipality = MunicipalityField(label=_("Of: gemeente"), required=False)
    valid_from = forms.DateField(label=_("Lid vanaf"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("Lid tot en met"), required=False, widget=DateInput(), help_text=_("Leeg laten: lopend lidmaatschap.")
    )
    note = forms.CharField(label=_("Opmerking"), max_length=300, required=False)

    def initial_from(self, instance) -> dict[str, Any]:
        return {
            "cooperation": instance.cooperation.organisation.slug,
            "library": instance.library.organisation.slug if instance.library_id else None,
            "municipality": instance.municipality.code if instance.municipality_id else None,
            "valid_from": instance.valid_from,
            "valid_until": instance.valid_until,
            "note": instance.note,
        }

    def clean(self):
        cleaned = super().clean()
        library, municipality = cleaned.get("library"), cleaned.get("municipality")
        if "library" in cleaned and "municipality" in cleaned and bool(library) == bool(municipality):
            self.add_error("library", _("Kies een bibliotheek óf een gemeente als lid."))
        return cleaned


class MembershipEndForm(forms.Form):
    valid_until = forms.DateField(label=_("Lid tot en met"), widget=DateInput())

    def __init__(self, *args: Any, membership=None, **kwargs: Any) -> None:
        self.membership = membership
        super().__init__(*args, **kwargs)

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if self.membership is not None and value < self.membership.valid_from:
            raise ValidationError(_("De einddatum ligt vóór de begindatum."))
        return value


class PartnerLinkForm(ServiceForm):
    organisation = forms.ModelChoiceField(
        label=_("Bibliotheek of samenwerkingsverband"),
        queryset=Organisation.objects.filter(kind__in=["library", "cooperation"]).order_by("name"),
        to_field_name="slug",
    )
    partner = OrganisationSlugChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.select_related("organisation").order_by("organisation__name"),
    )
    nature = forms.CharField(label=_("Aard van de samenwerking"), max_length=200)
    valid_from = forms.DateField(label=_("Sinds"), required=False, widget=DateInput())
    valid_until = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def initial_from(self, instance) -> dict[str, Any]:
        return {
            "organisation": instance.organisation.slug,
            "partner": instance.partner.organisation.slug,
            "nature": instance.nature,
            "valid_from": instance.valid_from,
            "valid_until": instance.valid_until,
        }


class ContactForm(ServiceForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.order_by("name"), to_field_name="slug"
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=80)
    last_name = forms.CharField(label=_("Familienaam"), max_length=80)
    function = forms.CharField(label=_("Functie"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    is_primary = forms.BooleanField(label=_("Hoofdcontact"), required=False)

    def initial_from(self, instance) -> dict[str, Any]:
        initial = super().initial_from(instance)
        initial["organisation"] = instance.organisation.slug
        return initial


class AffiliationForm(ServiceForm):
    user = forms.ModelChoiceField(
        label=_("Gebruiker"),
        queryset=User.objects.filter(is_active=True).order_by("username"),
        to_field_name="username",
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.order_by("name"), to_field_name="slug"
    )
    valid_from = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    valid_until = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def initial_from(self, instance) -> dict[str, Any]:
        return {
            "user": instance.user.username,
            "organisation": instance.organisation.slug,
            "valid_from": instance.valid_from,
            "valid_until": instance.valid_until,
        }


# --- Opening hours ----------------------------------------------------------------------------


class OpeningPeriodForm(forms.Form):
    opens = forms.TimeField(label=_("Open van"), required=False, widget=TimeInput())
    closes = forms.TimeField(label=_("Open tot"), required=False, widget=TimeInput())

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        if (opens is None) != (closes is None):
            raise ValidationError(_("Vul zowel het openingsuur als het sluitingsuur in."))
        if opens and closes and closes <= opens:
            self.add_error("closes", _("Het sluitingsuur moet na het openingsuur liggen."))
        return cleaned


class BaseOpeningPeriodFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        periods = sorted(
            (f.cleaned_data["opens"], f.cleaned_data["closes"])
            for f in self.forms
            if f.cleaned_data.get("opens") and not f.cleaned_data.get("DELETE")
        )
        for (_o1, c1), (o2, _c2) in zip(periods, periods[1:], strict=False):
            if o2 < c1:
                raise ValidationError(_("Twee openingsperiodes op dezelfde dag overlappen."))


OpeningPeriodFormSet = forms.formset_factory(OpeningPeriodForm, formset=BaseOpeningPeriodFormSet, extra=2, max_num=6)


def opening_hours_formsets(branch: Branch, data=None) -> list[tuple[Weekday, forms.BaseFormSet]]:
    """One formset per weekday, prefilled with the branch's periods."""
    by_day: dict[int, list[dict[str, Any]]] = {day: [] for day in Weekday.values}
    for period in branch.opening_hours.all():
        by_day[period.weekday].append({"opens": period.opens, "closes": period.closes})
    result = []
    for day in Weekday:
        formset = OpeningPeriodFormSet(data, prefix=f"day{day.value}", initial=by_day[day.value])
        result.append((day, formset))
    return result


def periods_from_formsets(formsets) -> list[dict[str, Any]]:
    periods = []
    for day, formset in formsets:
        for form in formset.forms:
            if form.cleaned_data.get("opens") and form.cleaned_data.get("closes"):
                periods.append(
                    {"weekday": day.value, "opens": form.cleaned_data["opens"], "closes": form.cleaned_data["closes"]}
                )
    return periods


# --- Opening exceptions -----------------------------------------------------------------------


def _is_closed(value: Any) -> bool:
    return value in (True, "True", "true", "1")


class OpeningExceptionForm(ServiceForm):
    """One exceptional day of a branch. The branch comes from the page, not from the form;
    the rules (one exception per day, hours only on an open day) are the service's."""

    date = forms.DateField(
        label=_("Datum"),
        widget=DateInput(),
        help_text=_("Tot twee jaar terug of vooruit."),
    )
    is_closed = forms.TypedChoiceField(
        label=_("Die dag is de vestiging"),
        choices=[(True, _("gesloten")), (False, _("open, met andere uren"))],
        coerce=_is_closed,
        empty_value=True,
        initial=True,
        widget=forms.RadioSelect,
    )
    opens = forms.TimeField(
        label=_("Open van"), required=False, widget=TimeInput(), help_text=_("Alleen als de vestiging open is.")
    )
    closes = forms.TimeField(
        label=_("Open tot"), required=False, widget=TimeInput(), help_text=_("Alleen als de vestiging open is.")
    )
    note = forms.CharField(
        label=_("Opmerking"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: Kerstmis, inventaris, extra opening tijdens de Jeugdboekenmaand."),
    )

    def __init__(self, *args: Any, branch: Branch, **kwargs: Any) -> None:
        self.branch = branch
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        cleaned["branch"] = self.branch
        return cleaned
