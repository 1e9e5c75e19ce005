"""Invented questions for demonstrations and benchmarks (every row is_demo=True).

Categories get sensible default terms; routing rules send questions per
province to the demo teams. Questions are spread over the last half year in
every status, with replies, a few internal notes and satisfaction scores.
Running it twice leaves one set.
"""

import datetime
import random
from typing import IO

from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Team, User
from apps.registry.models import Organisation, TerritorialUnit

from .models import Category, InternalNote, Question, Reply, RoutingRule, Satisfaction
from .services.common import _place, sla_recompute
from .sla import WorkingCalendar
from .workflows import Status

CATEGORIES = [
    ("Bovenlokale samenwerking", "samenwerking", 1, 5),
    ("Subsidies en erkenning", "subsidies", 1, 5),
    ("Cijfers en rapportering", "cijfers", 1, 5),
    ("Collectie en dienstverlening", "dienstverlening", 1, 5),
    ("Juridische vragen", "juridisch", 2, 10),
]

SUBJECTS = [
    "Hoe starten we een bovenlokaal samenwerkingsverband?",
    "Welke cijfers moeten we dit jaar aanleveren?",
    "Kunnen we samen een subsidie aanvragen met onze buurgemeente?",
    "Is er een model van samenwerkingsovereenkomst?",
    "Hoe tellen we bezoekers van een uitleenpunt?",
    "Mag een filiaal op zondag open met vrijwilligers?",
    "Wie is de contactpersoon voor onze referentieregio?",
    "Hoe pakken andere bibliotheken leesbevordering aan?",
]

ASKERS = ["Greet Vanhove", "Luc Desmet", "Ine Verbeke", "Joris Claeys", "Mieke Van Damme", "Sam Aerts"]

REPLY = "Dank voor je vraag. In bijlage van ons kenniscentrum vind je een voorbeeld; we bellen je graag even op."


def _categories() -> list[Category]:
    result = []
    for position, (name, slug, ack, answer) in enumerate(CATEGORIES):
        category, _created = Category.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "ack_days": ack, "answer_days": answer, "position": position, "is_demo": True},
        )
        result.append(category)
    return result


def _rules(categories: list[Category]) -> None:
    RoutingRule.objects.filter(is_demo=True).delete()
    teams = {team.slug: team for team in Team.objects.filter(slug__in=["regio-west", "regio-oost", "kenniscentrum"])}
    provinces = {p.name_nl: p for p in TerritorialUnit.objects.filter(level="province")}
    rules = []
    if "kenniscentrum" in teams:
        rules.append(RoutingRule(position=5, category=categories[2], team=teams["kenniscentrum"], is_demo=True))
    for position, (team_slug, names) in enumerate(
        [
            ("regio-west", ["West-Vlaanderen", "Oost-Vlaanderen"]),
            ("regio-oost", ["Antwerpen", "Vlaams-Brabant", "Limburg"]),
        ]
    ):
        for name in names:
            if team_slug in teams and name in provinces:
                rules.append(
                    RoutingRule(position=10 + position, province=provinces[name], team=teams[team_slug], is_demo=True)
                )
    RoutingRule.objects.bulk_create(rules)


def load_demo(*, scale: int = 1, stdout: IO[str] | None = None) -> dict:
    scale = max(1, int(scale))
    rng = random.Random(9)
    with transaction.atomic():
        Question.objects.filter(is_demo=True).delete()
        categories = _categories()
        _rules(categories)
        organisations = list(
            Organisation.objects.filter(kind__in=["library", "cooperation"]).select_related("municipality__parent")[
                :200
            ]
        )
        handlers = list(User.objects.filter(groups__name="cell_staff", is_active=True).distinct()[:5])
        teams = list(Team.objects.all()[:3])
        calendar = WorkingCalendar()
        now = timezone.now()
        statuses = [Status.NEW, Status.ASSIGNED, Status.WAITING, Status.ANSWERED, Status.CLOSED, Status.CLOSED]
        replies, notes, scores = [], [], []
        count = 40 * scale
        for n in range(count):
            received = now - datetime.timedelta(days=rng.randint(0, 180), hours=rng.randint(0, 8))
            organisation = rng.choice(organisations) if organisations and rng.random() < 0.85 else None
            name = rng.choice(ASKERS)
            question = Question(
                subject=rng.choice(SUBJECTS),
                body="Beste cel, " + rng.choice(SUBJECTS).lower() + " Alvast bedankt.",
                channel=rng.choice(["web", "web", "web", "phone", "mail"]),
                asker_name=name,
                asker_email=f"{name.split()[0].lower()}.{n}@demo.knooppunt.invalid",
                category=rng.choice(categories),
                organisation=organisation,
                received_at=received,
                status=rng.choice(statuses) if received < now - datetime.timedelta(days=10) else Status.NEW,
                team=rng.choice(teams) if teams else None,
                assignee=rng.choice(handlers) if handlers else None,
                is_demo=True,
            )
            _place(question)
            sla_recompute(question, calendar)
            if question.status != Status.NEW:
                start = timezone.localdate(received)
                question.acknowledged_at = received + datetime.timedelta(hours=rng.randint(1, 40))
                if question.status in (Status.ANSWERED, Status.CLOSED):
                    answered = calendar.add_working_days(start, rng.randint(1, 8))
                    question.first_answered_at = timezone.make_aware(
                        datetime.datetime.combine(answered, datetime.time(11))
                    )
                if question.status == Status.CLOSED:
                    question.closed_at = question.first_answered_at + datetime.timedelta(days=2)
                if question.status == Status.WAITING:
                    question.paused_since = question.acknowledged_at
            question._change_reason = "demo"
            question.save()
            if question.first_answered_at:
                author = question.assignee
                replies.append(
                    Reply(
                        question=question,
                        author=author,
                        author_name=author.get_full_name() if author else "De cel",
                        body=REPLY,
                        is_answer=True,
                        created_at=question.first_answered_at,
                        is_demo=True,
                    )
                )
            if n % 4 == 0 and question.status != Status.NEW:
                notes.append(
                    InternalNote(question=question, author=question.assignee, body="Eerst even bellen.", is_demo=True)
                )
            if question.status == Status.CLOSED and rng.random() < 0.6:
                scores.append(Satisfaction(question=question, score=rng.choice([3, 4, 4, 5, 5]), is_demo=True))
        Reply.objects.bulk_create(replies)
        InternalNote.objects.bulk_create(notes)
        Satisfaction.objects.bulk_create(scores)
        # The cell finds questions in the platform search. The whole index is rebuilt (not only this
        # source) because the shared lexicon that splits compounds depends on every document.
        from apps.search.services import rebuild_index

        indexed = rebuild_index()
    return {
        "categories": len(categories),
        "questions": count,
        "replies": len(replies),
        "scores": len(scores),
        "indexed": indexed,
    }
