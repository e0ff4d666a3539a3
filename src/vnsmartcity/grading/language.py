"""The language a submission was written in, so its feedback comes back in it.

The release records it in ``metadata.vnsmartcity.lang``. Some tools drop notebook
metadata they do not know (an editor that rewrites the file, a copy and paste into a
new notebook), so a notebook without it is read: Vietnamese prose is full of short
words that English never uses (của, và, là, các, được...), while an English notebook
may have many Vietnamese letters, in place names (Đà Nẵng, Thừa Thiên Huế), but none
of those words. Counting letters with diacritics would take such a notebook for
Vietnamese; counting these words does not.
"""

from __future__ import annotations

import re
import unicodedata

from nbformat import NotebookNode

from vnsmartcity.messages import DEFAULT, LANGUAGES

# Frequent Vietnamese words that are neither English nor part of a place name.
FUNCTION_WORDS = frozenset("""của và là các những một được không cho với trong này có để
từ theo bạn hãy khi đã người nhưng hoặc""".split())
VIETNAMESE_SHARE = 0.05  # of the words: Vietnamese prose has 15-25%, English none
MIN_WORDS = 40  # fewer words than this in the markdown: too little to tell


def detected_language(notebook: NotebookNode) -> str:
    """"vi" when the notebook's markdown reads as Vietnamese, else "en"."""
    text = " ".join(cell.get("source", "") for cell in notebook.get("cells", [])
                    if cell.get("cell_type") == "markdown" and isinstance(cell.get("source"), str))
    words = re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())
    if len(words) < MIN_WORDS:
        return DEFAULT
    vietnamese = sum(1 for word in words if word in FUNCTION_WORDS)
    return "vi" if vietnamese >= VIETNAMESE_SHARE * len(words) else DEFAULT


def submission_language(notebook: NotebookNode) -> str:
    """The language in the notebook's metadata if it names a course language, else detected."""
    meta = notebook.get("metadata", {}).get("vnsmartcity")
    lang = meta.get("lang") if isinstance(meta, dict) else None
    return lang if isinstance(lang, str) and lang in LANGUAGES else detected_language(notebook)
