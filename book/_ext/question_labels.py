"""Label each exercise question by its own number, "Question 3.1", not "Exercise 13".

Why. sphinx-exercise numbers every ``exercise`` across the whole book, so Question
3.1 of exercise 3 was boxed as "Exercise 13", which students cannot match with the
heading above it, the check ``check("3.1", ...)`` or the gradebook. The exercises
give each question ``:nonumber:`` and its label as the title
(``{exercise-start} Question 3.1``); sphinx-exercise then writes "Exercise (Question
3.1)", and this post-transform keeps only the title: "Question 3.1". The solution's
dropdown reads "Solution" (``exercise_style: solution_follow_exercise``), since it
follows its question.

The title is a directive argument, which gettext does not extract, so in a translated
edition the word "Question" is looked up in the interface catalog (``interface.po``):
"Câu hỏi 3.1" in the Vietnamese edition.
"""

from __future__ import annotations

import re
from os import path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import init as init_locale
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_exercise.nodes import exercise_node


QUESTION = re.compile(r"^Question (?=\d)")


class QuestionTitles(SphinxPostTransform):
    """'Exercise (Question 3.1)' -> 'Question 3.1' on unnumbered exercises with a title."""

    default_priority = 25  # after sphinx-exercise's ResolveTitlesInExercises (20)

    def run(self, **kwargs: Any) -> None:
        for node in self.document.findall(exercise_node):
            title = node.children[0] if node.children else None
            if not isinstance(title, nodes.title) or len(title.children) < 4:
                continue
            opening, closing = title.children[1], title.children[-1]
            if opening.astext() == " (" and closing.astext() == ")":
                inner = title.children[2:-1]
                title.clear()
                title.extend(inner)
                self._translate(title)

    def _translate(self, title: nodes.title) -> None:
        """"Question 3.1" in the edition's language (interface.po of the locale dirs)."""
        if not self.config.language or self.config.language == "en":
            return
        dirs = [path.join(self.env.srcdir, folder) for folder in self.config.locale_dirs]
        catalog, found = init_locale(dirs, self.config.language, "interface")
        word = catalog.gettext("Question") if found else "Question"
        for text in list(title.findall(nodes.Text)):
            if QUESTION.match(text):
                text.parent.replace(text, nodes.Text(QUESTION.sub(word + " ", text)))
                return


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(QuestionTitles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
