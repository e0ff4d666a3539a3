# Two commands for a fresh machine: `make book` and `make test`.
# Everything is installed, pinned, into .venv; nothing is installed globally.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DATA_STAMP := _build/.data-stamp
PACKAGE_FILES := $(shell find src -name '*.py' -o -name '*.csv' 2>/dev/null)
JB_FLAGS := -W -n --keep-going
# The editions `make book` builds: English (the source) first, then the translations.
EDITIONS := en vi
EDITION_HTML := $(foreach edition,$(filter-out en,$(EDITIONS)),_build/$(edition)/_build/html)
# `make book SOLUTIONS=hide` leaves the solutions out of the exercise pages (for courses
# that grade the exercises); the default shows them, for self-study.
SOLUTIONS ?= show
# Wheels of the students' environments, for tests/test_students.py (outside the repo).
WHEELHOUSE ?= $(HOME)/.cache/vnsmartcity/wheelhouse
STUDENT_PYTHONS ?= 3.10 3.12 3.13
# The Vietnamese spelling dictionary (npm's dictionary-vi) of tests/test_catalogs.py.
VI_DICTIONARY := $(HOME)/.cache/vnsmartcity/dictionary-vi/index.dic

.PHONY: book po test serve lint clean dist student-wheels pdf messages

# Both editions, each with its own doctrees, HTML and execution cache (book/_tools/editions.py):
# English, the source, at _build/html/, Vietnamese at _build/html/vi/ (built in _build/vi/).
# Switching SOLUTIONS starts the HTML afresh, so that no file of the other build (a
# solution's figure in _images) stays behind in what gets published.
book: $(INSTALLED) $(DATA_STAMP)
	@test -f _build/.solutions-$(SOLUTIONS) || rm -rf _build/html $(EDITION_HTML) _build/.solutions-*
	@for edition in $(EDITIONS); do \
	  VNSC_SOLUTIONS=$(SOLUTIONS) $(BIN)/python book/_tools/editions.py $$edition -- $(JB_FLAGS) \
	    || exit 1; \
	done
	@touch _build/.solutions-$(SOLUTIONS)
	@echo ""
	@echo "The book is built. Open: file://$(CURDIR)/_build/html/index.html"
	@echo "(Vietnamese: file://$(CURDIR)/_build/html/vi/index.html)"
	@echo "(or run 'make serve' and open http://127.0.0.1:8000 and http://127.0.0.1:8000/vi/)"

# Re-extract the English messages and update the translations' catalogs (the *.po
# under locales/, reviewed and committed; the *.mo are build products).
po: $(INSTALLED)
	$(BIN)/python book/_tools/editions.py gettext  # no -W: the notebooks do not run for it
	$(BIN)/sphinx-intl update -p _build/gettext/_build/gettext -d locales -l vi

# `make pdf`: the student PDF of each edition (no solutions) in _build/pdf/; `make pdf
# SOLUTIONS=show`: the instructor's, with them. Installs TeX with apt-get when root.
PDF_SOLUTIONS := $(if $(filter command line,$(origin SOLUTIONS)),$(SOLUTIONS),hide)
pdf: $(INSTALLED) $(DATA_STAMP)
	@bash book/_pdf/tools.sh
	$(BIN)/python book/_tools/pdf.py --solutions $(PDF_SOLUTIONS)

test: $(INSTALLED) $(VI_DICTIONARY)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check src tests bench

# Both editions: English at http://127.0.0.1:8000/, Vietnamese at http://127.0.0.1:8000/vi/.
serve: $(INSTALLED)
	@test -f _build/html/index.html -a -f _build/html/vi/index.html || $(MAKE) book
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory _build/html

# The wheel and sdist of the course package, built offline with the pinned setuptools.
dist: $(INSTALLED)
	rm -rf dist build
	$(BIN)/python -m build --no-isolation --outdir dist .
	rm -rf build

# Download (needs PyPI) what tests/test_students.py installs into a fresh venv of each
# Python found among STUDENT_PYTHONS, so that the test itself runs offline.
student-wheels: dist
	@$(BIN)/python tests/pythons.py $(STUDENT_PYTHONS) | while read -r version python; do \
	  echo "Python $$version ($$python): wheels into $(WHEELHOUSE)/py$$version"; \
	  $$python -m pip download -q --disable-pip-version-check -d $(WHEELHOUSE)/py$$version \
	    -r tests/student-env.txt || exit 1; \
	done
	@binder=$$(sed -n 's/^python-//p' binder/runtime.txt); \
	  python=$$($(BIN)/python tests/pythons.py $$binder | cut -d' ' -f2); \
	  if [ -n "$$python" ]; then \
	    echo "Binder's Python $$binder: wheels into $(WHEELHOUSE)/binder"; \
	    $$python -m pip download -q --disable-pip-version-check --find-links dist \
	      -d $(WHEELHOUSE)/binder -r binder/requirements.txt || exit 1; \
	  else echo "Binder's Python $$binder: not found, skipped"; fi

$(VI_DICTIONARY): tests/fetch_dictionary.py
	$(BIN)/python -m tests.fetch_dictionary

$(INSTALLED): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || \
	  { echo "Python 3.11 is required (found $$($(PYTHON) --version)). Set PYTHON=/path/to/python3.11."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The execution cache keys on code cells only; a change to the course data or the
# package must re-run the pages that draw from it, so it clears every edition's cache.
$(DATA_STAMP): $(PACKAGE_FILES)
	rm -rf _build/.jupyter_cache $(foreach edition,$(filter-out en,$(EDITIONS)),_build/$(edition)/_build/.jupyter_cache)
	mkdir -p _build && touch $@

# The package's own messages (self-checks, grader): extract them from the code, merge them
# into the Vietnamese catalog (new ones untranslated, to be written by hand) and compile.
MESSAGES := src/vnsmartcity/locale
messages: $(INSTALLED)
	mkdir -p _build
	$(BIN)/pybabel -q extract --no-location --sort-output --omit-header -o _build/vnsmartcity.pot src/vnsmartcity
	$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete --width 100 -D vnsmartcity -i _build/vnsmartcity.pot -d $(MESSAGES) -l vi
	$(BIN)/pybabel -q compile -D vnsmartcity -d $(MESSAGES) -l vi

clean:
	rm -rf _build dist
