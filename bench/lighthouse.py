"""Lighthouse scores of the built book: front page and a chapter, mobile and desktop.

Builds the book in a temporary copy of the repository (or takes --html DIR),
serves it on 127.0.0.1 (gzipped, with a 10-minute cache lifetime, as GitHub Pages
serves it), runs Lighthouse (npm ``lighthouse``, pinned below, through
npx's cache) with the system Chromium three times per page and preset, and prints
the median of each category score. Not part of ``make test``.

    .venv/bin/python bench/lighthouse.py [--html _build/html] [--runs 3]

Needs Node.js with npx, and Chromium (``apt-get install chromium``; another
browser through CHROME_PATH). Goal: performance at least 90 on mobile and 98 on
desktop; accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = "lighthouse@12.8.2"  # 13.x needs Node 22; Debian's and ours is 20
PAGES = {"front page": "book/intro.html", "chapter": "book/03-provinces.html"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


def build() -> Path:
    """Build the book from a temporary copy of the repository; return its HTML."""
    copy = Path(tempfile.mkdtemp(prefix="vnsc-lighthouse-")) / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".venv", "_build", ".git", "__pycache__", "node_modules", "*.egg-info"))
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    subprocess.run([str(jupyter_book), "build", str(copy), "-W", "-n", "--keep-going"],
                   check=True, stdout=subprocess.DEVNULL)
    return copy / "_build" / "html"


class _Handler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it, as GitHub Pages serves them."""

    COMPRESS = (".html", ".css", ".js", ".svg", ".json", ".xml", ".txt", ".ipynb", ".md")
    gzip = True

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not self.gzip or path.suffix not in self.COMPRESS or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(html: Path, compress: bool = True) -> ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"gzip": compress})
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse(url: str, preset: str, out: Path) -> dict[str, float]:
    command = ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json",
               f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env, timeout=300)
    report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    scores["bytes"] = audits["total-byte-weight"]["numericValue"]
    scores["LCP ms"] = audits["largest-contentful-paint"]["numericValue"]
    failing = [f"{c}: {a}" for c in CATEGORIES if c != "performance"
               for a in (ref["id"] for ref in report["categories"][c]["auditRefs"]
                         if ref["weight"] and (audits[ref["id"]]["score"] or 0) < 1
                         and audits[ref["id"]]["scoreDisplayMode"] == "binary")]
    if failing:
        print(f"    {url} {preset}: {'; '.join(failing)}", file=sys.stderr)
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="a built book (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-gzip", action="store_true",
                        help="serve uncompressed, like python -m http.server")
    args = parser.parse_args()
    html = args.html or build()
    server = serve(html, compress=not args.no_gzip)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, page in PAGES.items():
            for preset in ("mobile", "desktop"):
                runs = [lighthouse(f"{base}/{page}", preset, Path(tmp) / f"{i}.json")
                        for i in range(args.runs)]
                medians = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                rows.append((label, preset, medians))
                print(f"  {label} {preset}: " + ", ".join(
                    f"{k} {[r[k] for r in runs]}" for k in CATEGORIES), file=sys.stderr)
    server.shutdown()
    served = "uncompressed" if args.no_gzip else "gzipped"
    print(f"Lighthouse {LIGHTHOUSE.split('@')[1]}, median of {args.runs} runs, {served}")
    print(f"{'page':<12} {'preset':<8} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} "
          f"{'bytes':>9} {'LCP ms':>7}")
    for label, preset, m in rows:
        print(f"{label:<12} {preset:<8} {m['performance']:>5.0f} {m['accessibility']:>5.0f} "
              f"{m['best-practices']:>5.0f} {m['seo']:>5.0f} {m['bytes']:>9,.0f} "
              f"{m['LCP ms']:>7,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
