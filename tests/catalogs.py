"""What a translated gettext catalog must keep from its English messages.

A translator may rewrite a sentence freely, but the Vietnamese page must cite the same
sources, link the same terms and pages, and print the same numbers as the English one. So
each message is compared with its msgid:

- roles whose content is code (`{cite}`, `{glue}`, `{numref}`, `{eq}`, `{math}`, `{fact}`)
  stay verbatim; `{term}`, `{ref}`, `{doc}` keep their target (the text between < >, or
  the whole content) and may translate their visible text;
- inline code, `$math$`, `{{ substitutions }}` and link URLs stay verbatim;
- every number of the msgid appears at least once in the msgstr (the English may repeat
  one in a gloss the Vietnamese drops), read without its separators (5,151 and
  5.151 are the same number, as 1.5 and 1,5 are: Vietnamese swaps the two marks); extra
  numbers are allowed, since Vietnamese writes months as numbers;
- the msgstr is in Unicode NFC.

Written here rather than taken from a library: gettext tools check printf placeholders,
not MyST roles, and no tool knows the two ways of writing a number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROLE = re.compile(r"\{([a-z:-]+)\}`([^`]*)`")
VERBATIM_ROLES = ("cite", "glue", "numref", "eq", "math", "fact")
TARGET_ROLES = ("term", "ref", "doc")
CODE = re.compile(r"(?<![`}])`([^`]+)`")
MATH = re.compile(r"\$[^$\s][^$]*\$")
SUBSTITUTION = re.compile(r"\{\{[^}]*\}\}")
LINK_URL = re.compile(r"\]\(([^)\s]+)\)")
BARE_URL = re.compile(r"https?://\S+")
NUMBER = re.compile(r"\d+(?:[.,\u202f\u00a0]\d+)*")


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _target(content: str) -> str:
    match = re.search(r"<([^<>]+)>\s*$", content)
    return (match.group(1) if match else content).strip()


def markup(text: str) -> Counter:
    """The markup of a message that its translation must keep, as comparable keys."""
    found: Counter = Counter()
    for role, content in ROLE.findall(text):
        base = role.split(":")[0]
        if base in VERBATIM_ROLES:
            found[f"{{{role}}}`{content}`"] += 1
        elif base in TARGET_ROLES:
            found[f"{{{role}}}<{_target(content)}>"] += 1
    rest = ROLE.sub(" ", text)
    for pattern, kind in ((CODE, "code"), (MATH, "math"), (SUBSTITUTION, "substitution"),
                          (LINK_URL, "url")):
        for item in pattern.findall(rest):
            found[f"{kind}: {item}"] += 1
    return found


def prose(text: str) -> str:
    """The words of a message: without roles, code, math, substitutions and URLs."""
    for pattern in (ROLE, CODE, MATH, SUBSTITUTION, LINK_URL, BARE_URL):
        text = pattern.sub(" ", text)
    return text


def numbers(text: str) -> Counter:
    """The numbers of a message's prose, each as its digits only."""
    return Counter(re.sub(r"\D", "", n) for n in NUMBER.findall(prose(text)))


def problems(msgid: str, msgstr: str, fuzzy: bool) -> list[str]:
    """What is wrong with one translated message; an empty list if nothing."""
    if fuzzy:
        return ["fuzzy"]
    if not msgstr.strip():
        return ["untranslated"]
    found = []
    if unicodedata.normalize("NFC", msgstr) != msgstr:
        found.append("not in Unicode NFC")
    lost, added = markup(msgid) - markup(msgstr), markup(msgstr) - markup(msgid)
    if lost:
        found.append(f"markup lost or changed: {sorted(lost)}")
    if added:
        found.append(f"markup added: {sorted(added)}")
    missing = set(numbers(msgid)) - set(numbers(msgstr))
    if missing:
        found.append(f"numbers missing: {sorted(missing)}")
    return found
