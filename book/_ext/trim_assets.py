"""Keep the book light: every page loads only the theme assets it uses.

Why. Students read this book on phones over slow mobile networks as much as on
laptops. A stock Jupyter Book 1 page (sphinx-book-theme 1.3 on pydata-sphinx-theme
0.17) loads about 2.5 MB before its own text and figures: FontAwesome's
``fontawesome.js`` alone is 1.49 MB, the theme's stylesheet 0.4 MB (all of
Bootstrap and all 1,900 FontAwesome icon rules), and the search index, Thebe and
every extension's scripts and stylesheets come on every page whether the page
uses them or not. This extension trims that at build time. It keeps what students
use (search, dark mode, the download, launch and repository menus, the sidebars,
toggles, exercise and solution dropdowns, copy buttons, tabs) and changes no
installed package: the theme's files are copied as Sphinx copies them, and the
pages link to trimmed copies written beside them.

What it does.

1. FontAwesome. pydata-sphinx-theme loads ``scripts/fontawesome.js``: every
   FontAwesome icon as JavaScript that replaces each ``<i class="fa-...">`` by an
   inline SVG. The theme's stylesheet already has FontAwesome's CSS and webfonts,
   which draw the same icons from the same markup (the way upstream goes in
   pydata-sphinx-theme PR #2494), so the script is not loaded and is removed from
   the output. The webfonts are cut down to the glyphs the stylesheets use (WOFF
   files of a few KB instead of 300 KB, made with fontTools, which matplotlib
   already needs), and the ``@font-face`` rules point to them.
2. Unused CSS. Each stylesheet a page loads is written again as ``NAME.trimmed.css``
   without the rules whose selectors name a class that appears in no built page
   (``class`` attributes and inline scripts) and in no script of ``_static`` (any
   word of them counts, and a word ending in ``-`` keeps every class it begins, for
   classes that scripts build, such as Bootstrap's ``bs-tooltip-auto``). This is
   what PurgeCSS does, erring on the side of keeping: ``:not()``, ``:is()`` and
   ``:where()`` arguments and attribute selectors never remove a rule, and at-rules
   other than ``@media``/``@supports`` are kept whole. The set of classes is taken
   from the whole output at each build, so a page that starts using a new class
   gets its rules at the next build. About 400 KB of CSS becomes about 150 KB.
3. Search. pydata-sphinx-theme loads ``searchtools.js``, ``language_data.js`` and the
   whole ``searchindex.js`` on every page, for its "search as you type" option.
   This book leaves that off (the search box opens ``search.html``), so the three
   load on the search page only.
4. Thebe. jupyter-book always enables sphinx-thebe, which adds ``sphinx-thebe.js``,
   ``sphinx-thebe.css`` and an inline script to every page, the inline script twice,
   so that every page logged "Identifier 'THEBE_JS_URL' has already been declared".
   The book has no Thebe button (``launch_buttons.thebe`` is false), so all of it
   goes; with Thebe turned on it stays, once.
5. Per page. Stylesheets and scripts for content that a page does not have are left
   out: code highlighting and copy buttons (no code block), MyST-NB's notebook
   styles (no notebook cell), sphinx-design (no ``sd-`` element; its tab script
   only with tabs), sphinx-togglebutton (no toggle or dropdown). An inline script
   added twice (togglebutton's selector) is kept once. The extensions' scripts,
   which wait for the page to load anyway, are loaded with ``defer`` so that they
   no longer hold its first paint (not on the search page, where the template's
   own searchtools.js needs doctools.js at once). ``styles/theme.css``, which
   only ``@import``s ``basic.css``, gives way to a direct link (one round trip less),
   the theme's ``<link rel="preload">`` of its two deferred scripts goes (they no
   longer compete with the stylesheets), and every figure but a page's first is
   loaded lazily.
6. Pages without a meta description (search, genindex) get one, and the site's
   ``index.html``, a bare redirect written by sphinx-external-toc, becomes a small
   valid page with a title, a language, a description and a link.
7. Incremental builds: a change to a file of ``html_static_path`` (``book.css``)
   alone rebuilds the root page, so that Sphinx copies the static files again
   (it skips them when it writes no page), and sitemap.xml lists every page, not
   only those the build wrote (sphinx-sitemap 2.9 lists only those).
8. The sidebar buttons on phones: pydata-sphinx-theme 0.17 adds a hidden top
   navbar with sidebar toggles of its own, and the theme's scripts bind those, so
   the visible buttons did nothing (pydata-sphinx-theme issue 2451). Setting
   ``navbar_persistent`` to nothing removes that navbar (the fix other books took).
9. Two fixes found by the browser tests: the bibliography's entries get
   ``role="listitem"`` (axe: a ``role="list"`` must hold list items), and the book's
   ``search-numbers.js`` (which makes Sphinx's search find "950") is loaded on the
   search page only.

The theme's templates are changed only through ``trim_assets_templates/layout.html``,
which passes the theme's own ``css`` and ``extrahead`` blocks through
:func:`_trim_head`. A ``_templates/layout.html`` of the book's own would hide it.
"""

from __future__ import annotations

import filecmp
import hashlib
import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util import logging

logger = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "trim_assets_templates"
THEME_CSS = "styles/pydata-sphinx-theme.css"
FONT_DIR = "vendor/fontawesome/webfonts"
DROPPED_FILES = ("scripts/fontawesome.js", "scripts/fontawesome.js.map",
                 "scripts/fontawesome.js.LICENSE.txt")
THEBE_FILES = ("sphinx-thebe.js", "sphinx-thebe.css")
SEARCH_SCRIPTS = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")
# Classes that scripts loaded from elsewhere may add (MathJax, when a page has math).
SAFE_PREFIXES = ("MathJax", "mjx-")

# What a page's body must contain for an asset to be loaded on it.
NEEDS = {
    "code": re.compile(r'class="highlight[" ]'),
    "notebook": re.compile(r'class="[^"]*\b(?:cell|cell_output|output|pasted-\w+)\b'),
    "design": re.compile(r'class="[^"]*\bsd-'),
    "tabs": re.compile(r'class="[^"]*\bsd-tab-set\b'),
    "toggle": re.compile(r'class="[^"]*\b(?:toggle|dropdown|toggle-details)\b'),
}
ASSET_NEEDS = {  # start of the file name -> need
    "pygments.css": "code",
    "copybutton.css": "code",
    "copybutton.js": "code",
    "clipboard.min.js": "code",
    "mystnb.": "notebook",
    "sphinx-design": "design",
    "design-tabs.js": "tabs",
    "togglebutton.css": "toggle",
    "togglebutton.js": "toggle",
    "sphinx-thebe": "thebe",
    "search-numbers.js": "search",  # the book's fix to Sphinx's search (book/_static)
    "copybutton-": "code",  # copybutton.js's words in the edition's language (editions.py)
}
INLINE_NEEDS = {  # text in an inline script -> need
    "toggleHint": "toggle",
    "toggleOpenOnPrint": "toggle",
    "togglebuttonSelector": "toggle",
    "THEBE_JS_URL": "thebe",
}


def trimmed_name(name: str) -> str:
    """``_static/x.css`` -> ``_static/x.trimmed.css``."""
    return name[: -len(".css")] + ".trimmed.css"


def _thebe_on(app: Sphinx) -> bool:
    launch = (app.config.html_theme_options or {}).get("launch_buttons") or {}
    return bool(launch.get("thebe")) or bool((app.config.thebe_config or {}).get("always_load"))


def _search_as_you_type(app: Sphinx) -> bool:
    return bool((app.config.html_theme_options or {}).get("search_as_you_type"))


def _config_inited(app: Sphinx, config: Any) -> None:
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
    # pydata-sphinx-theme 0.17 draws a top navbar for its persistent items (a search
    # button) with sidebar toggles of its own; its scripts and sphinx-book-theme's
    # bind the first .primary-toggle, that hidden one, so the visible buttons did
    # nothing and a phone could not open the table of contents (pydata-sphinx-theme
    # issue 2451). Without persistent items there is no such navbar; search stays in
    # the sidebar and the article header.
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    config.html_theme_options = options


# ------------------------------------------------------------------ each page

def _need_of(asset: Any) -> str | None:
    filename = getattr(asset, "filename", None)
    if filename:
        base = str(filename).rsplit("/", 1)[-1]
        for prefix, need in ASSET_NEEDS.items():
            if base.startswith(prefix):
                return need
        return None
    body = getattr(asset, "attributes", {}).get("body", "")
    for text, need in INLINE_NEEDS.items():
        if text in body:
            return need
    return None


def _keep(assets: Iterable[Any], needs: set[str]) -> list[Any]:
    kept, seen = [], set()
    for asset in assets:
        key = (str(getattr(asset, "filename", None) or ""),  # inline: None or ""
               tuple(sorted(getattr(asset, "attributes", {}).items())))
        need = _need_of(asset)
        if key in seen or (need is not None and need not in needs):
            continue
        seen.add(key)
        kept.append(asset)
    return kept


def _deferred(js: Any) -> Any:
    """A local script loaded with ``defer``: it runs in order, after the page is parsed.

    The scripts Sphinx and the extensions add wait for DOMContentLoaded anyway;
    documentation_options.js stays as it is, since inline scripts extend it.
    """
    filename = str(getattr(js, "filename", None) or "")
    attributes = dict(getattr(js, "attributes", {}))
    if (not filename.startswith("_static/") or filename.endswith("documentation_options.js")
            or {"defer", "async", "type"} & set(attributes)):
        return js
    return type(js)(filename, priority=js.priority, **attributes, defer="defer")


def _local_css(filename: Any) -> bool:
    name = str(filename or "")
    return name.startswith("_static/") and name.endswith(".css") and "://" not in name


def _to_trimmed(css: Any) -> Any:
    if not _local_css(getattr(css, "filename", None)):
        return css
    attributes = dict(css.attributes)
    return type(css)(trimmed_name(str(css.filename)), priority=css.priority, **attributes)


def _trim_head(fragment: str, *, search_page: bool, search_as_you_type: bool) -> Markup:
    """Drop from the theme's own <head> markup what the book does not use."""
    text = str(fragment)
    text = re.sub(r'\s*<script[^>]*\bsrc="[^"]*scripts/fontawesome\.js[^"]*"[^>]*></script>',
                  "", text)
    text = text.replace(THEME_CSS, trimmed_name(THEME_CSS))
    text = re.sub(r'href="([^"]*)styles/theme\.css(?:\?[^"]*)?"', r'href="\1basic.trimmed.css"',
                  text)
    if not search_page and not search_as_you_type:
        for script in SEARCH_SCRIPTS:
            text = re.sub(r'\s*<script src="[^"]*' + re.escape(script) + r'"></script>', "",
                          text)
    # The theme preloads its two deferred scripts (97 KB) in <head>, where they
    # compete with the stylesheets for the first paint; they load at the end anyway.
    text = re.sub(r'\s*<link rel="preload" as="script"[^>]*/>', "", text)
    # basic/layout.html already has the viewport <meta>.
    text = re.sub(r'\s*<meta name="viewport"[^>]*/>', "", text)
    return Markup(text)


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: Any) -> None:
    _rendered(app).add(pagename)
    body = context.get("body") or ""
    needs = {need for need, pattern in NEEDS.items() if pattern.search(body)}
    if _thebe_on(app):
        needs.add("thebe")
    if pagename == "search":
        needs.add("search")
    if body.count("<img ") > 1:
        # Figures further down load when the reader gets near them (not the first,
        # which may be in view at once).
        first, rest = body.split("<img ", 1)
        body = first + "<img " + rest.replace("<img ", '<img loading="lazy" ')
        context["body"] = body
    if 'role="doc-biblioentry"' in body:
        # A bibliography is a role="list" (docutils); axe requires its items to be
        # listitems, and DPUB-ARIA 1.1 deprecates doc-biblioentry for listitem.
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')
    context["script_files"] = _keep(context.get("script_files", []), needs)
    if pagename != "search":  # searchtools.js, loaded by the template, needs doctools.js
        context["script_files"] = [_deferred(js) for js in context["script_files"]]
    context["css_files"] = [_to_trimmed(css) for css in _keep(context.get("css_files", []), needs)]
    search_page = pagename == "search"
    sayt = _search_as_you_type(app)
    context["trim_head"] = lambda fragment: _trim_head(
        fragment, search_page=search_page, search_as_you_type=sayt)
    metatags = context.get("metatags", "")
    if 'name="description"' not in metatags:
        title = re.sub(r"<[^>]+>", "", context.get("title") or "")
        description = f"{title}: {context.get('docstitle', '')}, {_('an open course book')}."
        context["metatags"] = (metatags + '\n<meta name="description" content="'
                               + html.escape(description) + '" />')


def _rendered(app: Sphinx) -> set[str]:
    if not hasattr(app, "_trim_assets_rendered"):
        app._trim_assets_rendered = set()  # type: ignore[attr-defined]
    return app._trim_assets_rendered  # type: ignore[attr-defined]


# ------------------------------------------------------- incremental builds

def _static_changed(app: Sphinx, env: Any, added: set[str], changed: set[str],
                    removed: set[str]) -> list[str]:
    """Re-read the root page when a file of html_static_path changed.

    Sphinx copies static files only when it writes some page, so a change to
    book/_static/book.css alone would never reach the output.
    """
    static = Path(app.outdir) / "_static"
    for entry in app.config.html_static_path:
        source = (Path(app.confdir) / entry).resolve()
        if not source.is_relative_to(Path(app.confdir).resolve()):
            continue  # an extension's own static files (Sphinx copies those as it likes)
        for path in (source.rglob("*") if source.is_dir() else [source]):
            if not path.is_file():
                continue
            copy = static / (path.relative_to(source) if source.is_dir() else path.name)
            if not copy.is_file() or not filecmp.cmp(path, copy, shallow=False):
                return [app.config.root_doc]
    return []


def _complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """List every page in sitemap.xml, not only those written by this build.

    sphinx-sitemap 2.9 lists the pages written by the current build, so after an
    incremental build sitemap.xml held only the changed pages.
    """
    if exception is not None or not hasattr(app.env.app, "sitemap_links"):
        return
    try:
        from sphinx_sitemap import add_html_link
    except ImportError:
        return
    rendered = _rendered(app)
    for docname in sorted(app.env.found_docs - rendered):
        add_html_link(app, docname, None, {}, None)


# ------------------------------------------------------------ unused CSS rules

_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_FONT_SRC = re.compile(r'src:url\(([^)]*?)/([\w-]+)\.woff2\)\s*format\("woff2"\)'
                       r'(?:,url\([^)]*?\.ttf\)\s*format\("truetype"\))?')


class Classes:
    """The classes a stylesheet rule may need: those of the built site."""

    def __init__(self, outdir: Path) -> None:
        self.names: set[str] = set()
        words: set[str] = set()
        for page in outdir.rglob("*.html"):
            text = page.read_text(encoding="utf-8", errors="replace")
            for attr in re.findall(r'\bclass=(?:"([^"]*)"|\'([^\']*)\')', text):
                self.names.update((attr[0] or attr[1]).split())
            for script in re.findall(r"<script[^>]*>(.*?)</script>", text, re.S):
                words.update(re.findall(r"[A-Za-z_][\w-]*", script))
        for script in (outdir / "_static").rglob("*.js"):
            if "fontawesome" not in script.name:
                words.update(re.findall(r"[A-Za-z_][\w-]*",
                                        script.read_text(encoding="utf-8", errors="replace")))
        self.names |= words
        self.prefixes = tuple(sorted({w for w in words if w.endswith("-") and len(w) >= 3}
                                     | set(SAFE_PREFIXES)))

    def key(self) -> str:
        return hashlib.sha256("\n".join([*sorted(self.names), "--", *self.prefixes])
                              .encode()).hexdigest()

    def known(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


def _skip_comment(css: str, i: int) -> int:
    end = css.find("*/", i + 2)
    return len(css) if end < 0 else end + 2


def _skip_string(css: str, i: int) -> int:
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level statements: (prelude, block body) or (statement, None)."""
    out: list[tuple[str, str | None]] = []
    i, n = 0, len(css)
    while i < n:
        k = i
        while k < n and css[k] not in "{;}":
            if css.startswith("/*", k):
                k = _skip_comment(css, k)
            elif css[k] in "\"'":
                k = _skip_string(css, k)
            else:
                k += 1
        if k >= n or css[k] == "}":
            out.append((css[i:k], None))
            i = k + 1
            continue
        if css[k] == ";":
            out.append((css[i:k + 1], None))
            i = k + 1
            continue
        depth, m = 1, k + 1
        while depth and m < n:
            if css.startswith("/*", m):
                m = _skip_comment(css, m)
                continue
            if css[m] in "\"'":
                m = _skip_string(css, m)
                continue
            depth += {"{": 1, "}": -1}.get(css[m], 0)
            m += 1
        out.append((css[i:k], css[k + 1:m - 1]))
        i = m
    return out


def _split_selectors(selector: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in selector:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _without_functional(selector: str) -> str:
    out, i = [], 0
    while match := _FUNCTIONAL.search(selector, i):
        out.append(selector[i:match.start()])
        depth, j = 1, match.end()
        while depth and j < len(selector):
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        i = j
    out.append(selector[i:])
    return re.sub(r"\[[^\]]*\]", "", "".join(out))


def purge(css: str, classes: Classes) -> str:
    """The stylesheet without the rules that can match nothing in the built site."""
    out = []
    for prelude, body in _blocks(css):
        comments = "".join(c for c in re.findall(r"/\*.*?\*/", prelude, re.S)
                           if c.startswith("/*!"))  # licences
        head = re.sub(r"/\*.*?\*/", "", prelude, flags=re.S).strip()
        if body is None:
            if head:
                out.append(comments + head)
            elif comments:
                out.append(comments)
            continue
        if head.startswith(("@media", "@supports", "@layer", "@container", "@document")):
            inner = purge(body, classes)
            if inner.strip():
                out.append(f"{comments}{head}{{{inner}}}")
            continue
        if head.startswith("@"):
            out.append(f"{comments}{head}{{{body}}}")
            continue
        kept = [s.strip() for s in _split_selectors(head)
                if all(classes.known(c) for c in _CLASS.findall(_without_functional(s)))]
        if kept:
            out.append(f"{comments}{','.join(kept)}{{{body}}}")
        elif comments:
            out.append(comments)
    return "\n".join(out) if "\n" in css.strip() else "".join(out)


def _css_text(value: str) -> str:
    return _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2),
                           value)


def _icon_glyphs(css: str) -> set[int]:
    """FontAwesome's glyphs are in Unicode's private use areas."""
    glyphs = set()
    for value in _STRING.findall(css):
        glyphs.update(ord(c) for c in _css_text(value)
                      if 0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000)
    return glyphs


# --------------------------------------------------------------- build-finished

def _theme_static(app: Sphinx, relative: str) -> Path | None:
    for theme_dir in app.builder.theme.get_theme_dirs():
        candidate = Path(theme_dir) / "static" / relative
        if candidate.is_file():
            return candidate
    return None


def _cached(stamps: Path, name: str, key: str, target: Path) -> bool:
    stamp = stamps / f"{name}.json"
    return target.is_file() and stamp.is_file() and stamp.read_text() == key


def _stamp(stamps: Path, name: str, key: str) -> None:
    stamps.mkdir(parents=True, exist_ok=True)
    (stamps / f"{name}.json").write_text(key)


def _subset_fonts(fonts: Path, out: Path, stamps: Path, glyphs: set[int]) -> None:
    """Write ``NAME.subset.woff`` for each FontAwesome font, with just ``glyphs``."""
    for ttf in sorted(fonts.glob("*.ttf")):
        target = out / f"{ttf.stem}.subset.woff"
        key = json.dumps({"glyphs": sorted(glyphs),
                          "font": hashlib.sha256(ttf.read_bytes()).hexdigest()})
        if _cached(stamps, target.name, key, target):
            continue
        from fontTools import subset  # only when a subset is written: 0.1 s to import
        from fontTools.ttLib import TTFont

        font = TTFont(ttf, recalcTimestamp=False)
        options = subset.Options()
        options.flavor = "woff"
        options.name_IDs = ["*"]  # keep the copyright and licence names
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(g for g in glyphs if g in font.getBestCmap()))
        subsetter.subset(font)
        font.flavor = "woff"
        out.mkdir(parents=True, exist_ok=True)
        font.save(target, reorderTables=False)
        _stamp(stamps, target.name, key)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _trim_stylesheets(app: Sphinx, static: Path, stamps: Path) -> set[int]:
    """Write NAME.trimmed.css beside every stylesheet; return the icon glyphs they use."""
    classes = Classes(Path(app.outdir))
    sources: dict[Path, Path] = {}  # trimmed file -> source
    for css in static.rglob("*.css"):
        if not css.name.endswith(".trimmed.css") and css.name != "theme.css":
            sources[css.with_name(trimmed_name(css.name))] = css
    theme_css = _theme_static(app, THEME_CSS)
    if theme_css is not None:  # the package's copy: the output's may be served trimmed
        sources[static / trimmed_name(THEME_CSS)] = theme_css
    glyphs: set[int] = set()
    for target, source in sorted(sources.items()):
        text = source.read_text(encoding="utf-8", errors="replace")
        key = hashlib.sha256(text.encode()).hexdigest() + classes.key()
        stamp_name = str(target.relative_to(static)).replace("/", "__")
        if _cached(stamps, stamp_name, key, target):
            trimmed = target.read_text(encoding="utf-8")
        else:
            trimmed = _FONT_SRC.sub(lambda m: f'src:url({m.group(1)}/{m.group(2)}.subset.woff) '
                                              'format("woff")', purge(text, classes))
            _write_if_changed(target, trimmed)
            _stamp(stamps, stamp_name, key)
        glyphs |= _icon_glyphs(trimmed)
    return glyphs


def _index_page(app: Sphinx, outdir: Path) -> None:
    if app.config.root_doc == "index":
        return
    target = f"{app.config.root_doc}.html"
    title = html.escape(app.config.html_title or app.config.project)
    favicon = Path(app.config.html_favicon or "favicon.svg").name
    _write_if_changed(outdir / "index.html", f"""<!DOCTYPE html>
<html lang="{app.config.language or 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{title}: {html.escape(_('an open course book'))}.">
<link rel="canonical" href="{html.escape(app.config.html_baseurl or '')}{target}">
<link rel="icon" href="_static/{favicon}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body><p><a href="{target}">{title}</a></p></body>
</html>
""")


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    stamps = Path(app.doctreedir) / "trim_assets"
    for relative in (*DROPPED_FILES, *(() if _thebe_on(app) else THEBE_FILES)):
        (static / relative).unlink(missing_ok=True)
    glyphs = _trim_stylesheets(app, static, stamps)
    fonts = _theme_static(app, f"{FONT_DIR}/fa-solid-900.ttf")
    if fonts is not None:
        _subset_fonts(fonts.parent, static / FONT_DIR, stamps, glyphs)
    _index_page(app, outdir)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _page_context, priority=900)
    app.connect("env-get-outdated", _static_changed)
    # Before sphinx-sitemap writes sitemap.xml (priority 500).
    app.connect("build-finished", _complete_sitemap, priority=450)
    # After pydata-sphinx-theme writes pygments.css and sphinx-external-toc its bare
    # index.html redirect (both at the default priority, 500).
    app.connect("build-finished", _build_finished, priority=900)
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
