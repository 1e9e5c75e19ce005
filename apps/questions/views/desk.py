"""The cell's desk: lists, staff entry, one question and the actions on it."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.fragments import form_html
from apps.core.page_cache import request_content_version
from apps.core.permissions import permission_view
from apps.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    Tab,
    apply_validation_error,
)

from .. import knowledge, selectors, services
from ..filters import (
    OwnQuestionFilterSet,
    QuestionFilterSet,
)
from ..forms import (
    AskerReplyForm,
    AssignForm,
    NoteForm,
    QuestionEditForm,
    ReplyForm,
    StaffQuestionForm,
    TransitionForm,
)
from ..models import Question
from ..tables import OwnQuestionTable, QuestionTable
from ..workflows import TRANSITIONS, Actor, available

# --- lists --------------------------------------------------------------------------------


class DeskListView(ObjectListView):
    permission_required = "questions.list_question"
    model = Question
    selector = staticmethod(selectors.question_desk_list)
    page_rows = staticmethod(selectors.question_list_rows)
    filterset_class = QuestionFilterSet
    table_class = QuestionTable
    title = gettext_lazy("Vragenloket")
    export_name = "vragen"
    create_url_name = "questions:create"
    create_permission = "questions.add_question"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # The banner says so when (invented) demo questions are in the list.
        context["shows_demo_data"] = self.get_queryset().filter(is_demo=True).exists()
        return context


class OwnListView(ObjectListView):
    permission_required = "questions.list_own_question"
    model = Question
    selector = staticmethod(selectors.question_own_list)
    page_rows = staticmethod(selectors.question_list_rows)
    filterset_class = OwnQuestionFilterSet
    table_class = OwnQuestionTable
    title = gettext_lazy("Mijn vragen")
    export_name = "mijn-vragen"


@permission_view("questions.add_question")
def create(request):
    form = StaffQuestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "attachments"}
        try:
            question = services.question_create(actor=request.user, data=data, files=form.cleaned_data["attachments"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("De vraag is geregistreerd."))
            return HttpResponseRedirect(question.get_absolute_url())
    return render(
        request,
        "questions/staff_form.html",
        {"form": form, "title": _("Vraag registreren (telefoon of e-mail)")},
    )


# --- one question -------------------------------------------------------------------------

QUESTION_TABS = [
    Tab(gettext_lazy("Vraag"), "questions:detail", key="detail"),
    Tab(gettext_lazy("Geschiedenis"), "questions:history", key="history", permission="questions.handle_question"),
]


class QuestionObjectMixin:
    model = Question
    selector = staticmethod(selectors.question_visible_to)
    slug_field = "uuid"
    slug_url_kwarg = "uuid"
    tabs = QUESTION_TABS

    def get_queryset(self):
        # The page also shows the municipality: read with the question rather than on its own.
        return selectors.question_visible_to(self.request.user).select_related("municipality")


class QuestionDetailView(QuestionObjectMixin, ObjectDetailView):
    permission_required = "questions.view_question"
    template_name = "questions/detail.html"
    active_tab = "detail"
    edit_url_name = "questions:edit"
    edit_permission = "questions.change_question"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        question = self.object
        user = self.request.user
        is_handler = user.has_perm("questions.handle_question", question)
        context.update(
            replies=selectors.replies_of(question),
            sla=selectors.sla_state(question),
            is_handler=is_handler,
            can_reply_as_asker=user.has_perm("questions.reply_as_asker_question", question),
        )
        if is_handler:
            context.update(
                notes=selectors.internal_notes_of(question),
                reply_form=ReplyForm(),
                note_form=NoteForm(),
                assign_form=AssignForm(initial={"team": question.team_id, "assignee": question.assignee_id}),
                actions=[
                    {"name": t.name, "label": t.label}
                    for t in available(question.status, Actor.HANDLER)
                    if t.name not in ("assign", "answer")
                ],
                suggestions=knowledge.suggested_articles(user=user, query=question.subject, limit=5)
                if question.is_open
                else [],
                search_available=knowledge.search_available(),
                can_make_article=user.has_perm("questions.to_article_question", question)
                and knowledge.knowledge_available(),
            )
        elif context["can_reply_as_asker"]:
            context["asker_form"] = AskerReplyForm()
        # The forms' HTML, from the cache while nothing they show has changed (apps.core.fragments):
        # the assignment form's options (teams, the cell's staff) are versioned records, and
        # no form shows anything of the user who asks.
        version = request_content_version(self.request)
        for key in ("reply_form", "note_form", "assign_form", "asker_form"):
            if key in context:
                form = context[key]
                context[f"{key}_html"] = form_html(
                    form, name=f"{type(form).__module__}.{type(form).__qualname__}", version=version
                )
        return context


class QuestionHistoryView(QuestionObjectMixin, ObjectHistoryView):
    permission_required = "questions.handle_question"


class QuestionEditView(QuestionObjectMixin, ObjectEditView):
    permission_required = "questions.change_question"
    form_class = QuestionEditForm
    service = staticmethod(services.question_update)


def _visible(request, uuid, **_kwargs) -> Question:
    return get_object_or_404(selectors.question_visible_to(request.user), uuid=uuid)


def _back(question: Question, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(question.get_absolute_url() + anchor)


def _post_only(request, question):
    if request.method != "POST":
        return _back(question)
    return None


@permission_view("questions.handle_question", get_object=_visible)
def reply(request, uuid):
    question = _visible(request, uuid)
    if (early := _post_only(request, question)) is not None:
        return early
    form = ReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.question_reply(
                actor=request.user,
                question=question,
                body=form.cleaned_data["body"],
                then=form.cleaned_data["then"],
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Je bericht is naar de vraagsteller gestuurd."))
    else:
        messages.error(request, _("Schrijf een bericht en kies wat er daarna gebeurt."))
    return _back(question, "#conversation")


@permission_view("questions.view_internalnote", get_object=_visible)
def note(request, uuid):
    question = _visible(request, uuid)
    if (early := _post_only(request, question)) is not None:
        return early
    form = NoteForm(request.POST)
    if form.is_valid():
        services.question_note_add(actor=request.user, question=question, body=form.cleaned_data["body"])
        messages.success(request, _("De interne notitie is bewaard."))
    else:
        messages.error(request, _("Schrijf een notitie."))
    return _back(question, "#notes")


@permission_view("questions.assign_question", get_object=_visible)
def assign(request, uuid):
    question = _visible(request, uuid)
    if (early := _post_only(request, question)) is not None:
        return early
    form = AssignForm(request.POST)
    if form.is_valid():
        try:
            services.question_assign(
                actor=request.user,
                question=question,
                team=form.cleaned_data["team"],
                assignee=form.cleaned_data["assignee"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De vraag is toegewezen."))
    else:
        messages.error(request, _("Kies een geldig team of een geldige behandelaar."))
    return _back(question)


def _transition_view(name: str):
    @permission_view(f"questions.{name}_question", get_object=_visible)
    def view(request, uuid):
        question = _visible(request, uuid)
        if (early := _post_only(request, question)) is not None:
            return early
        form = TransitionForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            services.question_transition(actor=request.user, question=question, name=name, reason=reason)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Nieuwe status: %(status)s.")
                % {"status": Question(status=TRANSITIONS[name].target).get_status_display()},
            )
        return _back(question)

    view.__name__ = f"transition_{name}"
    return view


transition_views = {name: _transition_view(name) for name in TRANSITIONS if name != "assign"}


@permission_view("questions.reply_as_asker_question", get_object=_visible)
def asker_reply(request, uuid):
    question = _visible(request, uuid)
    if (early := _post_only(request, question)) is not None:
        return early
    form = AskerReplyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.question_reply_as_asker(
                question=question,
                body=form.cleaned_data["body"],
                actor=request.user,
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Je reactie is verstuurd naar de cel."))
    else:
        messages.error(request, _("Schrijf een bericht."))
    return _back(question, "#conversation")


@permission_view("questions.to_article_question", get_object=_visible)
def to_article(request, uuid):
    question = _visible(request, uuid)
    if (early := _post_only(request, question)) is not None:
        return early
    try:
        article = services.question_to_article(actor=request.user, question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(question)
    messages.success(
        request, _("Er is een ontwerp van een kennisartikel gemaakt, zonder naam of e-mailadres van de vraagsteller.")
    )
    url = article.get_absolute_url() if hasattr(article, "get_absolute_url") else ""
    return HttpResponseRedirect(url or question.get_absolute_url())
