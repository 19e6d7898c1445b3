"""Words as the index sees them, their stems, and queries widened to a word's forms."""

from __future__ import annotations

import pytest

from reflectjournal.domain.search import to_fts_query
from reflectjournal.domain.word_forms import fold, form_rows, stem, words


def test_words_are_the_letters_runs_of_three_or_more_lower_cased() -> None:
    text = "A 7-month-old cried; Niña's_toy is HERE, don't go"
    assert list(words(text)) == ["month", "old", "cried", "niña", "toy", "here", "don"]


def test_fold_matches_the_index_lower_case_without_diacritics() -> None:
    assert fold("Crèche") == "creche"
    assert fold("NIÑA") == "nina"
    assert fold("canción") == "cancion"


def test_english_forms_share_a_stem() -> None:
    assert {stem(w, "en") for w in ("cry", "cried", "crying", "cries")} == {"cri"}
    assert stem("crib", "en") != stem("cry", "en")


def test_spanish_is_stemmed_before_its_accents_are_folded() -> None:
    assert stem("canción", "es") == stem("canciones", "es") == "cancion"
    assert stem("lloró", "es") == stem("llorar", "es")


def test_form_rows_record_each_word_once_per_language() -> None:
    seen: set[str] = set()
    rows = form_rows(["Cried, cried", "the baby cried"], seen)
    assert sorted(rows) == sorted([
        ("en", "cri", "cried"), ("es", stem("cried", "es"), "cried"),
        ("en", "the", "the"), ("es", stem("the", "es"), "the"),
        ("en", "babi", "baby"), ("es", stem("baby", "es"), "baby"),
    ])
    assert form_rows(["cried again"], seen) == [
        ("en", "again", "again"), ("es", stem("again", "es"), "again")]


@pytest.mark.parametrize("text", [
    "The BABY cried; cried again at 7pm, ab1cde_fgh x-y-zz",
    "İstanbul'da Niña lloró, CANCIÓN de cuna; Straße ǅemal",
    "", "ok no", "mixed ascii and ñandú words 3rd",
])
def test_form_rows_hold_exactly_the_words_of_the_text(text: str) -> None:
    expected = {(language, stem(w, language), fold(w)) for w in words(text)
                for language in ("en", "es")}
    assert set(form_rows([text])) == expected
    assert len(form_rows([text])) == len(expected)


def test_a_query_word_is_widened_to_its_forms_and_stays_exact_otherwise() -> None:
    forms = {"cry": ["cried", "crying"], "bottle": []}.get

    def lookup(word: str) -> list[str]:
        return forms(word) or []

    assert to_fts_query("cry", forms=lookup) == '("cry" OR "cried" OR "crying")'
    assert to_fts_query("bottle cry", prefix_last=True, forms=lookup) == (
        '"bottle" AND ("cry"* OR "cried" OR "crying")')
    assert to_fts_query("bottle feed", forms=lookup) == '"bottle" "feed"'
    # Words with digits or punctuation, phrases and FTS5 syntax are never widened.
    assert to_fts_query("7-month-old", forms=lookup) == '"7-month-old"'
    assert to_fts_query('"cry baby"', forms=lookup) == '"cry baby"'
    assert to_fts_query("cry NOT sleep", forms=lookup) == "cry NOT sleep"
