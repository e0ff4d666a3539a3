"""Translate the captions of the table of contents ("Chapters", "Exercises", "Appendices").

Why. Sphinx translates a toctree's caption when the toctree is in the page's source, but
Jupyter Book's toctrees come from `_toc.yml`: sphinx-external-toc inserts them with a
transform (priority 100) that runs after Sphinx's translation (priority 20), so the
Vietnamese edition's sidebar and PDF parts said "Chapters". The captions are in the root
page's catalog (the gettext builder extracts them there), so this transform, run after the
insertion, looks each one up in that catalog the way Sphinx's own Locale transform does.
"""

from __future__ import annotations

from os import path
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms import SphinxTransform
from sphinx.util.i18n import docname_to_domain


class TranslateTocCaptions(SphinxTransform):
    """Give each inserted toctree of the page its caption in the build's language."""

    default_priority = 110  # after sphinx-external-toc's InsertToctrees (100)

    def apply(self, **kwargs: Any) -> None:
        if not self.config.language or self.config.language == "en":
            return
        toctrees = [node for node in self.document.findall(addnodes.toctree)
                    if node.get("caption")]
        if not toctrees:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        dirs = [path.join(self.env.srcdir, folder) for folder in self.config.locale_dirs]
        catalog, found = init_locale(dirs, self.config.language, domain)
        if not found:
            return
        for toctree in toctrees:
            toctree["caption"] = catalog.gettext(toctree["caption"])


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(TranslateTocCaptions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
