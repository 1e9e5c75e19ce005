from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .organisations import Organisation


class Affiliation(models.Model):
    """Which organisation a user works for (library staff → library, coordinator → cooperation, partner → partner).

    Managed by cell staff; the registry's permission rules read it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("gebruiker")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations", verbose_name=_("organisatie")
    )
    valid_from = models.DateField(_("vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("tot en met"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("werkt voor")
        verbose_name_plural = _("werkt voor")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="affiliation_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.organisation}"
