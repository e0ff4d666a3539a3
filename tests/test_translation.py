"""No book passage follows an article sentence by sentence (a translation the copy
check, which matches Vietnamese word runs, cannot see)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.translation import anchor_index, anchors, passages, stored_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
PAGES = sorted((ROOT / "book").rglob("*.md"))
# The commit the December 2026 review read: its chapter 4 retold article 000 in order.
FIRST_EDITION = "c66a0fb"


def seeds() -> list[Path]:
    """The articles, or (in a clone without ../shared) their stored anchors."""
    return sorted(SEEDS.glob("0*.txt")) or [SEEDS / name for name in stored_articles()]


def seed(prefix: str) -> Path:
    return next(s for s in seeds() if s.name.startswith(prefix))


# A sentence-by-sentence English rendering of article 000, written for this test.
TRANSLATED = """# A webinar

On 22 December the Consulate General of India held an online seminar on smart urban
development in India and Vietnam, with officials, researchers and students of both countries.

Stressing its importance, Mr Madan Mohan Sethi, Consul General of India in Hồ Chí Minh City,
said the smart-city trend had begun in India in 2015. He said that Vietnam, growing fast in
ASEAN, would catch up and that both countries had many chances to learn from each other.

Speaking for India, Mr Kunal Kumar explained how India chose 100 cities, of which 75 had set
up integrated command and control centres using digital technology. 5,151 projects were
proposed with a total investment of USD 27 billion.

Dr Trần Ngọc Linh of the Cục Phát triển Đô thị spoke on sustainable smart cities in Vietnam
and said that Vietnam was at an early stage of developing them.

Delegates from Cần Thơ, Khánh Hòa, Đồng Nai and Kon Tum took part with lecturers and students.
"""


def write(tmp_path: Path, text: str) -> Path:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    return page


def test_vietnamese_and_english_forms_of_numbers_and_dates_meet():
    assert anchors("ngày 1/8/2018") == anchors("1 August 2018") == {"d:1-8", "n:2018"}
    assert anchors("5151 dự án") == anchors("5,151 projects") == {"n:5151"}
    assert anchors("Quyết định số 950/QĐ-TTg") == {"doc:950/qd-ttg"}
    assert "n:6" in anchors("six smart cities") and "n:6" in anchors("06 thành phố")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_book_page_follows_an_article_sentence_by_sentence(page):
    found = [str(p) for s in seeds() for p in passages(page, s)]
    assert not found, "passages that follow an article in order:\n" + "\n".join(found)


def test_a_translated_passage_is_flagged(tmp_path):
    found = passages(write(tmp_path, TRANSLATED), seed("000"))
    assert found, "a sentence-by-sentence translation of article 000 was not flagged"
    assert found[0].article == "cucs2021india"
    assert len(found[0].article_sentences) >= 3


def test_a_marked_quotation_is_not_flagged(tmp_path):
    quoted = "\n\n".join(
        f'"{paragraph.strip()}" (our translation)'
        for paragraph in TRANSLATED.split("\n\n")[1:])
    assert passages(write(tmp_path, quoted.replace("\n", " ")), seed("000")) == []


def test_the_same_facts_in_another_order_are_not_flagged(tmp_path):
    paragraphs = TRANSLATED.split("\n\n")[1:]
    shuffled = "\n\n".join(reversed(paragraphs))
    assert passages(write(tmp_path, shuffled), seed("000")) == []


def test_the_first_edition_webinar_section_is_flagged(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shown = subprocess.run(["git", "show", f"{FIRST_EDITION}:book/04-india.md"], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    if shown.returncode != 0:
        pytest.skip(f"commit {FIRST_EDITION} is not in this clone")
    found = passages(write(tmp_path, shown.stdout), seed("000"))
    assert any(len(p.article_sentences) >= 5 for p in found), found


def test_stored_anchors_are_those_of_the_articles():
    found = sorted(SEEDS.glob("0*.txt"))
    if not found:
        pytest.skip(f"no articles in {SEEDS} (../shared is absent): the stored anchors are used")
    stored = json.loads((ROOT / "tests" / "article_anchors.json").read_text(encoding="utf-8"))
    assert anchor_index(found) == stored, "run `python -m tests.translation` to refresh them"
