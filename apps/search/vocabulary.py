"""A per-process snapshot of the index statistics, refreshed when the index version changes.

Holds the vocabulary (document frequency per term and access tag), the corpus
sizes and average field lengths per access tag, and the analysed synonyms. One
cheap query (the version) per search decides whether the snapshot is current.
"""

import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Sum

from apps.search.analysis import base_terms, unique
from apps.search.models import IndexState, SearchDocument, Synonym, Term


@dataclass
class Snapshot:
    version: int
    df: dict[str, dict[str, int]] = field(default_factory=dict)  # access -> term -> df
    docs: dict[str, int] = field(default_factory=dict)  # access -> number of documents
    title_total: dict[str, int] = field(default_factory=dict)
    body_total: dict[str, int] = field(default_factory=dict)
    lexicon: frozenset[str] = frozenset()
    # Each group: the analysed phrases (tuples of stems) that mean the same.
    synonym_groups: list[list[tuple[str, ...]]] = field(default_factory=list)
    synonyms_by_term: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    _vocabularies: dict[frozenset[str], dict[str, int]] = field(default_factory=dict)

    def vocabulary(self, allowed: frozenset[str]) -> dict[str, int]:
        """term -> df over the access tags the user may read (cached per tag set)."""
        cached = self._vocabularies.get(allowed)
        if cached is None:
            merged: dict[str, int] = defaultdict(int)
            for access in sorted(allowed):
                for term, count in self.df.get(access, {}).items():
                    merged[term] += count
            cached = dict(merged)
            self._vocabularies[allowed] = cached
        return cached

    def stats(self, allowed: frozenset[str]) -> tuple[int, float, float]:
        """(documents, average title length, average body length) over the allowed tags."""
        docs = sum(self.docs.get(access, 0) for access in allowed)
        if not docs:
            return 0, 1.0, 1.0
        titles = sum(self.title_total.get(access, 0) for access in allowed)
        bodies = sum(self.body_total.get(access, 0) for access in allowed)
        return docs, max(titles / docs, 1.0), max(bodies / docs, 1.0)


_lock = threading.Lock()
_current: Snapshot | None = None


def index_version() -> int:
    state = IndexState.objects.order_by("pk").values_list("version", flat=True).first()
    return int(state or 0)


def bump_version() -> None:
    updated = IndexState.objects.update(version=F("version") + 1)
    if not updated:
        IndexState.objects.create(version=1)


def snapshot() -> Snapshot:
    global _current
    version = index_version()
    current = _current
    if current is not None and current.version == version:
        return current
    with _lock:
        fresh = _build(version)
        _current = fresh
        return fresh


def _build(version: int) -> Snapshot:
    result = Snapshot(version=version)
    df: dict[str, dict[str, int]] = defaultdict(dict)
    for term, access, count in Term.objects.filter(df__gt=0).values_list("term", "access", "df").iterator(5000):
        df[access][term] = count
    result.df = dict(df)
    result.lexicon = frozenset(term for terms in df.values() for term in terms if term.isalpha())
    for row in SearchDocument.objects.values("access").annotate(
        n=Count("pk"), titles=Sum("title_length"), bodies=Sum("body_length")
    ):
        result.docs[row["access"]] = row["n"]
        result.title_total[row["access"]] = row["titles"] or 0
        result.body_total[row["access"]] = row["bodies"] or 0
    groups: list[list[tuple[str, ...]]] = []
    by_term: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for synonym in Synonym.objects.order_by("pk"):
        phrases = unique_phrases(synonym.term_list)
        if len(phrases) < 2:
            continue
        for phrase in phrases:
            by_term[phrase].append(len(groups))
        groups.append(phrases)
    result.synonym_groups = groups
    result.synonyms_by_term = dict(by_term)
    return result


def unique_phrases(texts: list[str]) -> list[tuple[str, ...]]:
    phrases = []
    for text in texts:
        phrase = tuple(base_terms(text))
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


def lexicon_now() -> frozenset[str]:
    return snapshot().lexicon


def terms_of(phrases: list[tuple[str, ...]]) -> list[str]:
    return unique(term for phrase in phrases for term in phrase)
