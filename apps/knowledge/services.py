"""Every write of the knowledge centre: create, edit, move through the workflow, remind owners.

UI, API, import, the questions desk and management commands all call these.
"""

import datetime
import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.core.permissions import check
from apps.core.services.values import value_assessment_validate
from apps.knowledge.models import Article, ArticleKind, ArticleState, Audience, Theme, Visibility
from apps.knowledge.workflows import TRANSITIONS_BY_NAME
from apps.search.services import index_object

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "sub", "sup", "blockquote", "code", "pre",
    "ul", "ol", "li", "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
REVIEW_HORIZON_DAYS = 365
EDITABLE_FIELDS = (
    "title", "summary", "body", "kind", "visibility", "audience", "reviewer", "sources", "review_due_on",
    "source_question_url",
)  # fmt: skip
M2M_FIELDS = ("pillars", "themes", "organisations", "municipalities", "related")


def sanitise_html(value: str) -> str:
    """Keep headings, lists, links, images and tables; drop scripts, event handlers and javascript: URLs."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def html_to_text(value: str) -> str:
    """Plain text of sanitised HTML, for the search index and snippets."""
    text = re.sub(r"<(br|/p|/h[2-4]|/li|/tr|/td|/th|/blockquote)[^>]*>", "\n", value or "", flags=re.I)
    text = re.sub(r"<[^>]+>", " ", text)
    return html.unescape(re.sub(r"[ \t]+", " ", text)).strip()


def _unique_slug(title: str, exclude_pk: int | None = None) -> str:
    base = (slugify(title) or "artikel")[:200]
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def review_date_validate(day: datetime.date | None, *, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if day is None:
        return
    if day > today + datetime.timedelta(days=REVIEW_HORIZON_DAYS):
        raise ValidationError(
            {"review_due_on": _("De reviewdatum ligt hoogstens twaalf maanden in de toekomst.")}, code="too_far"
        )


def _validate(article: Article) -> None:
    errors: dict[str, list[str]] = {}
    if not (article.title or "").strip():
        errors["title"] = [_("Geef een titel.")]
    if not (article.summary or "").strip():
        errors["summary"] = [_("Geef een korte samenvatting.")]
    if article.kind not in ArticleKind.values:
        errors["kind"] = [_("Kies een soort artikel.")]
    if article.visibility not in Visibility.values:
        errors["visibility"] = [_("Kies intern of publiek.")]
    if article.audience not in Audience.values:
        errors["audience"] = [_("Kies een doelgroep.")]
    if errors:
        raise ValidationError(errors)


def _apply(article: Article, data: Mapping[str, Any]) -> dict[str, Iterable]:
    for name in EDITABLE_FIELDS:
        if name in data:
            value = data[name]
            if name in {"title", "summary", "sources", "source_question_url"}:
                value = (value or "").strip()
            setattr(article, name, value)
    article.body = sanitise_html(article.body)
    return {name: data[name] for name in M2M_FIELDS if name in data and data[name] is not None}


def _save(article: Article, *, actor, reason: str) -> None:
    article._history_user = actor
    article._change_reason = reason
    article.save()


def _set_m2m(article: Article, relations: Mapping[str, Iterable]) -> None:
    for name, items in relations.items():
        items = [item for item in items if not (name == "related" and getattr(item, "pk", item) == article.pk)]
        getattr(article, name).set(items)


@transaction.atomic
def article_create(*, actor, data: Mapping[str, Any], reason: str = "", is_demo: bool = False) -> Article:
    """A new article, always a draft, owned by `data['owner']` or the actor."""
    check(actor, "knowledge.add_article")
    article = Article(owner=data.get("owner") or actor, state=ArticleState.DRAFT, is_demo=is_demo)
    relations = _apply(article, data)
    _validate(article)
    review_date_validate(article.review_due_on)
    article.slug = _unique_slug(article.title)
    _save(article, actor=actor, reason=reason or _("Aangemaakt"))
    _set_m2m(article, relations)
    index_object(article)
    return article


def article_create_draft(
    *,
    actor,
    title: str,
    summary: str,
    body: str,
    source_question_url: str | None = None,
    kind: str = ArticleKind.FAQ,
    visibility: str = Visibility.INTERNAL,
    themes: Iterable[Theme] | None = None,
    owner=None,
) -> Article:
    """A draft article from elsewhere (e.g. a closed question of the questions desk); stable signature."""
    data = {
        "title": title,
        "summary": summary,
        "body": body,
        "kind": kind,
        "visibility": visibility,
        "source_question_url": source_question_url or "",
        "owner": owner or actor,
    }
    if themes is not None:
        data["themes"] = list(themes)
    return article_create(actor=actor, data=data, reason=_("Ontwerp aangemaakt vanuit een vraag"))


@transaction.atomic
def article_update(*, actor, instance: Article, data: Mapping[str, Any], reason: str = "") -> Article:
    article = Article.objects.select_for_update().get(pk=instance.pk)
    check(actor, "knowledge.change_article", article)
    relations = _apply(article, data)
    _validate(article)
    review_date_validate(article.review_due_on)
    if article.state == ArticleState.PUBLISHED:
        value_assessment_validate(obj=article, state="published")
        if article.review_due_on is None:
            raise ValidationError({"review_due_on": _("Een gepubliceerd artikel heeft een reviewdatum.")})
    _save(article, actor=actor, reason=reason)
    _set_m2m(article, relations)
    index_object(article)
    return article


@transaction.atomic
def article_transition(
    *, actor, article: Article, transition: str, reason: str = "", review_due_on: datetime.date | None = None
) -> Article:
    """Take a transition of the workflow table (submit, publish, reject, review, archive, reopen)."""
    step = TRANSITIONS_BY_NAME.get(transition)
    if step is None:
        raise ValidationError(_("Onbekende stap in de workflow."))
    article = Article.objects.select_for_update().get(pk=article.pk)
    check(actor, step.permission, article)
    if article.state not in step.sources:
        raise ValidationError(
            _("“%(step)s” kan niet vanuit de status “%(state)s”.")
            % {"step": step.label, "state": article.get_state_display()}
        )
    today = timezone.localdate()
    if step.target == ArticleState.PUBLISHED:
        value_assessment_validate(obj=article, state="published")
        due = review_due_on or article.review_due_on
        if step.name == "review" or due is None or due <= today:
            due = review_due_on or today + datetime.timedelta(days=REVIEW_HORIZON_DAYS)
        review_date_validate(due, today=today)
        article.review_due_on = due
        article.last_reviewed_on = today
        article.reviewer = actor
        if step.name == "publish" and article.published_at is None:
            article.published_at = timezone.now()
    article.state = step.target
    _save(article, actor=actor, reason=reason or str(step.label))
    index_object(article)
    return article


@transaction.atomic
def article_delete(*, actor, instance: Article) -> None:
    check(actor, "knowledge.delete_article", instance)
    from apps.search.services import unindex_object

    unindex_object(instance)
    instance._history_user = actor
    instance.delete()


@transaction.atomic
def theme_get_or_create(*, actor, name: str, is_demo: bool = False) -> Theme:
    if actor is not None:
        check(actor, "knowledge.manage_theme")
    slug = slugify(name)[:80]
    theme = Theme.objects.filter(slug=slug).first()
    if theme is None:
        theme = Theme(name=name.strip()[:80], slug=slug, is_demo=is_demo)
        theme._history_user = actor
        theme.save()
    return theme


def review_reminders_send(*, today: datetime.date | None = None) -> int:
    """Notify (in-app and by mail) every owner of published articles whose review date has passed.

    One notification per owner, listing their overdue articles. Returns the number of owners notified.
    """
    from django.urls import reverse

    from apps.core.services.notifications import notify
    from apps.knowledge.selectors import overdue_articles

    today = today or timezone.localdate()
    by_owner: dict[Any, list[Article]] = {}
    for article in overdue_articles(today=today).select_related("owner"):
        by_owner.setdefault(article.owner, []).append(article)
    for owner, articles in sorted(by_owner.items(), key=lambda item: item[0].pk):
        lines = [f"- {a.title} ({_('na te kijken sinds')} {a.review_due_on:%d/%m/%Y})" for a in articles]
        notify(
            recipient=owner,
            title=_("%(count)s artikel(s) in het kenniscentrum moeten nagekeken worden") % {"count": len(articles)},
            body="\n".join(lines),
            url=reverse("knowledge:overdue") + f"?owner={owner.pk}",
        )
    return len(by_owner)


def ensure_permission(actor, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(perm)
