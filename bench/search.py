"""`python -m bench.search [--quick] [--articles N]`: relevance and latency of Knooppunt's search.

Prints nDCG@10, MRR and Recall@10 on the graded query set (bench/data/search_judgements.json)
for Knooppunt's search on SQLite and PostgreSQL and, in the same run, for a plain
PostgreSQL full-text search with the built-in 'dutch' configuration (setweight title A,
body B, plainto_tsquery, ts_rank: what Django's SearchVector/SearchQuery/SearchRank give).
Then median and p95 latency at N generated articles (50,000; --quick: 2,000) on both
databases. Each database part runs in a child process in a throwaway test database.
PostgreSQL: postgres://postgres@127.0.0.1:5432 (override with BENCH_POSTGRES_URL).
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

JUDGEMENTS = Path(__file__).parent / "data" / "search_judgements.json"
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/knooppunt_bench_search")
K = 10


# --- metrics --------------------------------------------------------------------------------


def grade_of(item, grades: dict[str, int]) -> int:
    return max(grades.get(f"theme:{item.theme}", 0), grades.get(f"sub:{item.subtopic}", 0))


def metrics(ranked: list[str], grades_by_slug: dict[str, int]) -> tuple[float, float, float]:
    gains = [grades_by_slug.get(slug, 0) for slug in ranked[:K]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(grades_by_slug.values(), reverse=True)[:K]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    rr = next((1 / (i + 1) for i, g in enumerate(gains) if g > 0), 0.0)
    relevant = sum(1 for g in grades_by_slug.values() if g > 0)
    recall = sum(1 for g in gains if g > 0) / min(relevant, K) if relevant else 0.0
    return (dcg / idcg if idcg else 0.0), rr, recall


def evaluate(search_fn, corpus, queries) -> dict:
    ndcgs, rrs, recalls, abstained, rankings, per_query = [], [], [], [], {}, {}
    for query in queries:
        ranked = search_fn(query["q"])
        rankings[query["q"]] = ranked[:K]
        if not query["grades"]:
            abstained.append(1.0 if not ranked else 0.0)
            continue
        grades = {item.slug: grade_of(item, query["grades"]) for item in corpus}
        grades = {slug: g for slug, g in grades.items() if g}
        n, r, rec = metrics(ranked, grades)
        per_query[query["q"]] = round(n, 3)
        ndcgs.append(n)
        rrs.append(r)
        recalls.append(rec)
    return {
        "ndcg": statistics.mean(ndcgs),
        "mrr": statistics.mean(rrs),
        "recall": statistics.mean(recalls),
        "no_answer": statistics.mean(abstained) if abstained else 1.0,
        "rankings": rankings,
        "per_query": per_query,
    }


# --- child process: one database ---------------------------------------------------------------


def _owner():
    from apps.accounts.models import User, role_group
    from apps.accounts.roles import Role

    user, _created = User.objects.get_or_create(username="demo-cel", defaults={"email": "bench@example.test"})
    user.groups.add(role_group(Role.CELL_STAFF))
    return user


def _searchable(corpus):
    from apps.knowledge.models import ArticleState

    return [item for item in corpus if item.state == ArticleState.PUBLISHED]


def _knooppunt_search(user):
    from apps.knowledge.models import Article
    from apps.search.engine import run_search
    from apps.search.registry import allowed_access

    slugs = dict(Article.objects.values_list("pk", "slug"))
    allowed = allowed_access(user)

    def search(q: str) -> list[str]:
        outcome = run_search(allowed=allowed, query=q, limit=K)
        return [slugs[int(hit.document.object_id)] for hit in outcome.hits]

    return search


BASELINE_SQL = """
CREATE TABLE baseline_article (slug text PRIMARY KEY, document tsvector);
INSERT INTO baseline_article
SELECT a.slug, setweight(to_tsvector('dutch', a.title), 'A') ||
       setweight(to_tsvector('dutch', a.summary || ' ' || regexp_replace(a.body, '<[^>]+>', ' ', 'g')), 'B')
FROM knowledge_article a WHERE a.state = 'published';
CREATE INDEX baseline_article_document ON baseline_article USING gin (document);
ANALYZE baseline_article;
"""


def _baseline_search():
    from django.db import connection

    def search(q: str) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT slug FROM baseline_article, plainto_tsquery('dutch', %s) query "
                "WHERE document @@ query ORDER BY ts_rank(document, query) DESC, slug LIMIT 10",
                [q],
            )
            return [row[0] for row in cursor.fetchall()]

    return search


def _build_baseline() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS baseline_article")
        for statement in BASELINE_SQL.strip().split(";\n"):
            if statement.strip():
                cursor.execute(statement)


def _latency(fn, queries, repeat: int) -> dict:
    timings = []
    for _ in range(repeat):
        for query in queries:
            started = time.perf_counter()
            fn(query["q"])
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {"median": statistics.median(timings), "p95": timings[int(0.95 * (len(timings) - 1))]}


def _grow(total: int, owner) -> float:
    """Add generated articles up to `total` (plain bulk inserts) and rebuild the index; returns seconds."""
    from apps.knowledge.demo import _themes, generate_articles
    from apps.knowledge.models import Article
    from apps.search.services import rebuild_index, vacuum_index

    existing = Article.objects.count()
    extra = generate_articles(max(0, total - existing), seed=7)
    themes = _themes()
    rows = [
        Article(
            slug=f"bench-{i:06d}", title=item.title, summary=item.summary, body=item.body, kind=item.kind,
            state="published", visibility=item.visibility, owner=owner, is_demo=True,
        )
        for i, item in enumerate(extra)
    ]  # fmt: skip
    Article.objects.bulk_create(rows, batch_size=2000)
    ids = dict(Article.objects.filter(slug__startswith="bench-").values_list("slug", "pk"))
    Article.themes.through.objects.bulk_create(
        [
            Article.themes.through(article_id=ids[f"bench-{i:06d}"], theme_id=themes[item.theme].pk)
            for i, item in enumerate(extra)
        ],
        batch_size=5000,
    )
    started = time.perf_counter()
    rebuild_index()
    # As `manage.py rebuild_search_index` does (PostgreSQL: VACUUM ANALYZE, the state autovacuum reaches anyway).
    vacuum_index()
    return time.perf_counter() - started


def child(articles: int, repeat: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knooppunt.settings")
    import django

    django.setup()
    from django.db import connection

    from bench.environment import throwaway_database

    with throwaway_database():
        return _child_run(articles, repeat, connection.vendor)


def _child_run(articles: int, repeat: int, vendor: str) -> dict:
    from apps.knowledge.demo import PER_SCALE, _create, generate_articles, load_synonyms
    from apps.search.selectors import search
    from apps.search.services import rebuild_index

    queries = json.loads(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]
    owner = _owner()
    corpus = generate_articles(PER_SCALE)
    load_synonyms()
    _create(corpus, [owner])
    rebuild_index()
    searchable = _searchable(corpus)
    result = {"vendor": vendor, "knooppunt": evaluate(_knooppunt_search(owner), searchable, queries)}
    if vendor == "postgresql":
        _build_baseline()
        result["baseline"] = evaluate(_baseline_search(), searchable, queries)
    result["index_seconds"] = _grow(articles, owner)
    result["latency"] = _latency(lambda q: search(user=owner, query=q), queries, repeat)
    if vendor == "postgresql":
        _build_baseline()
        result["baseline_latency"] = _latency(_baseline_search(), queries, repeat)
    from apps.knowledge.models import Article

    result["articles"] = Article.objects.count()
    return result


# --- parent -----------------------------------------------------------------------------------


def _run_child(database_url: str | None, articles: int, repeat: int) -> dict:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    completed = subprocess.run(
        [sys.executable, "-m", "bench.search", "--child", "--articles", str(articles), "--repeat", str(repeat)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr[-3000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 articles and one round of queries")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.repeat = 2_000, 1
    if args.child:
        print(json.dumps(child(args.articles, args.repeat)))
        return 0
    sqlite = _run_child(None, args.articles, args.repeat)
    postgres = _run_child(POSTGRES_URL, args.articles, args.repeat)
    identical = sqlite["knooppunt"]["rankings"] == postgres["knooppunt"]["rankings"]
    queries = len(json.loads(JUDGEMENTS.read_text(encoding="utf-8"))["queries"])
    print(f"Search relevance on the demo corpus ({queries} queries with graded judgements, top {K})")
    header = f"{'system':<42}{'nDCG@10':>9}{'MRR':>8}{'R@10':>8}{'no-answer':>11}"
    print(header)
    print("-" * len(header))
    for label, figures in (
        ("Knooppunt (SQLite)", sqlite["knooppunt"]),
        ("Knooppunt (PostgreSQL)", postgres["knooppunt"]),
        ("PostgreSQL full-text 'dutch' (baseline)", postgres["baseline"]),
    ):
        print(
            f"{label:<42}{figures['ndcg']:>9.3f}{figures['mrr']:>8.3f}{figures['recall']:>8.3f}"
            f"{figures['no_answer']:>11.2f}"
        )
    delta = postgres["knooppunt"]["ndcg"] - postgres["baseline"]["ndcg"]
    print(f"nDCG@10 gain over the baseline: {delta:+.3f}  (goals: ≥ 0.90 and ≥ +0.15)")
    print(f"Same rankings on SQLite and PostgreSQL: {'yes' if identical else 'NO'}")
    print()
    print(f"Latency per query at {sqlite['articles']:,} articles (full search: facets and snippets)")
    print(f"{'database':<42}{'median ms':>10}{'p95 ms':>9}{'index s':>9}")
    rows = [
        ("Knooppunt on SQLite", sqlite["latency"], sqlite["index_seconds"]),
        ("Knooppunt on PostgreSQL", postgres["latency"], postgres["index_seconds"]),
        ("PostgreSQL full-text 'dutch' (top 10 only)", postgres["baseline_latency"], None),
    ]
    for label, figures, seconds in rows:
        indexed = f"{seconds:>9.1f}" if seconds is not None else f"{'':>9}"
        print(f"{label:<42}{figures['median']:>10.1f}{figures['p95']:>9.1f}{indexed}")
    print("Goal: p95 ≤ 50 ms at 50,000 articles.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
