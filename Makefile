# PetitionDesk — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test check lint typecheck screenshot bench clean bundle bundle-test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/petitiondesk

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check petitiondesk tests tools packaging
	$(VENV)/bin/ruff format --check petitiondesk tests tools packaging

typecheck: $(STAMP)
	$(VENV)/bin/mypy petitiondesk/core petitiondesk/store petitiondesk/services petitiondesk/printing petitiondesk/gui petitiondesk/cli petitiondesk/version.py

# lint + typecheck + the whole suite: what CI runs.
check: lint typecheck test

# bench: the speed beside the raw libraries (1M visits; `petitiondesk bench --quick`: 20k).
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/petitiondesk bench

screenshot: $(STAMP)
	$(PY) tools/screenshot.py docs/screenshot.png --intake repeat
	$(PY) tools/screenshot.py docs/roster.png --tab roster
	$(PY) tools/screenshot.py docs/window-1366.png --size 1366x768
	$(PY) tools/screenshot.py docs/window-1024.png --size 1024x768
	$(PY) tools/screenshot.py docs/referral.png --tab referral
	$(PY) tools/screenshot.py docs/closure.png --tab closure
	$(PY) tools/screenshot.py docs/statistics.png --tab statistics
	$(PY) tools/screenshot.py docs/holidays.png --dialog holidays
	$(PY) tools/screenshot.py docs/settings.png --dialog settings

# The office-PC build (issue 16): PyInstaller one-folder bundle in dist/PetitionDesk/
# (packaging/petitiondesk.spec), then its smoke test (packaging/smoke_test.py).
BUNDLE_STAMP := $(VENV)/.bundle-stamp

$(BUNDLE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bundle]'
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/petitiondesk.spec

bundle-test:
	$(PY) packaging/smoke_test.py dist/PetitionDesk

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
