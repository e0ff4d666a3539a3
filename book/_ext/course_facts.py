"""Course-data numbers in the prose, and figure captions and alt text in the page's language.

``{fact}`in_projects``` prints the value of that row of facts.csv the way the
edition's language writes it (5,151 in English, 5.151 in Vietnamese), so a figure
typed once in the data reads the same in both editions; ``{fact}`id:%```,
``{fact}`id:%.1```, ``{fact}`id:.2``` and ``{fact}`id:share``` choose the style
(see `vnsmartcity.labels.fact_text`). A translator keeps the role in the msgstr,
as with ``{cite}``.

Captions and alt text live in code-cell metadata, which gettext does not extract.
Alt text may hold ``{fact}`...``` too (it is plain text, so this extension fills it
in); and on a Vietnamese build the captions and alt text of the figures named in
`vnsmartcity.figure_texts` are replaced by their Vietnamese. The charts themselves
follow ``VNSC_LANG``, so the build refuses to start when it disagrees with the
Sphinx ``language``: charts in one language under captions in the other.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

from vnsmartcity.figure_texts import VIETNAMESE
from vnsmartcity.labels import LANGUAGES, fact_text, page_language

logger = logging.getLogger(__name__)
FACT = re.compile(r"\{fact\}`([^`:]+)(?::([^`]*))?`")
LITERAL = re.compile(r"`([^`]+)`")


def edition_language(config) -> str:
    """The Sphinx language of the build, as a course language."""
    return (config.language or "en").split("_")[0]


def fact_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{fact}`id[:style]```: the fact's value, written in the edition's language."""
    lang = edition_language(inliner.document.settings.env.config)
    fact_id, _, style = text.partition(":")
    try:
        return [nodes.Text(fact_text(fact_id.strip(), style.strip(), lang))], []
    except (KeyError, ValueError) as exc:
        message = inliner.reporter.error(str(exc).strip("\"'"), line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]


def fill_facts(text: str, lang: str) -> str:
    """Plain text with each ``{fact}`...``` replaced by its value."""
    return FACT.sub(lambda m: fact_text(m.group(1), m.group(2) or "", lang), text)


def caption_nodes(template: str, lang: str) -> list[nodes.Node]:
    """A caption's inline nodes: facts filled in, `backticks` as code, like MyST shows them."""
    parts: list[nodes.Node] = []
    for i, piece in enumerate(LITERAL.split(fill_facts(template, lang))):
        if i % 2:
            parts.append(nodes.literal(piece, piece))
        elif piece:
            parts.append(nodes.Text(piece))
    return parts


def check_languages(app: Sphinx) -> None:
    """Charts (VNSC_LANG) and text (language) must be in the same language."""
    lang = edition_language(app.config)
    if lang not in LANGUAGES:
        return
    try:
        charts = page_language()
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if charts != lang:
        raise ConfigError(
            f"Sphinx language is {lang!r} but VNSC_LANG={charts!r}: the charts would be in "
            f"another language than the text; run the build with VNSC_LANG={lang}"
        )


def localise_figures(app: Sphinx, doctree: nodes.document) -> None:
    """Fill the facts in alt text; on a Vietnamese build, put in the Vietnamese texts."""
    lang = edition_language(app.config)
    for image in doctree.findall(nodes.image):
        if "{fact}" in image.get("alt", ""):
            image["alt"] = fill_facts(image["alt"], lang)
    if lang != "vi":
        return
    for figure in doctree.findall(nodes.figure):
        texts = next((VIETNAMESE[n] for n in figure["names"] if n in VIETNAMESE), None)
        if texts is None:
            logger.warning("figure %s has no Vietnamese caption and alt text: add them to "
                           "src/vnsmartcity/figure_texts.py", figure["names"] or "(unnamed)",
                           location=figure)
            continue
        for caption in figure.findall(nodes.caption):
            caption.children.clear()
            caption.extend(caption_nodes(texts["caption"], lang))
        for image in figure.findall(nodes.image):
            image["alt"] = fill_facts(texts["alt"], lang)


def setup(app: Sphinx) -> dict:
    app.add_role("fact", fact_role)
    app.connect("builder-inited", check_languages)
    app.connect("doctree-read", localise_figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
