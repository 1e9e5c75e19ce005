from django import forms
from django.conf import settings
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
