# SupportDesk: the commands a newcomer needs.
#   make run    set up .venv and start the app
#   make test   set up .venv and the system packages, run the whole suite in a private desktop
# See README.md for the rest.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_APP := $(VENV)/.installed-app
STAMP_TEST := $(VENV)/.installed-test
PYTEST_ARGS ?=
BENCH_ARGS ?=
DIST := dist
FROZEN := $(DIST)/supportdesk

.PHONY: run demo test lint dist dist-test bench bench-frozen frozen-app frozen-hello screenshots \
	clean distclean system-deps runtime-deps venv translations compile-translations new-language

$(BIN)/python:
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || scripts/install-system-deps.sh scripts/venv-packages.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

venv: $(BIN)/python

# A stamp per install, so a second `make test` does not reinstall anything.
$(STAMP_APP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	@touch $@ $(STAMP_APP)

runtime-deps:
	@scripts/install-system-deps.sh scripts/runtime-packages.txt

system-deps:
	@scripts/install-system-deps.sh scripts/runtime-packages.txt scripts/system-packages.txt

run: $(STAMP_APP) runtime-deps
	$(BIN)/python -m supportdesk

# The app on a throwaway vault with a made-up network, to look around in.
demo: $(STAMP_APP) runtime-deps
	$(BIN)/python -m supportdesk --demo

# The whole suite, inside a private Xvfb + D-Bus + gnome-keyring + dunst + tray host,
# which scripts/test-env.sh stops again however the run ends.
test: $(STAMP_TEST) system-deps
	scripts/test-env.sh $(BIN)/python -m pytest -p tests.ci_no_skips $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/build.yml

# Translations (docs/TRANSLATIONS.md): the strings in the code into the catalogs
# (Babel's extractor for core/ services/ cli/, pyside6-lupdate for ui/), then compiled
# (.mo into supportdesk/locale, .qm into resources/translations).
translations: $(STAMP_TEST)
	$(BIN)/python scripts/translations.py extract
	$(BIN)/python scripts/translations.py compile

compile-translations: $(STAMP_TEST)
	$(BIN)/python scripts/translations.py compile

# A catalog for a new language, to translate in Poedit or Qt Linguist: make new-language CODE=it
new-language: $(STAMP_TEST)
	$(BIN)/python scripts/translations.py new $(CODE)

# The frozen app alone (dist/supportdesk), without the installers.
frozen-app: $(STAMP_TEST) compile-translations
	$(BIN)/pyinstaller --noconfirm --clean --distpath $(DIST) --workpath build/pyinstaller \
		packaging/supportdesk.spec

# The benchmark's yardstick frozen the same way (dist/hello).
frozen-hello: $(STAMP_TEST)
	$(BIN)/pyinstaller --noconfirm --clean --distpath $(DIST) --workpath build/pyinstaller \
		benchmarks/hello.spec

dist: frozen-app
	packaging/linux/build_deb.sh $(FROZEN) $(DIST)
	packaging/linux/build_tarball.sh $(FROZEN) $(DIST)

# Builds (or reuses) the frozen app and the .deb, and starts it for real.
dist-test: $(STAMP_TEST) system-deps
	scripts/test-env.sh $(BIN)/python -m pytest -p tests.ci_no_skips -m frozen \
		tests/integration/test_frozen_app.py $(PYTEST_ARGS)

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

# Builds the frozen app and the frozen hello-world, then benchmarks with the frozen row
# (size and start-up). BENCH_ARGS=--frozen-only for that row alone.
bench-frozen: frozen-app frozen-hello
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

screenshots: $(STAMP_TEST) system-deps
	scripts/test-env.sh $(BIN)/python scripts/screenshots.py

clean:
	rm -rf build $(DIST) .pytest_cache .mypy_cache .ruff_cache .import_linter_cache \
		.hypothesis supportdesk.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
