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

DEMO := demo demo_pseudo demo_context   # add demo_scratch (no ImageNet weights) for another row: about 100 s more
DEMO_2024 := demo_2024                   # ISIC 2024-shaped, no image model: its own table (another data set, another metric)

demo: install  ## the pipeline on synthetic data for the demo grid, its table and thesis outputs (up-to-date stages are skipped; --force: demo results are replaced freely)
	$(BIN)/melanoma run $(DEMO:%=params/%.yaml) $(DEMO_2024:%=params/%.yaml) --force
	$(BIN)/melanoma table $(DEMO) --baseline demo --out reports/demo_grid/experiments --thesis --thesis-dir reports/demo_grid/thesis --force
	$(if $(DEMO_2024),$(BIN)/melanoma table $(DEMO_2024) --out reports/demo_2024_grid/experiments --force)
	@echo "reports: $(CURDIR)/reports/demo* (executed notebooks + HTML); tables: reports/demo_grid/experiments, reports/demo_2024_grid/experiments; thesis: reports/demo_grid/thesis"
	@echo "figures: $(CURDIR)/figures/demo* (PNG + PDF)"

test: install  ## CI: notebooks clean and exported, parameters cells kept, every notebook runs; FLAGS=slow adds slow cells
	$(BIN)/python .ci/test.py $(if $(FLAGS),--flags "$(FLAGS)")

lab: install  ## JupyterLab on the project's notebooks, in the same environment
	$(BIN)/jupyter lab --notebook-dir=nbs $(if $(filter 0,$(shell id -u)),--allow-root)
