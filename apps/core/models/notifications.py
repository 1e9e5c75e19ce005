from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Notification(models.Model):
    """An in-app message to one user (also mailed, see services.notifications)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("ontvanger")
    )
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("bericht"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    # Set when the notification went out by e-mail (immediately or in a digest);
    # empty for notifications that still wait for the digest or never mail.
    emailed_at = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    email_wanted = models.BooleanField(_("per e-mail"), default=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How a user wants notifications by e-mail: one by one, a daily digest, or not at all."""

    class EmailMode(models.TextChoices):
        IMMEDIATE = "immediate", _("Meteen, per melding")
        DAILY = "daily", _("Eén overzicht per dag")
        OFF = "off", _("Geen e-mail, enkel in Knooppunt")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("gebruiker"),
    )
    email_mode = models.CharField(
        _("meldingen per e-mail"), max_length=12, choices=EmailMode.choices, default=EmailMode.IMMEDIATE
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_email_mode_display()}"
