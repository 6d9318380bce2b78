"""Mutation testing with mutmut, one module at a time (`make mutation`; not part of CI).

mutmut 3 copies the code into `mutants/`, names each mutant after its file path and runs pytest in-process
from `mutants/`. Two things about newswatch need help, and this script gives it:

- the package lives in `plugins/`, so the path-derived names (`plugins.newswatch...`) must lose the
  `plugins.` prefix to match the module names the code runs under, and `mutants/plugins` (not the editable
  install's `plugins/`) must come first on sys.path, also for the `newswatch` commands that the CLI tests
  start as subprocesses (PYTHONPATH);
- the CLI tests run `newswatch` in a subprocess, where mutmut cannot see which functions a test calls: a
  `sitecustomize` on the subprocesses' PYTHONPATH writes those calls to a file that the parent reads back.

Each module runs in its own folder `mutants/<module>/` (symlinks to the checkout plus `shared`, which the
tests look for beside the checkout), with its own test files, so that a module's score depends only on the
tests listed for it below and a re-run only re-tests what changed.

    uv run python scripts/mutation.py run [MODULE ...] [--max-children N] [--sample N --seed S]
    uv run python scripts/mutation.py mutmut MODULE show newswatch.ingest.http.x_fetch__mutmut_12
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "mutants"

# This test gives each page 0.3 s of extraction; on a busy shared machine an ordinary page takes longer too,
# so it fails the clean run. It is about extraction, not polling: left out where polling is what is tested.
NOT_TIMED_EXTRACTION = "--deselect=tests/test_pipeline.py::test_extraction_over_its_time_limit_is_killed_recorded_and_the_cycle_goes_on"

# module -> (file to mutate, the test files that exercise it). Keep the lists to the fast, relevant files:
# every surviving mutant runs all the tests that reach its function.
MODULES: dict[str, tuple[str, list[str]]] = {
    "safety": (
        "plugins/newswatch/alerts/safety.py",
        ["tests/test_email_safety.py", "tests/test_alerts.py", "tests/test_promises.py"],
    ),
    "outbox": (
        "plugins/newswatch/alerts/outbox.py",
        [
            "tests/test_outbox.py",
            "tests/test_alerts.py",
            "tests/test_promises.py",
            "tests/test_smtp_security.py",
        ],
    ),
    "dedupe": (
        "plugins/newswatch/ingest/dedupe.py",
        [
            "tests/test_dedupe.py",
            "tests/test_text_rules.py",
            "tests/test_promises.py",
            "tests/test_pipeline.py",
        ],
    ),
    "http": (
        "plugins/newswatch/ingest/http.py",
        ["tests/test_http.py", "tests/test_promises.py", "tests/test_fetch_bounds.py"],
    ),
    "feeds": (
        "plugins/newswatch/ingest/feeds.py",
        ["tests/test_bad_input.py", "tests/test_promises.py", "tests/test_pipeline.py", NOT_TIMED_EXTRACTION],
    ),
    "poll": (
        "plugins/newswatch/ingest/poll.py",
        [
            "tests/test_bad_input.py",
            "tests/test_promises.py",
            "tests/test_pipeline.py",
            "tests/test_fetch_bounds.py",
            NOT_TIMED_EXTRACTION,
        ],
    ),
    "stage": (
        "plugins/newswatch/figures/stage.py",
        [
            "tests/test_figure_changes.py",
            "tests/test_alerts.py",
            "tests/test_promises.py",
            "tests/test_revisions.py",
        ],
    ),
    # The development corpora's floors (test_figure_extraction.py) are the strong oracle here. Left out:
    # test_figure_eval.py (scripted extractors; its one real run is a 20 s `newswatch eval` subprocess that
    # checks the report's format, not its numbers) and test_figure_changes.py (50 s of database work).
    "extractor": (
        "plugins/newswatch/figures/extractor.py",
        [
            "tests/test_figure_extraction.py",
            "tests/test_figure_extraction_intl.py",
            "tests/test_figure_rules_en.py",
        ],
    ),
    # The CLI's own tests, and the tests elsewhere that run its commands (eval, figures and changes, demo).
    "cli": (
        "plugins/newswatch/cli.py",
        [
            "tests/test_cli.py",
            "tests/test_promises.py",
            "tests/test_figure_eval.py::test_eval_command_sets_languages_heldout_json_and_verbose",
            "tests/test_figure_changes.py::test_figures_and_changes_commands",
            "tests/test_demo.py::test_reading_commands_read_the_demo_warehouse_with_demo",
        ],
    ),
}

# Functions that run once per process and serve every later test (a singleton's constructor, the loop of
# a long-lived thread): mutmut's stats credit them to the one test that happened to start them, so their
# mutants would run only that test. Their mutants run every test that reaches the module instead.
PROCESS_WIDE: dict[str, list[str]] = {
    "http": ["xǁ_Watchdogǁ__init__", "xǁ_Watchdogǁ_run"],
}

# Per-test timeout for a module whose tests are slow by nature, instead of pyproject's 60 s (which stops a
# mutant that makes a test hang). `cli`: test_cli.py::test_status_commands_never_write starts eleven
# `newswatch` subprocesses; each imports the package (2-3 s on a quiet machine), and under a load average
# of 14 the test took over 60 s with the code unchanged, failing mutmut's clean run.
TEST_TIMEOUT: dict[str, int] = {"cli": 240}

# tests/conftest.py's reusable databases: newswatch_mutation_<i>, held by advisory lock REUSED_LOCK + i.
REUSED_LOCK = 0x6E770000

# What a stage folder links to: the code, the tests and the files tests read.
LINKS = ["plugins", "tests", "sql", "config", "dags", "docs", "README.md", "pyproject.toml", "uv.lock"]

SITECUSTOMIZE = '''\
"""Written by scripts/mutation.py: record mutmut's function hits made in a `newswatch` subprocess."""
import os

if os.environ.get("MUTANT_UNDER_TEST") == "stats" and os.environ.get("MUTATION_SUBPROCESS_HITS"):
    import mutmut.mutation.trampoline as _trampoline

    def _record(name, caller=None):
        with open(os.environ["MUTATION_SUBPROCESS_HITS"], "a", encoding="utf-8") as out:
            out.write(name + "\\n")

    _trampoline.record_trampoline_hit = _record
'''


def stage_folder(module: str) -> Path:
    """mutants/<module>/: the checkout by symlinks, plus `shared` where the tests look for it."""
    folder = WORK / module
    folder.mkdir(parents=True, exist_ok=True)
    for name in LINKS:
        link = folder / name
        if not link.is_symlink() and (REPO / name).exists():
            link.symlink_to(REPO / name)
    # The tests find the shared corpora beside the checkout (REPO.parent / "shared"); inside the stage the
    # checkout is mutants/<module>/mutants, so its parent is this folder.
    shared = REPO.parent / "shared"
    if shared.exists() and not (folder / "shared").is_symlink():
        (folder / "shared").symlink_to(shared.resolve())
    helper = folder / "sitecustomize"
    helper.mkdir(exist_ok=True)
    (helper / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    return folder


def patch_mutmut(module: str) -> None:
    """Fit mutmut 3 to the plugins/ layout (see the module docstring). Runs inside the stage folder."""
    import mutmut.__main__ as main
    import mutmut.mutation.file_mutation as file_mutation
    import mutmut.runners.harness as harness
    import mutmut.utils.file_utils as file_utils
    import mutmut.utils.format_utils as format_utils
    from mutmut.configuration import config
    from mutmut.state import state

    path, tests = MODULES[module]
    cfg = config()
    cfg.only_mutate = [path]
    cfg.pytest_add_cli_args_test_selection = list(tests)
    if module in TEST_TIMEOUT:
        cfg.pytest_add_cli_args = [
            f"--timeout={TEST_TIMEOUT[module]}" if arg.startswith("--timeout=") else arg
            for arg in cfg.pytest_add_cli_args
        ]

    original_name = format_utils.get_mutant_name

    def get_mutant_name(relative_source_path: Path, mutant_method_name: str) -> str:
        text = str(relative_source_path)
        return original_name(Path(text.removeprefix("plugins/")), mutant_method_name)

    for target in (format_utils, file_mutation, main):
        target.get_mutant_name = get_mutant_name  # type: ignore[attr-defined]

    mutated = (Path("mutants") / "plugins").absolute()
    helper = Path("sitecustomize").absolute()
    # Absolute: mutmut runs pytest from inside mutants/, where a relative path would point elsewhere.
    hits = (Path("mutants") / "subprocess-hits.txt").absolute()

    def setup_source_paths() -> None:
        real = (REPO / "plugins").resolve()
        sys.path[:] = [p for p in sys.path if not p or Path(p).resolve() != real]
        sys.path.insert(0, str(mutated))

    file_utils.setup_source_paths = setup_source_paths
    main.setup_source_paths = setup_source_paths
    os.environ["PYTHONPATH"] = os.pathsep.join([str(mutated), str(helper)])
    # Not a NEWSWATCH_ name: tests/test_cli.py starts `newswatch` without the NEWSWATCH_ variables of the
    # test process (a user's shell has none), and with them this one went too, so no CLI test was credited.
    os.environ["MUTATION_SUBPROCESS_HITS"] = str(hits)
    os.environ["NEWSWATCH_TEST_REUSE_DATABASES"] = "1"  # see tests/conftest.py
    # Every mutant is a pytest session, and each session prunes all but the newest few numbered temp
    # folders under the shared root: keep them away from other pytest sessions on the machine.
    temproot = Path("tmp").absolute()
    temproot.mkdir(exist_ok=True)
    os.environ["PYTEST_DEBUG_TEMPROOT"] = str(temproot)

    import pytest

    class SubprocessHits:
        """Adds the functions a test reached in its `newswatch` subprocesses to the test's own hits
        (before mutmut's own teardown hook reads them)."""

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtest_teardown(self, item: object, nextitem: object) -> None:
            if hits.exists():
                state()._stats.update(line for line in hits.read_text().splitlines() if line)
                hits.unlink()

    original_execute = harness.PytestRunner.execute_pytest

    def execute_pytest(self, params: list[str], **kwargs: object) -> int:  # type: ignore[no-untyped-def]
        plugins = list(kwargs.pop("plugins", None) or [])  # type: ignore[call-overload]
        own_demo_database()
        return original_execute(self, params, plugins=[SubprocessHits(), *plugins], **kwargs)

    harness.PytestRunner.execute_pytest = execute_pytest  # type: ignore[method-assign]

    prefix = path.removeprefix("plugins/").removesuffix(".py").replace("/", ".") + "."
    original_stats = main.collect_or_load_stats

    def collect_or_load_stats(*args: object, **kwargs: object) -> None:
        original_stats(*args, **kwargs)  # type: ignore[arg-type]
        by_function = state().tests_by_mangled_function_name
        reaching = set().union(*(t for f, t in by_function.items() if f.startswith(prefix)))
        for name in PROCESS_WIDE.get(module, []):
            by_function[prefix + name] = set(reaching)

    main.collect_or_load_stats = collect_or_load_stats


def own_demo_database() -> None:
    """A demo database name of this pytest session's own, as tests/conftest.py gives each session.

    conftest picks the name when it is imported, and mutmut's fork server imports it once (its warm-up
    collects the tests) for every mutant's session it forks: two mutants tested at once then shared one
    demo warehouse, and each session's end dropped it under the other (false kills of `cli` mutants,
    through test_demo.py). A fresh name before each session, also where test modules copied it."""
    import secrets

    name = f"newswatch_demo_test_{secrets.token_hex(4)}"
    os.environ["NEWSWATCH_DEMO_DATABASE"] = name
    for loaded in ("tests.conftest", "tests.test_demo"):
        if hasattr(sys.modules.get(loaded), "DEMO_DATABASE"):
            sys.modules[loaded].DEMO_DATABASE = name  # type: ignore[attr-defined]


def run_in_stage(module: str, mutmut_args: list[str]) -> int:
    """Run mutmut with the given arguments for one module, in a fresh interpreter inside its stage folder."""
    folder = stage_folder(module)
    return subprocess.call(
        [sys.executable, str(Path(__file__).resolve()), "_inside", module, *mutmut_args], cwd=folder
    )


def exit_codes(module: str) -> dict[str, int | None]:
    """Every mutant of the module and its exit code (None: not checked yet), from mutmut's .meta file."""
    path, _ = MODULES[module]
    meta = WORK / module / "mutants" / (path + ".meta")
    return json.loads(meta.read_text())["exit_code_by_key"] if meta.exists() else {}


def sample(module: str, size: int, seed: int) -> list[str]:
    """A uniform random sample of the module's mutants, the same for the same seed and mutants.

    The mutants must exist: the first call generates them (and collects mutmut's stats) with a filter
    that matches no mutant, which mutmut answers with an error after the stats are saved."""
    if not exit_codes(module):
        run_in_stage(module, ["run", "newswatch.no_such_mutant"])
    names = sorted(exit_codes(module))
    return sorted(random.Random(seed).sample(names, min(size, len(names))))


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion, in percent."""
    if n == 0:
        return (0.0, 100.0)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(max(0.0, 100 * (centre - half)), 1), round(min(100.0, 100 * (centre + half)), 1))


def summary(module: str, only: list[str] | None = None, seed: int | None = None) -> dict[str, object]:
    """Counts per status and the surviving mutants' names; with `only`, of that sample of mutants."""
    from mutmut.stats import status_by_exit_code

    path, _ = MODULES[module]
    codes = exit_codes(module)
    population = len(codes)
    if only is not None:
        codes = {name: codes.get(name) for name in only}
    statuses = {name: status_by_exit_code[code] for name, code in codes.items()}
    counts = Counter(statuses.values())
    killed = counts["killed"] + counts["timeout"] + counts["caught by type check"]
    checked = len(statuses) - counts["not checked"]  # a run stopped early leaves some unchecked
    result: dict[str, object] = {
        "module": module,
        "file": path,
        "total": checked,
        "killed": killed,
        "score": round(100 * killed / checked, 1) if checked else 0.0,
        "counts": dict(counts),
        "survivors": sorted(
            n
            for n, s in statuses.items()
            if s not in {"killed", "timeout", "caught by type check", "not checked"}
        ),
        "date": date.today().isoformat(),
    }
    if only is not None:
        result["sample"] = {"size": len(only), "seed": seed, "population": population}
        result["ci95"] = wilson(killed, checked)
    return result


def main(argv: list[str]) -> int:
    if argv[:1] == ["_inside"]:
        module, mutmut_args = argv[1], argv[2:]
        patch_mutmut(module)
        from mutmut.__main__ import cli

        return int(cli.main(mutmut_args, prog_name="mutmut", standalone_mode=False) or 0)

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run mutmut on the given modules (default: all) and print the scores")
    run.add_argument("modules", nargs="*", metavar="MODULE", help=", ".join(MODULES))
    run.add_argument("--max-children", type=int, default=2)
    run.add_argument("--sample", type=int, metavar="N", help="test a uniform random sample of N mutants")
    run.add_argument("--seed", type=int, default=1, help="the sample's random seed (default 1)")
    passthrough = sub.add_parser("mutmut", help="any mutmut command (show, results, ...) for one module")
    passthrough.add_argument("module", choices=list(MODULES))
    passthrough.add_argument("args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)

    if args.command == "mutmut":
        return run_in_stage(args.module, args.args)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s) {unknown}; choose from {', '.join(MODULES)}")
    from importlib.metadata import version

    failures = 0
    for module in args.modules or list(MODULES):
        run_args = ["run", "--max-children", str(args.max_children)]
        if args.sample:
            names = sample(module, args.sample, args.seed)
            codes = exit_codes(module)
            pending = [name for name in names if codes.get(name) is None]  # a re-run resumes
            if pending:
                failures += run_in_stage(module, [*run_args, *pending]) != 0
            result = summary(module, only=names, seed=args.seed)
            (WORK / module / f"summary-sample-{args.sample}-seed-{args.seed}.json").write_text(
                json.dumps(result, indent=2)
            )
        else:
            failures += run_in_stage(module, run_args) != 0
            result = summary(module)
            (WORK / module / "summary.json").write_text(json.dumps(result, indent=2))
        print(
            f"{module}: {result['killed']}/{result['total']} killed ({result['score']}%"
            + (f", 95% CI {result['ci95']}, sample of {result['sample']}" if args.sample else "")
            + f"), {len(result['survivors'])} survivors [{result['counts']}], mutmut {version('mutmut')}"  # type: ignore[arg-type]
        )
    drop_reused_databases()
    return 1 if failures else 0


def drop_reused_databases() -> None:
    """The test databases the mutant runs kept (tests/conftest.py, REUSE_ENV) are dropped at the end,
    except those a session still holds (its advisory lock): another mutation run is using them."""
    import psycopg
    from psycopg import sql

    url = os.environ.get("NEWSWATCH_TEST_DATABASE_URL")
    if not url:
        return
    with psycopg.connect(url, autocommit=True) as admin:
        names = admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'newswatch\\_mutation\\_%'"
        ).fetchall()
        for (name,) in names:
            lock = REUSED_LOCK + int(name.removeprefix("newswatch_mutation_"))
            if not admin.execute("SELECT pg_try_advisory_lock(%s)", (lock,)).fetchone()[0]:  # type: ignore[index]
                continue
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            admin.execute("SELECT pg_advisory_unlock(%s)", (lock,))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
