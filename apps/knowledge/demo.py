"""Invented demo articles (is_demo=True): N×200 articles on the sector's themes, deterministic per scale.

The generator (`generate_articles`) is also used by bench/search.py, which needs the
theme and subtopic of each article to grade relevance.
"""

import datetime
import random
from dataclasses import dataclass
from typing import IO

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from apps.core.models import Pillar, Value, ValueAssessment
from apps.knowledge.demo_corpus import DEFAULT_SYNONYMS, FILLER, KIND_TITLES, PLACES, THEMES
from apps.knowledge.models import Article, ArticleState, Theme, Visibility

SEED = 20251125
PER_SCALE = 200
KINDS = list(KIND_TITLES)
THEME_VALUES = {
    "duurzaamheid": ["sustainability", "duurzaamheid"],
    "armoede": ["social-cohesion", "sociale-cohesie"],
    "participatie": ["participation", "participatie"],
}


@dataclass
class GeneratedArticle:
    slug: str
    title: str
    summary: str
    body: str
    kind: str
    theme: str
    subtopic: str
    visibility: str
    state: str
    place: str
    review_offset_days: int
    year: int


def _paragraphs(rng: random.Random, sentences: list[str], count: int) -> list[str]:
    return rng.sample(sentences, min(count, len(sentences)))


def generate_articles(count: int, *, seed: int = SEED) -> list[GeneratedArticle]:
    rng = random.Random(seed)
    slugs = list(THEMES)
    result: list[GeneratedArticle] = []
    for index in range(count):
        theme_slug = slugs[index % len(slugs)]
        name, phrases, sentences, questions = THEMES[theme_slug]
        kind = KINDS[(index // len(slugs)) % len(KINDS)]
        subtopic, phrase = phrases[(index // (len(slugs) * len(KINDS)) + index) % len(phrases)]
        place = PLACES[rng.randrange(len(PLACES))]
        template = rng.choice(KIND_TITLES[kind])
        question = questions[index % len(questions)]
        title = template.format(place=place, phrase=phrase, theme_lower=name.lower(), question=question)
        title = title[0].upper() + title[1:]
        own = _paragraphs(rng, sentences, rng.randint(3, 5))
        other_theme = THEMES[slugs[rng.randrange(len(slugs))]]
        mixed = _paragraphs(rng, other_theme[2], 1)
        filler = _paragraphs(rng, FILLER, rng.randint(1, 3))
        summary = own[0]
        body_parts = [f"<h2>{name}</h2>", f"<p>{' '.join(own[1:3])}</p>"]
        if len(own) > 3:
            body_parts.append("<ul>" + "".join(f"<li>{s}</li>" for s in own[3:]) + "</ul>")
        body_parts.append(f"<p>{' '.join(filler + mixed)}</p>")
        if kind == "faq":
            body_parts.insert(0, f"<p><strong>Vraag:</strong> Hoe {question}?</p>")
        state = ArticleState.PUBLISHED
        if index % 23 == 7:
            state = ArticleState.DRAFT
        elif index % 31 == 11:
            state = ArticleState.ARCHIVED
        elif index % 37 == 5:
            state = ArticleState.IN_REVIEW
        result.append(
            GeneratedArticle(
                slug=f"demo-{index + 1:05d}",
                title=title[:200],
                summary=summary,
                body="\n".join(body_parts),
                kind=kind,
                theme=theme_slug,
                subtopic=subtopic,
                visibility=Visibility.INTERNAL if index % 4 == 3 else Visibility.PUBLIC,
                state=state,
                place=place,
                # Some reviews are overdue, most lie ahead (never more than a year).
                review_offset_days=-rng.randint(5, 90) if index % 9 == 4 else rng.randint(10, 360),
                year=2021 + index % 5,
            )
        )
    return result


def _owners():
    users = list(
        get_user_model().objects.filter(username__startswith="demo-cel", is_active=True).order_by("username")[:6]
    )
    if not users:
        users = list(get_user_model().objects.filter(is_superuser=True).order_by("pk")[:1])
    return users


def _themes() -> dict[str, Theme]:
    themes = {}
    for slug, (name, *_rest) in THEMES.items():
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            theme = Theme.objects.create(name=name, slug=slug, is_demo=True)
        themes[slug] = theme
    return themes


def load_synonyms() -> int:
    from apps.search.models import Synonym
    from apps.search.vocabulary import bump_version

    created = 0
    for terms, note in DEFAULT_SYNONYMS:
        if not Synonym.objects.filter(terms=terms).exists():
            Synonym.objects.create(terms=terms, note=note, is_demo=True)
            created += 1
    bump_version()
    return created


def load_demo(*, scale: int = 1, stdout: IO[str] | None = None) -> dict:
    """Create scale×200 demo articles (replacing other demo articles), synonyms, and rebuild the index."""
    from apps.search.services import rebuild_index

    scale = max(1, int(scale))
    expected = scale * PER_SCALE
    synonyms = load_synonyms()
    owners = _owners()
    if not owners:
        return {"articles": 0, "note": "no demo users"}
    with transaction.atomic():
        if Article.objects.filter(is_demo=True).count() != expected:
            Article.objects.filter(is_demo=True).delete()
            _create(generate_articles(expected), owners)
        count = rebuild_index(stdout=stdout)
    return {"articles": expected, "synonyms": synonyms, "indexed": count}


def _create(generated: list[GeneratedArticle], owners: list) -> None:
    from apps.registry.models import Organisation

    themes = _themes()
    pillars = list(Pillar.objects.order_by("position"))
    values = {v.code: v for v in Value.objects.order_by("position")}
    value_list = list(values.values())
    libraries = list(Organisation.objects.filter(kind="library").order_by("name").values_list("pk", "name")[:400])
    today = timezone.localdate()
    now = timezone.now()
    articles = []
    for index, item in enumerate(generated):
        published = item.state in {ArticleState.PUBLISHED, ArticleState.ARCHIVED}
        articles.append(
            Article(
                slug=item.slug,
                title=item.title,
                summary=item.summary,
                body=item.body,
                kind=item.kind,
                state=item.state,
                visibility=item.visibility,
                owner=owners[index % len(owners)],
                reviewer=owners[(index + 1) % len(owners)] if published else None,
                published_at=now.replace(year=item.year) if published else None,
                last_reviewed_on=today - datetime.timedelta(days=365 - item.review_offset_days) if published else None,
                review_due_on=today + datetime.timedelta(days=item.review_offset_days) if published else None,
                is_demo=True,
            )
        )
    created = bulk_create_with_history(articles, Article, batch_size=500, default_change_reason="Demogegevens")
    created = list(Article.objects.filter(slug__in=[a.slug for a in articles]).order_by("slug"))
    by_slug = {a.slug: a for a in created}
    theme_links, pillar_links, org_links, assessments = [], [], [], []
    content_type = ContentType.objects.get_for_model(Article)
    for index, item in enumerate(generated):
        article = by_slug[item.slug]
        theme_links.append(Article.themes.through(article_id=article.pk, theme_id=themes[item.theme].pk))
        if pillars:
            pillar_links.append(
                Article.pillars.through(article_id=article.pk, pillar_id=pillars[index % len(pillars)].pk)
            )
        for pk, name in libraries:
            if item.place.lower() in name.lower():
                org_links.append(Article.organisations.through(article_id=article.pk, organisation_id=pk))
                break
        if value_list:
            chosen = next((values[c] for c in THEME_VALUES.get(item.theme, []) if c in values), None)
            chosen = chosen or value_list[index % len(value_list)]
            assessments.append(
                ValueAssessment(
                    content_type=content_type,
                    object_id=str(article.pk),
                    value=chosen,
                    motivation="Demomotivering: het artikel draagt bij aan deze waarde.",
                )
            )
    Article.themes.through.objects.bulk_create(theme_links, batch_size=1000)
    Article.pillars.through.objects.bulk_create(pillar_links, batch_size=1000)
    Article.organisations.through.objects.bulk_create(org_links, batch_size=1000)
    ValueAssessment.objects.bulk_create(assessments, batch_size=1000)
