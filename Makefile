# PetitionDesk — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test check lint typecheck screenshot bench clean

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
	$(VENV)/bin/ruff check petitiondesk tests tools
	$(VENV)/bin/ruff format --check petitiondesk tests tools

typecheck: $(STAMP)
	$(VENV)/bin/mypy petitiondesk/core petitiondesk/store petitiondesk/services petitiondesk/printing petitiondesk/gui petitiondesk/cli

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
	$(PY) tools/screenshot.py docs/holidays.png --dialog holidays
	$(PY) tools/screenshot.py docs/settings.png --dialog settings

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
