"""Articles in bulk, from CSV, XLSX or JSON Lines, through the generic import engine (apps/imports).

Columns: title, summary, body, type, tags, visibility (by key or by Dutch label),
and an optional korte naam (slug). A row whose korte naam, or else whose title,
matches an existing article changes that article; any other row creates a draft.
Every row goes through `article_create` / `article_update`, so the body is
sanitised, the rules are checked and history is kept; the engine makes the dry
run and the all-or-nothing commit.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.imports.columns import Choice, Column, Reference, ReferenceList, Text
from apps.imports.engine import ImportContext, ImportDefinition, register

from . import selectors, services
from .filters import ArticleFilterSet
from .models import Article, ArticleKind, Theme, Visibility


def _themes(context: ImportContext) -> dict[str, Theme]:
    def load() -> dict[str, Theme]:
        found: dict[str, Theme] = {}
        for theme in Theme.objects.order_by("pk"):
            found.setdefault(theme.slug.casefold(), theme)
            found.setdefault(" ".join(theme.name.split()).casefold(), theme)
        return found

    return context.cached("themes", load)


THEME = Reference(
    lookup=_themes,
    identify=lambda theme: theme.name,
    unknown=gettext_lazy("Onbekend thema ‘%(value)s’ (gebruik de naam of de korte naam van een bestaand thema)."),
    hint=gettext_lazy("naam of korte naam van een thema"),
    normalise=lambda text: " ".join(text.split()).casefold(),
)


class SanitisedHtml(Text):
    """Rich text, cleaned as the services clean it, so an unchanged body is seen as unchanged."""

    def parse(self, text: str, context: Any) -> str:
        return services.sanitise_html(super().parse(text, context))


class ArticleImport(ImportDefinition):
    key = "knowledge-articles"
    label = gettext_lazy("Kennisartikels")
    description = gettext_lazy(
        "Eén rij (of JSON-regel) per artikel. Nieuwe artikels worden ontwerpen; een bestaande korte naam of titel "
        "wijzigt dat artikel. De tekst wordt opgeschoond (geen scripts of javascript:-links)."
    )
    import_permission = "knowledge.add_article"
    export_permission = "knowledge.view_knowledge"
    filterset_class = ArticleFilterSet

    @property
    def columns(self) -> list[Column]:  # type: ignore[override]
        return [
            Column("title", _("Titel"), Text(200), required=True, example=_("Een voorleesuurtje voor peuters")),
            Column(
                "summary",
                _("Samenvatting"),
                Text(1000),
                required=True,
                example=_("Elke woensdag lezen vrijwilligers voor in de jeugdafdeling."),
            ),
            Column(
                "body",
                _("Tekst"),
                SanitisedHtml(100_000),
                help=_("HTML of gewone tekst; scripts, event handlers en javascript:-links worden verwijderd."),
            ),
            Column(
                "type",
                _("Soort"),
                Choice(ArticleKind.choices, default=ArticleKind.GOOD_PRACTICE),
                get=lambda article: article.kind,
                fields=("kind",),
                example=str(ArticleKind.GOOD_PRACTICE.label),
            ),
            Column(
                "tags",
                _("Thema's"),
                ReferenceList(THEME),
                get=lambda article: tuple(article.themes.all()),
                fields=("themes",),
            ),
            Column(
                "visibility",
                _("Zichtbaarheid"),
                Choice([(Visibility.INTERNAL, _("intern")), (Visibility.PUBLIC, _("publiek"))], Visibility.INTERNAL),
                example=_("intern"),
            ),
            Column(
                "slug",
                _("Korte naam"),
                Text(220),
                blank_keeps=True,
                help=_("Leeg bij een nieuw artikel. Een bestaande korte naam wijzigt dat artikel."),
            ),
        ]

    def natural_key(self, values: dict[str, Any]) -> tuple:
        slug = (values.get("slug") or "").strip().casefold()
        if slug:
            return ("slug", slug)
        return ("title", " ".join((values.get("title") or "").split()).casefold())

    def natural_key_of(self, obj: Model) -> tuple:
        return ("slug", obj.slug.casefold())

    def existing(self, context: ImportContext) -> dict[tuple, Model]:
        found: dict[tuple, Model] = {}
        for article in Article.objects.prefetch_related("themes").order_by("pk"):
            found.setdefault(("slug", article.slug.casefold()), article)
            found.setdefault(("title", " ".join(article.title.split()).casefold()), article)
        return found

    def save(self, context: ImportContext, instance: Model | None, values: dict[str, Any]) -> Model:
        data: dict[str, Any] = {}
        for key, name in (("title", "title"), ("summary", "summary"), ("body", "body"), ("type", "kind")):
            if key in values:
                data[name] = values[key]
        if "visibility" in values:
            data["visibility"] = values["visibility"]
        if "tags" in values:
            data["themes"] = list(values["tags"] or ())
        if instance is None and (values.get("slug") or "").strip():
            raise ValidationError(
                {"slug": _("Geen artikel met deze korte naam; laat de korte naam leeg voor een nieuw artikel.")}
            )
        try:
            if instance is None:
                return services.article_create(actor=context.actor, data=data, reason=context.reason)
            return services.article_update(actor=context.actor, instance=instance, data=data, reason=context.reason)
        except PermissionDenied:
            raise ValidationError(_("U mag dit artikel niet wijzigen."))

    def export_queryset(self, user: Any) -> QuerySet:
        return selectors.article_list(user=user).prefetch_related("themes").order_by("title", "pk")


register(ArticleImport())
