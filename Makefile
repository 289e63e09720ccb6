# The two commands of the README: `make run` starts the app, `make test` runs every test.
# Both create what they need first: Debian packages for Qt (once) and a virtualenv in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Exact versions of everything installed, build tools included (`make lock` refreshes it).
LOCK := constraints.txt
PIP_LOCKED := $(BIN)/python -m pip install --quiet --constraint $(LOCK) --build-constraint $(LOCK)

.PHONY: run test check bench wheel bundle lock clean translations-template mutation

run: $(STAMP)
	$(BIN)/needleguide

test: $(STAMP)
	$(BIN)/python -m mypy needleguide tests
	@echo "The layer rules (import-linter contracts in pyproject.toml):"
	$(BIN)/lint-imports --no-logo --no-cache
	@echo "What a screen reader gets, through AT-SPI (a process of its own: a window an earlier test"
	@echo "opened in the test process was seen to upset the probe's session):"
	$(BIN)/python -m pytest -q -m atspi tests/ui
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not atspi" $(PYTEST_ARGS)
	@echo "The body map and the depth picture again at 2x scale (high-DPI transform):"
	QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=2 $(BIN)/python -m pytest -q tests/ui/test_depth_view.py \
		tests/ui/test_body_map.py tests/ui/test_map_sync.py tests/ui/test_main_window.py

# The translators' template: every string of needleguide/ui and needleguide/drawing (the
# words the card and the depth picture draw) wrapped in tr()/translate(), as lupdate extracts
# it (commit the result; tests/ui/test_translation_template.py checks it).
UI_SOURCES = $(sort $(wildcard needleguide/ui/*.py needleguide/drawing/*.py))
translations-template: $(STAMP)
	$(BIN)/pyside6-lupdate -no-obsolete -locations relative $(UI_SOURCES) -ts resources/translations/needleguide.ts

# Mutation testing of core/search.py, core/study.py and core/loader.py against the fast core
# tests (pyproject.toml [tool.mutmut]); CPU-heavy, so not in `make test` or CI. MODULE=search
# runs one module, as the README's figures were made; `$(BIN)/mutmut results` lists the
# survivors, `mutmut show NAME` one diff. Each run starts from an empty mutants/ (mutmut keeps a
# function's old result while its code is unchanged, even when the tests changed).
# Per module, tests that only take time are left out (fewer tests can only let more mutants
# survive, so the figures are upper bounds): mutmut runs every test that calls a mutated
# function, and the 60x-data linearity test (~45 s) calls all of study.py; the search, study,
# vocabulary and fuzz tests only load the shipped data through the loader (~90 s a survivor).
MUTATION_STAMP := $(VENV)/.mutation-installed
MODULE ?=
MUTATION_TESTS_search :=
MUTATION_TESTS_study := --deselect=tests/core/test_study.py::test_question_making_stays_linear_in_the_data
MUTATION_TESTS_loader := --ignore-glob=tests/core/test_study*.py --ignore-glob=tests/core/test_search*.py \
	--ignore=tests/core/test_vocabulary.py --ignore=tests/core/test_fuzz.py

mutation: $(MUTATION_STAMP)
	rm -rf mutants
	PYTEST_ADDOPTS="$(MUTATION_TESTS_$(MODULE))" PATH=$(abspath $(BIN)):$$PATH \
		$(BIN)/mutmut run $(if $(MODULE),"needleguide.core.$(MODULE).*")
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/mutmut results

$(MUTATION_STAMP): $(STAMP)
	$(PIP_LOCKED) -e '.[test,mutation]'
	touch $@

check: $(STAMP)
	$(BIN)/needleguide check

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run_all.py

wheel: $(STAMP)
	$(BIN)/python -m pip wheel --no-deps --build-constraint $(LOCK) -w dist .

$(STAMP): pyproject.toml $(LOCK) scripts/system-deps.sh
	PYTHON=$(PYTHON) ./scripts/system-deps.sh
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "needleguide needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) pip
	$(PIP_LOCKED) -e '.[test]'
	touch $@

# A self-contained folder and archive for Linux (packaging/needleguide.spec): Python, Qt, the
# data and the icons inside; run dist/needleguide/needleguide or needleguide-gui from anywhere.
BUNDLE_STAMP := $(VENV)/.bundle-installed
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' needleguide/__init__.py)
ARCHIVE = dist/needleguide-$(VERSION)-linux-$(shell uname -m).tar.gz

bundle: $(BUNDLE_STAMP)
	rm -rf dist/needleguide build/pyinstaller
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/needleguide.spec
	cp packaging/install-desktop.sh dist/needleguide/
	tar -C dist -czf $(ARCHIVE) needleguide
	@echo "bundle: dist/needleguide/ and $(ARCHIVE)"

$(BUNDLE_STAMP): $(STAMP)
	PYTHON=$(PYTHON) ./scripts/system-deps.sh bundle
	$(PIP_LOCKED) -e '.[test,bundle]'
	desktop-file-validate resources/io.github.needleguide.NeedleGuide.desktop
	appstreamcli validate --no-net resources/io.github.needleguide.NeedleGuide.metainfo.xml
	touch $@

# Resolve the newest versions pyproject.toml allows in a scratch venv and write them to $(LOCK).
# Run it on purpose, then `make clean test` and commit the lock if everything passes.
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip hatchling
	.lock-venv/bin/python -m pip install --quiet '.[test,bundle,mutation]'
	{ echo "# Exact versions for make and .ci/run; refresh with 'make lock' (see README)."; \
	  .lock-venv/bin/python -m pip freeze --all --exclude needleguide; } > $(LOCK)
	rm -rf .lock-venv

clean:
	rm -rf $(VENV) dist build .pytest_cache .hypothesis .import_linter_cache mutants
