"""Serve the student notebooks from the site, and point every exercise page at them.

Why. A student who downloads an exercise, or opens it in Colab or Binder, must get
the notebook to work in: no solutions, no outputs, a setup cell that installs the
course package. The theme's own buttons offer the page's source instead (the MyST
file and the executed notebook, with every solution and "✅ correct" under every
check), Colab is sent to a ``.md`` file it cannot open, and Binder to the source in
a text editor. So this extension:

1. writes the student release into the site, ``student/<name>.ipynb``, with the
   file names ``vnsmartcity assign`` writes (it is the same code), in the build's
   language (``language: vi`` gives the Vietnamese notebooks, in ``vi/student/``
   of the published site, as ``vnsmartcity assign --lang vi`` writes them; a block
   the catalog does not translate yet stays in English, as on the page), and copies
   ``binder/`` beside it, so that the branch the site is published to holds both;
2. on each exercise page, makes the download menu offer that notebook only, and
   points the Colab and Binder buttons at its published path: Colab opens
   notebooks by GitHub path, so the URL names the branch that GitHub Pages is
   published from (``student_notebooks_branch``, default ``gh-pages``) in the
   repository of ``repository.url``; Binder builds that branch (its ``binder/``)
   and opens the notebook in JupyterLab (``launch_buttons.notebook_interface``);
3. with ``exercise_solutions = "hide"`` (``make book SOLUTIONS=hide``, which sets
   VNSC_SOLUTIONS), leaves the solutions out of the pages with the outputs of the
   ``check(...)`` cells, which would say "✅ correct" under answers the page no
   longer shows, and removes the exercises' sources and executed notebooks from
   ``_sources``. Switching the value rebuilds every page (the value is of the
   "env" kind). sphinx-exercise's own ``hide_solutions`` cannot do it: it leaves
   the ``solution-end`` node of a gated solution behind, which no writer knows
   (sphinx-exercise 1.2.1), so the merged solution nodes are removed here instead.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_exercise.nodes import solution_node

from vnsmartcity.assign import exercise_sources, release_name, student_release
from vnsmartcity.messages import DEFAULT, LANGUAGES

STUDENT_FOLDER = "student"
SWITCH = "VNSC_SOLUTIONS"
CHECK_CELL = re.compile(r"^\s*check\(")


def _read_switch(app: Sphinx, config: Config) -> None:
    """SOLUTIONS from the environment (make book SOLUTIONS=hide) wins over _config.yml."""
    wanted = os.environ.get(SWITCH, "").strip() or config.exercise_solutions
    if wanted not in ("show", "hide"):
        raise ConfigError(f"{SWITCH} / exercise_solutions must be 'show' or 'hide', "
                          f"not {wanted!r}")
    config.exercise_solutions = wanted


def build_language(app: Sphinx) -> str:
    """The course language of this build: Sphinx's ``language`` if the course has it."""
    language = app.config.language or DEFAULT
    return language if language in LANGUAGES else DEFAULT


def published_folder(app: Sphinx) -> str:
    """Where this edition's notebooks are on the published branch: student/, vi/student/."""
    language = build_language(app)
    return STUDENT_FOLDER if language == DEFAULT else f"{language}/{STUDENT_FOLDER}"


def exercise_pages(app: Sphinx) -> dict[str, str]:
    """Docname of each exercise page -> the file name of its student notebook."""
    srcdir = Path(app.srcdir)
    return {str(source.relative_to(srcdir).with_suffix("").as_posix()):
            release_name(exercise, source)
            for exercise, source in exercise_sources(srcdir / "exercises").items()}


def published_urls(app: Sphinx, name: str) -> dict[str, str]:
    """Colab and Binder URLs of the published student notebook `name`."""
    options = app.config.html_theme_options or {}
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?",
                         options.get("repository_url", ""))
    if not match:
        raise ConfigError("repository.url in _config.yml must be a GitHub repository URL")
    org, repo = match.groups()
    branch = app.config.student_notebooks_branch
    launch = options.get("launch_buttons") or {}
    path = f"{published_folder(app)}/{name}"
    urls = {}
    if launch.get("colab_url"):
        colab = launch["colab_url"].rstrip("/")
        urls["Colab"] = f"{colab}/github/{org}/{repo}/blob/{branch}/{path}"
    if launch.get("binderhub_url"):
        ui = "lab/tree" if launch.get("notebook_interface") == "jupyterlab" else "tree"
        urls["Binder"] = (f"{launch['binderhub_url'].rstrip('/')}/v2/gh/{org}/{repo}/{branch}"
                          f"?urlpath={ui}/{path}")
    return urls


def _point_buttons(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                   doctree: Any) -> None:
    """On an exercise page: download = the student notebook; Colab, Binder = its path."""
    name = app.env.vnsc_exercise_pages.get(pagename)
    if name is None:
        return
    urls = published_urls(app, name)
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["tooltip"] = "Download the exercise notebook (without solutions)"
            group["buttons"] = [{
                "type": "link", "url": context["pathto"](f"{STUDENT_FOLDER}/{name}", 1),
                "text": ".ipynb", "icon": "fas fa-code", "label": "download-notebook-button",
                "tooltip": "The exercise notebook to work in: no solutions, no outputs",
            }]
        elif group.get("label") == "launch-buttons":
            for button in group["buttons"]:
                if button.get("text") in urls:
                    button["url"] = urls[button["text"]]


class HideSolutions(SphinxTransform):
    """With the solutions hidden, every solution goes, its code cells too."""

    default_priority = 11  # after sphinx-exercise merges gated solutions (10)

    def apply(self, **kwargs: Any) -> None:
        if self.config.exercise_solutions == "hide":
            for node in list(self.document.findall(solution_node)):
                node.parent.remove(node)


class HideCheckOutputs(SphinxPostTransform):
    """With the solutions hidden, the outputs of the exercises' check cells go too."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        if self.config.exercise_solutions != "hide":
            return
        # The LaTeX builder transforms the whole book as one tree, under the root's name.
        if self.app.builder.format != "latex" and \
                self.env.docname not in self.env.vnsc_exercise_pages:
            return
        for cell in list(self.document.findall(nodes.container)):
            if cell.get("nb_element") != "cell_code":
                continue
            source = next((c for c in cell.children if c.get("nb_element") == "cell_code_source"),
                          None)
            if source is not None and CHECK_CELL.match(source.astext()):
                for output in [c for c in cell.children
                               if c.get("nb_element") == "cell_code_output"]:
                    cell.remove(output)


def _remember_pages(app: Sphinx) -> None:
    app.env.vnsc_exercise_pages = exercise_pages(app)


def _write_release(app: Sphinx, exception: Exception | None) -> None:
    """Write student/*.ipynb and binder/ into the site; in hide mode, drop the sources."""
    if exception is not None or app.builder.format != "html":
        return
    outdir, srcdir = Path(app.outdir), Path(app.srcdir)
    folder = outdir / STUDENT_FOLDER
    folder.mkdir(exist_ok=True)
    language = build_language(app)
    for exercise, source in exercise_sources(srcdir / "exercises").items():
        released = student_release(exercise, source, language, allow_untranslated=True)
        nbformat.write(released, folder / release_name(exercise, source))
    binder = srcdir / "binder"
    if binder.is_dir():
        shutil.copytree(binder, outdir / "binder", dirs_exist_ok=True)
    if app.config.exercise_solutions == "hide":
        for pagename in app.env.vnsc_exercise_pages:
            for leftover in (outdir / "_sources").glob(f"{pagename}.*"):
                leftover.unlink()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("exercise_solutions", "show", "env", types=[str])
    app.add_config_value("student_notebooks_branch", "gh-pages", "html", types=[str])
    app.connect("config-inited", _read_switch)
    app.connect("builder-inited", _remember_pages)
    # After sphinx-book-theme builds the buttons (priority 501), before trim_assets (900).
    app.connect("html-page-context", _point_buttons, priority=600)
    app.connect("build-finished", _write_release)
    app.add_transform(HideSolutions)
    app.add_post_transform(HideCheckOutputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
