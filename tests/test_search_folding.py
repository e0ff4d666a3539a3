"""The search's folding (book/_ext/search_folding.py): what the index and the query do.

The browser tests (tests/test_browser.py) run the real queries; these pin the rules:
NFC first, diacritics off, đ as d, lower case, and capitalised Vietnamese names also
indexed joined ("Hà Nội" as "hanoi"), the same on both sides.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import search_folding  # noqa: E402  (book/_ext/search_folding.py)

fold, split_words = search_folding.fold, search_folding.split_words
joined_names = search_folding.joined_names
FoldingEnglish, SearchVietnamese = search_folding.FoldingEnglish, search_folding.SearchVietnamese


@pytest.mark.parametrize(("word", "folded"), [
    ("Đà Nẵng", "da nang"), ("đô thị thông minh", "do thi thong minh"),
    ("TỈNH", "tinh"), ("Hà Nội", "ha noi"), ("Quyết định", "quyet dinh"),
    ("Huế", "hue"), ("smart", "smart"), ("950", "950"),
])
def test_fold_removes_diacritics_and_case(word, folded):
    assert fold(word) == folded


def test_fold_gives_one_form_for_composed_and_decomposed_text():
    composed = "Nghị quyết 52-NQ/TW, Đà Nẵng"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "nghi quyet 52-nq/tw, da nang"


def test_split_keeps_a_decomposed_word_whole():
    assert split_words(unicodedata.normalize("NFD", "Đà Nẵng"))[:2] == ["Đà", "Nẵng"]


@pytest.mark.parametrize(("text", "joined"), [
    ("the city of Hà Nội grew", ["HàNội"]),
    ("Hồ Chí Minh City", ["HồChí", "HồChíMinh", "ChíMinh", "ChíMinhCity"]),
    ("Đà Nẵng", ["ĐàNẵng"]),
    ("Da Nang and Smart Cities", []),  # no diacritic: English names, not joined
    ("hà nội", []),  # not capitalised: ordinary words
])
def test_capitalised_vietnamese_names_are_also_indexed_joined(text, joined):
    words = split_words(text)
    assert joined_names(words[: len(text.split())]) == joined


def test_english_edition_folds_then_stems():
    english = FoldingEnglish({})
    assert english.stem("Nẵng") == "nang"
    assert english.stem("cities") == english.stem("city") == "citi"
    assert english.stem("HàNội") == english.stem("Hanoi") == "hanoi"
    assert english.lang == "en" and "PorterStemmer" in english.js_stemmer_code


def test_vietnamese_edition_folds_without_stemming():
    vietnamese = SearchVietnamese({})
    assert vietnamese.lang == "vi"
    assert [vietnamese.stem(w) for w in vietnamese.split("Thành phố Đà Nẵng")] == [
        "thanh", "pho", "da", "nang", "danang"]
    assert vietnamese.stem("cities") == "cities"  # no English stemmer
    assert "normalize('NFD')" in vietnamese.js_stemmer_code
