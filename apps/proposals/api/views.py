"""API: proposals visible to the caller; submit; approve, reject and withdraw as actions."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.core.permissions import RulesPermission
from apps.registry.models import Organisation

from .. import selectors, services, targets
from ..filters import ProposalFilterSet
from .serializers import ChangeProposalSerializer, DecisionSerializer, SubmitSerializer


def _as_api_error(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {k: [str(m) for e in v for m in e.messages] for k, v in error.error_dict.items()}
        )
    return exceptions.ValidationError({"non_field_errors": [str(m) for m in error.messages]})


class ChangeProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cell staff see every proposal, anyone else their own. Decisions follow the workflow."""

    permission_classes = [RulesPermission]
    permission_required = {
        "list": "proposals.list_own_changeproposal",
        "retrieve": "proposals.view_changeproposal",
        "create": "proposals.submit_changeproposal",
        "approve": "proposals.review_changeproposal",
        "reject": "proposals.review_changeproposal",
        "withdraw": "proposals.list_own_changeproposal",
    }
    serializer_class = ChangeProposalSerializer
    filterset_class = ProposalFilterSet
    lookup_field = "uuid"

    def get_queryset(self):
        return selectors.proposal_visible_to(self.request.user)

    def _target(self, target_type: str, key: str):
        try:
            if target_type == "organisatie":
                return Organisation.objects.get(slug=key)
            return targets.TARGET_TYPES[target_type].get_object(key)
        except (ObjectDoesNotExist, DjangoValidationError, ValueError):
            raise exceptions.ValidationError({"target": [_("Dit record bestaat niet.")]})

    @extend_schema(request=SubmitSerializer, responses={201: ChangeProposalSerializer})
    def create(self, request):
        payload = SubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        values = payload.validated_data
        target = self._target(values["target_type"], values["target"])
        try:
            proposal = services.proposal_submit(
                actor=request.user,
                target=target,
                data=values["data"],
                reason=values["reason"],
                create=values.get("create"),
            )
        except PermissionDenied:
            raise exceptions.PermissionDenied(_("Je werkt niet voor de organisatie van dit record."))
        except DjangoValidationError as error:
            raise _as_api_error(error)
        return Response(self.get_serializer(proposal).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, service):
        proposal = self.get_object()
        payload = DecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            proposal = service(actor=request.user, proposal=proposal, reason=payload.validated_data["reason"])
        except PermissionDenied:
            raise exceptions.PermissionDenied()
        except services.ProposalConflict as error:
            return Response(
                {
                    "non_field_errors": [str(m) for m in error.messages],
                    "conflicts": [c.__dict__ for c in error.conflicts],
                },
                status=status.HTTP_409_CONFLICT,
            )
        except DjangoValidationError as error:
            raise _as_api_error(error)
        return Response(self.get_serializer(proposal).data)

    @extend_schema(request=DecisionSerializer, responses={200: ChangeProposalSerializer})
    @action(detail=True, methods=["post"])
    def approve(self, request, uuid=None):
        return self._decide(request, services.proposal_approve)

    @extend_schema(request=DecisionSerializer, responses={200: ChangeProposalSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, uuid=None):
        return self._decide(request, services.proposal_reject)

    @extend_schema(request=DecisionSerializer, responses={200: ChangeProposalSerializer})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, uuid=None):
        return self._decide(request, services.proposal_withdraw)
