"""Pages of the questions desk. Thin: parse, call a service or selector, render."""

import json
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.permissions import permission_view, public_view
from apps.core.services.attachments import attachments_of
from apps.core.views.generic import (
    ObjectCreateView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    Tab,
    apply_validation_error,
)

from . import knowledge, reports, selectors, services
from .filters import (
    CategoryFilterSet,
    ClosureDayFilterSet,
    OwnQuestionFilterSet,
    QuestionFilterSet,
    RoutingRuleFilterSet,
)
from .forms import (
    AskerReplyForm,
    AskForm,
    AssignForm,
    CategoryForm,
    ClosureDayForm,
    EraseForm,
    NoteForm,
    PersonalDataForm,
    QuestionEditForm,
    ReplyForm,
    RoutingRuleForm,
    SatisfactionCommentForm,
    StaffQuestionForm,
    TransitionForm,
)
from .models import Category, ClosureDay, Question, RoutingRule
from .tables import CategoryTable, ClosureDayTable, OwnQuestionTable, QuestionTable, RoutingRuleTable
from .tokens import FOLLOW, RATING, LinkRefused, read_token
from .workflows import TRANSITIONS, Actor, available

# The public form: at most this many posts per address per window (a cache counter, per process).
RATE_LIMIT_POSTS = 5
RATE_LIMIT_WINDOW = 15 * 60


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _rate_limited(request) -> bool:
    """Count this post; True when the address has posted too often within the window."""
    key = f"questions:ask:{_client_address(request)}"
    if cache.add(key, 1, RATE_LIMIT_WINDOW):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, RATE_LIMIT_WINDOW)
        return False
    return count > RATE_LIMIT_POSTS


# --- public ------------------------------------------------------------------------------


@public_view
def home(request):
    user = request.user
    context: dict[str, Any] = {"title": _("Vragen")}
    if user.has_perm("questions.list_question"):
        context["overview"] = selectors.sla_overview(user=user)
    if user.is_authenticated:
        context["own_count"] = selectors.question_own_list(user=user).open().count()
    return render(request, "questions/home.html", context)


@public_view
def ask(request):
    """The public form: no login needed. Honeypot, rate limit and file checks; nothing stored on refusal."""
    user = request.user
    suggested = selectors.suggest_organisation(user=user) if user.is_authenticated else None
    if request.method == "POST":
        form = AskForm(request.POST, request.FILES, user=user)
        if _rate_limited(request):
            return render(
                request,
                "questions/ask_refused.html",
                {
                    "title": _("Even geduld"),
                    "reason": _(
                        "Je hebt de voorbije minuten te veel vragen verstuurd. Probeer het over een kwartier opnieuw."
                    ),
                },
                status=429,
            )
        if form.is_spam:
            form.add_error(
                None, _("Je vraag kon niet verstuurd worden. Laat het laatste veld leeg en probeer opnieuw.")
            )
        elif form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "attachments"}
            try:
                question = services.question_submit(actor=user, data=data, files=form.cleaned_data["attachments"])
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                if user.is_authenticated:
                    messages.success(request, _("Je vraag is verstuurd. Je krijgt een bevestiging per e-mail."))
                    return HttpResponseRedirect(question.get_absolute_url())
                return HttpResponseRedirect(reverse("questions:thanks"))
    else:
        form = AskForm(user=user, suggested=suggested)
    return render(request, "questions/ask.html", {"form": form, "title": _("Stel je vraag")})


@public_view
def thanks(request):
    return render(request, "questions/thanks.html", {"title": _("Je vraag is verstuurd")})


def _refused(request, error: LinkRefused):
    return render(
        request,
        "questions/link_refused.html",
        {"title": _("Deze link werkt niet"), "reason": error.message},
        status=403,
    )


@public_view
def follow(request, token: str):
    """The asker's page through the personal link: the question, the replies (never internal notes), reply."""
    try:
        question = read_token(token, FOLLOW)
    except LinkRefused as error:
        return _refused(request, error)
    form = AskerReplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_reply_as_asker(
                question=question, body=form.cleaned_data["body"], files=form.cleaned_data["attachments"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Je reactie is verstuurd naar de cel."))
            return HttpResponseRedirect(request.path)
    return render(
        request,
        "questions/follow.html",
        {
            "title": question.subject,
            "question": question,
            "replies": selectors.replies_of(question),
            "attachments": attachments_of(question),
            "form": form,
            "token": token,
            "can_close": question.status in TRANSITIONS["close"].sources,
        },
    )


@public_view
@require_POST
def follow_close(request, token: str):
    try:
        question = read_token(token, FOLLOW)
    except LinkRefused as error:
        return _refused(request, error)
    try:
        services.question_close_as_asker(question=question)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Je vraag is afgesloten. Bedankt!"))
    return HttpResponseRedirect(reverse("questions:follow", kwargs={"token": token}))


@public_view
def follow_attachment(request, token: str, uuid):
    try:
        question = read_token(token, FOLLOW)
    except LinkRefused as error:
        return _refused(request, error)
    attachment = attachments_of(question).filter(uuid=uuid).first()
    if attachment is None:
        raise Http404(_("Deze bijlage hoort niet bij deze vraag."))
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type_sniffed,
    )


@public_view
def rate(request, token: str, score: int):
    """One click from the closing mail records the score; the page then offers an optional comment."""
    try:
        question = read_token(token, RATING)
    except LinkRefused as error:
        return _refused(request, error)
    if score not in range(1, 6):
        raise Http404(_("Kies een score van 1 tot 5."))
    form = SatisfactionCommentForm(request.POST or None)
    try:
        if request.method == "POST":
            if form.is_valid():
                services.satisfaction_record(question=question, score=score, comment=form.cleaned_data["comment"])
                messages.success(request, _("Bedankt voor je opmerking."))
                return HttpResponseRedirect(request.path)
        else:
            services.satisfaction_record(question=question, score=score)
    except ValidationError as error:
        return render(
            request,
            "questions/link_refused.html",
            {"title": _("Nog niet mogelijk"), "reason": " ".join(error.messages)},
            status=409,
        )
    return render(
        request,
        "questions/rate.html",
        {"title": _("Bedankt voor je score"), "question": question, "score": score, "form": form},
    )


# --- lists --------------------------------------------------------------------------------


class DeskListView(ObjectListView):
    permission_required = "questions.list_question"
    model = Question
    selector = staticmethod(selectors.question_desk_list)
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
        return selectors.question_visible_to(self.request.user)


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


# --- SLA, reports, personal data ----------------------------------------------------------


@permission_view("questions.list_question")
def sla_dashboard(request):
    overview = selectors.sla_overview(user=request.user)
    return render(request, "questions/sla.html", {"title": _("Termijnen"), "overview": overview})


@permission_view("questions.view_report")
def report(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("jaar", today.year))
    except ValueError:
        year = today.year
    data = reports.questions_report(year=year)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        key = request.GET.get("tabel", "category")
        table = next((t for t in data["tables"] if t.key == key), None)
        if table is None:
            raise Http404(_("Deze tabel bestaat niet."))
        dataset = table.dataset()
        if export == "csv":
            response = HttpResponse(dataset.export("csv"), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                dataset.export("xlsx"),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="vragen-{key}-{year}.{export}"'
        return response
    return render(
        request,
        "questions/report.html",
        {
            "title": _("Rapport vragenloket %(year)s") % {"year": year},
            "data": data,
            "years": range(today.year - 4, today.year + 1),
        },
    )


@permission_view("questions.manage_personal_data")
def personal_data(request):
    """Export or erase an asker's personal data on their request."""
    lookup = PersonalDataForm(request.GET or None)
    erase_form = EraseForm(request.POST or None)
    found = None
    if request.method == "POST" and erase_form.is_valid():
        count = services.asker_data_erase(actor=request.user, email=erase_form.cleaned_data["email"])
        messages.success(request, _("De persoonsgegevens zijn gewist uit %(n)d vraag/vragen.") % {"n": count})
        return HttpResponseRedirect(reverse("questions:personal_data"))
    if lookup.is_valid():
        email = lookup.cleaned_data["email"]
        if request.GET.get("export") == "json":
            payload = services.asker_data_export(actor=request.user, email=email)
            response = HttpResponse(
                json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
            )
            response["Content-Disposition"] = 'attachment; filename="persoonsgegevens-vragen.json"'
            return response
        found = list(services.questions_of_asker(email))
        erase_form = EraseForm(initial={"email": email})
    return render(
        request,
        "questions/personal_data.html",
        {"title": _("Persoonsgegevens van vraagstellers"), "lookup": lookup, "erase_form": erase_form, "found": found},
    )


# --- the desk's settings: categories, routing rules, closure days -------------------------


def _categories(*, user):
    return Category.objects.all()


def _rules(*, user):
    return RoutingRule.objects.select_related("category", "province", "region", "team", "assignee")


def _closure_days(*, user):
    return ClosureDay.objects.all()


class CategoryListView(ObjectListView):
    permission_required = "questions.manage_desk"
    model = Category
    selector = staticmethod(_categories)
    filterset_class = CategoryFilterSet
    table_class = CategoryTable
    create_url_name = "questions:category_create"
    create_permission = "questions.manage_desk"
    title = gettext_lazy("Vraagcategorieën en termijnen")


class CategoryCreateView(ObjectCreateView):
    permission_required = "questions.manage_desk"
    model = Category
    form_class = CategoryForm
    success_url = reverse_lazy("questions:category_list")


class CategoryEditView(ObjectEditView):
    permission_required = "questions.manage_desk"
    model = Category
    form_class = CategoryForm
    slug_field = "slug"
    success_url = reverse_lazy("questions:category_list")


class RoutingRuleListView(ObjectListView):
    permission_required = "questions.manage_desk"
    model = RoutingRule
    selector = staticmethod(_rules)
    filterset_class = RoutingRuleFilterSet
    table_class = RoutingRuleTable
    create_url_name = "questions:routingrule_create"
    create_permission = "questions.manage_desk"
    title = gettext_lazy("Toewijzingsregels")
    template_name = "questions/routing_list.html"


class RoutingRuleCreateView(ObjectCreateView):
    permission_required = "questions.manage_desk"
    model = RoutingRule
    form_class = RoutingRuleForm
    success_url = reverse_lazy("questions:routingrule_list")


class RoutingRuleEditView(ObjectEditView):
    permission_required = "questions.manage_desk"
    model = RoutingRule
    form_class = RoutingRuleForm
    success_url = reverse_lazy("questions:routingrule_list")


class RoutingRuleDeleteView(ObjectDeleteView):
    permission_required = "questions.manage_desk"
    model = RoutingRule
    success_url = reverse_lazy("questions:routingrule_list")


class ClosureDayListView(ObjectListView):
    permission_required = "questions.manage_desk"
    model = ClosureDay
    selector = staticmethod(_closure_days)
    filterset_class = ClosureDayFilterSet
    table_class = ClosureDayTable
    create_url_name = "questions:closureday_create"
    create_permission = "questions.manage_desk"
    title = gettext_lazy("Sluitingsdagen van de cel")


class ClosureDayCreateView(ObjectCreateView):
    permission_required = "questions.manage_desk"
    model = ClosureDay
    form_class = ClosureDayForm
    service = staticmethod(services.closure_day_save)
    success_url = reverse_lazy("questions:closureday_list")


class ClosureDayEditView(ObjectEditView):
    permission_required = "questions.manage_desk"
    model = ClosureDay
    form_class = ClosureDayForm
    service = staticmethod(services.closure_day_save)
    success_url = reverse_lazy("questions:closureday_list")


class ClosureDayDeleteView(ObjectDeleteView):
    permission_required = "questions.manage_desk"
    model = ClosureDay
    service = staticmethod(services.closure_day_delete)
    success_url = reverse_lazy("questions:closureday_list")
