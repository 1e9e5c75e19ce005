"""The search index: one row per searchable object, an inverted index of analysed terms, and synonyms.

The index is plain tables that SQLite and PostgreSQL query with the same simple
SQL (equality and IN on `term`), so both return the same candidates; ranking
happens in Python (apps.search.engine). `access` is a tag chosen by the
registering app ("knowledge:public", "knowledge:internal"); a user's allowed
tags come from the same app's rules, so hidden documents never reach scoring,
counts, snippets or suggestions.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SearchDocument(models.Model):
    """The searchable copy of one object of a registered source."""

    source = models.CharField(_("bron"), max_length=60)
    object_id = models.CharField(_("object-id"), max_length=64)
    access = models.CharField(_("toegang"), max_length=40)
    title = models.CharField(_("titel"), max_length=300)
    summary = models.TextField(_("samenvatting"), blank=True)
    text = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("adres"), max_length=300)
    kind = models.CharField(_("soort"), max_length=40, blank=True)
    pillars = models.CharField(_("pijlers"), max_length=300, blank=True, help_text="|code|code|")
    values = models.CharField(_("waarden"), max_length=300, blank=True, help_text="|code|code|")
    themes = models.CharField(_("thema's"), max_length=600, blank=True, help_text="|slug|slug|")
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    title_length = models.PositiveIntegerField(default=0)
    body_length = models.PositiveIntegerField(default=0)
    is_demo = models.BooleanField(_("demogegevens"), default=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")
        constraints = [models.UniqueConstraint(fields=["source", "object_id"], name="search_document_unique_object")]
        indexes = [models.Index(fields=["access"])]

    def __str__(self) -> str:
        return self.title


class Posting(models.Model):
    """That `term` occurs in a document: how often in the title and in the body.

    `impact` orders a term's postings from most to least telling (computed from
    the document alone), so a very common term can be read top-down with a limit.
    The document's lengths are copied here so scoring needs no second query.
    """

    term = models.CharField(max_length=60)
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="postings")
    access = models.CharField(max_length=40)
    title_tf = models.PositiveSmallIntegerField(default=0)
    body_tf = models.PositiveSmallIntegerField(default=0)
    title_length = models.PositiveIntegerField(default=0)
    body_length = models.PositiveIntegerField(default=0)
    impact = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            # Covering: a term's best postings are read from the index alone, in impact order, on both databases.
            models.Index(
                fields=["term", "access", "-impact", "document", "title_tf", "body_tf", "title_length", "body_length"],
                name="search_posting_covering",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} @ {self.document_id}"


class Term(models.Model):
    """Document frequency of a term per access tag: the vocabulary for idf, typo correction and compounds."""

    term = models.CharField(max_length=60)
    access = models.CharField(max_length=40)
    df = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "access"], name="search_term_unique_per_access")]

    def __str__(self) -> str:
        return f"{self.term} ({self.access}: {self.df})"


class IndexState(models.Model):
    """A single row whose version changes whenever the index or the synonyms change (cache key)."""

    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"index version {self.version}"


class Synonym(models.Model):
    """Words and phrases that mean the same thing to a searcher (bib, bibliotheek; NT2, Nederlands als tweede taal).

    Kept as data that cell staff edit; every term in `terms` finds the others.
    """

    terms = models.CharField(
        _("termen"),
        max_length=500,
        help_text=_("Woorden of woordgroepen met dezelfde betekenis, gescheiden door komma's."),
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return [part.strip() for part in self.terms.split(",") if part.strip()]
