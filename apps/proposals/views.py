"""Pages: propose a change (fields, opening hours, new record), my proposals, the cell's review list,
a proposal's field diff, and the decisions (approve, reject, withdraw, move to a team)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.permissions import permission_view
from apps.core.views.generic import ObjectDetailView, ObjectHistoryView, ObjectListView, Tab, apply_validation_error
from apps.registry.models import Branch, Organisation

from . import selectors, services, targets
from .filters import OwnProposalFilterSet, ProposalFilterSet
from .forms import AssignTeamForm, DecisionForm, OpeningHoursProposalForm, ProposeFieldsForm
from .models import ChangeProposal
from .tables import OwnProposalTable, ProposalTable
from .workflows import TRANSITIONS, Status

# --- Finding the record a proposal is about ---------------------------------------


def _target(request, target_type: str, key: str, **_kwargs):
    spec = targets.TARGET_TYPES.get(target_type)
    if spec is None:
        raise Http404(_("Voor dit soort record kan geen wijziging voorgesteld worden."))
    try:
        return spec.get_object(key)
    except (ObjectDoesNotExist, ValidationError, ValueError):
        raise Http404(_("Dit record bestaat niet."))


def _branch(request, key, **_kwargs):
    return get_object_or_404(Branch.objects.select_related("library__organisation"), uuid=key)


def _organisation(request, slug: str, **_kwargs):
    return get_object_or_404(Organisation, slug=slug)


def _submit(request, form, *, target, data, create: str | None = None):
    """Call the service; on a refusal show its messages on the form. Returns a response or None."""
    try:
        proposal = services.proposal_submit(
            actor=request.user, target=target, data=data, reason=form.cleaned_data.get("motivation", ""), create=create
        )
    except ValidationError as error:
        if hasattr(error, "error_dict") and "periods" in error.error_dict:
            form.add_error(None, error.error_dict["periods"])
        else:
            apply_validation_error(form, error)
        return None
    messages.success(request, _("Je voorstel is ingediend. De cel bekijkt het; je krijgt bericht van de beslissing."))
    return HttpResponseRedirect(proposal.get_absolute_url())


def _cancel_url(obj) -> str:
    url = getattr(obj, "get_absolute_url", None)
    try:
        return url() if url else ""
    except Exception:  # the registry page may not be routed (yet) in this deployment
        return ""


@permission_view("proposals.add_changeproposal", get_object=_target)
def propose_change(request, target_type: str, key: str):
    target = _target(request, target_type, key)
    spec = targets.TARGET_TYPES[target_type]
    form = ProposeFieldsForm(request.POST or None, model=spec.model, names=spec.fields, instance=target)
    if request.method == "POST" and form.is_valid():
        response = _submit(request, form, target=target, data=form.proposed_data())
        if response is not None:
            return response
    return render(
        request,
        "proposals/propose_form.html",
        {
            "form": form,
            "target": target,
            "title": _("Wijziging voorstellen: %(target)s") % {"target": target},
            "intro": _(
                "Pas de gegevens aan die niet meer kloppen. Enkel wat je wijzigt, gaat als voorstel naar de cel."
            ),
            "cancel_url": _cancel_url(target),
            "hours_url": reverse("proposals:propose_hours", kwargs={"key": target.uuid})
            if isinstance(target, Branch)
            else "",
        },
    )


@permission_view("proposals.add_changeproposal", get_object=_branch)
def propose_hours(request, key):
    branch = _branch(request, key)
    form = OpeningHoursProposalForm(request.POST or None, branch=branch)
    if request.method == "POST" and form.is_valid():
        response = _submit(request, form, target=branch, data={targets.HOURS_KEY: form.periods()})
        if response is not None:
            return response
    return render(
        request,
        "proposals/propose_hours.html",
        {
            "form": form,
            "target": branch,
            "title": _("Openingsuren voorstellen: %(target)s") % {"target": branch},
            "cancel_url": _cancel_url(branch),
        },
    )


@permission_view("proposals.add_changeproposal", get_object=_organisation)
def propose_create(request, slug: str, create: str):
    organisation = _organisation(request, slug)
    spec = targets.CREATE_TYPES.get(create)
    if spec is None or not spec.allowed_for(organisation):
        raise Http404(_("Voor deze organisatie kan zo'n nieuw record niet voorgesteld worden."))
    initial = {"municipality": organisation.municipality_id} if "municipality" in spec.fields else {}
    form = ProposeFieldsForm(request.POST or None, model=spec.model, names=spec.fields, initial=initial)
    if request.method == "POST" and form.is_valid():
        response = _submit(request, form, target=organisation, data=form.all_data(), create=create)
        if response is not None:
            return response
    return render(
        request,
        "proposals/propose_form.html",
        {
            "form": form,
            "target": organisation,
            "title": _("%(what)s voorstellen bij %(organisation)s")
            % {"what": str(spec.label).capitalize(), "organisation": organisation},
            "intro": _("De cel bekijkt je voorstel en voegt het record toe als het klopt."),
            "cancel_url": _cancel_url(organisation),
        },
    )


# --- Lists -------------------------------------------------------------------------


class ReviewListView(ObjectListView):
    """The cell's list: open proposals by default, filtered by team, status, organisation, kind."""

    permission_required = "proposals.review_changeproposal"
    model = ChangeProposal
    selector = staticmethod(selectors.proposal_review_list)
    filterset_class = ProposalFilterSet
    table_class = ProposalTable
    template_name = "proposals/review_list.html"
    title = gettext_lazy("Wijzigingsvoorstellen")
    export_name = "wijzigingsvoorstellen"

    def get_filterset_kwargs(self, filterset_class) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs.get("data") is not None and "status" not in kwargs["data"]:
            data = kwargs["data"].copy()
            data["status"] = Status.SUBMITTED
            kwargs["data"] = data
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["team_counts"] = selectors.proposal_open_counts_by_team(user=self.request.user)
        counts = selectors.proposal_counts_by_status(self.get_queryset())
        context["status_counts"] = [(value, label, counts.get(value, 0)) for value, label in Status.choices]
        return context


class OwnListView(ObjectListView):
    permission_required = "proposals.list_own_changeproposal"
    model = ChangeProposal
    selector = staticmethod(selectors.proposal_own_list)
    filterset_class = OwnProposalFilterSet
    table_class = OwnProposalTable
    title = gettext_lazy("Mijn voorstellen")
    export_name = "mijn-voorstellen"


# --- One proposal ------------------------------------------------------------------

PROPOSAL_TABS = [
    Tab(gettext_lazy("Voorstel"), "proposals:detail", key="detail"),
    Tab(gettext_lazy("Geschiedenis"), "proposals:history", key="history"),
]


class ProposalObjectMixin:
    model = ChangeProposal
    selector = staticmethod(selectors.proposal_list)
    slug_field = "uuid"
    slug_url_kwarg = "uuid"
    tabs = PROPOSAL_TABS


class ProposalDetailView(ProposalObjectMixin, ObjectDetailView):
    permission_required = "proposals.view_changeproposal"
    template_name = "proposals/proposal_detail.html"
    active_tab = "detail"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        proposal = self.object
        user = self.request.user
        context.update(
            diff=selectors.proposal_diff(proposal),
            has_conflict=proposal.is_open and bool(services.proposal_conflicts(proposal)),
            actions=[
                {"name": name, "label": t.label, "url": reverse(f"proposals:{name}", kwargs={"uuid": proposal.uuid})}
                for name, t in TRANSITIONS.items()
                if user.has_perm(f"proposals.{name}_changeproposal", proposal)
            ],
            assign_form=AssignTeamForm(initial={"team": proposal.team_id})
            if user.has_perm("proposals.assign_changeproposal", proposal)
            else None,
            target_url=_cancel_url(proposal.target) if proposal.target is not None else "",
        )
        return context


class ProposalHistoryView(ProposalObjectMixin, ObjectHistoryView):
    permission_required = "proposals.view_changeproposal"


def _visible_proposal(request, uuid, **_kwargs) -> ChangeProposal:
    return get_object_or_404(selectors.proposal_visible_to(request.user), uuid=uuid)


SERVICES = {
    "approve": services.proposal_approve,
    "reject": services.proposal_reject,
    "withdraw": services.proposal_withdraw,
}


def _transition_view(name: str):
    transition = TRANSITIONS[name]

    @permission_view(f"proposals.{name}_changeproposal", get_object=_visible_proposal)
    def view(request, uuid):
        proposal = _visible_proposal(request, uuid)
        form = DecisionForm(request.POST or None, reason_required=transition.reason_required)
        conflicts: list = []
        if request.method == "POST" and form.is_valid():
            try:
                SERVICES[name](actor=request.user, proposal=proposal, reason=form.cleaned_data["reason"])
            except services.ProposalConflict as error:
                conflicts = error.conflicts
                form.add_error(None, error)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Het voorstel is %(verb)s.") % {"verb": transition.past_label},
                )
                return HttpResponseRedirect(proposal.get_absolute_url())
        return render(
            request,
            "proposals/proposal_decide.html",
            {
                "object": proposal,
                "form": form,
                "transition": transition,
                "diff": selectors.proposal_diff(proposal),
                "conflicts": conflicts,
                "title": _("Voorstel %(action)s: %(target)s")
                % {"action": str(transition.label).lower(), "target": proposal.target_label},
            },
        )

    view.__name__ = f"proposal_{name}"
    return view


proposal_approve = _transition_view("approve")
proposal_reject = _transition_view("reject")
proposal_withdraw = _transition_view("withdraw")


@permission_view("proposals.assign_changeproposal", get_object=_visible_proposal)
def proposal_assign(request, uuid):
    proposal = _visible_proposal(request, uuid)
    if request.method != "POST":
        return HttpResponseRedirect(proposal.get_absolute_url())
    form = AssignTeamForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_assign_team(actor=request.user, proposal=proposal, team=form.cleaned_data["team"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het voorstel is toegewezen."))
    else:
        messages.error(request, _("Kies een geldig team."))
    return HttpResponseRedirect(proposal.get_absolute_url())
