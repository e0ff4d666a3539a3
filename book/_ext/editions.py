"""The book's editions, one per language: a switcher on every page, and the interface in
the page's language.

Why. The English source and its translations are built as separate editions
(book/_tools/editions.py): English at the site root, each translation under
``<lang>/`` with the same page paths. A reader must be able to move from any page to
the same page in the other language, on a phone too, and search engines must know
the pages are translations of each other. So every page gets:

- a switcher in the article header (beside the download and full-screen buttons,
  visible at 375 px): a real link, relative (it works from ``file://`` as well as
  from the site), with ``hreflang`` and ``lang`` of the edition it opens and a label
  in that language;
- ``<link rel="alternate" hreflang>`` to every edition of the page, itself included,
  with absolute URLs under ``edition_site_url``.

The interface (Sphinx's, the themes' and extensions' words: "Skip to main content",
"Print to PDF", "Exercise", "Click to show") comes from gettext catalogs. Sphinx
reads a project ``locales/<lang>/LC_MESSAGES/sphinx.po`` before its own, but the
themes and extensions register their own domains (``booktheme``, ``exercise``,
``togglebutton``) with their package's catalog only, and their Vietnamese
catalogs are partial and at times wrong ("Launch" as "Phóng"). A project catalog of
such a domain, ``locales/<lang>/LC_MESSAGES/<domain>.po``, is compiled here and put
in front of the package's, which stays behind it for anything it lacks. The
search page's scripts read their words from ``_static/translations.js``, which
Sphinx copies from ``locales/<lang>/LC_MESSAGES/sphinx.js``: that file is written
here from the project's ``sphinx.po``. A few words the themes' templates write
with no gettext call at all (``title="Toggle primary sidebar"``, ``aria-label="Main"``,
the search box's "Search this book...") are listed in ``interface.po`` and replaced
in the rendered page's ``title``, ``aria-label``, ``alt`` and ``placeholder``
attributes, and only there. sphinx-copybutton keeps its words in its script, with
no Vietnamese; ``_static/copybutton-<lang>.js``, written from ``interface.po`` and
loaded after it on pages with code, adds them.
"""

from __future__ import annotations

import gettext
import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.util.i18n import CatalogRepository

TEMPLATES = Path(__file__).resolve().parent / "editions_templates"
SWITCHER_TEMPLATE = "edition-switcher.html"
# Each edition's name and the switcher's label, in the edition's own language.
EDITION_NAMES = {
    "en": ("English", "English: read this page in English"),
    "vi": ("Tiếng Việt", "Tiếng Việt: đọc trang này bằng tiếng Việt"),
}
THEME_DOMAINS = ("booktheme", "exercise", "togglebutton")
# sphinx-copybutton's message keys -> the English words, msgids of interface.po.
COPYBUTTON_WORDS = {"copy": "Copy", "copy_to_clipboard": "Copy to clipboard",
                    "copy_success": "Copied!", "copy_failure": "Failed to copy"}
ATTRIBUTES = re.compile(r'\b(title|aria-label|alt|placeholder)="([^"]*)"')


def edition_prefix(language: str, languages: list[str]) -> str:
    """Where an edition lives under the site root: "" for the source, "vi/" for vi."""
    return "" if language == languages[0] else f"{language}/"


def switch_href(pagename: str, language: str, target: str, languages: list[str]) -> str:
    """The relative link from ``pagename`` of edition ``language`` to edition ``target``."""
    to_site_root = "../" * (pagename.count("/") + edition_prefix(language, languages).count("/"))
    return f"{to_site_root}{edition_prefix(target, languages)}{pagename}.html"


def _config_inited(app: Sphinx, config: Any) -> None:
    # A change to an interface catalog must rewrite every page: its digest is an
    # "html" config value, which Sphinx compares with the last build's.
    folder = Path(app.srcdir, config.locale_dirs[0], config.language or "", "LC_MESSAGES")
    digest = hashlib.sha256()
    for domain in ("sphinx", *THEME_DOMAINS, "interface"):
        path = folder / f"{domain}.po"
        digest.update(path.read_bytes() if path.is_file() else b"")
    config.edition_interface_digest = digest.hexdigest()
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]
    options = dict(config.html_theme_options or {})
    end = options.get("article_header_end", ["article-header-buttons.html"])
    end = [item.strip() for item in end.split(",")] if isinstance(end, str) else list(end)
    if SWITCHER_TEMPLATE not in end:
        options["article_header_end"] = [SWITCHER_TEMPLATE, *end]
    config.html_theme_options = options


def _project_catalogs_first(app: Sphinx) -> None:
    """Put the project's catalogs of the themes' domains in front of the packages'."""
    language = app.config.language
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, language,
                             app.config.source_encoding)
    for catalog in repo.catalogs:
        if catalog.domain not in THEME_DOMAINS:
            continue
        if catalog.is_outdated():
            catalog.write_mo(language, app.config.gettext_allow_fuzzy_translations)
        ours = gettext.translation(catalog.domain, languages=[language],
                                   localedir=Path(catalog.base_dir).parents[1])
        theirs = locale.translators.get(("general", catalog.domain))
        if theirs is not None and type(theirs) is not gettext.NullTranslations:
            ours.add_fallback(theirs)
        locale.translators[("general", catalog.domain)] = ours


def _messages(path: Path) -> dict[str, str]:
    """The translated messages of a .po file (untranslated and fuzzy ones left out)."""
    if not path.is_file():
        return {}
    with path.open("rb") as po:
        catalog = read_po(po)
    return {m.id: m.string for m in catalog
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def _locale_dir(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.locale_dirs[0], app.config.language, "LC_MESSAGES")


def _write_translations_js(app: Sphinx) -> None:
    """``sphinx.js`` (what Sphinx serves as translations.js) from the project's sphinx.po."""
    folder = _locale_dir(app)
    messages = _messages(folder / "sphinx.po")
    if not messages:
        return
    text = ("Documentation.addTranslations(" + json.dumps(
        {"locale": app.config.language, "messages": messages, "plural_expr": "0"},
        ensure_ascii=True, indent=1, sort_keys=True) + ");\n")
    target = folder / "sphinx.js"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")


def _translate_attributes(app: Sphinx) -> None:
    """Translate the attributes the templates hard-code in English (interface.po)."""
    table = {html.escape(k): html.escape(v) for k, v in
             _messages(_locale_dir(app) / "interface.po").items()}
    if not table or not hasattr(app.builder, "templates"):
        return
    render = app.builder.templates.render

    def translated(template: str, context: dict[str, Any]) -> str:
        return ATTRIBUTES.sub(lambda m: f'{m.group(1)}="{table.get(m.group(2), m.group(2))}"',
                              render(template, context))

    app.builder.templates.render = translated  # type: ignore[method-assign]


def _copybutton_script(app: Sphinx) -> str:
    words = _messages(_locale_dir(app) / "interface.po")
    language = app.config.language
    messages = {key: words.get(english, english) for key, english in COPYBUTTON_WORDS.items()}
    return (f"/* sphinx-copybutton's words in {language} (book/_ext/editions.py). */\n"
            'if (typeof messages !== "undefined") {\n'
            f"  messages[{json.dumps(language)}] = {json.dumps(messages, ensure_ascii=False)};\n"
            f"  locale = {json.dumps(language)};\n"
            "  // Deferred, copybutton.js may have added its buttons already: relabel them.\n"
            '  document.querySelectorAll("button.copybtn").forEach((button) => {\n'
            "    button.dataset.tooltip = messages[locale].copy;\n"
            '    button.querySelectorAll("title").forEach((title) => {\n'
            "      title.textContent = messages[locale].copy_to_clipboard;\n"
            "    });\n  });\n}\n")


def _translated_edition(app: Sphinx) -> bool:
    return bool(app.config.language) and app.config.language != app.config.edition_languages[0]


def _builder_inited(app: Sphinx) -> None:
    if not _translated_edition(app):
        return
    _project_catalogs_first(app)
    if app.builder.format == "html":
        _write_translations_js(app)
        _translate_attributes(app)
        if "sphinx_copybutton" in app.extensions:
            app.add_js_file(f"copybutton-{app.config.language}.js", priority=900)


def _build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and _translated_edition(app) and app.builder.format == "html" \
            and "sphinx_copybutton" in app.extensions:
        target = Path(app.outdir, "_static", f"copybutton-{app.config.language}.js")
        text = _copybutton_script(app)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree: Any) -> None:
    languages = list(app.config.edition_languages)
    language = app.config.language or languages[0]
    if language not in languages:
        return
    site = app.config.edition_site_url.rstrip("/") + "/"
    alternates = [f'<link rel="alternate" hreflang="{lang}" '
                  f'href="{site}{edition_prefix(lang, languages)}{pagename}.html" />'
                  for lang in languages]
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(alternates)
    others = [lang for lang in languages if lang != language]
    context["edition_switches"] = [
        {"lang": lang, "href": switch_href(pagename, language, lang, languages),
         "name": EDITION_NAMES.get(lang, (lang, lang))[0],
         "label": EDITION_NAMES.get(lang, (lang, lang))[1]}
        for lang in others]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("edition_languages", ["en"], "html", list)
    app.add_config_value("edition_site_url", "", "html", str)
    app.add_config_value("edition_interface_digest", "", "html", str)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _builder_inited)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
