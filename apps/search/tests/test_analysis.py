"""Dutch analysis: stemming, folding, compounds, edit distance (pure functions, no database)."""

from hypothesis import given
from hypothesis import strategies as st

from apps.search.analysis import analyse, base_terms, edit_distance, fold, split_compound, stem, words


def test_plural_and_singular_share_a_stem():
    assert stem("bibliotheken") == stem("bibliotheek")


def test_verb_forms_share_a_stem():
    assert stem("lezen") == stem("gelezen") == stem("lees")


def test_diacritics_are_folded():
    assert base_terms("coöperatie") == base_terms("cooperatie")
    assert fold("Café") == "cafe"


def test_compound_is_found_by_its_parts():
    lexicon = {stem("voorlezen"), "uur"}
    assert stem("voorlezen") in split_compound(stem("voorleesuurtje"), lexicon)
    assert stem("voorlezen") in analyse("Voorleesuurtjes", lexicon)


def test_compound_with_linking_s():
    lexicon = {stem("leesbevordering"), "project", "lees", "bevorder"}
    parts = split_compound(stem("leesbevorderingsproject"), lexicon)
    assert stem("leesbevordering") in parts and "project" in parts


def test_hyphenated_words_join_and_split():
    assert words("e-boeken") == ["eboeken", "boeken"]


def test_stopwords_are_dropped():
    assert base_terms("hoe kan ik de bib") == [stem("bib")]


def test_edit_distance_counts_swaps_once():
    assert edit_distance("bibliotheeek", "bibliotheek") == 1
    assert edit_distance("vrijwiliger", "vrijwilliger") == 1
    assert edit_distance("abcd", "abdc") == 1
    assert edit_distance("kat", "hondenhok") == 3


@given(st.text(max_size=200))
def test_analysis_never_fails_and_gives_plain_terms(text):
    terms = analyse(text, {"lees", "uur", "boek"})
    assert all(term and term == term.lower() and " " not in term for term in terms)


@given(st.text(alphabet="abcdeéëiïoöu", min_size=1, max_size=30))
def test_folding_is_idempotent_and_ascii_for_dutch_letters(text):
    assert fold(fold(text)) == fold(text)
    assert fold(text).isascii()


@given(st.text(alphabet="abcdefghij", max_size=12), st.text(alphabet="abcdefghij", max_size=12))
def test_edit_distance_is_symmetric(a, b):
    assert edit_distance(a, b, 3) == edit_distance(b, a, 3)
