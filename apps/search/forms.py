from django import forms

from apps.search.models import Synonym


class SynonymForm(forms.ModelForm):
    class Meta:
        model = Synonym
        fields = ["terms", "note"]
