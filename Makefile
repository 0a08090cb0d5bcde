# Parallax developer commands. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Every dependency pinned, so a new release upstream cannot break a fresh checkout; pyproject.toml
# keeps the lower bounds for people who install the package. Regenerate with `make lock`.
LOCK   := constraints.txt

.PHONY: run test lint bench package clean lock

$(STAMP): pyproject.toml $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(LOCK) -e '.[dev]'
	touch $(STAMP)

# Re-resolve every dependency (all extras, every platform) to the newest versions allowed by
# pyproject.toml, with uv's resolver; run after adding or changing a dependency.
lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --all-extras --universal --python-version 3.11 \
		--quiet --custom-compile-command "make lock" -o $(LOCK)

run: $(STAMP)
	$(PY) -m desktop

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check desktop tests
	$(VENV)/bin/ruff format --check desktop tests
	$(VENV)/bin/mypy desktop

bench: $(STAMP)
	$(PY) -m pytest tests/benchmarks -m benchmark -s $(PYTEST_ARGS)

package: $(STAMP)
	PYTHON=$(PY) packaging/build.sh

clean:
	rm -rf build dist $(VENV) .pytest_cache .mypy_cache .ruff_cache
