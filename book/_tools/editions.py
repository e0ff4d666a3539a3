"""Build one edition of the book: English (the source) or a translation.

Why. The book has one source and one edition per language: English at
``_build/html/``, each translation at ``_build/html/<lang>/`` with the same page
paths (book/_ext/editions.py links them). Jupyter Book 1 has no ``-D``, so an
edition's Sphinx settings (``language``, its base URL, the notebook prompts) go
into a configuration written from ``_config.yml`` to ``_build/editions/<lang>.yml``
(the local extensions' paths made absolute: Jupyter Book resolves them against
the configuration's folder). Each translation is built with its own
``--path-output`` (``_build/<lang>/``): its doctrees, its HTML and above all its
execution cache stay apart from the English ones, since the cache keys on the code
cells only and would hand the English outputs to the Vietnamese pages. The
finished HTML is then synchronised into ``_build/html/<lang>/``. The notebooks'
kernels inherit ``VNSC_LANG`` (the course package draws figures in that language).

A build whose inputs have not changed since the edition's last successful build
is skipped: the sources' paths, sizes and modification times, the flags and the
``VNSC_*`` settings, kept in ``_build/editions/<lang>.stamp``. A no-op
``jupyter-book build`` costs about 2 s of start-up per edition (bench/README.md);
this way ``make book`` with nothing to do costs a tree walk.

    python book/_tools/editions.py vi            # build the Vietnamese edition
    python book/_tools/editions.py en            # the English one (as jupyter-book build .)
    python book/_tools/editions.py gettext       # English messages, for `make po`

Extra arguments after ``--`` go to ``jupyter-book build`` (``-W -n --keep-going``).
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
SOURCE_LANGUAGE = "en"
# What differs in each translated edition besides `language`: the book's settings
# (_config.yml's top level) and Sphinx's (its sphinx.config).
EDITION_SETTINGS: dict[str, dict[str, dict[str, Any]]] = {
    "vi": {
        "book": {"title": "Đô thị thông minh ở Việt Nam",
                 "author": "Nhóm biên soạn khóa học Đô thị thông minh ở Việt Nam"},
        "sphinx": {
            "ogp_site_name": "Đô thị thông minh ở Việt Nam",
            # myst-nb fills {type} with an English word, so the prompts name no type.
            "nb_code_prompt_show": "Hiện ô mã",
            "nb_code_prompt_hide": "Ẩn ô mã",
        },
    },
}
LANGUAGES = (SOURCE_LANGUAGE, *EDITION_SETTINGS)
# Not inputs of the book: build products, caches, environments.
NOT_SOURCES = {"_build", ".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache",
               "node_modules", "release", "grades", "dist", "build", ".ipynb_checkpoints"}
# Written into locales/ by the build itself (compiled catalogs, the search page's words).
BUILD_WRITTEN = (".mo", "sphinx.js")


def build_dir(root: Path, edition: str) -> Path:
    """The --path-output of an edition: its own doctrees, HTML and execution cache."""
    return root if edition == SOURCE_LANGUAGE else root / "_build" / edition


def html_dir(root: Path, edition: str) -> Path:
    """Where an edition's pages are published: the site root, or <lang>/ under it."""
    site = root / "_build" / "html"
    return site if edition == SOURCE_LANGUAGE else site / edition


def edition_config(root: Path, edition: str) -> dict[str, Any]:
    """``_config.yml`` as the edition ``edition`` (a language, or "gettext") needs it."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    sphinx = config.setdefault("sphinx", {})
    sphinx["local_extensions"] = {name: str((root / path).resolve()) for name, path
                                  in (sphinx.get("local_extensions") or {}).items()}
    settings = sphinx.setdefault("config", {})
    if edition == "gettext":
        # Message extraction reads the text only: no notebook needs to run for it.
        config.setdefault("execute", {})["execute_notebooks"] = "off"
        return config
    site = settings["html_baseurl"].rstrip("/") + "/"
    if edition != SOURCE_LANGUAGE:
        site += f"{edition}/"
    config.setdefault("html", {})["baseurl"] = site
    own = EDITION_SETTINGS.get(edition, {})
    config.update(own.get("book", {}))
    # Sphinx joins a relative locale dir to the working directory in places.
    settings.update(language=edition, html_baseurl=site, ogp_site_url=site,
                    locale_dirs=[str(root / "locales")], **own.get("sphinx", {}))
    return config


def write_config(root: Path, edition: str) -> Path:
    path = root / "_build" / "editions" / f"{edition}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# Written by book/_tools/editions.py from _config.yml: edit that instead.\n"
    text += yaml.safe_dump(edition_config(root, edition), allow_unicode=True, sort_keys=False)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def synchronise(source: Path, target: Path) -> None:
    """Make ``target`` a copy of ``source``, copying only the files that differ."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(target.rglob("*"), reverse=True):  # a folder's files before it
        if not (source / path.relative_to(target)).exists():
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink()
    for path in source.rglob("*"):
        copy = target / path.relative_to(source)
        if path.is_dir():
            copy.mkdir(exist_ok=True)
        elif not copy.is_file() or not filecmp.cmp(path, copy, shallow=True):
            shutil.copy2(path, copy)


def fingerprint(root: Path, edition: str, flags: list[str]) -> str:
    """What the edition's build reads: every source file's path, size and mtime, and more."""
    digest = hashlib.sha256(repr((edition, flags, sorted(
        (k, v) for k, v in os.environ.items() if k.startswith("VNSC_")))).encode())
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders
                            if f not in NOT_SOURCES and not f.endswith(".egg-info"))
        for name in sorted(files):
            if name.endswith(BUILD_WRITTEN):
                continue
            path = Path(folder, name)
            stat = path.stat()
            digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n"
                          .encode())
    return digest.hexdigest()


def stamp_path(root: Path, edition: str) -> Path:
    return root / "_build" / "editions" / f"{edition}.stamp"


def up_to_date(root: Path, edition: str, key: str) -> bool:
    stamp = stamp_path(root, edition)
    return ((html_dir(root, edition) / "index.html").is_file() and stamp.is_file()
            and stamp.read_text(encoding="utf-8") == key)


def jupyter_book() -> str:
    return str(Path(sys.executable).parent / "jupyter-book")


def build(root: Path, edition: str, flags: list[str]) -> int:
    """Build one edition, unless nothing it reads changed; return the exit status."""
    key = fingerprint(root, edition, flags)
    if edition != "gettext" and up_to_date(root, edition, key):
        print(f"The {edition} edition is up to date (_build/editions/{edition}.stamp).")
        return 0
    stamp_path(root, edition).unlink(missing_ok=True)
    env = {**os.environ, "VNSC_LANG": SOURCE_LANGUAGE if edition == "gettext" else edition}
    command = [jupyter_book(), "build", str(root), *flags]
    if edition == "gettext":
        command += ["--config", str(write_config(root, edition)),
                    "--path-output", str(root / "_build" / "gettext"),
                    "--builder", "custom", "--custom-builder", "gettext"]
    elif edition != SOURCE_LANGUAGE:
        command += ["--config", str(write_config(root, edition)),
                    "--path-output", str(build_dir(root, edition))]
    status = subprocess.run(command, env=env, check=False).returncode
    if status == 0 and edition in EDITION_SETTINGS:
        synchronise(build_dir(root, edition) / "_build" / "html", html_dir(root, edition))
    if status == 0 and edition != "gettext":
        stamp_path(root, edition).parent.mkdir(parents=True, exist_ok=True)
        stamp_path(root, edition).write_text(key, encoding="utf-8")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edition", choices=[*LANGUAGES, "gettext"])
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's repository")
    parser.add_argument("flags", nargs="*", help="after --: flags for jupyter-book build")
    args = parser.parse_args(argv)
    return build(args.root.resolve(), args.edition, args.flags)


if __name__ == "__main__":
    sys.exit(main())
