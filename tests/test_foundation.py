"""The foundation: the book builds without warnings, every page and link resolves,
and the package and its CLI work."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml


def toc_files(root: Path) -> list[str]:
    """Every file named in _toc.yml, root first."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc["parts"]:
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def test_book_builds_without_warnings(built_book):
    assert built_book.returncode == 0, built_book.log[-4000:]
    warnings = [line for line in built_book.log.splitlines()
                if re.search(r"\bWARNING\b|\bERROR\b", line) and "IPKernelApp" not in line]
    assert not warnings, "\n".join(warnings)


def test_every_toc_entry_has_a_page(built_book, root):
    missing = [f for f in toc_files(root) if not (built_book.html / f"{f}.html").is_file()]
    assert not missing


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src", "link": "href", "script": "src", "source": "src"}
        for name, value in attrs:
            if tag in wanted and name == wanted[tag] and value:
                self.targets.append(value)


def test_internal_links_and_images_resolve(built_book):
    broken = []
    # _static holds the theme's Jinja macro files, not pages of the book.
    pages = sorted(p for p in built_book.html.rglob("*.html")
                   if "_static" not in p.relative_to(built_book.html).parts)
    assert len(pages) > 10
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or target.startswith(("#", "//", "mailto:", "data:")):
                continue
            path = unquote(parts.path)
            if not path:
                continue
            resolved = (page.parent / path).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.exists():
                broken.append(f"{page.relative_to(built_book.html)} -> {target}")
    assert not broken, "\n".join(broken[:50])


def test_package_imports_and_cli_prints_help():
    import vnsmartcity

    assert vnsmartcity.load("facts").shape[0] > 0
    cli = Path(sys.executable).parent / "vnsmartcity"
    result = subprocess.run([str(cli), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for command in ("assign", "grade"):
        assert command in result.stdout


@pytest.mark.parametrize("path", ["README.md", ".ci/run", "Makefile", "requirements.lock"])
def test_newcomer_files_exist(root, path):
    assert (root / path).is_file()


def test_readme_opens_with_two_command_quick_start(root):
    readme = (root / "README.md").read_text()
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^make \w+", quick, flags=re.M)
    assert commands == ["make book", "make test"]


def test_every_dependency_is_pinned(root):
    lines = [line.strip() for line in (root / "requirements.lock").read_text().splitlines()]
    requirements = [line for line in lines if line and not line.startswith("#")]
    assert requirements
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.+\-]+", line) for line in requirements)
    assert any(line.startswith("jupyter-book==1.") for line in requirements)


def test_cli_without_the_instructor_tools_says_what_to_install(tmp_path):
    """A student install (no nbclient) gets one line naming the extra, not a traceback."""
    script = (
        "import builtins, sys\n"
        "real = builtins.__import__\n"
        "def without_nbclient(name, *args, **kwargs):\n"
        "    if name.split('.')[0] == 'nbclient':\n"
        "        raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = without_nbclient\n"
        "from vnsmartcity.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n")
    result = subprocess.run([sys.executable, "-c", script, "grade", str(tmp_path),
                             "--out", str(tmp_path / "grades")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert 'pip install "vnsmartcity[instructor]"' in lines[0]
    assert "nbclient" in lines[0]
