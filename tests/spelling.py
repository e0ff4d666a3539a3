"""Spell-check Vietnamese text against the Hunspell dictionary `dictionary-vi` (npm).

Why a few lines of our own: Vietnamese is written in syllables, and the dictionary is a
list of the language's syllables with no affix rules, so a syllable is spelt right when it
stands in the list. Two things need care. The dictionary puts the tone mark of "oa", "oe",
"uy" on the second vowel (hoà, thuỷ, uỷ), while official documents put it on the first
(hòa, thủy, Ủy ban), and both are correct: a syllable is accepted if moving its tone mark
to another vowel gives a listed one. And names, acronyms and foreign words are not in a
syllable list: they stand in a reviewed list of allowed words (locales/vi/allowed-words.txt).

The dictionary is downloaded by `make test` (tests/fetch_dictionary.py) into the cache, so
the tests themselves run offline.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DICTIONARY = Path.home() / ".cache" / "vnsmartcity" / "dictionary-vi" / "index.dic"
TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """The dictionary's entries, lower-cased, NFC (an entry may carry a /flag)."""
    lines = DICTIONARY.read_text(encoding="utf-8").splitlines()[1:]  # line 1: the count
    return frozenset(unicodedata.normalize("NFC", line.split("/")[0]).lower()
                     for line in lines if line.strip())


def _tone_variants(syllable: str) -> set[str]:
    """The syllable with its tone mark on each of its vowels in turn."""
    letters = unicodedata.normalize("NFD", syllable)
    tones = [c for c in letters if c in TONES]
    if len(tones) != 1:
        return set()
    bare = [c for c in letters if c not in TONES]
    variants = set()
    for index, char in enumerate(bare):
        if char.lower() in "aeiouy":
            end = index + 1
            while end < len(bare) and unicodedata.combining(bare[end]):
                end += 1
            moved = bare[:end] + [tones[0]] + bare[end:]
            variants.add(unicodedata.normalize("NFC", "".join(moved)))
    return variants


def is_known(word: str, allowed: frozenset[str]) -> bool:
    """Whether `word` is a Vietnamese syllable of the dictionary or an allowed word."""
    lower = unicodedata.normalize("NFC", word).lower()
    if lower in allowed or word in allowed:
        return True
    known = syllables()
    return lower in known or any(v in known for v in _tone_variants(lower))


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text))


def read_allowed(path: Path) -> frozenset[str]:
    """The reviewed allowed words: one per line, '#' starts a comment."""
    entries = (line.split("#", 1)[0].strip() for line in path.read_text("utf-8").splitlines())
    return frozenset(e.lower() for e in entries if e)
