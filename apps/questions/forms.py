from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.models import Pillar
from apps.registry.models import Organisation, TerritorialUnit

from .models import Category, ClosureDay, Question, RoutingRule

INVALID_EMAIL = _("Dit e-mailadres is ongeldig. Vul een adres in zoals naam@voorbeeld.be.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; type and size are checked by the attachment service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def _organisation_field() -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("Over welke bibliotheek, welk samenwerkingsverband of welke partner gaat je vraag?"),
        queryset=Organisation.objects.order_by("kind", "name"),
        required=False,
        empty_label=_("(geen of weet ik niet)"),
    )
    field.label_from_instance = lambda org: f"{org.name} ({org.get_kind_display()})"
    return field


def _municipality_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=TerritorialUnit.objects.filter(level="municipality", valid_until__isnull=True).order_by("name_nl"),
        required=False,
        empty_label=_("(geen)"),
    )


def _category_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Categorie"), queryset=Category.objects.filter(is_active=True), empty_label=_("Kies een categorie")
    )


def _pillar_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Pijler"), queryset=Pillar.objects.all(), required=False, empty_label=_("(weet ik niet)")
    )


class AskForm(forms.Form):
    """The public question form. The template adds a honeypot input `website` that people never see."""

    asker_name = forms.CharField(label=_("Je naam"), max_length=150)
    asker_email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_("Hier sturen we de ontvangstbevestiging en je persoonlijke link naartoe."),
        error_messages={"invalid": INVALID_EMAIL, "required": _("Vul je e-mailadres in.")},
    )
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(label=_("Je vraag"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10_000)
    attachments = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=_("Hoogstens 3 bestanden: PDF, afbeeldingen, Office- of tekstbestanden, elk hoogstens 10 MB."),
    )

    def __init__(self, *args, user=None, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = _category_field()
        self.fields["pillar"] = _pillar_field()
        self.fields["organisation"] = _organisation_field()
        self.fields["municipality"] = _municipality_field()
        self.fields["municipality"].label = _("Of over welke gemeente?")
        self.order_fields(
            ["asker_name", "asker_email", "subject", "body", "category", "pillar", "organisation", "municipality"]
        )
        if suggested is not None:
            self.fields["organisation"].initial = suggested.pk
        if user is not None and user.is_authenticated:
            # Logged in: the account is the asker.
            del self.fields["asker_name"]
            del self.fields["asker_email"]

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class StaffQuestionForm(forms.Form):
    """A question that came in by phone or mail, entered by cell staff."""

    channel = forms.ChoiceField(
        label=_("Binnengekomen via"),
        choices=[("phone", _("Telefoon")), ("mail", _("E-mail")), ("other", _("Andere"))],
    )
    asker_name = forms.CharField(label=_("Naam vraagsteller"), max_length=150)
    asker_email = forms.EmailField(
        label=_("E-mailadres vraagsteller"), required=False, error_messages={"invalid": INVALID_EMAIL}
    )
    asker_phone = forms.CharField(label=_("Telefoon vraagsteller"), max_length=40, required=False)
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(label=_("Vraag"), widget=forms.Textarea(attrs={"rows": 8}))
    attachments = MultipleFileField(label=_("Bijlagen"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"] = _category_field()
        self.fields["pillar"] = _pillar_field()
        self.fields["organisation"] = _organisation_field()
        self.fields["organisation"].label = _("Organisatie")
        self.fields["organisation"].help_text = _(
            "Leeg laten: Knooppunt stelt er een voor op basis van het e-mailadres."
        )
        self.fields["municipality"] = _municipality_field()
        self.order_fields(
            [
                "channel",
                "asker_name",
                "asker_email",
                "asker_phone",
                "subject",
                "body",
                "category",
                "pillar",
                "organisation",
            ]
        )

    def clean(self):
        data = super().clean()
        if not data.get("asker_email") and not data.get("asker_phone"):
            self.add_error("asker_email", _("Vul een e-mailadres of een telefoonnummer van de vraagsteller in."))
        return data


class QuestionEditForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["subject", "category", "pillar", "organisation", "municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = _organisation_field()
        self.fields["organisation"].label = _("Organisatie")
        self.fields["municipality"] = _municipality_field()


class ReplyForm(forms.Form):
    prefix = "reply"
    body = forms.CharField(label=_("Bericht aan de vraagsteller"), widget=forms.Textarea(attrs={"rows": 8}))
    then = forms.ChoiceField(
        label=_("Daarna"),
        choices=[
            ("answer", _("Dit is het antwoord (status: beantwoord)")),
            ("wait", _("Ik wacht op de vraagsteller (de klok pauzeert)")),
            ("keep", _("Status niet wijzigen")),
        ],
        initial="answer",
        widget=forms.RadioSelect,
    )
    attachments = MultipleFileField(label=_("Bijlagen"), required=False)


class AskerReplyForm(forms.Form):
    body = forms.CharField(label=_("Je reactie"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10_000)
    attachments = MultipleFileField(
        label=_("Bijlagen"),
        required=False,
        help_text=_("Hoogstens 3 bestanden: PDF, afbeeldingen, Office- of tekstbestanden, elk hoogstens 10 MB."),
    )


class NoteForm(forms.Form):
    prefix = "note"
    body = forms.CharField(
        label=_("Interne notitie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Enkel zichtbaar voor de cel; nooit voor de vraagsteller."),
    )


class AssignForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False, empty_label=_("(geen team)"))
    assignee = forms.ModelChoiceField(
        label=_("Behandelaar"), queryset=None, required=False, empty_label=_("(niemand in het bijzonder)")
    )
    reason = forms.CharField(label=_("Reden"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        from apps.accounts.models import Team

        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.order_by("name")
        self.fields["assignee"].queryset = (
            User.objects.filter(is_active=True, groups__name="cell_staff").distinct().order_by("first_name", "username")
        )


class TransitionForm(forms.Form):
    reason = forms.CharField(label=_("Toelichting (intern)"), max_length=200, required=False)


class SatisfactionCommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Wil je nog iets kwijt? (niet verplicht)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de vraagsteller"), error_messages={"invalid": INVALID_EMAIL})


class EraseForm(PersonalDataForm):
    confirm = forms.BooleanField(
        label=_("Ik bevestig dat de vraagsteller dit vroeg; wissen kan niet ongedaan gemaakt worden."), required=True
    )


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["name", "slug", "description", "ack_days", "answer_days", "is_active", "position"]


class RoutingRuleForm(forms.ModelForm):
    class Meta:
        model = RoutingRule
        fields = ["position", "category", "province", "region", "team", "assignee", "is_active", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            User.objects.filter(is_active=True, groups__name="cell_staff").distinct().order_by("first_name", "username")
        )

    def clean(self):
        data = super().clean()
        if not data.get("team") and not data.get("assignee"):
            self.add_error("team", _("Kies een team of een behandelaar."))
        return data


class ClosureDayForm(forms.ModelForm):
    class Meta:
        model = ClosureDay
        fields = ["date", "reason"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
