"""The questions desk: questions, the conversation about them, and the desk's own settings.

Internal notes live in their own model (`InternalNote`), never mixed with the
replies the asker sees, so that no page, mail or API output can show one by a
forgotten filter.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import AttachmentRelation

from .workflows import CLOCK_RUNNING_STATES, OPEN_STATES, Status


class Category(models.Model):
    """A kind of question, with its own SLA (in working days); edited by cell staff."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=120, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    ack_days = models.PositiveSmallIntegerField(
        _("termijn ontvangstbevestiging (werkdagen)"),
        default=1,
        help_text=_("Binnen hoeveel werkdagen een medewerker de vraag oppakt."),
    )
    answer_days = models.PositiveSmallIntegerField(
        _("termijn eerste antwoord (werkdagen)"),
        default=5,
        help_text=_("Binnen hoeveel werkdagen de vraagsteller een eerste antwoord krijgt."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vraagcategorie")
        verbose_name_plural = _("vraagcategorieën")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ack_days__gte=1) & Q(answer_days__gte=1),
                name="question_category_sla_positive",
                violation_error_message=_("Een termijn telt minstens één werkdag."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("questions:category_edit", kwargs={"slug": self.slug})


class ClosureDay(models.Model):
    """A day the cell is closed (on top of weekends and Belgian public holidays)."""

    date = models.DateField(_("datum"), unique=True)
    reason = models.CharField(_("reden"), max_length=200)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sluitingsdag")
        verbose_name_plural = _("sluitingsdagen")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y}: {self.reason}"

    def get_absolute_url(self) -> str:
        return reverse("questions:closureday_edit", kwargs={"pk": self.pk})


class RoutingRule(models.Model):
    """Where a new question goes: the first active rule (by position) whose conditions all match.

    An empty condition matches anything. The target is a team, a person, or both
    (the person then handles it within the team).
    """

    position = models.PositiveSmallIntegerField(_("volgorde"), default=10)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("categorie")
    )
    province = models.ForeignKey(
        "registry.TerritorialUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"level": "province"},
        verbose_name=_("provincie"),
    )
    region = models.ForeignKey(
        "registry.Grouping",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": "referentieregio"},
        verbose_name=_("referentieregio"),
    )
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("team")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("behandelaar"),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    note = models.CharField(_("opmerking"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toewijzingsregel")
        verbose_name_plural = _("toewijzingsregels")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(team__isnull=False) | Q(assignee__isnull=False),
                name="question_routing_has_target",
                violation_error_message=_("Kies een team of een behandelaar."),
            )
        ]

    def __str__(self) -> str:
        conditions = [str(c) for c in (self.category, self.province, self.region) if c is not None]
        target = " / ".join(str(t) for t in (self.team, self.assignee) if t is not None)
        return f"{' + '.join(conditions) or _('alle vragen')} → {target}"

    def get_absolute_url(self) -> str:
        return reverse("questions:routingrule_edit", kwargs={"pk": self.pk})


class QuestionQuerySet(models.QuerySet):
    def open(self) -> "QuestionQuerySet":
        return self.filter(status__in=OPEN_STATES)

    def clock_running(self) -> "QuestionQuerySet":
        return self.filter(status__in=CLOCK_RUNNING_STATES)


class Channel(models.TextChoices):
    WEB = "web", _("Webformulier")
    PHONE = "phone", _("Telefoon")
    MAIL = "mail", _("E-mail")
    OTHER = "other", _("Andere")


class Question(models.Model):
    """A question to the cell, from anyone, with its SLA clock."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("vraag"))
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices, default=Channel.WEB)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions_asked",
        verbose_name=_("vraagsteller (account)"),
    )
    asker_name = models.CharField(_("naam vraagsteller"), max_length=150)
    asker_email = models.EmailField(_("e-mailadres vraagsteller"), blank=True)
    asker_phone = models.CharField(_("telefoon vraagsteller"), max_length=40, blank=True)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="questions", verbose_name=_("categorie")
    )
    pillar = models.ForeignKey(
        "core.Pillar", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("pijler")
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("organisatie"),
    )
    organisation_suggested = models.BooleanField(_("organisatie voorgesteld"), default=False)
    municipality = models.ForeignKey(
        "registry.TerritorialUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    province = models.ForeignKey(
        "registry.TerritorialUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("provincie"),
    )
    region = models.ForeignKey(
        "registry.Grouping",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("referentieregio"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("team")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions_assigned",
        verbose_name=_("behandelaar"),
    )
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    acknowledged_at = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    first_answered_at = models.DateTimeField(_("eerste antwoord op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    ack_due = models.DateField(_("op te pakken tegen"), null=True, blank=True)
    answer_due = models.DateField(_("te beantwoorden tegen"), null=True, blank=True)
    paused_since = models.DateTimeField(_("klok gepauzeerd sinds"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("gepauzeerde werkdagen"), default=0)
    last_reminded_on = models.DateField(_("laatst herinnerd op"), null=True, blank=True)
    knowledge_article_url = models.CharField(_("kennisartikel"), max_length=300, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    attachments = AttachmentRelation()
    history = HistoricalRecords(excluded_fields=["last_reminded_on"])

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["-received_at", "-pk"]
        permissions = [("handle_question", "Can handle questions")]
        indexes = [
            models.Index(fields=["status", "answer_due"]),
            models.Index(fields=["asker_email"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", kwargs={"uuid": self.uuid})

    @property
    def reference(self) -> str:
        return f"V{self.pk:05d}" if self.pk else "V-----"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None


class Reply(models.Model):
    """A message in the conversation, visible to the asker: from staff or from the asker."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="replies", verbose_name=_("vraag"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("auteur"),
    )
    author_name = models.CharField(_("naam auteur"), max_length=150)
    from_asker = models.BooleanField(_("van de vraagsteller"), default=False)
    is_answer = models.BooleanField(_("is een antwoord"), default=False)
    body = models.TextField(_("bericht"))
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.body[:60]}"


class InternalNote(models.Model):
    """A note among cell staff. Never shown to the asker: not on pages, in mails or in the API."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="internal_notes", verbose_name=_("vraag")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("auteur")
    )
    body = models.TextField(_("interne notitie"))
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class Satisfaction(models.Model):
    """The asker's 1–5 pulse after closing, with an optional comment."""

    question = models.OneToOneField(
        Question, on_delete=models.CASCADE, related_name="satisfaction", verbose_name=_("vraag")
    )
    score = models.PositiveSmallIntegerField(_("score"), choices=[(i, str(i)) for i in range(1, 6)])
    comment = models.TextField(_("opmerking"), blank=True)
    responded_at = models.DateTimeField(_("beantwoord op"), default=timezone.now)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tevredenheid")
        verbose_name_plural = _("tevredenheidsscores")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="question_satisfaction_score_range",
                violation_error_message=_("Kies een score van 1 tot 5."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.reference}: {self.score}"
