"""The article form (the value assessment and attachments have their own panels on the article page)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from apps.accounts.roles import Role
from apps.knowledge.models import Article


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title", "kind", "summary", "body", "visibility", "audience", "reviewer", "review_due_on",
            "pillars", "themes", "organisations", "municipalities", "related", "sources",
        ]  # fmt: skip
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16, "class": "rich-text"}),
            "sources": forms.Textarea(attrs={"rows": 3}),
            "review_due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "pillars": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "body": _("Koppen, lijsten, links, afbeeldingen en tabellen blijven behouden; scripts worden verwijderd."),
            "review_due_on": _("Hoogstens twaalf maanden vooruit."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from apps.registry.models import TerritorialUnit

        self.fields["reviewer"].queryset = (
            get_user_model()
            .objects.filter(groups__name=Role.CELL_STAFF, is_active=True)
            .distinct()
            .order_by("username")
        )
        self.fields["municipalities"].queryset = TerritorialUnit.objects.municipalities().defer("boundary")
        self.fields["organisations"].required = False
        if self.instance.pk:
            self.fields["related"].queryset = Article.objects.exclude(pk=self.instance.pk)
