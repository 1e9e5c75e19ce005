"""API for the cell: questions with the desk's filters (status, SLA, category, team, region, ...)."""

from rest_framework import mixins, viewsets

from apps.core.permissions import RulesPermission

from .. import selectors
from ..filters import QuestionFilterSet
from ..selectors import replies_of
from .serializers import QuestionDetailSerializer, QuestionSerializer


class QuestionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [RulesPermission]
    permission_required = {"list": "questions.list_question", "retrieve": "questions.handle_question"}
    filterset_class = QuestionFilterSet
    lookup_field = "uuid"

    def get_queryset(self):
        return selectors.question_desk_list(user=self.request.user)

    def get_serializer_class(self):
        return QuestionDetailSerializer if self.action == "retrieve" else QuestionSerializer

    def get_object(self):
        question = super().get_object()
        question._prefetched_objects_cache = {"replies": replies_of(question)}
        return question
