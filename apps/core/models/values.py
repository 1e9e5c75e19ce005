"""The four pillars and four values, and the reusable value assessment.

A model adopts value assessment in one line:

    values = ValueAssessmentRelation()

and `apps.core.services.values.value_assessment_validate` enforces that at least
one value is assessed once the object is published, submitted or approved.
"""

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class _Reference(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_nl = models.CharField(_("naam (nl)"), max_length=120)
    name_en = models.CharField(_("naam (en)"), max_length=120)
    description_nl = models.TextField(_("omschrijving (nl)"), blank=True)
    description_en = models.TextField(_("omschrijving (en)"), blank=True)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "nl").startswith("en") else self.name_nl

    @property
    def description(self) -> str:
        return self.description_en if (get_language() or "nl").startswith("en") else self.description_nl


class Pillar(_Reference):
    """One of the four pillars of the cell's vision (reference data)."""

    class Meta(_Reference.Meta):
        verbose_name = _("pijler")
        verbose_name_plural = _("pijlers")


class Value(_Reference):
    """One of the four interwoven values (reference data)."""

    class Meta(_Reference.Meta):
        verbose_name = _("waarde")
        verbose_name_plural = _("waarden")


class ValueAssessment(models.Model):
    """That an object serves a value, and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    content_object = GenericForeignKey("content_type", "object_id")
    value = models.ForeignKey(Value, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("waarde"))
    motivation = models.TextField(_("motivering"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("waardetoets")
        verbose_name_plural = _("waardetoetsen")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "value"], name="value_assessment_unique_value_per_object"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.value}: {self.motivation[:60]}"


class ValueAssessmentRelation(GenericRelation):
    """`values = ValueAssessmentRelation()` makes a model assessable."""

    def __init__(self, **kwargs):
        kwargs.setdefault("related_query_name", "+")
        super().__init__(ValueAssessment, content_type_field="content_type", object_id_field="object_id", **kwargs)
