"""Scoped reads of the questions desk."""

import datetime
from urllib.parse import urlparse

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from apps.core.rules import is_cell_staff
from apps.registry.models import Organisation
from apps.registry.rules import organisation_ids_of

from .models import InternalNote, Question, Reply, RoutingRule
from .sla import DUE_SOON_DAYS, WorkingCalendar
from .workflows import CLOCK_RUNNING_STATES

LIST_RELATED = ("category", "organisation", "team", "assignee", "region")


def question_visible_to(user) -> QuerySet:
    """Cell staff: all; others: their own and those of the organisations they work for."""
    queryset = Question.objects.select_related(*LIST_RELATED)
    if is_cell_staff(user):
        return queryset
    if not user or not user.is_authenticated:
        return queryset.none()
    own = Q(asker=user)
    if user.email_verified:
        own |= Q(asker__isnull=True, asker_email__iexact=user.email)
    organisations = organisation_ids_of(user)
    if organisations:
        own |= Q(organisation_id__in=organisations)
    return queryset.filter(own)


def question_desk_list(*, user) -> QuerySet:
    return question_visible_to(user) if is_cell_staff(user) else Question.objects.none()


def question_own_list(*, user) -> QuerySet:
    return question_visible_to(user)


def question_list_rows(queryset: QuerySet) -> QuerySet:
    """What the question tables show of the listed questions (`QuestionTable`): the page's rows.

    The related names are columns of the row rather than model instances, except the
    handler, whose name is the user's own (`User.__str__`). A function of the queryset
    alone: the list pages compile it once (apps.core.compiled).
    """
    return (
        queryset.select_related(None)
        .select_related("assignee")
        .only(
            "pk",
            "uuid",
            "subject",
            "received_at",
            "answer_due",
            "status",
            "assignee__first_name",
            "assignee__last_name",
            "assignee__username",
        )
        .annotate(
            category_name=F("category__name"),
            organisation_name=F("organisation__name"),
            region_name=F("region__name"),
            team_name=F("team__name"),
        )
    )


def replies_of(question: Question) -> QuerySet:
    """What the asker may read: the replies, never the internal notes."""
    return Reply.objects.filter(question=question).order_by("created_at", "pk")


def internal_notes_of(question: Question) -> QuerySet:
    return InternalNote.objects.filter(question=question).select_related("author").order_by("created_at", "pk")


def suggest_organisation(*, user=None, email: str = "") -> Organisation | None:
    """The organisation a question is probably about: the asker's affiliation, else their e-mail domain.

    The domain matches an organisation's own e-mail address or website host
    (bib.gent.be ↔ info@bib.gent.be, www.bib.gent.be); public mail providers
    match nothing because no organisation uses them.
    """
    if user is not None and getattr(user, "is_authenticated", False):
        ids = organisation_ids_of(user)
        if ids:
            return Organisation.objects.filter(pk__in=ids).order_by("kind", "name").first()
        email = email or user.email
    domain = email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""
    if not domain:
        return None
    candidates = Organisation.objects.filter(Q(email__iendswith=f"@{domain}") | Q(website__icontains=domain)).order_by(
        "kind", "name"
    )
    for organisation in candidates:
        if organisation.email.lower().endswith(f"@{domain}"):
            return organisation
        host = (urlparse(organisation.website).hostname or "").lower()
        if host == domain or host.endswith(f".{domain}") or host == f"www.{domain}":
            return organisation
    return None


def suggest_municipality(*, email: str = ""):
    """A municipality whose own domain the address uses (an official at brugge.be → Brugge), or None."""
    from django.utils.text import slugify

    from apps.registry.models import TerritorialUnit

    domain = email.rsplit("@", 1)[-1].strip().lower() if "@" in email else ""
    labels = domain.split(".")
    if len(labels) < 2:
        return None
    stem = labels[-2]
    candidates = TerritorialUnit.objects.filter(level="municipality", valid_until__isnull=True).filter(
        name_nl__iexact=stem.replace("-", " ")
    ) | TerritorialUnit.objects.filter(level="municipality", valid_until__isnull=True, name_nl__iexact=stem)
    for unit in candidates.order_by("code"):
        if slugify(unit.name_nl) == stem:
            return unit
    return None


def routing_rule_for(question: Question) -> RoutingRule | None:
    """The first active rule (by position) whose every filled condition matches the question."""
    for rule in RoutingRule.objects.filter(is_active=True).order_by("position", "pk"):
        if rule.category_id and rule.category_id != question.category_id:
            continue
        if rule.province_id and rule.province_id != question.province_id:
            continue
        if rule.region_id and rule.region_id != question.region_id:
            continue
        return rule
    return None


def sla_overview(*, user, today: datetime.date | None = None) -> dict[str, list[Question]]:
    """Open questions whose clock runs, split in breached and due soon (acknowledgement or answer)."""
    if not is_cell_staff(user):
        return {"breached": [], "due_soon": []}
    return sla_lists(today=today)


def _sla_querysets(today: datetime.date) -> tuple[QuerySet, QuerySet]:
    """(breached, due soon): open questions whose clock runs, past or near a deadline."""
    soon = WorkingCalendar().add_working_days(today, DUE_SOON_DAYS)
    pending = Question.objects.filter(status__in=CLOCK_RUNNING_STATES)
    ack_pending = Q(acknowledged_at__isnull=True)
    answer_pending = Q(first_answered_at__isnull=True)
    breached = pending.filter((ack_pending & Q(ack_due__lt=today)) | (answer_pending & Q(answer_due__lt=today)))
    due_soon = pending.filter(
        (ack_pending & Q(ack_due__gte=today, ack_due__lte=soon))
        | (answer_pending & Q(answer_due__gte=today, answer_due__lte=soon))
    ).exclude(pk__in=breached.values("pk"))
    return breached, due_soon


def sla_lists(*, today: datetime.date | None = None) -> dict[str, list[Question]]:
    """Unscoped: for the reminder job, which acts for the whole cell."""
    breached, due_soon = _sla_querysets(today or timezone.localdate())
    return {
        "breached": list(breached.select_related(*LIST_RELATED).order_by("answer_due", "pk")),
        "due_soon": list(due_soon.select_related(*LIST_RELATED).order_by("answer_due", "pk")),
    }


def sla_counts(*, user, today: datetime.date | None = None) -> dict[str, int]:
    """How many questions `sla_overview` would list, counted by the database (the home dashboard's cards)."""
    if not is_cell_staff(user):
        return {"breached": 0, "due_soon": 0}
    breached, due_soon = _sla_querysets(today or timezone.localdate())
    return {"breached": breached.count(), "due_soon": due_soon.count()}


def sla_state(question: Question, *, today: datetime.date | None = None, calendar=None) -> dict:
    """Where the question stands against its two deadlines, for the detail page."""
    today = today or timezone.localdate()
    calendar = calendar or WorkingCalendar()

    def one(done_at, due):
        if due is None:
            return {"due": None, "met": None, "remaining": None}
        if done_at is not None:
            return {"due": due, "met": timezone.localdate(done_at) <= due, "remaining": None}
        return {"due": due, "met": None, "remaining": calendar.remaining(today, due)}

    return {
        "paused": question.is_paused,
        "paused_days": question.paused_days,
        "ack": one(question.acknowledged_at, question.ack_due),
        "answer": one(question.first_answered_at, question.answer_due),
    }
