from django import forms
from django.utils.translation import gettext_lazy as _

from .engine import definition_choices
from .readers import human_size, max_bytes


class UploadForm(forms.Form):
    model = forms.ChoiceField(label=_("Wat importeert u?"), choices=())
    file = forms.FileField(
        label=_("Bestand"),
        allow_empty_file=True,  # the reader refuses an empty file with its own, more helpful message
        help_text=_(
            "CSV (gescheiden door puntkomma of komma; UTF-8 of Windows-1252) of Excel (XLSX) met een kopregel."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.jsonl,.ndjson,text/csv"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = definition_choices()
        self.fields["file"].help_text = _(
            "CSV (gescheiden door puntkomma of komma; UTF-8 of Windows-1252) of Excel (XLSX) met een kopregel; "
            "hoogstens %(limit)s."
        ) % {"limit": human_size(max_bytes())}
