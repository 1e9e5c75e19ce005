"""Users, roles and teams.

Which organisation a user works for is not here: that link belongs to the
registry (apps.registry), which depends on accounts and not the other way round.
"""

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .roles import Role


class User(AbstractUser):
    """A person who logs in. Roles are the groups named after a `Role` code."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    email_verified = models.BooleanField(_("e-mailadres bevestigd"), default=False)
    preferred_language = models.CharField(
        _("taal"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", kwargs={"pk": self.pk})

    @cached_property
    def role_codes(self) -> frozenset[str]:
        valid = set(Role.values)
        return frozenset(name for name in self.groups.values_list("name", flat=True) if name in valid)

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.role_codes

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(code).label) for code in Role.values if code in self.role_codes]


class Team(models.Model):
    """A group of cell staff that owns work and receives routed questions."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=120, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    members = models.ManyToManyField(User, related_name="teams", blank=True, verbose_name=_("leden"))
    lead = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("teamleider")
    )
    is_demo = models.BooleanField(_("demogegevens"), default=False)

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:team_detail", kwargs={"slug": self.slug})


def role_group(role: str) -> Group:
    group, _created = Group.objects.get_or_create(name=role)
    return group
