"""Articles of the knowledge centre: good practices, trend notes, organisation models, FAQ answers, publications."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import AttachmentRelation, Pillar, ValueAssessmentRelation


class ArticleKind(models.TextChoices):
    GOOD_PRACTICE = "good_practice", _("Goede praktijk")
    TREND_NOTE = "trend_note", _("Trendnota")
    ORGANISATION_MODEL = "organisation_model", _("Organisatiemodel")
    FAQ = "faq", _("FAQ-antwoord")
    PUBLICATION = "publication", _("Publicatie")


class ArticleState(models.TextChoices):
    DRAFT = "draft", _("Ontwerp")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Gepubliceerd")
    ARCHIVED = "archived", _("Gearchiveerd")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Intern (cel en bibliotheekmedewerkers)")
    PUBLIC = "public", _("Publiek (iedereen)")


class Audience(models.TextChoices):
    LIBRARY_STAFF = "library_staff", _("Bibliotheekmedewerkers")
    MANAGEMENT = "management", _("Bibliotheekverantwoordelijken")
    POLICY = "policy", _("Lokale besturen en beleidsmakers")
    PARTNERS = "partners", _("Partners")
    EVERYONE = "everyone", _("Iedereen")


class Theme(models.Model):
    """A theme tag (leesbevordering, digitale inclusie, …) to browse and filter articles by."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("korte naam"), max_length=220, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=ArticleKind.choices, default=ArticleKind.GOOD_PRACTICE)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), max_length=1000)
    body = models.TextField(_("tekst"), blank=True, help_text=_("Opmaak wordt bij het bewaren opgeschoond."))
    state = models.CharField(_("status"), max_length=12, choices=ArticleState.choices, default=ArticleState.DRAFT)
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    audience = models.CharField(_("doelgroep"), max_length=20, choices=Audience.choices, default=Audience.LIBRARY_STAFF)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_articles", verbose_name=_("eigenaar")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
        verbose_name=_("reviewer"),
    )
    pillars = models.ManyToManyField(Pillar, blank=True, related_name="articles", verbose_name=_("pijlers"))
    themes = models.ManyToManyField(Theme, blank=True, related_name="articles", verbose_name=_("thema's"))
    organisations = models.ManyToManyField(
        "registry.Organisation",
        blank=True,
        related_name="articles",
        verbose_name=_("bibliotheken, samenwerkingsverbanden en partners"),
    )
    municipalities = models.ManyToManyField(
        "registry.TerritorialUnit", blank=True, related_name="articles", verbose_name=_("gemeenten")
    )
    related = models.ManyToManyField("self", blank=True, verbose_name=_("verwante artikels"))
    sources = models.TextField(_("bronnen"), blank=True, help_text=_("Eén bron per regel (titel of webadres)."))
    source_question_url = models.CharField(_("oorspronkelijke vraag"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("laatst nagekeken op"), null=True, blank=True)
    review_due_on = models.DateField(_("na te kijken tegen"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    values = ValueAssessmentRelation()
    attachments = AttachmentRelation()
    history = HistoricalRecords(m2m_fields=[pillars, themes, organisations, municipalities])

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikels")
        ordering = ["-published_at", "title"]
        indexes = [
            models.Index(fields=["state", "visibility"]),
            models.Index(fields=["owner", "review_due_on"]),
            models.Index(fields=["kind"]),
            # The list pages' default order: a page of keys is read along this index.
            models.Index(fields=["-published_at", "title"], name="knowledge_article_listed_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("knowledge:article_detail", kwargs={"slug": self.slug})

    def get_public_url(self) -> str:
        return reverse("knowledge:public_article", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.state == ArticleState.PUBLISHED

    @property
    def is_public(self) -> bool:
        return self.is_published and self.visibility == Visibility.PUBLIC

    @property
    def source_list(self) -> list[str]:
        return [line.strip() for line in self.sources.splitlines() if line.strip()]
