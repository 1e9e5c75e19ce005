import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ChangeProposal
from .workflows import Status

STATUS_BADGES = {
    Status.SUBMITTED: "badge--warning",
    Status.APPROVED: "badge--success",
    Status.REJECTED: "badge--danger",
    Status.WITHDRAWN: "",
}


class ProposalTable(tables.Table):
    target_label = tables.Column(verbose_name=_("Record"), linkify=True)
    kind = tables.Column(verbose_name=_("Soort"))
    organisation = tables.Column(verbose_name=_("Organisatie"), accessor="organisation__name")
    proposer = tables.Column(verbose_name=_("Ingediend door"))
    submitted_at = tables.DateTimeColumn(verbose_name=_("Ingediend op"), format="j M Y H:i")
    team = tables.Column(verbose_name=_("Team"), accessor="team__name", default="—")
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = ChangeProposal
        fields = ("target_label", "kind", "organisation", "proposer", "submitted_at", "team", "status")
        attrs = {"class": "table"}
        export_exclude: tuple[str, ...] = ()

    def render_status(self, record):
        return format_html(
            '<span class="badge {}">{}</span>', STATUS_BADGES.get(record.status, ""), record.get_status_display()
        )

    def value_status(self, record):
        return record.get_status_display()

    def value_kind(self, record):
        return record.get_kind_display()


class OwnProposalTable(ProposalTable):
    class Meta(ProposalTable.Meta):
        exclude = ("proposer", "team")
