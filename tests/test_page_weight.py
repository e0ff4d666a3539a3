"""Page weight: what a reader's browser downloads for each page of the book.

The weight of a page is the sum of the bytes of its HTML and of every stylesheet,
script, font and image that it loads: the files named by its ``<link>``,
``<script>`` and ``<img>`` tags and, inside each stylesheet, by ``@import`` and
``url()`` (fonts and images), each file counted once. Counting every font a
stylesheet names overestimates a little (a browser fetches only the fonts it
draws with), so the test errs on the heavy side. Bytes are those of the built
files, uncompressed, so the figures are deterministic.

Run as a script to print the table for a built book:
``python tests/test_page_weight.py _build/html``.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

BUDGET = 600_000  # bytes, for a page without interactive output
# Outputs that bring their own JavaScript libraries (widgets, Plotly, Bokeh, Vega).
INTERACTIVE = re.compile(r"application/vnd\.jupyter\.widget|plotly|bokeh|vega-embed", re.I)
CSS_URL = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)|url\(\s*["']?([^"')]+?)["']?\s*\)""")


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag == "link" and a.get("href") and {"stylesheet", "icon", "preload",
                                                 "modulepreload"} & set(rel):
            self.urls.append(a["href"])
        elif tag in ("script", "img", "source") and a.get("src"):
            self.urls.append(a["src"])


def _local(base: Path, url: str, root: Path) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or url.startswith(("//", "data:")):
        return None
    path = (base.parent / unquote(parts.path)).resolve()
    return path if path.is_relative_to(root.resolve()) else None


def page_assets(page: Path, root: Path) -> tuple[dict[Path, int], list[str]]:
    """The local files a page loads with their sizes, and its external URLs."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    files: dict[Path, int] = {page.resolve(): page.stat().st_size}
    external: list[str] = []
    todo = [(page, url) for url in parser.urls]
    while todo:
        base, url = todo.pop()
        path = _local(base, url, root)
        if path is None:
            if not url.startswith("data:"):
                external.append(url)
            continue
        if path in files or not path.is_file():
            continue
        files[path] = path.stat().st_size
        if path.suffix == ".css":
            css = path.read_text(encoding="utf-8", errors="replace")
            for match in CSS_URL.finditer(css):
                todo.append((path, match.group(1) or match.group(2)))
    return files, external


def weigh(root: Path, pages: list[str]) -> list[dict]:
    rows = []
    for name in pages:
        page = root / f"{name}.html"
        files, external = page_assets(page, root)
        kinds: dict[str, int] = {}
        for path, size in files.items():
            kind = {".html": "html", ".css": "css", ".js": "js"}.get(path.suffix)
            if kind is None:
                kind = "font" if path.suffix in (".woff", ".woff2", ".ttf", ".otf") else "image"
            kinds[kind] = kinds.get(kind, 0) + size
        rows.append({"page": name, "total": sum(files.values()), "files": len(files),
                     "external": external, **kinds,
                     "interactive": bool(INTERACTIVE.search(page.read_text(encoding="utf-8")))})
    return rows


def table(rows: list[dict]) -> str:
    head = f"{'page':<38} {'total':>9} {'html':>8} {'css':>8} {'js':>8} {'font':>7} " \
           f"{'image':>8} {'files':>5}"
    lines = [head, "-" * len(head)]
    for r in rows:
        flag = " interactive" if r["interactive"] else ""
        flag += " OVER" if r["total"] > BUDGET and not r["interactive"] else ""
        lines.append(f"{r['page']:<38} {r['total']:>9,} {r.get('html', 0):>8,} "
                     f"{r.get('css', 0):>8,} {r.get('js', 0):>8,} {r.get('font', 0):>7,} "
                     f"{r.get('image', 0):>8,} {r['files']:>5}{flag}")
    return "\n".join(lines)


def book_pages(root: Path) -> list[str]:
    """Every page named in _toc.yml, root first."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc["parts"]:
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


def both_editions(root: Path) -> list[str]:
    """Every page of the English edition, then the same pages of the Vietnamese one (vi/)."""
    pages = [*book_pages(root), "search", "genindex"]
    return [*pages, *(f"vi/{page}" for page in pages)]


@pytest.fixture(scope="module")
def weights(built_book, root) -> list[dict]:
    assert built_book.returncode == 0, built_book.log[-3000:]
    return weigh(built_book.html, both_editions(root))


def test_a_vietnamese_chapter_is_weighed(weights):
    assert any(r["page"] == "vi/book/03-provinces" for r in weights)


def test_every_page_within_budget(weights):
    over = [r for r in weights if r["total"] > BUDGET and not r["interactive"]]
    assert not over, f"pages over {BUDGET:,} bytes:\n{table(weights)}"


def test_pages_load_nothing_from_outside(weights):
    external = {r["page"]: r["external"] for r in weights if r["external"]}
    assert not external, external


def test_heavy_theme_assets_are_not_loaded(built_book, root):
    """fontawesome.js (1.49 MB), the search index and Thebe stay off chapter pages."""
    files, _ = page_assets(built_book.html / f"{book_pages(root)[1]}.html", built_book.html)
    names = {path.name for path in files}
    for heavy in ("fontawesome.js", "searchindex.js", "searchtools.js", "sphinx-thebe.js",
                  "pydata-sphinx-theme.css"):
        assert heavy not in names, heavy
    search, _ = page_assets(built_book.html / "search.html", built_book.html)
    assert "searchindex.js" in {path.name for path in search}


def test_no_inline_script_is_repeated(built_book):
    """Stock JB1 inlined Thebe's config twice: "THEBE_JS_URL has already been declared"."""
    repeated = {}
    for page in sorted(built_book.html.rglob("*.html")):
        scripts = re.findall(r"<script>(.*?)</script>", page.read_text(encoding="utf-8"), re.S)
        twice = {s for s in scripts if scripts.count(s) > 1}
        if twice:
            repeated[str(page.relative_to(built_book.html))] = sorted(twice)
    assert not repeated, repeated


def test_every_page_has_a_meta_description(built_book, root):
    missing = []
    for name in both_editions(root):
        text = (built_book.html / f"{name}.html").read_text(encoding="utf-8")
        match = re.search(r'<meta name="description" content="([^"]*)"', text)
        if not match or len(match.group(1).strip()) < 20:
            missing.append(name)
    assert not missing


def test_favicon_is_linked_and_served(built_book, root):
    for name in book_pages(root)[:3]:
        page = built_book.html / f"{name}.html"
        match = re.search(r'<link rel="icon" href="([^"]+)"', page.read_text(encoding="utf-8"))
        assert match, name
        assert (page.parent / match.group(1)).is_file()


def test_sitemap_lists_every_page(built_book, root):
    sitemap = (built_book.html / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    base = "https://smart-cities-vietnam.github.io/course/"
    missing = [name for name in book_pages(root) if f"{base}{name}.html" not in listed]
    assert not missing, missing


if __name__ == "__main__":
    html_root = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    repo = Path(__file__).resolve().parent.parent
    print(table(weigh(html_root, both_editions(repo))))
