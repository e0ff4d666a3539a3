"""The two editions (English, Vietnamese) as readers and search engines meet them.

Built once per session by tests/conftest.py exactly as `make book` builds them. Each
page of each edition must say its language (``<html lang>``), link to the same page
in the other edition (a switcher that resolves to a real file) and name both as
``hreflang`` alternates; the Vietnamese pages must show no English interface word
outside the article (the article's prose comes from the translators' catalogs);
each edition's config is generated apart, with its own output and execution cache.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import EDITIONS, ROOT

sys.path.insert(0, str(ROOT / "book" / "_tools"))
import editions  # noqa: E402  (book/_tools/editions.py)

SITE = "https://smart-cities-vietnam.github.io/course/"
# English interface strings found on the Vietnamese pages before the project
# catalogs (locales/vi/LC_MESSAGES/{sphinx,booktheme,exercise,togglebutton,interface}.po).
ENGLISH_INTERFACE = [
    "Skip to main content", "Search this book...", "Back to top", "Color mode",
    "System Settings", "Version warning", "Toggle primary sidebar",
    "Toggle secondary sidebar", "Print to PDF", "Download this page",
    "Download source file", "Download notebook file", "Fullscreen mode",
    "Source repositories", "Launch interactive content", "Open issue", "Repository",
    "previous page", "next page", "Contents", "© Copyright",
    "Please activate JavaScript to enable the search functionality.", "Binder logo",
    "Colab logo", "Launch on", "Show code cell", "Hide code cell", "Solution to",
    "Fig.", "Tìm Kiếm", "xem lại", "xem tiếp", "Phóng", "nhân sư",
]
# The same, inside the article (Sphinx's own words there: permalinks, figure numbers).
ENGLISH_IN_ARTICLE = ['title="Link to this', '<span class="caption-number">Fig.',
                      "Show code cell", "Hide code cell", '<p class="admonition-title">Solution']
# Words of the interface a Vietnamese page must not show outside its article.
INTERFACE_WORDS = {"skip", "search", "back", "top", "toggle", "sidebar", "print", "download",
                   "fullscreen", "launch", "source", "repository", "repositories", "issue",
                   "previous", "next", "contents", "copyright", "light", "dark", "mode",
                   "settings", "index", "solution", "exercise", "show", "hide", "page", "main",
                   "navigation", "logo", "by"}
# Written by book/_ext/student_notebooks.py, which the package's language support owns
# (its Vietnamese labels come with it): not checked here.
OWNED_ELSEWHERE = {"Download the exercise notebook (without solutions)",
                   "The exercise notebook to work in: no solutions, no outputs"}
# The article's own text and the page titles come from the translators' catalogs.
CONTENT_SELECTORS = ("article", "script", "style", ".bd-sidebar-primary nav.bd-docs-nav",
                     ".prev-next-title", "title", ".toc-entry", "#jb-print-docs-body h1")
# Links whose title attribute is a page's title (content, not interface).
TITLED_BY_CONTENT = ("left-prev", "right-next")


def pages(built_book, language: str) -> list[Path]:
    root = built_book.edition(language)
    others = [root / language for language in EDITIONS[1:]] if language == EDITIONS[0] else []
    return sorted(page for page in root.rglob("*.html")
                  if not any(page.is_relative_to(other) for other in others)
                  and "_static" not in page.parts)


@pytest.fixture(scope="module")
def build(built_book):
    assert built_book.returncode == 0, built_book.log[-4000:]
    return built_book


@pytest.mark.parametrize("language", EDITIONS)
def test_every_page_has_its_language(build, language):
    found = pages(build, language)
    assert len(found) > 20, found
    wrong = [str(page) for page in found
             if not re.search(rf'<html[^>]*\blang="{language}"', page.read_text("utf-8"))]
    assert not wrong, wrong


PYTHON_WARNING = re.compile(r"\b\w+Warning: |Traceback \(most recent call last\)")


@pytest.mark.parametrize("language", EDITIONS)
def test_no_page_shows_a_python_warning(build, language):
    """A code cell's stderr is shown on the page: a deprecation warning there is a bug."""
    shown = {str(page): PYTHON_WARNING.findall(BeautifulSoup(page.read_text("utf-8"),
                                                             "html.parser").get_text())
             for page in pages(build, language)}
    assert not {page: found for page, found in shown.items() if found}


@pytest.mark.parametrize("language", EDITIONS)
def test_every_switcher_link_opens_the_same_page_in_the_other_edition(build, language):
    root = build.edition(language)
    checked = 0
    for page in pages(build, language):
        if page.name == "index.html" and page.parent == root:
            continue  # the bare redirect to the root document
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        links = soup.select("a.edition-switch")
        assert len(links) == len(EDITIONS) - 1, f"{page}: {links}"
        for link in links:
            other = link["hreflang"]
            assert other != language and link["lang"] == other and link.get("aria-label")
            target = (page.parent / link["href"]).resolve()
            expected = build.edition(other) / page.relative_to(root)
            assert target == expected.resolve() and target.is_file(), (page, link["href"])
            checked += 1
    assert checked > 20


@pytest.mark.parametrize("language", EDITIONS)
def test_hreflang_alternates_name_both_editions(build, language):
    page = build.edition(language) / "book" / "03-provinces.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    alternates = {link["hreflang"]: link["href"]
                  for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"en": f"{SITE}book/03-provinces.html",
                          "vi": f"{SITE}vi/book/03-provinces.html"}
    og_url = soup.select_one('meta[property="og:url"]')["content"]
    assert og_url == alternates[language]


def test_vietnamese_sitemap_lists_vietnamese_urls(build):
    sitemap = (build.edition("vi") / "sitemap.xml").read_text("utf-8")
    listed = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert f"{SITE}vi/book/03-provinces.html" in listed
    assert all(url.startswith(f"{SITE}vi/") for url in listed), listed[:5]


def _interface_text(page: Path) -> list[str]:
    """The page's text outside its content, and its interface attributes."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    for selector in CONTENT_SELECTORS:
        for element in soup.select(selector):
            element.decompose()
    for element in soup.body.select("[lang]"):  # in another language on purpose (switcher)
        if element["lang"] != soup.html["lang"]:
            element.decompose()
    texts = [text.strip() for text in soup.body.stripped_strings]
    for element in soup.body.find_all(True):
        if set(element.get("class") or ()) & set(TITLED_BY_CONTENT):
            continue
        for attribute in ("title", "aria-label", "alt", "placeholder"):
            if element.get(attribute):
                texts.append(element[attribute])
    return [text for text in texts if text not in OWNED_ELSEWHERE]


def test_no_english_interface_string_on_vietnamese_pages(build):
    found = {}
    for page in pages(build, "vi"):
        html = page.read_text("utf-8")
        article_free = re.sub(r"<article.*?</article>", "", html, flags=re.S)
        left = [s for s in ENGLISH_INTERFACE if s in article_free
                and not any(s in owned for owned in OWNED_ELSEWHERE)]
        left += [s for s in ENGLISH_IN_ARTICLE if s in html]
        words = {word.lower() for text in _interface_text(page)
                 for word in re.findall(r"[A-Za-z]+", text)} & INTERFACE_WORDS
        if left or words:
            found[str(page.relative_to(build.html))] = (left, sorted(words))
    assert not found, found


def test_interface_check_catches_an_english_page(build):
    """The check itself: the English edition's chapter is full of interface words."""
    page = build.edition("en") / "exercises" / "03-provinces.html"
    words = {word.lower() for text in _interface_text(page)
             for word in re.findall(r"[A-Za-z]+", text)} & INTERFACE_WORDS
    assert {"search", "toggle", "contents", "fullscreen"} <= words, words


def test_vietnamese_figures_and_solutions_say_so_in_vietnamese(build):
    assert "Lời giải" in (build.edition("vi") / "exercises" / "03-provinces.html").read_text(
        "utf-8")
    assert "Hiện ô mã" in (build.edition("vi") / "book" / "08-toward-2045.html").read_text(
        "utf-8")
    chapter = (build.edition("vi") / "book" / "09-cities.html").read_text("utf-8")
    assert re.search(r'<span class="caption-number">Hình \d', chapter), "figures not 'Hình'"
    assert "Fig. " not in chapter
    assert "Documentation.addTranslations" in (
        build.edition("vi") / "_static" / "translations.js").read_text("utf-8")


# --------------------------------------------------- the generated configuration

def test_edition_config_is_self_contained(tmp_path):
    config = editions.edition_config(ROOT, "vi")
    settings = config["sphinx"]["config"]
    assert settings["language"] == "vi"
    assert settings["html_baseurl"] == settings["ogp_site_url"] == f"{SITE}vi/"
    assert config["html"]["baseurl"] == f"{SITE}vi/"
    for path in config["sphinx"]["local_extensions"].values():
        assert Path(path).is_absolute() and Path(path).is_dir()
    assert all(Path(d).is_absolute() for d in settings["locale_dirs"])
    english = editions.edition_config(ROOT, "en")["sphinx"]["config"]
    assert english["language"] == "en" and english["html_baseurl"] == SITE
    assert editions.edition_config(ROOT, "gettext")["execute"]["execute_notebooks"] == "off"


def test_editions_never_share_an_output_or_a_cache():
    outputs = {language: editions.build_dir(ROOT, language) / "_build" for language in EDITIONS}
    assert len(set(outputs.values())) == len(EDITIONS)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    stamp = re.search(r"^\$\(DATA_STAMP\):.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "_build/.jupyter_cache" in stamp and "$(edition)/_build/.jupyter_cache" in stamp


def test_synchronise_copies_changes_and_removes_what_is_gone(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    (source / "book").mkdir(parents=True)
    (source / "book" / "a.html").write_text("new", encoding="utf-8")
    (target / "old").mkdir(parents=True)
    (target / "old" / "stale.html").write_text("stale", encoding="utf-8")
    editions.synchronise(source, target)
    assert (target / "book" / "a.html").read_text(encoding="utf-8") == "new"
    assert not (target / "old").exists()


def test_fingerprint_sees_sources_not_build_products(tmp_path, monkeypatch):
    """An unchanged edition is skipped: only a change to what the build reads counts."""
    monkeypatch.delenv("VNSC_SOLUTIONS", raising=False)
    (tmp_path / "book").mkdir()
    chapter = tmp_path / "book" / "01.md"
    chapter.write_text("# One\n", encoding="utf-8")
    (tmp_path / "locales" / "vi" / "LC_MESSAGES").mkdir(parents=True)
    before = editions.fingerprint(tmp_path, "vi", ["-W"])
    (tmp_path / "_build" / "html").mkdir(parents=True)
    (tmp_path / "_build" / "html" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "locales" / "vi" / "LC_MESSAGES" / "sphinx.mo").write_bytes(b"compiled")
    assert editions.fingerprint(tmp_path, "vi", ["-W"]) == before
    assert editions.fingerprint(tmp_path, "en", ["-W"]) != before
    monkeypatch.setenv("VNSC_SOLUTIONS", "hide")
    assert editions.fingerprint(tmp_path, "vi", ["-W"]) != before
    monkeypatch.delenv("VNSC_SOLUTIONS")
    chapter.write_text("# One, edited\n", encoding="utf-8")
    assert editions.fingerprint(tmp_path, "vi", ["-W"]) != before
