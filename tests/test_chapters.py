"""Every chapter has the parts of the course style; citations, glossary terms and
exercise links resolve; and nothing is copied from the source articles."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COPY_CHECK = ROOT.parent / "shared" / "tools" / "copy-check.py"


def _toc_part(caption: str) -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    part = next(p for p in toc["parts"] if p["caption"] == caption)
    return [ROOT / f"{c['file']}.md" for c in part["chapters"]]


CHAPTERS = _toc_part("Chapters")
ALL_PAGES = sorted((ROOT / "book").rglob("*.md")) + sorted((ROOT / "exercises").glob("*.md"))


def _prose(text: str) -> str:
    """The teaching text of a page: without front matter, code cells and directive options."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```\{code-cell\}.*?\n```", "", text, flags=re.S)
    return re.sub(r"^:[\w-]+:.*$", "", text, flags=re.M)


def glossary_terms() -> set[str]:
    text = (ROOT / "book" / "appendix" / "glossary.md").read_text()
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return {line.strip().lower() for line in block.splitlines()
            if line and not line[0].isspace() and not line.startswith(":")}


def bib_keys() -> set[str]:
    text = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.M))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_every_required_part(chapter):
    text = chapter.read_text(encoding="utf-8")
    assert re.search(r"\{admonition\} Learning objectives", text), "learning objectives"
    assert re.search(r"\{admonition\} Key facts", text), "a key-facts admonition"
    assert "\n## Summary" in text, "a summary"
    questions = text.split("\n## Discussion questions", 1)
    assert len(questions) == 2, "discussion questions"
    numbered = re.findall(r"^\d+\. ", questions[1].split("\n## ", 1)[0], flags=re.M)
    assert len(numbered) >= 4, "at least four discussion questions"
    assert re.search(r"\{doc\}`\.\./exercises/\d\d-[\w-]+`", text), "a link to the exercise"
    assert re.search(r"\{cite(:[pt])?\}`", text), "at least one citation"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_a_data_figure_with_caption_and_alt_text(chapter):
    text = chapter.read_text(encoding="utf-8")
    cells = re.findall(r"```\{code-cell\}[^\n]*\n(.*?)\n```", text, flags=re.S)
    figures = [c for c in cells if "hide-input" in c and ":    caption:" in c
               and ":    alt:" in c and "load(" in c]
    assert figures, "a hide-input figure cell with caption and alt text, drawn from load()"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_length_is_a_chapter(chapter):
    # The annotated further-reading list is a bibliography, not teaching text.
    text = re.sub(r"^## Further reading\n.*?(?=^## |\Z)", "",
                  chapter.read_text(encoding="utf-8"), flags=re.S | re.M)
    words = len(re.findall(r"\w+", _prose(text)))
    assert 1500 <= words <= 3600, f"{words} words of teaching text"


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_terms_and_citations_exist(page):
    text = page.read_text(encoding="utf-8")
    terms = glossary_terms()
    for role in re.findall(r"\{term\}`([^`]+)`", text):
        target = re.search(r"<([^>]+)>$", role)
        name = " ".join((target.group(1) if target else role).split()).lower()
        assert name in terms, f"glossary has no term {name!r}"
    keys = bib_keys()
    for cited in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", text):
        for key in cited.split(","):
            assert key.strip() in keys, f"no reference {key.strip()!r}"


def test_every_article_is_cited_in_the_chapters():
    cited = set()
    for chapter in CHAPTERS:
        for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", chapter.read_text()):
            cited |= {key.strip() for key in group.split(",")}
    assert {"cucs2021india", "gialai2017france", "backan2020summit", "tintuc2023korea",
            "bktw2022forum"} <= cited


def test_glossary_terms_have_vietnamese_and_definitions():
    text = (ROOT / "book" / "appendix" / "glossary.md").read_text()
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    entries = re.split(r"\n(?=[^\s:])", block.split("\n\n", 1)[1].strip())
    assert len(entries) >= 30
    for entry in entries:
        term, _, definition = entry.partition("\n")
        assert definition.startswith("  "), f"{term}: definition must be indented under the term"
        assert len(definition.split()) >= 8, f"{term}: definition too short"


def test_nothing_is_copied_from_the_articles():
    if not COPY_CHECK.is_file():
        pytest.skip(f"copy check skipped: {COPY_CHECK} not found (../shared is absent)")
    result = subprocess.run([sys.executable, str(COPY_CHECK)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert " 0 copied run" in result.stdout, result.stdout[-3000:]
    assert result.returncode == 0


def _labels_and_refs() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    labels: dict[str, list[str]] = {}
    refs: dict[str, list[str]] = {}
    for page in sorted((ROOT / "book").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for label in re.findall(r"^\(([\w-]+)\)=$", text, flags=re.M):
            labels.setdefault(label, []).append(page.stem)
        for ref in re.findall(r"\{ref\}`([^`<]+?)`|\{ref\}`[^`]*<([^>]+)>`", text):
            refs.setdefault(ref[0] or ref[1], []).append(page.stem)
    return labels, refs


def test_every_cross_reference_has_one_target():
    labels, refs = _labels_and_refs()
    assert refs, "the chapters cross-reference each other with {ref}"
    assert all(len(pages) == 1 for pages in labels.values()), labels
    assert set(refs) <= set(labels), set(refs) - set(labels)


@pytest.mark.parametrize("label, home, used_in", [
    ("sec-06-claim", "08-toward-2045", {"02-policy-architecture", "03-provinces",
                                        "07-industry-platforms", "sources"}),
    ("sec-2025-reorganisation", "02-policy-architecture", {"03-provinces", "04-india",
                                                           "08-toward-2045", "intro"}),
    ("sec-shortcomings", "08-toward-2045", {"01-what-makes-a-city-smart", "03-provinces"}),
    ("sec-funding", "03-provinces", {"08-toward-2045"}),
])
def test_a_topic_is_treated_once_and_referred_to_elsewhere(label, home, used_in):
    labels, refs = _labels_and_refs()
    assert labels[label] == [home]
    assert used_in <= set(refs[label]), used_in - set(refs[label])


def test_the_long_treatments_are_not_repeated():
    pages = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "book").rglob("*.md"))}
    assert [s for s, t in pages.items() if "Context: the 2025 reorganisation" in t] == [
        "02-policy-architecture"]
    assert [s for s, t in pages.items() if "A checklist for a claim" in t] == ["08-toward-2045"]
    assert [s for s, t in pages.items()
            if re.search(r"\*\*the state budget\*\*", t, flags=re.I)] == ["03-provinces"]
