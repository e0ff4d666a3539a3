"""Find book passages that follow a source article sentence by sentence.

The copy check (../shared/tools/copy-check.py) matches runs of Vietnamese words, so it
cannot see a *translation*. A translated passage keeps something else, though: the
article's anchors (numbers, dates, proper names and document numbers) in the article's
order. This module aligns each article sentence with the book sentences that share its
anchors and reports a book passage that follows three or more consecutive anchored
article sentences in order. Article sentences without any anchor cannot be aligned,
so a translation of anchor-free sentences escapes the check; the review of the text
remains the last line of defence.

Marked quotations are exempt: a quoted span followed (within the line) by
"our translation" is removed before the book is read.

The articles themselves live outside the repository (../shared/seeds), so a clean clone
in CI would have nothing to compare with. What the check needs of an article is only
each sentence's position, length and anchors; `article_anchors.json` keeps exactly
that (no article text), and is rewritten with ``python -m tests.translation`` when the
articles are at hand; a test keeps it equal to what the articles give.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ANCHORS_FILE = Path(__file__).with_name("article_anchors.json")

SEED_KEYS = {
    "000": "cucs2021india",
    "001": "gialai2017france",
    "002": "backan2020summit",
    "003": "tintuc2023korea",
    "004": "bktw2022forum",
}
# The page captures end the article with a sign-off; what follows is site furniture.
END_OF_ARTICLE = re.compile(
    r"^(Nguyễn Ngọc|Ngọc Bích \(TTXVN\)|Thu Cúc|Sơn Vân/Báo Tin tức|Nguồn:)")

MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"), start=1)}
NUMBER_WORDS = {w: i for i, w in enumerate(
    ("four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
     "twenty"), start=4)}
# Names that stand in almost every sentence of every article tell nothing about order.
COMMON_NAMES = {"viet nam", "an do", "han quoc", "phap", "viet", "nam", "han", "quoc", "an",
                "do", "chinh phu", "thu tuong chinh phu",
                "usd", "ong", "tien", "dai", "chu", "cac", "cuc", "bo", "ban", "dien",
                "trung", "hoi", "tong", "nghi", "quyet", "de", "dttm", "cntt", "cmcn",
                "khoa", "nha", "tp", "ts", "ha", "thong"}
# Vietnamese forms of names and the English forms the book uses for them.
ALIASES = {
    "tp.hcm": ("ho chi minh city", "ho chi minh"),
    "kontum": ("kon tum",),
    "bo xay": ("ministry of construction",),
    "bo giao": ("ministry of transport",),
    "bo thong": ("ministry of information and communications",),
    "cuc phat": ("urban development agency",),
    "tong lanh": ("consulate general of india", "consul general"),
    "ban kinh": ("central economic commission",),
    "bo chinh": ("politburo",),
    "dai su": ("embassy of france", "french embassy", "ambassador"),
    "hoc vien can": ("academy of managers",),
    "hiep hoi phan mem": ("vietnam software and it services association",),
    "vinasa": ("vinasa",),
}


def fold(text: str) -> str:
    """Lower case without diacritics, so that 'Kon Tum' and 'kon tum' meet."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _numbers(text: str) -> set[str]:
    found = set()
    for raw in re.findall(r"(?<![\w/])\d[\d,.]*\d|(?<![\w/.,])\d(?![\w/])", text):
        digits = raw.replace(",", "")
        if re.fullmatch(r"\d+\.\d{3}", digits):
            digits = digits.replace(".", "")
        try:
            value = float(digits)
        except ValueError:
            continue
        if value >= 4:
            found.add(f"n:{value:g}")
    for word, value in NUMBER_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            found.add(f"n:{value}")
    return found


def anchors(text: str) -> set[str]:
    """Numbers, dates and document numbers of a sentence, in one form for both languages.

    "1/8/2018", "ngày 1/8/2018" and "1 August 2018" all give {"d:1-8", "n:2018"}; "5,151"
    and "5151" give "n:5151"; "950/QĐ-TTg" gives "doc:950/qd-ttg".
    """
    folded = fold(text)
    found: set[str] = set()
    for doc in re.findall(r"\b\d+(?:/\d{4})?[-/](?:qd|nq|nd)[-/][a-z0-9]+", folded):
        found.add(f"doc:{doc}")
        folded = folded.replace(doc, " ")
    for day, month, year in re.findall(r"\b(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?\b", folded):
        if year or re.search(rf"ngay {day}[/-]{month}\b", folded):
            found.add(f"d:{int(day)}-{int(month)}")
            if year:
                found.add(f"n:{int(year)}")
            folded = re.sub(rf"\b{day}[/-]{month}\b", " ", folded, count=1)
    for part, whole in re.findall(r"\b(\d+)/(\d+)\b", folded):  # "41/63" is "41 of 63"
        found |= {f"n:{int(v)}" for v in (part, whole) if int(v) >= 4}
        folded = folded.replace(f"{part}/{whole}", " ", 1)
    for day, month in re.findall(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")\b", folded):
        found.add(f"d:{int(day)}-{MONTHS[month]}")
        folded = re.sub(rf"\b{day} {month}\b", " ", folded, count=1)
    return found | _numbers(folded)


def names(sentence: str) -> set[str]:
    """Proper names in an article sentence: runs of capitalised words, and acronyms.

    A run ends at punctuation; a capitalised word that opens the sentence ("Ông", "Ở")
    is not part of a name; very common names (Việt Nam, Ấn Độ) are left out.
    """
    tokens = re.findall(r"[\w.&]+|[^\w\s]", sentence)
    found, run = set(), []
    for position, token in enumerate(tokens + ["."]):
        if token[:1].isupper() and position > 0:
            run.append(token)
            continue
        words = [w for w in run if fold(w) not in COMMON_NAMES]
        if len(words) >= 2:
            found.add(fold(" ".join(words[:3])))
        elif len(words) == 1:
            single = words[0]
            if (single.isupper() and len(single) >= 3) or (
                    fold(single) == single.lower() and len(single) >= 5):
                found.add(fold(single))
        run = []
    return {n.strip(".") for n in found} - COMMON_NAMES


@dataclass(frozen=True)
class Sentence:
    """A sentence with where it stands and what it anchors."""

    where: str
    text: str  # empty for an article sentence read from ANCHORS_FILE
    anchors: frozenset[str]
    words: int


def split_sentences(text: str) -> list[str]:
    """Sentences and clauses: a full stop, question mark or semicolon ends one."""
    parts = re.split(r"(?<=[.!?;])\s+|\n\s*\n|\n(?=\s*(?:[-*]|\d+\.)\s)", text)
    return [p.strip() for p in parts if p and p.strip()]


def article_body(seed: Path) -> str:
    """The article itself, without the page's furniture after the sign-off."""
    lines = []
    for line in seed.read_text(encoding="utf-8").splitlines():
        if END_OF_ARTICLE.match(line.strip()):
            break
        lines.append(line)
    return "\n".join(lines)


@cache
def article_sentences(seed: Path) -> tuple[Sentence, ...]:
    """The anchored sentences of an article, in order; anchors include its names.

    Read from the article when it is here, else from ANCHORS_FILE.
    """
    if not seed.is_file():
        stored = json.loads(ANCHORS_FILE.read_text(encoding="utf-8"))[seed.name]
        return tuple(Sentence(where, "", frozenset(found), words)
                     for where, words, found in stored)
    result = []
    for number, text in enumerate(split_sentences(article_body(seed)), start=1):
        found = anchors(text) | {f"name:{n}" for n in names(text)}
        if found:
            result.append(Sentence(f"{seed.name[:3]}:{number}", text, frozenset(found),
                                   _words(text)))
    return tuple(result)


def _unmarked(text: str) -> str:
    """Book text with roles, code and marked quotations taken out."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"```\{code-cell\}.*?\n```", "", text, flags=re.S)
    text = re.sub(r"^:[\w-]+:.*$", "", text, flags=re.M)
    text = re.sub(r":::\{admonition\} Key facts.*?\n:::", "", text, flags=re.S)
    text = re.sub(r"\{(?:cite|doc|numref|ref|glue)(?::\w+)?\}`[^`]*`", " ", text)
    text = re.sub(r"\{term\}`([^`<]*?)(?:\s*<[^>]*>)?`", r"\1", text)
    return re.sub(r"[“\"][^”\"\n]{1,800}[”\"](?=[^\n]{0,80}?our translation)", " QUOTE ", text)


def book_sentences(page: Path, vocabulary: set[str]) -> list[Sentence]:
    """The sentences of a book page, each with the article anchors it contains."""
    result = []
    text = _unmarked(page.read_text(encoding="utf-8"))
    for text_part in split_sentences(text):
        folded = fold(text_part)
        found = set(anchors(text_part))
        for name in vocabulary:
            forms = (name, *ALIASES.get(name, ()))
            if any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", folded) for f in forms):
                found.add(f"name:{name}")
        result.append(Sentence(page.name, text_part, frozenset(found), _words(text_part)))
    return result


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _aligned(source: Sentence, target: Sentence, following: Sentence | None) -> bool:
    """The book sentence carries half the article sentence's anchors or more (two at
    least, unless the article sentence has only one), and it
    (with the next sentence, since a translator may split one) is long enough to render
    it: an English rendering has about 0.4 words per Vietnamese syllable or more, while
    a list fragment that only names the figures has fewer."""
    shared = source.anchors & target.anchors
    length = target.words + (following.words if following else 0)
    enough = math.ceil(len(source.anchors) / 2) if len(source.anchors) < 2 else max(
        2, math.ceil(len(source.anchors) / 2))
    return len(shared) >= enough and length >= 0.4 * source.words


@dataclass(frozen=True)
class Passage:
    """A book passage that follows consecutive article sentences."""

    page: str
    article: str
    article_sentences: tuple[str, ...]
    book_text: str

    def __str__(self) -> str:
        return (f"{self.page} follows {self.article} sentences "
                f"{', '.join(self.article_sentences)} in order: {self.book_text[:160]}…")


def passages(page: Path, seed: Path, run: int = 3, gap: int = 3,
             max_gap: int = 8) -> list[Passage]:
    """Runs of `run` or more consecutive article sentences that the page follows in order.

    Consecutive article sentences i, i+1, ... must align with book sentences that move
    strictly forward, at most `gap` anchored sentences (and `max_gap` sentences of any
    kind) apart: the book's own comments between two rendered sentences do not break the
    run. The run must share at least `run` different anchors with the article (one name
    repeated is not an order). Key-facts boxes, which list an article's figures by
    design, are not read.
    """
    source = article_sentences(seed)
    vocabulary = {a[5:] for s in source for a in s.anchors if a.startswith("name:")}
    book = book_sentences(page, vocabulary)
    anchored = {j: rank for rank, j in enumerate(j for j, b in enumerate(book) if b.anchors)}
    matches = [[j for j, b in enumerate(book)
                if _aligned(s, b, book[j + 1] if j + 1 < len(book) else None)]
               for s in source]

    def follows(previous: int, nxt: int) -> bool:
        return (previous < nxt <= previous + max_gap
                and anchored[nxt] - anchored[previous] <= gap)

    found: list[Passage] = []
    i = 0
    while i < len(source):
        best: list[int] = []
        for start in matches[i]:
            chain = [start]
            for k in range(i + 1, len(source)):
                nxt = [j for j in matches[k] if follows(chain[-1], j)]
                if not nxt:
                    break
                chain.append(nxt[0])
            shared = set().union(*(source[i + n].anchors & book[j].anchors
                                   for n, j in enumerate(chain)))
            if len(chain) > len(best) and len(shared) >= run:
                best = chain
        if len(best) >= run:
            found.append(Passage(
                page.name, SEED_KEYS.get(seed.name[:3], seed.name),
                tuple(s.where for s in source[i:i + len(best)]),
                " ".join(book[j].text for j in sorted(set(best)))))
            i += len(best)
        else:
            i += 1
    return found


def stored_articles() -> list[str]:
    """The file names of the articles that ANCHORS_FILE describes."""
    return sorted(json.loads(ANCHORS_FILE.read_text(encoding="utf-8")))


def anchor_index(seeds: list[Path]) -> dict[str, list]:
    """What ANCHORS_FILE holds for `seeds`: per sentence its position, length and anchors."""
    return {seed.name: [[s.where, s.words, sorted(s.anchors)] for s in article_sentences(seed)]
            for seed in seeds}


if __name__ == "__main__":  # python -m tests.translation [SEEDS_FOLDER]
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else (
        Path(__file__).resolve().parents[2] / "shared" / "seeds")
    index = anchor_index(sorted(folder.glob("0*.txt")))
    if not index:
        sys.exit(f"no articles (0*.txt) in {folder}")
    lines = ",\n".join(f"{json.dumps(name)}: [\n" + ",\n".join(
        json.dumps(row, ensure_ascii=False) for row in rows) + "\n]"
        for name, rows in index.items())
    ANCHORS_FILE.write_text("{\n" + lines + "\n}\n", encoding="utf-8")
    print(f"wrote {ANCHORS_FILE} for {len(index)} articles")
