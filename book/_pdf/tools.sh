#!/usr/bin/env bash
# What `make pdf` needs from the system: XeLaTeX and its packages, the Noto and Symbola
# fonts, rsvg-convert (charts from SVG to PDF) and poppler (the tests read the PDFs).
# Installs the missing Debian packages when run as root with apt-get; otherwise says in
# one line what to install, and fails.
set -euo pipefail
packages=(texlive-xetex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  texlive-lang-other latexmk xindy fonts-noto-core fonts-noto-mono fonts-symbola librsvg2-bin
  poppler-utils)
missing() {
  local gone=0
  for command in xelatex latexmk xindy rsvg-convert pdfinfo pdffonts pdftotext; do
    command -v "$command" >/dev/null 2>&1 || gone=1
  done
  for family in "Noto Serif" "Noto Sans" "Noto Sans Mono" "Symbola"; do
    [ -n "$(fc-list "$family" family 2>/dev/null)" ] || gone=1
  done
  if command -v kpsewhich >/dev/null 2>&1; then
    for file in vietnamese.ldf fncychap.sty titlesec.sty; do
      [ -n "$(kpsewhich "$file")" ] || gone=1
    done
  fi
  return $((1 - gone))
}
if missing; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "make pdf: installing TeX Live and fonts with apt-get (about 550 MB)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      "${packages[@]}" >/dev/null
  else
    echo "make pdf needs TeX and fonts: sudo apt-get install ${packages[*]}" >&2
    exit 1
  fi
fi
