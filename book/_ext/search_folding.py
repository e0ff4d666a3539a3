"""Search as people type Vietnamese: without diacritics, and "Hanoi" for "Hà Nội".

Why. Students type Vietnamese on phones and laptops without a Vietnamese keyboard
as often as with one: "da nang" for "Đà Nẵng", "do thi thong minh" for "đô thị
thông minh". Sphinx has no Vietnamese search language (it falls back to English,
which keeps the diacritics), and its English search finds "Đà Nẵng" only when
typed with every mark. So both editions index and query *folded* words: NFC, then
diacritics removed (NFD, combining marks dropped), "đ" as "d", lower case. The
English language keeps its Porter stemmer after folding; the Vietnamese one does
not stem (Vietnamese words do not inflect).

English writes some Vietnamese names joined ("Hanoi", "Danang") where the
Vietnamese is syllables ("Hà Nội"). A run of two or three capitalised syllables
with a diacritic among them is also indexed joined ("Hà Nội" -> "hanoi",
"Hồ Chí Minh" -> "hochiminh"), so the joined spelling finds the page too.

The query side is searchtools.js: each language's JavaScript ``Stemmer`` folds the
query word the same way (``String.normalize``), and the splitter normalises the
query to NFC before it splits, so that a decomposed "Đà Nẵng" stays two words.
search-numbers.js (book/_static) and trim_assets.py are unchanged by this.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish, js_porter_stemmer

WORD = re.compile(r"\w+")
MAX_JOINED = 3  # syllables: "Hồ Chí Minh"
MAX_SYLLABLE = 7  # letters: "nghiêng", the longest Vietnamese syllables
JS_FOLD = """
function foldWord(word) {
  return word.normalize('NFC').normalize('NFD').replace(/\\p{M}/gu, '')
    .replace(/\u0111/g, 'd').replace(/\u0110/g, 'D').toLowerCase();
}
"""
# Sphinx's default splitter, on the NFC form of the query.
JS_SPLITTER = """
function splitQuery(query) {
  return query.normalize('NFC')
    .split(/[^\\p{Letter}\\p{Number}_\\p{Emoji_Presentation}]+/gu)
    .filter(Boolean);
}
"""


def fold(word: str) -> str:
    """``"Đà Nẵng"`` -> ``"da nang"``: NFC, no diacritics, đ as d, lower case."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", word))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D").lower()


def _is_syllable(word: str) -> bool:
    return word[:1].isupper() and word.isalpha() and len(word) <= MAX_SYLLABLE


def joined_names(words: list[str]) -> list[str]:
    """Runs of 2-3 capitalised syllables with a diacritic, joined: ["HàNội"]."""
    joined = []
    for start in range(len(words)):
        for size in range(2, MAX_JOINED + 1):
            run = words[start:start + size]
            if len(run) < size or not all(_is_syllable(w) for w in run):
                break
            name = "".join(run)
            if not name.isascii():
                joined.append(name)
    return joined


def split_words(text: str) -> list[str]:
    """The words of ``text`` (NFC), then its joined Vietnamese names."""
    words = WORD.findall(unicodedata.normalize("NFC", text))
    return words + joined_names(words)


class FoldingEnglish(SearchEnglish):
    """English with folding: "Da Nang" and "Hanoi" find "Đà Nẵng" and "Hà Nội"."""

    js_stemmer_code = (js_porter_stemmer.replace("var Stemmer = function",
                                                 "var PorterStemmer = function", 1)
                       + JS_FOLD + """
var Stemmer = function() {
  const porter = new PorterStemmer();
  this.stemWord = (word) => porter.stemWord(foldWord(word));
};
""")
    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:  # noqa: A002 (Sphinx's name)
        return split_words(input)

    def stem(self, word: str) -> str:
        return super().stem(fold(word))


class SearchVietnamese(SearchLanguage):
    """Vietnamese: folded words, no stemming, no stop words (short words carry meaning)."""

    lang = "vi"
    language_name = "Vietnamese"
    js_stemmer_code = JS_FOLD + """
var Stemmer = function() {
  this.stemWord = (word) => foldWord(word);
};
"""
    js_splitter_code = JS_SPLITTER

    def split(self, input: str) -> list[str]:  # noqa: A002 (Sphinx's name)
        return split_words(input)

    def stem(self, word: str) -> str:
        return fold(word)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_search_language(FoldingEnglish)
    app.add_search_language(SearchVietnamese)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
