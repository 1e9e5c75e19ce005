from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


def add_change_reason_field(form: forms.BaseForm) -> None:
    """Append the optional (or, by setting, required) change-reason field."""
    form.fields["change_reason"] = forms.CharField(
        label=_("Reden van wijziging"),
        required=settings.KNOOPPUNT_REQUIRE_CHANGE_REASON,
        max_length=300,
        help_text=_("Komt in de geschiedenis van dit record."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class ConfirmForm(forms.Form):
    """An empty form whose POST confirms an action."""


class AttachmentForm(forms.Form):
    """Upload one file to an object; the service checks its size and type."""

    file = forms.FileField(label=_("Bestand"))
    description = forms.CharField(label=_("Omschrijving"), required=False, max_length=255)

    def __init__(self, *args, **kwargs) -> None:
        from apps.core.services.attachments import allowed_extensions

        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ",".join(allowed_extensions())
        self.fields["file"].help_text = _("Maximaal %(max)s. Toegestaan: %(extensions)s.") % {
            "max": filesizeformat(settings.ATTACHMENT_MAX_BYTES),
            "extensions": ", ".join(allowed_extensions()),
        }


class NotificationPreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(label=_("Meldingen per e-mail"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs) -> None:
        from apps.core.models import NotificationPreference

        super().__init__(*args, **kwargs)
        self.fields["email_mode"].choices = NotificationPreference.EmailMode.choices
