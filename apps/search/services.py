"""Writes of the search app: keeping the index in step with the registered sources, and the synonyms."""

from collections import Counter
from collections.abc import Callable, Iterable
from typing import IO, Any

from django.db import connection, models, transaction

from apps.core.permissions import check
from apps.search import registry
from apps.search.analysis import analyse, base_terms
from apps.search.models import Posting, SearchDocument, Synonym, Term
from apps.search.vocabulary import bump_version, lexicon_now

# Field weights and reference lengths used for `Posting.impact` (document-local, stable).
TITLE_WEIGHT = 3.0
IMPACT_TITLE_LENGTH = 8.0
IMPACT_BODY_LENGTH = 300.0
MAX_TEXT = 60_000


def _codes(items: Iterable[str]) -> str:
    codes = sorted({str(item) for item in items if item})
    return f"|{'|'.join(codes)}|" if codes else ""


def impact(title_tf: int, body_tf: int, title_length: int, body_length: int) -> int:
    weighted = TITLE_WEIGHT * title_tf / (0.25 + 0.75 * title_length / IMPACT_TITLE_LENGTH) + body_tf / (
        0.25 + 0.75 * body_length / IMPACT_BODY_LENGTH
    )
    return int(round(100_000 * weighted / (1.2 + weighted)))


def _body_text(data: registry.DocumentData) -> str:
    return f"{data.summary}\n{data.body}".strip()[:MAX_TEXT]


def _prepare(source: registry.SearchSource, obj: Any, data: registry.DocumentData, lexicon, cache=None) -> tuple:
    title_terms = analyse(data.title, lexicon, cache)
    body_terms = analyse(_body_text(data), lexicon, cache)
    document = SearchDocument(
        source=source.name,
        object_id=str(obj.pk),
        access=data.access,
        title=data.title[:300],
        summary=data.summary,
        text=data.body[:MAX_TEXT],
        url=data.url[:300],
        kind=data.kind,
        pillars=_codes(data.pillars)[:300],
        values=_codes(data.values)[:300],
        themes=_codes(data.themes)[:600],
        year=data.year,
        title_length=len(title_terms),
        body_length=len(body_terms),
        is_demo=data.is_demo,
    )
    return document, Counter(title_terms), Counter(body_terms)


POSTING_COLUMNS = ("term", "document_id", "access", "title_tf", "body_tf", "title_length", "body_length", "impact")


def _postings(document: SearchDocument, title_counts: Counter, body_counts: Counter) -> list[tuple]:
    """The posting rows of a document, as tuples in the order of POSTING_COLUMNS."""
    rows = []
    for term in sorted(set(title_counts) | set(body_counts)):
        title_tf = min(title_counts.get(term, 0), 32000)
        body_tf = min(body_counts.get(term, 0), 32000)
        rows.append(
            (
                term,
                document.pk,
                document.access,
                title_tf,
                body_tf,
                document.title_length,
                document.body_length,
                impact(title_tf, body_tf, document.title_length, document.body_length),
            )
        )
    return rows


def _insert_postings(rows: list[tuple]) -> None:
    """Plain multi-row INSERTs: a rebuild writes millions of postings, and model instances cost most of the time."""
    table = connection.ops.quote_name(Posting._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in POSTING_COLUMNS)
    placeholders = "(" + ", ".join(["%s"] * len(POSTING_COLUMNS)) + ")"
    # SQLite allows at most 32,766 parameters per statement (older builds: 999).
    per_statement = 100 if connection.vendor == "sqlite" else 1000
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([placeholders] * len(chunk))}",
                [value for row in chunk for value in row],
            )


def _adjust_terms(changes: Counter) -> None:
    """Apply df deltas {(term, access): delta} in a few queries."""
    changes = Counter({key: delta for key, delta in changes.items() if delta})
    if not changes:
        return
    terms = {term for term, _access in changes}
    existing = {(t.term, t.access): t for t in Term.objects.filter(term__in=terms)}
    to_update, to_create = [], []
    for (term, access), delta in sorted(changes.items()):
        row = existing.get((term, access))
        if row is None:
            if delta > 0:
                to_create.append(Term(term=term, access=access, df=delta))
        else:
            row.df = max(0, row.df + delta)
            to_update.append(row)
    Term.objects.bulk_update(to_update, ["df"], batch_size=500)
    Term.objects.bulk_create(to_create, batch_size=500)
    Term.objects.filter(df=0).filter(term__in=terms).delete()


def _remove(source_name: str, object_id: str) -> Counter:
    changes: Counter = Counter()
    document = SearchDocument.objects.filter(source=source_name, object_id=object_id).first()
    if document is None:
        return changes
    for term in Posting.objects.filter(document=document).values_list("term", flat=True):
        changes[(term, document.access)] -= 1
    document.delete()
    return changes


@transaction.atomic
def index_object(obj: models.Model) -> SearchDocument | None:
    """(Re)index one object of a registered source; removes it from the index when it is not searchable."""
    source = registry.source_for(obj)
    if source is None:
        return None
    changes = _remove(source.name, str(obj.pk))
    data = source.document(obj)
    document = None
    if data is not None:
        lexicon = lexicon_now() | frozenset(base_terms(f"{data.title} {_body_text(data)}"))
        document, title_counts, body_counts = _prepare(source, obj, data, lexicon)
        document.save()
        postings = _postings(document, title_counts, body_counts)
        _insert_postings(postings)
        for posting in postings:
            changes[(posting[0], document.access)] += 1
    _adjust_terms(changes)
    bump_version()
    return document


@transaction.atomic
def unindex_object(obj: models.Model) -> None:
    source = registry.source_for(obj)
    if source is None:
        return
    _adjust_terms(_remove(source.name, str(obj.pk)))
    bump_version()


def _collect(source: registry.SearchSource, batch: int = 500):
    queryset = source.queryset().order_by("pk")
    if source.prefetch:
        queryset = queryset.prefetch_related(*source.prefetch)
    last = None
    while True:
        page = queryset if last is None else queryset.filter(pk__gt=last)
        objects = list(page[:batch])
        if not objects:
            return
        for obj in objects:
            data = source.document(obj)
            if data is not None:
                yield obj, data
        last = objects[-1].pk


@transaction.atomic
def rebuild_index(
    *,
    source_names: Iterable[str] | None = None,
    stdout: IO[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Rebuild the whole index (or some sources): lexicon from the corpus first, then terms and compounds.

    Returns the number of indexed documents.
    """
    chosen = [s for s in registry.sources() if source_names is None or s.name in set(source_names)]
    for source in chosen:
        SearchDocument.objects.filter(source=source.name).delete()
    Term.objects.all().delete()
    items = [(source, obj, data) for source in chosen for obj, data in _collect(source)]
    lexicon: set[str] = set()
    for _source, _obj, data in items:
        lexicon.update(t for t in base_terms(f"{data.title} {_body_text(data)}") if t.isalpha())
    # Documents of sources that were not rebuilt keep their terms in the lexicon.
    lexicon.update(
        Posting.objects.exclude(document__source__in=[s.name for s in chosen]).values_list("term", flat=True).distinct()
    )
    frozen = frozenset(lexicon)
    cache: dict[str, list[str]] = {}
    count = 0
    for start in range(0, len(items), 500):
        chunk = items[start : start + 500]
        prepared = [_prepare(source, obj, data, frozen, cache) for source, obj, data in chunk]
        documents = SearchDocument.objects.bulk_create([p[0] for p in prepared])
        if any(d.pk is None for d in documents):
            keys = [(d.source, d.object_id) for d in documents]
            ids = {
                (s, o): pk
                for s, o, pk in SearchDocument.objects.filter(
                    source__in={k[0] for k in keys}, object_id__in=[k[1] for k in keys]
                ).values_list("source", "object_id", "pk")
            }
            for document in documents:
                document.pk = ids[(document.source, document.object_id)]
        postings = []
        for document, (_d, title_counts, body_counts) in zip(documents, prepared, strict=True):
            postings.extend(_postings(document, title_counts, body_counts))
        _insert_postings(postings)
        count += len(documents)
        if progress:
            progress(count)
        if stdout:
            stdout.write(f"  search: {count} documents indexed\n")
    _recount_terms()
    _analyse_tables()
    bump_version()
    return count


def vacuum_index() -> None:
    """After a rebuild, on PostgreSQL: VACUUM ANALYZE the index tables (what autovacuum does later anyway).

    Fresh visibility maps let term lookups be index-only scans at once. Runs only
    outside a transaction (VACUUM cannot run inside one); elsewhere it does nothing.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in (Posting, Term, SearchDocument):
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _analyse_tables() -> None:
    """Fresh planner statistics after a bulk load, so term lookups use the covering index at once."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (Posting, Term, SearchDocument):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _recount_terms() -> None:
    rows = Posting.objects.values_list("term", "access").annotate(n=models.Count("pk")).order_by("term", "access")
    Term.objects.bulk_create([Term(term=t, access=a, df=n) for t, a, n in rows.iterator(5000)], batch_size=2000)


# --- Synonyms ---------------------------------------------------------------------------


def _clean_terms(terms: str) -> str:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    parts = [" ".join(part.split()) for part in (terms or "").split(",")]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        raise ValidationError({"terms": _("Geef minstens twee termen, gescheiden door een komma.")})
    if any(not base_terms(part) for part in parts):
        raise ValidationError({"terms": _("Elke term moet minstens één zoekbaar woord bevatten.")})
    return ", ".join(parts)[:500]


@transaction.atomic
def synonym_create(*, actor, terms: str, note: str = "", reason: str = "", is_demo: bool = False) -> Synonym:
    check(actor, "search.add_synonym")
    synonym = Synonym(terms=_clean_terms(terms), note=note, is_demo=is_demo)
    synonym._history_user = actor
    synonym._change_reason = reason
    synonym.save()
    bump_version()
    return synonym


@transaction.atomic
def synonym_update(*, actor, synonym: Synonym, terms: str, note: str = "", reason: str = "") -> Synonym:
    check(actor, "search.change_synonym", synonym)
    synonym.terms = _clean_terms(terms)
    synonym.note = note
    synonym._history_user = actor
    synonym._change_reason = reason
    synonym.save()
    bump_version()
    return synonym


@transaction.atomic
def synonym_delete(*, actor, synonym: Synonym) -> None:
    check(actor, "search.delete_synonym", synonym)
    synonym._history_user = actor
    synonym.delete()
    bump_version()
