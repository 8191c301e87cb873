# IP Campus: the two commands are `make run` and `make test`.
# Everything else here is a step they call; each step is safe to repeat.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
# pyenv keeps one interpreter per version; fall back to any python3.12 on PATH.
PYTHON ?= $(firstword $(wildcard $(HOME)/.pyenv/versions/$(PYTHON_VERSION)*/bin/python$(PYTHON_VERSION)) $(shell command -v python$(PYTHON_VERSION)))
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help install system-deps browser-deps run test lint lock messages

help:
	@echo "make run   install, migrate, load the demo and serve on http://$(HOST):$(PORT)"
	@echo "make test  install and run the whole test suite"

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python $(PYTHON_VERSION) not found (pyenv install $(PYTHON_VERSION))"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements-dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "$$(grep -m1 '^uv==' requirements-dev.txt | cut -d' ' -f1)"
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements-dev.txt
	touch $@

## System packages: gettext to compile catalogs, fonts for every script we serve,
## and HarfBuzz's subsetter, which WeasyPrint uses to embed only the glyphs used.
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || missing="$$missing libharfbuzz-subset0"; \
	dpkg -s fonts-noto-core >/dev/null 2>&1 || missing="$$missing fonts-noto-core"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

## Chromium for the browser tests (Playwright drives Debian's build; no downloads).
browser-deps:
	@command -v chromium >/dev/null || { echo "Installing Chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

install: $(VENV)/.installed system-deps messages

messages: $(VENV)/.installed system-deps
	$(MANAGE) compilemessages --ignore=.venv -v 0

run: install
	$(MANAGE) migrate --noinput -v 0 >/dev/null
	$(MANAGE) load_demo
	$(MANAGE) collectstatic --noinput -v 0
	$(MANAGE) rundemo $(HOST):$(PORT)

test: install browser-deps
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

## Refresh the hashed lock files after editing pyproject.toml.
lock: $(VENV)/.installed
	$(BIN)/uv pip compile pyproject.toml --python-version $(PYTHON_VERSION) --generate-hashes --no-emit-index-url --no-annotate -q -o requirements.txt --custom-compile-command "make lock"
	$(BIN)/uv pip compile pyproject.toml --group dev --python-version $(PYTHON_VERSION) --generate-hashes --no-emit-index-url --no-annotate -q -o requirements-dev.txt --custom-compile-command "make lock"
