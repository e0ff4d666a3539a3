"""The Vietnamese catalogs: complete, none fuzzy, markup and numbers kept, NFC, spelt
right, and not copied from the Vietnamese source articles."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import spelling
from tests.catalogs import problems, prose, read_catalog
from tests.conftest import COPY_IGNORE

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locales" / "vi"
CATALOGS = sorted((LOCALE / "LC_MESSAGES").rglob("*.po"))
ALLOWED = LOCALE / "allowed-words.txt"
COPY_CHECK = ROOT.parent / "shared" / "tools" / "copy-check.py"
# "Names and titles aside": an official title, quoted exactly as the document gives it,
# may stand in an article too. Only a quoted span that starts like a title is set aside.
QUOTED_TITLE = re.compile(
    r"“(?:Đề án|Chương trình|Kế hoạch|Chiến lược|Quy hoạch|Nghị quyết|Quyết định|Trung tâm"
    r"|Học viện|Hội nghị|Diễn đàn|Mạng lưới|Hiệp hội)[^”]{0,250}”")


def _name(path: Path) -> str:
    return str(path.relative_to(LOCALE / "LC_MESSAGES"))


def test_every_page_has_a_catalog() -> None:
    pages = sorted((ROOT / "book").rglob("*.md")) + sorted((ROOT / "exercises").glob("[0-9]*.md"))
    expected = {str(p.relative_to(ROOT).with_suffix(".po")) for p in pages}
    assert expected <= {_name(p) for p in CATALOGS}


@pytest.mark.parametrize("catalog", CATALOGS, ids=_name)
def test_catalog_is_complete_and_keeps_markup_and_numbers(catalog: Path) -> None:
    found = [f"{message.id[:70]!r}: {problem}"
             for message in read_catalog(catalog) if message.id
             for problem in problems(message.id, message.string or "", message.fuzzy)]
    assert not found, f"{_name(catalog)}: {len(found)} problems:\n" + "\n".join(found[:40])


@pytest.mark.parametrize(("msgid", "msgstr", "wanted"), [
    ("See {cite:p}`un2018`.", "Xem {cite:p}`un2019`.", "markup lost"),
    ("A {term}`smart city`.", "Một {term}`đô thị thông minh`.", "markup lost"),
    ("Read {doc}`Chapter 4 <04-india>`.", "Đọc {doc}`Chương 4 <05-france>`.", "markup lost"),
    ("5,151 projects", "5.115 dự án", "numbers missing"),
    ("In 2018.", "Năm 2019.", "numbers missing"),
    ("Run `make book`.", "Chạy make book.", "markup lost"),
    ("Open [the site](https://a.example).", "Mở [trang](https://b.example).", "markup lost"),
    ("Smart", "Thông minh".replace("ô", "o\u0302"), "NFC"),
    ("Smart", "", "untranslated"),
])
def test_a_broken_translation_is_caught(msgid: str, msgstr: str, wanted: str) -> None:
    assert any(wanted in p for p in problems(msgid, msgstr, fuzzy=False))


def test_vietnamese_number_marks_and_term_text_are_accepted() -> None:
    assert problems(
        "{term}`Smart Cities Mission` had 5,151 projects worth USD 2.05 billion on "
        "25 June 2015 {cite:p}`mohua2015scm`.",
        "{term}`Sứ mệnh Thành phố thông minh <Smart Cities Mission>` có 5.151 dự án, trị giá "
        "2,05 tỷ USD, ngày 25/6/2015 {cite:p}`mohua2015scm`.", fuzzy=False) == []
    assert problems("Smart", "Thông minh", fuzzy=True) == ["fuzzy"]


def _allowed() -> frozenset[str]:
    return spelling.read_allowed(ALLOWED)


@pytest.fixture(scope="module")
def dictionary() -> None:
    if not spelling.DICTIONARY.is_file():
        pytest.fail(f"no Vietnamese dictionary at {spelling.DICTIONARY}: run `make test`, "
                    "which downloads it (tests/fetch_dictionary.py)")


@pytest.mark.parametrize("catalog", CATALOGS, ids=_name)
def test_catalog_is_spelt_right(catalog: Path, dictionary: None) -> None:
    """Every word is a Vietnamese syllable, an allowed word, or a word of the same page in
    English (a name, an acronym, an English term given in parentheses)."""
    messages = [message for message in read_catalog(catalog) if message.id]
    english = {word for message in messages for word in spelling.words(message.id)}
    allowed = _allowed() | english
    unknown = sorted({word for message in messages
                      for word in spelling.words(prose(message.string or ""))
                      if not spelling.is_known(word, allowed)})
    assert not unknown, (f"{_name(catalog)}: not in the Vietnamese dictionary nor in "
                         f"{ALLOWED.name}: {unknown}")


def test_spelling_check_catches_misspelt_syllables(dictionary: None) -> None:
    allowed = _allowed()
    for wrong in ("thôngg", "nghiêpj", "đôô", "quýet"):
        assert not spelling.is_known(wrong, allowed), wrong
    for right in ("hòa", "hoà", "Ủy", "thủy", "Nẵng", "trường"):
        assert spelling.is_known(right, allowed), right


def test_allowed_words_are_needed() -> None:
    """An allowed word the dictionary already knows would hide nothing: keep the list short."""
    if not spelling.DICTIONARY.is_file():
        pytest.fail(f"no Vietnamese dictionary at {spelling.DICTIONARY}: run `make test`")
    lines = [line.split("#", 1)[0].strip() for line in ALLOWED.read_text("utf-8").splitlines()]
    entries = [entry for entry in lines if entry]
    assert entries == sorted(entries, key=str.lower), "keep allowed-words.txt sorted"
    redundant = [e for e in entries if spelling.is_known(e, frozenset())]
    assert not redundant, f"already in the dictionary: {redundant}"


def test_vietnamese_text_is_not_copied_from_the_articles(tmp_path: Path) -> None:
    """The copy check (12-word runs) on every Vietnamese message, quoted titles aside."""
    if not COPY_CHECK.is_file():
        pytest.skip(f"copy check skipped: {COPY_CHECK} not found (../shared is absent)")
    for catalog in CATALOGS:
        text = "\n".join(QUOTED_TITLE.sub(" | ", m.string)
                         for m in read_catalog(catalog) if m.id and m.string)
        out = tmp_path / (_name(catalog).replace("/", "__") + ".txt")
        out.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, str(COPY_CHECK), str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert " 0 copied run" in result.stdout, result.stdout[-3000:]
    assert result.returncode == 0


def test_catalogs_hold_every_message_of_the_english_pages(tmp_path: Path) -> None:
    """`make po` would change nothing: no English message is missing from its catalog (it
    would show in English on the Vietnamese page) and none is left over from an old text."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    result = subprocess.run([sys.executable, str(copy / "book" / "_tools" / "editions.py"),
                             "gettext"],
                            capture_output=True, text=True, timeout=600, cwd=copy)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    templates = copy / "_build" / "gettext" / "_build" / "gettext"
    pages = sorted(templates.rglob("*.pot"))
    assert len(pages) >= 26
    for template in pages:
        name = template.relative_to(templates).with_suffix(".po")
        english = {m.id for m in read_catalog(template) if m.id}
        translated = {m.id for m in read_catalog(LOCALE / "LC_MESSAGES" / name) if m.id}
        assert english - translated == set(), f"{name}: not in the catalog (run `make po`)"
        assert translated - english == set(), f"{name}: no longer in the English page"
