"""The query side: plan a query, fetch candidates with plain SQL, rank them in Python.

Both databases answer the same two simple questions (postings of a term, and the
documents with given ids), so SQLite and PostgreSQL return the same candidates;
scoring (BM25F with a title boost), tie-breaking and facet counting happen here,
in one code path, so the order is identical too.

A query becomes a list of *concepts* (one per word or synonym phrase); each concept
has alternatives with a weight: the word itself (1.0), its synonyms (0.9), typo
corrections against the vocabulary the user may see (0.8), and its compound parts
all together (0.7). A document scores the best alternative per concept, and the
sum is scaled by the share of concepts it matches.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from apps.core.compiled import CompiledQuery
from apps.search.analysis import (
    base_terms,
    compound_parts,
    edit_distance,
    is_stopword,
    is_weak_word,
    stem,
    unique,
    words,
)
from apps.search.models import Posting, SearchDocument
from apps.search.vocabulary import Snapshot, snapshot

MAX_QUERY_CHARS = 200
MAX_CONCEPTS = 12
K1 = 1.2
B_TITLE = 0.6
B_BODY = 0.75
TITLE_BOOST = 3.0
# Postings read per term at most (best impact first); keeps common terms cheap at 50,000 articles.
TERM_CAP = 1000
# Postings read per term that only a guess (typo correction, prefix, compound part) brought in.
GUESS_CAP = 200
# Ranked candidates that are looked at for filters, facets and pages.
MAX_RESULTS = 1000
WEIGHT_SYNONYM = 0.9
WEIGHT_TYPO = 0.8
WEIGHT_COMPOUND = 0.7
WEIGHT_PREFIX = 0.6
MIN_PREFIX = 5
WEIGHT_WEAK_WORD = 0.35
MAX_PREFIX_EXPANSIONS = 8
FACETS = ("kind", "pillar", "value", "year")


@dataclass
class Alternative:
    terms: tuple[str, ...]
    weight: float
    # The parts of one compound word (their scores are averaged); otherwise the words of a phrase (summed).
    compound: bool = False


@dataclass
class Concept:
    text: str
    alternatives: list[Alternative]
    # Less than 1 for the generic verbs of a question (organiseer, maak, vind): they help, but never decide.
    weight: float = 1.0


@dataclass
class QueryPlan:
    text: str
    concepts: list[Concept]
    corrections: dict[str, str] = field(default_factory=dict)  # word as typed -> corrected word

    @property
    def terms(self) -> list[str]:
        return sorted({t for c in self.concepts for a in c.alternatives for t in a.terms})

    @property
    def highlight_terms(self) -> set[str]:
        return set(self.terms)


def clean_query(text: str) -> str:
    return " ".join((text or "").split())[:MAX_QUERY_CHARS]


def _typo_candidates(term: str, vocabulary: dict[str, int]) -> list[str]:
    """Vocabulary terms within edit distance 1 (short words) or 2, best first."""
    if len(term) < 4 or not term.isalpha():
        return []
    limit = 1 if len(term) < 7 else 2
    found = []
    for candidate, df in vocabulary.items():
        if abs(len(candidate) - len(term)) > limit or candidate[0] != term[0] and candidate[-1] != term[-1]:
            continue
        distance = edit_distance(term, candidate, limit)
        if distance <= limit:
            found.append((distance, -df, candidate))
    found.sort()
    return [candidate for _d, _df, candidate in found[:2]]


def plan_query(text: str, snap: Snapshot, allowed: frozenset[str]) -> QueryPlan:
    text = clean_query(text)
    vocabulary = snap.vocabulary(allowed)
    typed = [w for w in words(text) if not is_stopword(w) and len(w) > 1]
    if not typed:
        # A query of only stopwords ("wat is het") still searches for what was typed.
        typed = [w for w in words(text) if len(w) > 1]
    stems = [stem(w) for w in typed]
    concepts: list[Concept] = []
    corrections: dict[str, str] = {}
    i = 0
    while i < len(stems) and len(concepts) < MAX_CONCEPTS:
        phrase_length, groups = _longest_synonym_phrase(stems, i, snap)
        if phrase_length > 1:
            phrase = tuple(stems[i : i + phrase_length])
            alternatives = [Alternative(phrase, 1.0)] + _synonym_alternatives(phrase, groups, snap)
            concepts.append(Concept(" ".join(typed[i : i + phrase_length]), _dedupe(alternatives)))
            i += phrase_length
            continue
        concept = _word_concept(typed[i], stems[i], snap, vocabulary, corrections)
        if is_weak_word(typed[i]) and len(typed) > 1:
            concept.weight = WEIGHT_WEAK_WORD
        concepts.append(concept)
        i += 1
    return QueryPlan(text=text, concepts=concepts, corrections=corrections)


def _longest_synonym_phrase(stems: list[str], start: int, snap: Snapshot) -> tuple[int, list[int]]:
    for length in range(min(6, len(stems) - start), 1, -1):
        groups = snap.synonyms_by_term.get(tuple(stems[start : start + length]))
        if groups:
            return length, groups
    return 1, []


def _synonym_alternatives(phrase: tuple[str, ...], groups: list[int], snap: Snapshot) -> list[Alternative]:
    alternatives = []
    for group in groups:
        for other in snap.synonym_groups[group]:
            if other != phrase:
                alternatives.append(Alternative(other, WEIGHT_SYNONYM))
    return alternatives


def _word_concept(word: str, term: str, snap: Snapshot, vocabulary: dict[str, int], corrections) -> Concept:
    alternatives = [Alternative((term,), 1.0)]
    alternatives += _synonym_alternatives((term,), snap.synonyms_by_term.get((term,), []), snap)
    if term not in vocabulary and word not in vocabulary:
        parts = compound_parts(word, term, vocabulary)
        if len(parts) >= 2:
            alternatives.append(Alternative(tuple(parts[:2]), WEIGHT_COMPOUND, compound=True))
        else:
            for candidate in _typo_candidates(term, vocabulary):
                alternatives.append(Alternative((candidate,), WEIGHT_TYPO))
                alternatives += [
                    Alternative(a.terms, WEIGHT_TYPO * a.weight, a.compound)
                    for a in _synonym_alternatives((candidate,), snap.synonyms_by_term.get((candidate,), []), snap)
                ]
                corrections.setdefault(word, candidate)
    else:
        parts = compound_parts(word, term, vocabulary)
        if len(parts) >= 2:
            alternatives.append(Alternative(tuple(parts[:2]), WEIGHT_COMPOUND, compound=True))
    # The word as the first part of a compound in the corpus: voorlees → voorleesuur.
    alternatives += [Alternative((longer,), WEIGHT_PREFIX) for longer in _prefix_expansions(term, vocabulary)]
    return Concept(word, _dedupe(alternatives))


def _prefix_expansions(term: str, vocabulary: dict[str, int]) -> list[str]:
    if len(term) < MIN_PREFIX or not term.isalpha():
        return []
    found = sorted(
        (-df, candidate)
        for candidate, df in vocabulary.items()
        if len(candidate) >= len(term) + 3 and candidate.startswith(term)
    )
    return [candidate for _df, candidate in found[:MAX_PREFIX_EXPANSIONS]]


def _dedupe(alternatives: list[Alternative]) -> list[Alternative]:
    best: dict[tuple[str, ...], Alternative] = {}
    for alternative in alternatives:
        known = best.get(alternative.terms)
        if known is None or alternative.weight > known.weight:
            best[alternative.terms] = alternative
    return list(best.values())


# --- candidates and scoring ---------------------------------------------------------------


# A posting as read: (term, document id, title tf, body tf, title length, body length, impact).
PostingRow = tuple[str, int, int, int, int, int, int]


def _fetch_postings(terms: list[str], allowed: frozenset[str], vocabulary: dict[str, int], caps: dict[str, int]):
    """{term: [PostingRow]} for the query terms in one round trip; a common term is cut to its best postings.

    A term with at most `caps[term]` postings is read whole (one IN over all such
    terms); a more common one is read per access tag from the impact index with a
    LIMIT (an index range scan on both databases), and the tags are merged here
    by (impact, document) so the cut is the same on SQLite and PostgreSQL.
    """
    access = sorted(allowed)
    table = connection.ops.quote_name(Posting._meta.db_table)
    columns = "term, document_id, title_tf, body_tf, title_length, body_length, impact"
    small = sorted(t for t in terms if 0 < vocabulary.get(t, 0) <= caps.get(t, TERM_CAP))
    large = sorted(t for t in terms if vocabulary.get(t, 0) > caps.get(t, TERM_CAP))
    parts, params = [], []
    if small:
        parts.append(
            f"SELECT {columns} FROM {table} WHERE term IN ({', '.join(['%s'] * len(small))}) "
            f"AND access IN ({', '.join(['%s'] * len(access))})"
        )
        params += small + access
    for index, (term, tag) in enumerate((term, tag) for term in large for tag in access):
        parts.append(
            f"SELECT * FROM (SELECT {columns} FROM {table} WHERE term = %s AND access = %s "
            f"ORDER BY impact DESC, document_id LIMIT {int(caps.get(term, TERM_CAP))}) AS part{index}"
        )
        params += [term, tag]
    result: dict[str, list[PostingRow]] = defaultdict(list)
    if not parts:
        return result
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    for row in rows:
        result[row[0]].append(row)
    for term in large:
        cut = sorted(result[term], key=lambda row: (-row[6], row[1]))
        result[term] = cut[: caps.get(term, TERM_CAP)]
    return result


def _term_scores(postings, vocabulary, stats) -> dict[str, dict[int, float]]:
    documents, avg_title, avg_body = stats
    scores: dict[str, dict[int, float]] = {}
    for term in sorted(postings):
        df = max(vocabulary.get(term, 0), len(postings[term]))
        idf = math.log(1 + (documents - df + 0.5) / (df + 0.5))
        per_doc: dict[int, float] = {}
        for _term, document_id, title_tf, body_tf, title_length, body_length, _impact in postings[term]:
            weighted = TITLE_BOOST * title_tf / (1 - B_TITLE + B_TITLE * title_length / avg_title)
            weighted += body_tf / (1 - B_BODY + B_BODY * body_length / avg_body)
            per_doc[document_id] = idf * weighted * (K1 + 1) / (K1 + weighted)
        scores[term] = per_doc
    return scores


def score_documents(plan: QueryPlan, term_scores: dict[str, dict[int, float]]) -> dict[int, float]:
    totals: dict[int, float] = defaultdict(float)
    matched: dict[int, int] = defaultdict(int)
    for concept in plan.concepts:
        best: dict[int, float] = {}
        for alternative in concept.alternatives:
            per_term = [term_scores.get(term, {}) for term in alternative.terms]
            if not per_term or not per_term[0]:
                continue
            common = set(per_term[0])
            for scores in per_term[1:]:
                common &= set(scores)
            for document_id in common:
                value = alternative.weight * sum(scores[document_id] for scores in per_term)
                if alternative.compound:
                    value /= len(per_term)
                if value > best.get(document_id, 0.0):
                    best[document_id] = value
        for document_id, value in best.items():
            totals[document_id] += concept.weight * value
            matched[document_id] += concept.weight
    count = sum(concept.weight for concept in plan.concepts) or 1.0
    return {document_id: round(total * (matched[document_id] / count) ** 2, 9) for document_id, total in totals.items()}


# --- the search itself --------------------------------------------------------------------


@dataclass
class FacetValue:
    code: str
    label: str
    count: int
    selected: bool


@dataclass
class Hit:
    document: SearchDocument
    score: float


@dataclass
class SearchOutcome:
    plan: QueryPlan
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    ranked_ids: list[int]
    # The vocabulary's words at the time of the search (for highlighting compound parts).
    lexicon: frozenset[str] = frozenset()


DOC_FIELDS = ("id", "source", "object_id", "title", "kind", "pillars", "values", "year")


def _matches(row: dict, filters: dict[str, list[str]], skip: str | None = None) -> bool:
    for name, wanted in filters.items():
        if not wanted or name == skip:
            continue
        if name == "kind" and row["kind"] not in wanted:
            return False
        if name == "source" and row["source"] not in wanted:
            return False
        if name == "year" and str(row["year"]) not in wanted:
            return False
        if name == "pillar" and not any(f"|{code}|" in row["pillars"] for code in wanted):
            return False
        if name == "value" and not any(f"|{code}|" in row["values"] for code in wanted):
            return False
    return True


def _facet_codes(row: dict, name: str) -> list[str]:
    if name == "kind":
        return [row["kind"]] if row["kind"] else []
    if name == "year":
        return [str(row["year"])] if row["year"] else []
    text = row["pillars"] if name == "pillar" else row["values"]
    return text[1:-1].split("|") if len(text) > 2 else []


def _caps(plan: QueryPlan) -> dict[str, int]:
    """Postings read per term: the full cap for the words and synonyms, less for guesses (typos, prefixes)."""
    caps: dict[str, int] = {}
    for concept in plan.concepts:
        for alternative in concept.alternatives:
            cap = TERM_CAP if alternative.weight >= WEIGHT_SYNONYM else GUESS_CAP
            for term in alternative.terms:
                caps[term] = max(caps.get(term, 0), cap)
    return caps


def _document_rows(ids: list[int], allowed: frozenset[str]) -> dict[int, dict]:
    """The fields that filters, facets and tie-breaks need, for the ranked candidates, in one query."""
    if not ids:
        return {}
    table = connection.ops.quote_name(SearchDocument._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in DOC_FIELDS)
    access = sorted(allowed)
    if connection.vendor == "postgresql":
        # One array parameter instead of a thousand placeholders (the rows are the same).
        sql, params = f"SELECT {names} FROM {table} WHERE id = ANY(%s) AND access = ANY(%s)", [ids, access]
    else:
        sql = (
            f"SELECT {names} FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))}) "
            f"AND access IN ({', '.join(['%s'] * len(access))})"
        )
        params = [*ids, *access]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0]: dict(zip(DOC_FIELDS, row, strict=True)) for row in cursor.fetchall()}


# The documents of a page of results: the same query on every search but for the keys (apps.core.compiled).
_page_documents = CompiledQuery(lambda ids: SearchDocument.objects.filter(pk__in=ids).order_by())


def run_search(
    *,
    allowed: set[str] | frozenset[str],
    query: str,
    filters: dict[str, list[str]] | None = None,
    offset: int = 0,
    limit: int = 10,
) -> SearchOutcome:
    allowed = frozenset(allowed)
    filters = {k: [str(v) for v in vs if str(v)] for k, vs in (filters or {}).items()}
    snap = snapshot()
    plan = plan_query(query, snap, allowed)
    empty = SearchOutcome(plan, [], 0, {name: [] for name in FACETS}, [], snap.lexicon)
    if not plan.concepts or not allowed:
        return empty
    vocabulary = snap.vocabulary(allowed)
    postings = _fetch_postings(plan.terms, allowed, vocabulary, _caps(plan))
    scores = score_documents(plan, _term_scores(postings, vocabulary, snap.stats(allowed)))
    if not scores:
        return empty
    top = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:MAX_RESULTS]
    rows = _document_rows([pk for pk, _s in top], allowed)
    # Identical order on both databases: score, then title, then the object's identity.
    ranked = sorted(
        (rows[pk] for pk, _s in top if pk in rows),
        key=lambda row: (-scores[row["id"]], row["title"].lower(), row["source"], row["object_id"]),
    )
    facets = _all_facet_counts(ranked, filters)
    matching = [row for row in ranked if _matches(row, filters)]
    page_ids = [row["id"] for row in matching[offset : offset + limit]]
    documents = {document.pk: document for document in _page_documents(ids=page_ids)} if page_ids else {}
    hits = [Hit(documents[pk], scores[pk]) for pk in page_ids if pk in documents]
    return SearchOutcome(plan, hits, len(matching), facets, [row["id"] for row in matching], snap.lexicon)


def _year(code: str) -> int:
    return int(code) if code.isdigit() else 0


def _all_facet_counts(rows: list[dict], filters: dict[str, list[str]]) -> dict[str, list[FacetValue]]:
    """Counts per facet over the results of every *other* filter, so a chosen value keeps its siblings.

    One pass: a row that meets every filter counts in every facet; a row that
    fails exactly one filter counts only in that filter's own facet.
    """
    active = [name for name, wanted in filters.items() if wanted]
    counts: dict[str, dict[str, int]] = {name: defaultdict(int) for name in FACETS}
    for row in rows:
        failed = [name for name in active if not _matches(row, {name: filters[name]})]
        if len(failed) > 1:
            continue
        for name in failed or FACETS:
            if name in counts:
                for code in _facet_codes(row, name):
                    counts[name][code] += 1
    result = {}
    for name in FACETS:
        chosen = set(filters.get(name, []))
        for code in chosen:
            counts[name].setdefault(code, 0)
        ordered = sorted(
            counts[name].items(),
            key=lambda item, year=(name == "year"): (-_year(item[0]), item[0]) if year else (-item[1], item[0]),
        )
        result[name] = [FacetValue(code, code, count, code in chosen) for code, count in ordered]
    return result


def suggestions_for(plan: QueryPlan) -> str:
    """The query with its typos corrected ("Bedoelde je …?"), or ''."""
    if not plan.corrections:
        return ""
    corrected = plan.text
    for typed, term in plan.corrections.items():
        corrected = _replace_word(corrected, typed, term)
    return corrected if corrected != plan.text else ""


def _replace_word(text: str, typed: str, replacement: str) -> str:
    from apps.search.analysis import fold

    out = []
    for word in text.split():
        out.append(replacement if fold(word).strip(".,;:!?\"'()") == typed else word)
    return " ".join(out)


__all__ = ["base_terms", "unique", "run_search", "plan_query", "suggestions_for"]
