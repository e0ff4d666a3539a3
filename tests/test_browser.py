"""The book as students see it, in a real browser (Playwright driving Chromium).

The built HTML is served on 127.0.0.1 for the session. Every page must load with
no console error and no failed request, fetch nothing from outside 127.0.0.1 (no
CDN: MathJax too must be local, and only on pages with math), pass axe-core with
no serious or critical violation in light and in dark mode, and not overflow
horizontally at a 375 px wide viewport. Across the book: search finds the
chapters, a solution stays hidden until its toggle is clicked, the .ipynb download
is a valid notebook, and next/previous walk the table of contents in order. The
page, search, solution and download checks run on both editions (English at the
site root, Vietnamese under vi/), and search finds Vietnamese names typed without
diacritics in both (book/_ext/search_folding.py).

Chromium: Debian's ``chromium`` package (``apt-get install chromium``), or the
browser named by VNSC_CHROMIUM. Without one the module is skipped with one line;
with VNSC_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser is a failure.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
REQUIRED = os.environ.get("VNSC_REQUIRE_BROWSER") == "1"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
SERIOUS = {"serious", "critical"}
MOBILE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}


def _find_chromium() -> str | None:
    candidates = [os.environ.get("VNSC_CHROMIUM"), shutil.which("chromium"),
                  shutil.which("chromium-browser"), shutil.which("google-chrome")]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def _missing() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as error:
        return f"browser tests need playwright and axe-playwright-python ({error})"
    if _find_chromium() is None:
        return ("no Chromium found: install it with `apt-get install chromium` "
                "(or set VNSC_CHROMIUM=/path/to/chromium)")
    return None


MISSING = _missing()
if MISSING and not REQUIRED:
    pytest.skip(f"browser tests skipped, {MISSING}", allow_module_level=True)

pytestmark = pytest.mark.browser


def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]]
    for part in toc["parts"]:
        pages += [chapter["file"] for chapter in part["chapters"]]
    return pages


PAGES = [*toc_pages(), "search", "genindex"]
EDITIONS = {"en": "", "vi": "vi/"}  # the path of each edition under the site root


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site(built_book) -> Iterator[str]:
    """The built book, served on 127.0.0.1 on a free port."""
    assert built_book.returncode == 0, built_book.log[-3000:]
    handler = functools.partial(_Quiet, directory=str(built_book.html))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if MISSING:
        pytest.fail(f"VNSC_REQUIRE_BROWSER=1 but {MISSING}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_find_chromium(),
                                              args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


class Watched:
    """A browser page that records what went wrong while it loaded."""

    def __init__(self, browser, viewport: dict) -> None:
        self.context = browser.new_context(viewport=viewport, reduced_motion="reduce")
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.problems: list[str] = []
        self.requests: list[str] = []
        # Only requests that leave 127.0.0.1 are routed (through Python): blocked.
        self.page.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), self._external)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(
            f"console error: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(
            f"failed request: {r.url} ({r.failure})"))
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(
            f"HTTP {r.status}: {r.url}"))

    def _external(self, route) -> None:
        self.problems.append(f"external request: {route.request.url}")
        route.abort()

    def open(self, url: str) -> None:
        self.problems.clear()
        self.requests.clear()
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def desktop(browser) -> Iterator[Watched]:
    watched = Watched(browser, DESKTOP)
    yield watched
    watched.close()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def _serious(axe, page) -> list[str]:
    # No CSSOM preload: axe would fetch the stylesheets again itself, and it resolves
    # an @import against the page instead of the stylesheet (a false 404).
    results = axe.run(page, options={"resultTypes": ["violations"], "preload": False})
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in SERIOUS:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            found.append(f"{violation['impact']} {violation['id']}: {violation['help']} "
                         f"({len(violation['nodes'])} nodes, e.g. {targets})")
    return found


def _set_mode(page, mode: str) -> None:
    page.evaluate("""mode => {
        localStorage.setItem("mode", mode); localStorage.setItem("theme", mode);
        document.documentElement.dataset.mode = mode;
        document.documentElement.dataset.theme = mode;
    }""", mode)
    page.wait_for_timeout(50)


OVERFLOW = """() => {
    const root = document.documentElement;
    const own = "pre, table, .highlight, .cell_output, .output, .table-wrapper, " +
        ".pst-scrollable-table-container, mjx-container, dialog, .bd-sidebar-primary, " +
        ".bd-sidebar-secondary, .dropdown-menu";
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width && box.right > root.clientWidth + 1 && !el.closest(own))
            wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
                      (typeof el.className === "string" && el.className.trim()
                       ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
                      " right=" + Math.round(box.right));
    }
    return {scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("name", PAGES)
def test_page_in_the_browser(name, edition, site, desktop, axe):
    page = desktop.page
    page.set_viewport_size(DESKTOP)
    desktop.open(f"{site}/{EDITIONS[edition]}{name}.html")
    problems = list(desktop.problems)
    after_load = len(desktop.problems)

    has_math = page.evaluate("() => !!document.querySelector('.math, mjx-container')")
    mathjax = [u for u in desktop.requests if "mathjax" in u.lower()]
    if mathjax and not has_math:
        problems.append(f"MathJax loaded on a page without math: {mathjax}")

    for mode in ("light", "dark"):
        _set_mode(page, mode)
        problems += [f"axe ({mode}): {v}" for v in _serious(axe, page)]
    _set_mode(page, "light")

    page.set_viewport_size(MOBILE)
    page.wait_for_timeout(100)
    width = page.evaluate(OVERFLOW)
    if width["scroll"] > width["client"] + 1:
        problems.append(f"overflows at 375 px: scrollWidth {width['scroll']} > "
                        f"clientWidth {width['client']}; widest: {width['wide']}")
    problems += desktop.problems[after_load:]  # while checking, after the load
    assert not problems, "\n".join(problems)


def _search(desktop: Watched, site: str, query: str) -> list[str]:
    desktop.page.set_viewport_size(DESKTOP)
    desktop.open(f"{site}/search.html?q={query}")
    desktop.page.wait_for_selector("#search-results li a, #search-results p",
                                   state="attached")
    # The summary ("Search finished, found N page(s)", in the page's language) is
    # written once every result is listed.
    desktop.page.wait_for_function(
        "() => (document.querySelector('#search-results .search-summary')"
        " || {textContent: ''}).textContent.trim() !== ''")
    return desktop.page.eval_on_selector_all("#search-results li a",
                                             "links => links.map(a => a.href)")


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("query", ["950", "Kon Tum"])
def test_search_finds_a_chapter(query, edition, site, desktop):
    links = _search(desktop, f"{site}/{EDITIONS[edition]}".rstrip("/"), query)
    chapters = [link for link in links if "/book/" in link and "/appendix/" not in link]
    assert chapters, f"search for {query!r} found no chapter: {links}"
    assert not desktop.problems, desktop.problems


# (edition, query as typed, a page that must be among the results)
FOLDED_QUERIES = [
    ("vi", "da nang", "book/09-cities"),
    ("vi", "Đà Nẵng", "book/09-cities"),
    ("vi", "do thi thong minh", "book/01-what-makes-a-city-smart"),
    ("vi", "tinh", "book/03-provinces"),
    ("en", "Da Nang", "book/09-cities"),
    ("en", "Hanoi", "book/02-policy-architecture"),  # it writes "Hà Nội", never "Hanoi"
]


def _translated(page: str) -> bool:
    catalog = ROOT / "locales" / "vi" / "LC_MESSAGES" / f"{page}.po"
    return bool(re.search(r'^msgstr "[^"]', catalog.read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize(("edition", "query", "expected"), FOLDED_QUERIES)
def test_search_finds_vietnamese_typed_without_diacritics(edition, query, expected, site,
                                                          desktop):
    if query == "tinh" and not _translated(expected):
        pytest.skip(f"'tỉnh' is on {expected} once locales/vi/.../{expected}.po is translated")
    links = _search(desktop, f"{site}/{EDITIONS[edition]}".rstrip("/"), query)
    wanted = f"{site}/{EDITIONS[edition]}{expected}.html"
    assert any(link.split("?")[0].split("#")[0] == wanted for link in links), (
        f"search for {query!r} in the {edition} edition did not find {expected}: {links}")
    assert not desktop.problems, desktop.problems


@pytest.mark.parametrize("edition", EDITIONS)
def test_solution_hidden_until_its_toggle_is_clicked(edition, site, desktop):
    page = desktop.page
    page.set_viewport_size(DESKTOP)
    desktop.open(f"{site}/{EDITIONS[edition]}exercises/03-provinces.html")
    solution = page.locator(".solution.dropdown").first
    assert solution.count(), "no solution dropdown on exercises/03-provinces"
    body = solution.locator(":scope > :not(.admonition-title)").first
    assert not body.is_visible(), "the solution shows before its toggle is clicked"
    solution.locator("button.toggle-button").first.click()
    body.wait_for(state="visible")
    assert body.is_visible()
    assert not desktop.problems, desktop.problems


def test_theme_controls_work(site, desktop):
    """Copy buttons, the colour-mode switch and the sidebar buttons work."""
    page = desktop.page
    page.set_viewport_size(MOBILE)
    desktop.open(f"{site}/exercises/03-provinces.html")
    assert page.locator("button.copybtn").count(), "no copy button on code cells"
    before = page.evaluate("() => document.documentElement.dataset.mode")
    page.locator(".theme-switch-button").first.click()
    after = page.evaluate("() => document.documentElement.dataset.mode")
    assert after != before, f"the colour-mode switch did nothing ({before})"
    sidebar = page.locator("#pst-primary-sidebar-modal")  # a <dialog> on phones
    assert not sidebar.is_visible()
    page.locator(".primary-toggle:visible").first.click()
    sidebar.wait_for(state="visible")
    assert sidebar.locator("a", has_text="Exercise 1").first.is_visible()
    page.keyboard.press("Escape")
    contents = page.locator("#pst-secondary-sidebar-modal")
    page.locator(".secondary-toggle:visible").first.click()
    contents.wait_for(state="visible")
    page.keyboard.press("Escape")
    page.set_viewport_size(DESKTOP)  # on a wide screen the button hides the sidebar
    primary = page.locator("#pst-primary-sidebar")
    assert primary.is_visible()
    page.locator(".primary-toggle:visible").first.click()
    primary.wait_for(state="hidden")
    assert not desktop.problems, desktop.problems


@pytest.mark.parametrize(("edition", "tooltip"), [("en", "Copy"), ("vi", "Sao chép")])
def test_copy_buttons_speak_the_page_language(edition, tooltip, site, desktop):
    desktop.open(f"{site}/{EDITIONS[edition]}exercises/03-provinces.html")
    button = desktop.page.locator("button.copybtn").first
    assert button.get_attribute("data-tooltip") == tooltip
    assert not desktop.problems, desktop.problems


@pytest.mark.parametrize("edition", EDITIONS)
def test_ipynb_download_is_a_valid_notebook(edition, site, desktop):
    page = desktop.page
    page.set_viewport_size(DESKTOP)
    desktop.open(f"{site}/{EDITIONS[edition]}exercises/03-provinces.html")
    page.locator(".dropdown-download-buttons > button").click()
    link = page.locator(".dropdown-download-buttons a", has_text=".ipynb")
    link.wait_for(state="visible")
    href = link.evaluate("a => a.href")
    assert href.startswith(f"{site}/{EDITIONS[edition]}"), href  # the edition's own notebook
    response = page.request.get(href)
    assert response.ok, f"{href}: HTTP {response.status}"
    notebook = nbformat.reads(response.text(), as_version=4)
    nbformat.validate(notebook)
    assert any(cell.cell_type == "code" for cell in notebook.cells)


def test_next_and_previous_walk_the_table_of_contents(site, browser):
    context = browser.new_context(viewport=DESKTOP)  # unwatched: no routing, faster
    page = context.new_page()
    expected = [f"/{name}.html" for name in toc_pages()]

    def walk(start: str, selector: str) -> list[str]:
        page.goto(f"{site}{start}", wait_until="domcontentloaded")
        seen = [urlsplit(page.url).path]
        for _ in range(len(expected) + 2):
            link = page.locator(selector).first
            if not link.count():
                break
            with page.expect_navigation(wait_until="domcontentloaded"):
                link.click()
            seen.append(urlsplit(page.url).path)
        return seen

    try:
        assert walk(expected[0], "a.right-next") == expected
        assert walk(expected[-1], "a.left-prev") == expected[::-1]
    finally:
        context.close()


# Every chart must stay legible on a phone: its smallest text at least MIN_TEXT_PX
# CSS px when the page is 375 px wide. Charts are SVG with real <text> elements
# (vnsmartcity.figures), so the browser can measure each piece of text as it is
# drawn: its font size times the scale from the SVG's own units to screen pixels.
MIN_TEXT_PX = 10
FIGURE_PAGES = [page for page in toc_pages()
                if page.startswith(("book/0", "exercises/")) or page == "book/appendix/timeline"]

FIGURE_TEXT = """async (minimum) => {
    // Open every solution first: its chart is shown at the width of its box.
    for (const button of document.querySelectorAll(".dropdown button.toggle-button"))
        if (!button.closest(".toggle-shown")) button.click();
    await new Promise(done => setTimeout(done, 300));
    const found = {figures: 0, texts: 0, raster: [], small: [], smallest: Infinity};
    for (const img of document.querySelectorAll(".cell_output img")) {
        const src = img.currentSrc || img.src;
        const name = src.split("/").pop();
        const width = img.getBoundingClientRect().width;
        if (!/\\.svg(\\?|$)/i.test(src)) { found.raster.push(name); continue; }
        if (!width) { found.small.push(name + ": not displayed"); continue; }
        const markup = await (await fetch(src)).text();
        const parsed = new DOMParser().parseFromString(markup, "image/svg+xml").documentElement;
        const holder = document.createElement("div");
        holder.style.cssText = "position:absolute;left:0;top:0;visibility:hidden;width:" +
            width + "px";
        const svg = document.importNode(parsed, true);
        svg.setAttribute("width", width + "px");  // drawn at the width the page shows
        svg.removeAttribute("height");
        holder.appendChild(svg);
        document.body.appendChild(holder);
        found.figures += 1;
        for (const text of svg.querySelectorAll("text")) {
            const words = text.textContent.trim();
            if (!words) continue;
            const ctm = text.getScreenCTM();
            const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b);
            found.texts += 1;
            found.smallest = Math.min(found.smallest, px);
            if (px < minimum)
                found.small.push(name + ': "' + words.slice(0, 30) + '" ' + px.toFixed(1) + " px");
        }
        holder.remove();
    }
    return found;
}"""


@pytest.fixture(scope="module")
def phone(browser) -> Iterator[Watched]:
    watched = Watched(browser, MOBILE)
    yield watched
    watched.close()


@pytest.mark.parametrize("name", FIGURE_PAGES)
def test_figure_text_is_legible_on_a_phone(name, site, phone):
    phone.open(f"{site}/{name}.html")
    found = phone.page.evaluate(FIGURE_TEXT, MIN_TEXT_PX)
    assert not found["raster"], (f"raster chart(s) {found['raster']}: draw charts as SVG "
                                 "with vnsmartcity.figures.use_book_style()")
    assert not found["small"], (f"text under {MIN_TEXT_PX} px at 375 px wide: "
                                f"{found['small'][:8]}")
    if found["figures"]:
        assert found["texts"] >= 3 * found["figures"], "charts without measurable text"
    assert not phone.problems, phone.problems


def test_figure_text_check_catches_small_text(site, phone):
    """The measurement itself: an 8-inch chart with 8 pt text must fail at 375 px."""
    phone.open(f"{site}/book/09-cities.html")
    small = phone.page.evaluate("""() => {
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="576pt" height="200pt" ' +
            'viewBox="0 0 576 200"><text x="10" y="100" style="font-size: 8px">tiny</text></svg>';
        const holder = document.createElement("div");
        holder.innerHTML = svg;
        const el = holder.firstElementChild;
        el.setAttribute("width", "343px");
        el.removeAttribute("height");
        document.body.appendChild(holder);
        const text = el.querySelector("text");
        const ctm = text.getScreenCTM();
        const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(ctm.a, ctm.b);
        holder.remove();
        return px;
    }""")
    assert 4 < small < MIN_TEXT_PX  # 8 * 343 / 576 = 4.8 px: what the first edition had


TABLE_CELLS = """() => {
    const squeezed = [];
    let tables = 0;
    for (const table of document.querySelectorAll(".cell_output table, article table")) {
        tables += 1;
        const box = table.parentElement;
        const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
        if (table.getBoundingClientRect().width > box.clientWidth + 1 && !scrolls)
            squeezed.push("a table wider than its box that does not scroll");
        for (const cell of table.querySelectorAll("td, th")) {
            const words = cell.textContent.trim().split(/\\s+/).length;
            const width = cell.getBoundingClientRect().width;
            if (words >= 3 && width && width < 64)
                squeezed.push('"' + cell.textContent.trim().slice(0, 30) + '" ' +
                              Math.round(width) + " px wide");
        }
    }
    return {tables, squeezed: squeezed.slice(0, 8)};
}"""


@pytest.mark.parametrize("name", ["book/03-provinces", "book/02-policy-architecture",
                                  "book/appendix/timeline", "book/appendix/documents"])
def test_wide_tables_scroll_in_their_box_on_a_phone(name, site, phone):
    phone.open(f"{site}/{name}.html")
    found = phone.page.evaluate(TABLE_CELLS)
    assert found["tables"], f"no table on {name}"
    assert not found["squeezed"], found["squeezed"]
