"""The language a submission was written in, so its feedback comes back in it.

The release records it in ``metadata.vnsmartcity.lang``. Some tools drop notebook
metadata they do not know (an editor that rewrites the file, a copy and paste into a
new notebook), so a notebook without it is read: Vietnamese is the only course
language whose letters carry its own diacritics (ă, â, đ, ê, ô, ơ, ư and the tone
marks), and a Vietnamese notebook's markdown is full of them, an English one's has
only the odd place name (Đà Nẵng, Hà Nội).
"""

from __future__ import annotations

import unicodedata

from nbformat import NotebookNode

from vnsmartcity.messages import DEFAULT, LANGUAGES

VIETNAMESE_SHARE = 0.03  # of the letters; English prose with place names stays under 1%
MIN_LETTERS = 200  # fewer letters than this in the markdown: too little to tell


def _is_vietnamese_letter(char: str) -> bool:
    """A letter with a mark of Vietnamese spelling (ă â đ ê ô ơ ư, tones), not plain ASCII."""
    if char in "đĐ":
        return True
    decomposed = unicodedata.normalize("NFD", char)
    return len(decomposed) > 1 and decomposed[0].isascii() and decomposed[0].isalpha()


def detected_language(notebook: NotebookNode) -> str:
    """"vi" when the notebook's markdown reads as Vietnamese, else "en"."""
    text = "".join(cell.get("source", "") for cell in notebook.get("cells", [])
                   if cell.get("cell_type") == "markdown" and isinstance(cell.get("source"), str))
    letters = [char for char in text if char.isalpha()]
    if len(letters) < MIN_LETTERS:
        return DEFAULT
    marked = sum(1 for char in letters if _is_vietnamese_letter(char))
    return "vi" if marked >= VIETNAMESE_SHARE * len(letters) else DEFAULT


def submission_language(notebook: NotebookNode) -> str:
    """The language in the notebook's metadata if it names a course language, else detected."""
    meta = notebook.get("metadata", {}).get("vnsmartcity")
    lang = meta.get("lang") if isinstance(meta, dict) else None
    return lang if isinstance(lang, str) and lang in LANGUAGES else detected_language(notebook)
