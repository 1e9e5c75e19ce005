import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Team, User
from .roles import Role

ROLE_LABELS = dict(Role.choices)


class UserTable(tables.Table):
    username = tables.Column(verbose_name=_("Gebruikersnaam"), linkify=True)
    name = tables.Column(
        verbose_name=_("Naam"), accessor="last_name", order_by=("last_name", "first_name"), empty_values=()
    )
    email = tables.Column(verbose_name=_("E-mailadres"))
    roles = tables.Column(verbose_name=_("Rollen"), accessor="pk", orderable=False, empty_values=())
    teams = tables.Column(verbose_name=_("Teams"), accessor="pk", orderable=False, empty_values=())
    is_active = tables.BooleanColumn(verbose_name=_("Actief"))
    email_verified = tables.BooleanColumn(verbose_name=_("Bevestigd"))
    is_demo = tables.Column(verbose_name=_("Demo"), empty_values=())

    class Meta:
        model = User
        fields = ("username", "name", "email", "roles", "teams", "is_active", "email_verified", "is_demo")
        attrs = {"class": "table"}
        export_exclude: tuple[str, ...] = ()

    # Roles and teams come from the selector's prefetch: no query per row.
    def render_name(self, record):
        return record.get_full_name() or "—"

    def render_roles(self, record):
        return ", ".join(str(ROLE_LABELS.get(g.name, g.name)) for g in record.groups.all()) or "—"

    def render_teams(self, record):
        return ", ".join(t.name for t in record.teams.all()) or "—"

    def render_is_demo(self, record):
        if record.is_demo:
            return format_html('<span class="badge badge--demo">{}</span>', _("demo"))
        return ""

    def value_name(self, record):
        return record.get_full_name()

    def value_roles(self, record):
        return self.render_roles(record)

    def value_teams(self, record):
        return self.render_teams(record)

    def value_is_active(self, record):
        return _("ja") if record.is_active else _("nee")

    def value_email_verified(self, record):
        return _("ja") if record.email_verified else _("nee")

    def value_is_demo(self, record):
        return _("ja") if record.is_demo else _("nee")


class TeamTable(tables.Table):
    name = tables.Column(verbose_name=_("Naam"), linkify=True)
    description = tables.Column(verbose_name=_("Omschrijving"))
    lead = tables.Column(verbose_name=_("Teamleider"))
    member_count = tables.Column(verbose_name=_("Leden"))

    class Meta:
        model = Team
        fields = ("name", "description", "lead", "member_count")
        attrs = {"class": "table"}
        export_exclude: tuple[str, ...] = ()

    def render_description(self, value):
        return value if len(value) <= 120 else value[:117] + "…"
