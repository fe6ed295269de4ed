# The two commands of the README. Both create .venv and install the project (editable, with dev extras) first.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3
export NO_ALBUMENTATIONS_UPDATE := 1
export HF_HUB_OFFLINE := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: demo test lab install

install: $(VENV)/.installed

$(VENV)/.installed: settings.ini setup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -e ".[dev]"
	@touch $@

demo: install  ## the whole pipeline on synthetic data: reports/demo, figures/demo, runs/demo (stages up to date are skipped)
	$(BIN)/melanoma run params/demo.yaml --force
	@echo "reports: $(CURDIR)/reports/demo (executed notebooks + HTML)"
	@echo "figures: $(CURDIR)/figures/demo (PNG + PDF)"

test: install  ## CI: notebooks clean and exported, parameters cells kept, every notebook runs; FLAGS=slow adds slow cells
	$(BIN)/python .ci/test.py $(if $(FLAGS),--flags "$(FLAGS)")

lab: install  ## JupyterLab on the project's notebooks, in the same environment
	$(BIN)/jupyter lab --notebook-dir=nbs
