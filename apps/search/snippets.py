"""Highlighted snippets: the passage of a text that matches the query best, escaped, with <mark>."""

import contextlib
import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from apps.search.analysis import compound_parts, fold, stem, word_forms

WINDOW = 32  # words in a snippet
_WORD = re.compile(r"[0-9a-z]+(?:[-'][0-9a-z]+)*")


@lru_cache(maxsize=20_000)
def _parts(word: str, term: str, lexicon: frozenset[str]) -> tuple[str, ...]:
    return tuple(compound_parts(word, term, lexicon))


def _matches(word: str, terms: set[str], lexicon: frozenset[str]) -> bool:
    for form in word_forms(word):
        term = stem(form)
        if term in terms:
            return True
        if len(term) >= 7 and lexicon and any(part in terms for part in _parts(form, term, lexicon)):
            return True
    return False


_MEMO_QUERIES = 64  # queries whose matched words are kept
_MEMO_WORDS = 50_000  # words kept per query
_memo: dict[tuple[frozenset[str], frozenset[str]], dict[str, bool]] = {}


def _matched_words(terms: set[str], lexicon: frozenset[str]) -> dict[str, bool]:
    """{word: whether it matches} for these terms and lexicon, shared by the texts of a search (`_matches`
    is a function of the word, the terms and the lexicon alone)."""
    key = (frozenset(terms), lexicon)
    words = _memo.get(key)
    if words is None or len(words) > _MEMO_WORDS:
        if len(_memo) >= _MEMO_QUERIES:
            # Another thread may have changed it first.
            with contextlib.suppress(StopIteration, KeyError, RuntimeError):
                del _memo[next(iter(_memo))]
        words = _memo[key] = {}
    return words


def _spans(text: str, terms: set[str], lexicon: frozenset[str]) -> tuple[str, list[tuple[int, int, bool]]]:
    """The text to show and (start, end, matched) for each of its words."""
    folded = fold(text)
    if len(folded) != len(text):
        # Rare characters that fold to several letters: show the folded copy so offsets agree.
        text = folded
    # Texts repeat their words, and a page's texts share them: each distinct word is matched once per query.
    matched = _matched_words(terms, lexicon)
    spans = []
    for m in _WORD.finditer(folded):
        word = m.group(0)
        hit = matched.get(word)
        if hit is None:
            hit = matched[word] = _matches(word, terms, lexicon)
        spans.append((m.start(), m.end(), hit))
    return text, spans


def highlight(text: str, terms: set[str], lexicon: frozenset[str] = frozenset()) -> SafeString:
    """The whole (short) text, escaped, with matching words in <mark>."""
    text, spans = _spans(text or "", terms, lexicon)
    return _render(text, spans, 0, None)


def snippet(text: str, terms: set[str], lexicon: frozenset[str] = frozenset(), window: int = WINDOW) -> SafeString:
    """The window of words with the most distinct matches, escaped, with … where it is cut."""
    text = " ".join((text or "").split())
    text, spans = _spans(text, terms, lexicon)
    if not spans:
        return mark_safe(escape(text[:240]))
    hits = [index for index, (_s, _e, hit) in enumerate(spans) if hit]
    best_start, best_score = 0, -1
    for first in hits[:500]:
        # Start a little before the first match so it reads as a sentence.
        start = max(0, min(first - 4, len(spans) - window))
        inside = [i for i in hits if start <= i < start + window]
        distinct = {fold(text[spans[i][0] : spans[i][1]]) for i in inside}
        score = len(distinct) * 10 + len(inside)
        if score > best_score:
            best_start, best_score = start, score
    chosen = spans[best_start : best_start + window]
    begin = chosen[0][0]
    end = chosen[-1][1] if best_start + window < len(spans) else len(text)
    return _render(text, chosen, begin, end, prefix=best_start > 0, suffix=best_start + window < len(spans))


def _render(text, spans, begin, end, *, prefix=False, suffix=False) -> SafeString:
    end = len(text) if end is None else end
    parts: list[str] = ["… " if prefix else ""]
    position = begin
    for start, stop, hit in spans:
        if not hit:
            continue
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:stop])}</mark>")
        position = stop
    parts.append(escape(text[position:end]))
    if suffix:
        parts.append(" …")
    return mark_safe("".join(parts))
