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
in front of the package's, which stays behind it for anything it lacks.
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

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


def edition_prefix(language: str, languages: list[str]) -> str:
    """Where an edition lives under the site root: "" for the source, "vi/" for vi."""
    return "" if language == languages[0] else f"{language}/"


def switch_href(pagename: str, language: str, target: str, languages: list[str]) -> str:
    """The relative link from ``pagename`` of edition ``language`` to edition ``target``."""
    to_site_root = "../" * (pagename.count("/") + edition_prefix(language, languages).count("/"))
    return f"{to_site_root}{edition_prefix(target, languages)}{pagename}.html"


def _config_inited(app: Sphinx, config: Any) -> None:
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
    if not language or language == "en":
        return
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, language,
                             app.config.source_encoding)
    for catalog in repo.catalogs:
        if catalog.domain not in THEME_DOMAINS:
            continue
        if catalog.is_outdated():
            catalog.write_mo(language, app.config.gettext_allow_fuzzy_translations)
        ours = gettext.translation(catalog.domain, localedir=catalog.base_dir,
                                   languages=[language])
        theirs = locale.translators.get(("general", catalog.domain))
        if theirs is not None and type(theirs) is not gettext.NullTranslations:
            ours.add_fallback(theirs)
        locale.translators[("general", catalog.domain)] = ours


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
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _project_catalogs_first)
    app.connect("html-page-context", _page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
