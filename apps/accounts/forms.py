from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Team, User
from .roles import ROLE_DESCRIPTIONS, Role
from .selectors import cell_staff_users

EMAIL_TAKEN = _("Er bestaat al een gebruiker met dit e-mailadres.")
UNVERIFIED_CODE = "email_unverified"


class EmailUniqueMixin:
    """Addresses are unique regardless of case; say so next to the field."""

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        clash = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(EMAIL_TAKEN, code="unique")
        return email


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        UNVERIFIED_CODE: _(
            "Je e-mailadres is nog niet bevestigd. Open de link in de mail die we je stuurden, "
            "of vraag hieronder een nieuwe link aan."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # Superusers are created on the command line by the operator, not by sign-up.
        if not user.email_verified and not user.is_superuser:
            raise ValidationError(self.error_messages[UNVERIFIED_CODE], code=UNVERIFIED_CODE)


class SignupForm(EmailUniqueMixin, UserCreationForm):
    class Meta:
        model = User
        fields = ("username", "email", "first_name", "last_name")
        error_messages = {"email": {"unique": EMAIL_TAKEN}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["first_name"].required = True
        self.fields["first_name"].label = _("Voornaam")
        self.fields["last_name"].label = _("Familienaam")
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["username"].help_text = _("Hiermee meld je aan. Letters, cijfers en @ . + - _")
        self.fields["email"].help_text = _("We sturen een link om dit adres te bevestigen.")


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"))


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("first_name", "last_name", "preferred_language")
        labels = {"first_name": _("Voornaam"), "last_name": _("Familienaam"), "preferred_language": _("Taal")}
        help_texts = {"preferred_language": _("De taal van de schermen en van de mails die je krijgt.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = [(code, name) for code, name in settings.LANGUAGES]


def role_field(*, required: bool = False) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=required,
        help_text=" ".join(f"{Role(c).label}: {d}" for c, d in ROLE_DESCRIPTIONS.items()),
    )


class UserForm(EmailUniqueMixin, forms.ModelForm):
    """Create or edit an account as cell staff. Roles and teams are checkboxes."""

    roles = role_field()
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"), queryset=Team.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "is_active")
        labels = {
            "username": _("Gebruikersnaam"),
            "first_name": _("Voornaam"),
            "last_name": _("Familienaam"),
            "email": _("E-mailadres"),
            "is_active": _("Actief"),
        }
        help_texts = {
            "username": _("Letters, cijfers en @ . + - _"),
            "is_active": _("Een gedeactiveerd account kan niet meer aanmelden; de gegevens blijven bewaard."),
        }
        error_messages = {
            "email": {"unique": EMAIL_TAKEN},
            "username": {"unique": _("Deze gebruikersnaam is al in gebruik.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.fields["roles"].initial = sorted(self.instance.role_codes)
            self.fields["teams"].initial = list(self.instance.teams.all())
        else:
            del self.fields["is_active"]
            self.fields["roles"].help_text = _(
                "De nieuwe gebruiker krijgt een mail met een link om een wachtwoord te kiezen."
            )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if not self.instance.pk and User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Deze gebruikersnaam is al in gebruik."), code="unique")
        return username


class TeamForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        label=_("Leden"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Team
        fields = ("name", "slug", "description", "members", "lead")
        labels = {
            "name": _("Naam"),
            "slug": _("Korte naam"),
            "description": _("Omschrijving"),
            "lead": _("Teamleider"),
        }
        help_texts = {"slug": _("Voor het webadres; leeg laten om hem uit de naam te maken.")}
        error_messages = {
            "name": {"unique": _("Er bestaat al een team met deze naam.")},
            "slug": {"unique": _("Er bestaat al een team met deze korte naam.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = cell_staff_users()
        self.fields["members"].queryset = staff
        self.fields["lead"].queryset = staff
        self.fields["slug"].required = False

    def clean(self):
        cleaned = super().clean()
        lead, members = cleaned.get("lead"), cleaned.get("members")
        if lead is not None and members is not None and lead not in members:
            self.add_error("lead", _("De teamleider moet ook lid zijn van het team."))
        return cleaned
