"""Public pages: the question form (rate-limited, honeypot), and the asker's pages behind a personal link."""

from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.permissions import public_view
from apps.core.services.attachments import attachments_of
from apps.core.views.generic import (
    apply_validation_error,
)

from .. import selectors, services
from ..forms import (
    AskerReplyForm,
    AskForm,
    SatisfactionCommentForm,
)
from ..tokens import FOLLOW, RATING, LinkRefused, read_token
from ..workflows import TRANSITIONS

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
