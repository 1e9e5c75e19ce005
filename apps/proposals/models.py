"""Change proposals: a change to the registry proposed by the field, decided by the cell."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .workflows import OPEN_STATES, Status


class Kind(models.TextChoices):
    CHANGE = "change", _("Wijziging")
    CREATE = "create", _("Nieuw record")
    OPENING_HOURS = "opening_hours", _("Openingsuren")


class ChangeProposalQuerySet(models.QuerySet):
    def open(self) -> "ChangeProposalQuerySet":
        return self.filter(status__in=OPEN_STATES)


class ChangeProposal(models.Model):
    """A proposed change to one registry record (or a proposed new branch or contact).

    `target` is the record to change; for a new record it is the organisation the
    record will belong to, and `create_type` says what to create. `proposed_data`
    holds field → new value (JSON-ready), `base_data` the same fields' values when
    the proposal was made: approval compares them with the record's current values
    and refuses when someone changed a proposed field in the meantime. An
    opening-hours proposal holds a weekly schedule (a list of
    {"weekday", "opens", "closes"}) under the key "periods" in both.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("soort voorstel"), max_length=16, choices=Kind.choices, default=Kind.CHANGE)
    target_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("soort record")
    )
    target_id = models.PositiveBigIntegerField(_("record"))
    target = GenericForeignKey("target_type", "target_id")
    create_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nieuw record van soort"),
    )
    created_object_id = models.PositiveBigIntegerField(_("aangemaakt record"), null=True, blank=True)
    # The organisation the target belongs to: who may propose, filters and team routing read it.
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="change_proposals",
        verbose_name=_("organisatie"),
    )
    target_label = models.CharField(_("omschrijving record"), max_length=300)
    proposed_data = models.JSONField(_("voorgestelde waarden"), default=dict, blank=True)
    base_data = models.JSONField(_("waarden bij indienen"), default=dict, blank=True)
    motivation = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="change_proposals",
        verbose_name=_("ingediend door"),
    )
    submitted_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    team = models.ForeignKey(
        "accounts.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_proposals",
        verbose_name=_("team"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_change_proposals",
        verbose_name=_("beslist door"),
    )
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    decision_reason = models.TextField(_("motivering van de beslissing"), blank=True)
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    objects = ChangeProposalQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("wijzigingsvoorstel")
        verbose_name_plural = _("wijzigingsvoorstellen")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["status", "team"]),
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["proposer", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="create", create_type__isnull=False)
                | (~Q(kind="create") & Q(create_type__isnull=True)),
                name="proposal_create_type_only_for_create",
                violation_error_message=_("Enkel een voorstel voor een nieuw record zegt welk soort record."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(decision_reason=""),
                name="proposal_reject_has_reason",
                violation_error_message=_("Een afwijzing heeft een motivering nodig."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_label}"

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"uuid": self.uuid})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES


class TeamRoute(models.Model):
    """Which cell team receives the proposals of organisations in a region.

    A route names a grouping (e.g. a referentieregio) or a territorial unit (e.g. a
    province); the organisation's seat municipality decides. One route may be the
    default, for organisations no other route covers. Cell staff can still move a
    proposal to another team.
    """

    team = models.ForeignKey(
        "accounts.Team", on_delete=models.CASCADE, related_name="proposal_routes", verbose_name=_("team")
    )
    grouping = models.OneToOneField(
        "registry.Grouping",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposal_route",
        verbose_name=_("groepering"),
    )
    unit = models.OneToOneField(
        "registry.TerritorialUnit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposal_route",
        verbose_name=_("gebied"),
    )
    is_default = models.BooleanField(_("standaardteam"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("toewijzing van voorstellen")
        verbose_name_plural = _("toewijzingen van voorstellen")
        constraints = [
            models.CheckConstraint(
                condition=Q(grouping__isnull=True) | Q(unit__isnull=True),
                name="team_route_grouping_or_unit",
                violation_error_message=_("Een toewijzing geldt voor een groepering óf een gebied, niet voor beide."),
            ),
            models.CheckConstraint(
                condition=Q(is_default=True) | Q(grouping__isnull=False) | Q(unit__isnull=False),
                name="team_route_has_scope",
                violation_error_message=_("Kies een groepering, een gebied of maak dit het standaardteam."),
            ),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="team_route_one_default",
                violation_error_message=_("Er is al een standaardteam."),
            ),
        ]

    def __str__(self) -> str:
        region = self.grouping or self.unit or _("standaard")
        return f"{region} → {self.team}"
