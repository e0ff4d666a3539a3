"""The language of what the self-checks and the grader say: English or Vietnamese.

Why a process-wide setting: a student's kernel runs one notebook, in one language, so
the setup cell of a Vietnamese notebook calls ``use_language("vi")`` once and every
``check(...)`` after it answers in Vietnamese. The grader checks many notebooks in one
process, one after the other, so it wraps each in ``with language(lang):``. The book's
build of the Vietnamese edition sets ``VNSC_LANG=vi``, which the kernels that execute
its pages inherit, so the solutions on the Vietnamese pages say "✅ đúng" as well.

The catalogs are stdlib `gettext` ``.mo`` files inside the package
(``locale/vi/LC_MESSAGES/vnsmartcity.mo``): a student needs nothing beyond the course
package. Messages are marked with ``_()`` and their values filled in with
``str.format`` after translation, so a translator sees ``{sensor!r}``, never a value.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "vnsmartcity"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = {"en": "English", "vi": "Tiếng Việt"}
DEFAULT = "en"
ENVIRONMENT = "VNSC_LANG"

__all__ = ["LANGUAGES", "_", "current_language", "language", "use_language"]


def known(lang: str) -> str:
    """`lang` if it is a language of the course, else ValueError naming the known ones."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of: {', '.join(LANGUAGES)}")
    return lang


_current = os.environ.get(ENVIRONMENT, "").strip() or DEFAULT
if _current not in LANGUAGES:  # a stray VNSC_LANG must not break a student's import
    _current = DEFAULT


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == DEFAULT:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def use_language(lang: str) -> None:
    """Make every later message of this Python process speak `lang` ("en" or "vi")."""
    global _current
    _current = known(lang)


def current_language() -> str:
    """The language messages are in now."""
    return _current


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Messages in `lang` inside the block, as before after it (the grader's way)."""
    global _current
    before, _current = _current, known(lang)
    try:
        yield
    finally:
        _current = before


def _(message: str) -> str:
    """`message` in the current language (English, the source, when untranslated)."""
    return _catalog(_current).gettext(message)
