"""Dutch text analysis, shared by indexing and querying.

Every step runs in Python so that SQLite and PostgreSQL see exactly the same
terms: lowercase, fold diacritics (coöperatie = cooperatie), split into words
(hyphenated words count as one word and as their parts: e-boeken → eboeken,
boeken), drop stopwords, stem with the Snowball 'dutch' stemmer (bibliotheken →
bibliotheek, gelezen → lees), and split compounds against a lexicon of stems
built from the corpus (voorleesuurtje → voorleesuur + voorlees + uur).
"""

import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

MAX_TERM_LENGTH = 60
MIN_PART_LENGTH = 3
MIN_COMPOUND_LENGTH = 7
# Letters that glue the parts of a Dutch compound: leesbevordering-s-project, boek-en-kast.
LINKING = ("s", "en", "e", "n")

STOPWORDS = frozenset(
    [
        "aan",
        "af",
        "al",
        "alle",
        "alles",
        "als",
        "altijd",
        "ander",
        "andere",
        "anders",
        "ben",
        "bij",
        "binnen",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "ge",
        "geen",
        "geweest",
        "haar",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "onder",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wezen",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
        "welke",
        "waar",
        "waarom",
        "wanneer",
        "hoeveel",
        "iets",
        "iemand",
        "onze",
        "jullie",
        "jij",
        "zullen",
        "moeten",
        "mogen",
        "mag",
        "kun",
        "krijg",
        "krijgen",
        "hoe",
        "wat",
        "zoals",
        "daar",
        "dus",
        "erg",
        "heel",
        "via",
        "per",
        "elk",
        "elke",
        "ieder",
        "iedere",
    ]
)

# Generic verbs of plain-language questions ("hoe organiseer ik …", "waar vind ik …"): searched, but weighted low.
WEAK_WORDS = frozenset(
    [
        "organiseer",
        "organiseert",
        "organiseren",
        "maak",
        "maakt",
        "maken",
        "start",
        "starten",
        "begin",
        "beginnen",
        "vind",
        "vindt",
        "vinden",
        "help",
        "helpt",
        "helpen",
        "doe",
        "doet",
        "aanpak",
        "aanpakken",
        "pak",
        "regel",
        "regelen",
        "zorg",
        "zorgen",
        "zet",
        "zetten",
        "kies",
        "kiezen",
        "gebeurt",
        "werkt",
        "gaat",
        "ga",
        "gaan",
        "weet",
        "weten",
        "zie",
        "zien",
        "geef",
        "geven",
        "raad",
        "tips",
        "tip",
        "manier",
        "best",
        "beste",
    ]
)

_WORD_RE = re.compile(r"[0-9a-z]+(?:[-'][0-9a-z]+)*")


@lru_cache(maxsize=1)
def _stemmer() -> "Stemmer.Stemmer":
    return Stemmer.Stemmer("dutch")


def fold(text: str) -> str:
    """Lowercase and strip diacritics (é → e, ö → o); ß and ligatures decompose."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class Token:
    """A word as written (folded) and where it starts in the folded text."""

    word: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Folded words with their offsets in `fold(text)` (which keeps the length of most text)."""
    folded = fold(text or "")
    return [Token(match.group(0), match.start(), match.end()) for match in _WORD_RE.finditer(folded)]


def words(text: str) -> list[str]:
    """Folded words, hyphenated ones joined (e-boeken → eboeken) and followed by their parts."""
    result: list[str] = []
    for token in tokenize(text):
        result.extend(word_forms(token.word))
    return result


def word_forms(word: str) -> list[str]:
    if "-" not in word and "'" not in word:
        return [word]
    parts = [part for part in re.split(r"[-']", word) if part]
    joined = "".join(parts)
    forms = [joined]
    # e-boek → "eboek" and "boek"; a one-letter prefix adds nothing by itself.
    forms.extend(part for part in parts if len(part) >= MIN_PART_LENGTH)
    return forms


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Snowball 'dutch' stem of a folded word (numbers and codes stay as they are)."""
    if not word.isalpha():
        return word[:MAX_TERM_LENGTH]
    return _stemmer().stemWord(word)[:MAX_TERM_LENGTH]


def is_stopword(word: str) -> bool:
    return word in STOPWORDS


def is_weak_word(word: str) -> bool:
    return word in WEAK_WORDS


def split_compound(term: str, lexicon: Collection[str], *, depth: int = 2) -> list[str]:
    """The parts of a compound stem that are themselves in the lexicon (recursively), or [].

    Of all ways to cut the word in two (allowing a linking s/e/en/n after the
    first part), the one whose shorter part is longest wins; ties go to the
    longer first part, so the result does not depend on iteration order.
    """
    if depth <= 0 or len(term) < MIN_COMPOUND_LENGTH or not term.isalpha():
        return []
    best: tuple[int, int, str, str] | None = None
    for cut in range(MIN_PART_LENGTH, len(term) - MIN_PART_LENGTH + 1):
        head, tail = term[:cut], term[cut:]
        tail_term = _lexicon_form(tail, lexicon)
        if tail_term is None:
            continue
        for head_candidate in _heads(head):
            head_term = _lexicon_form(head_candidate, lexicon)
            if head_term is None:
                continue
            score = (min(len(head_candidate), len(tail)), len(head_candidate), head_term, tail_term)
            if best is None or score > best:
                best = score
    if best is None:
        return []
    head_term, tail_term = best[2], best[3]
    parts = [head_term, tail_term]
    for part in (head_term, tail_term):
        parts.extend(split_compound(part, lexicon, depth=depth - 1))
    seen: list[str] = []
    for part in parts:
        if part not in seen and part != term:
            seen.append(part)
    return seen


def _heads(head: str) -> Iterator[str]:
    yield head
    for link in LINKING:
        if head.endswith(link) and len(head) - len(link) >= MIN_PART_LENGTH:
            yield head[: -len(link)]


def _lexicon_form(part: str, lexicon: Collection[str]) -> str | None:
    if len(part) < MIN_PART_LENGTH or part in STOPWORDS:
        return None
    if part in lexicon:
        return part
    stemmed = stem(part)
    if len(stemmed) >= MIN_PART_LENGTH and stemmed in lexicon:
        return stemmed
    return None


def base_terms(text: str) -> list[str]:
    """Stems of the words of `text`, stopwords dropped, in order (no compound parts)."""
    return [stem(word) for word in words(text) if not is_stopword(word) and len(word) > 1]


def compound_parts(word: str, term: str, lexicon: Collection[str]) -> list[str]:
    """Compound parts of a word, split both as stemmed and as written (basisscholen → basis + school).

    The stem alone can hide a part (basisscholen stems to basisschol, whose tail
    is no word); the written form keeps it (scholen, stemmed: school).
    """
    parts = split_compound(term, lexicon)
    if word != term and word.isalpha():
        parts += [part for part in split_compound(word, lexicon) if part != term]
    return unique(parts)


def analyse(text: str, lexicon: Collection[str] = (), cache: dict[str, list[str]] | None = None) -> list[str]:
    """Index terms of `text`: each stem, followed by its compound parts when the lexicon knows them.

    `cache` (word -> parts) may be shared between calls that use the same lexicon.
    """
    terms: list[str] = []
    for word in words(text):
        if is_stopword(word) or len(word) <= 1:
            continue
        term = stem(word)
        terms.append(term)
        if lexicon:
            if cache is None:
                terms.extend(compound_parts(word, term, lexicon))
                continue
            parts = cache.get(word)
            if parts is None:
                parts = cache[word] = compound_parts(word, term, lexicon)
            terms.extend(parts)
    return terms


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count as one), or limit + 1 when larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        row_min = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[len(b)] if previous[len(b)] <= limit else limit + 1


def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
