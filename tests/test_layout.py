"""The package's architecture, checked: imports only flow downward.

foundation (config, settings, errors, db, migrate) <- domains (ingest, figures, alerts) <- runtime
(pipeline, orchestration, maintenance) <- entry points (cli, launcher, demo, web). Domains do not import
each other, except the pairs in ALLOWED_CROSS_DOMAIN, each with its reason.
"""

from __future__ import annotations

import ast

from tests.conftest import REPO

PACKAGE = REPO / "plugins" / "newswatch"
RANKS = {"foundation": 0, "ingest": 1, "figures": 1, "alerts": 1, "runtime": 2, "entry": 3}
FOUNDATION = {"newswatch", "config", "settings", "errors", "db", "migrate"}
RUNTIME = {"pipeline", "orchestration", "maintenance"}
ENTRY = {"cli", "launcher", "demo", "demo_run", "web", "__main__"}
ALLOWED_CROSS_DOMAIN = {
    ("alerts", "figures"): "alerts report figure changes: they format values and label series",
}


def layer(module: str) -> str:
    """The layer of a dotted module name inside the package (newswatch.ingest.http -> ingest)."""
    parts = module.split(".")
    assert parts[0] == "newswatch", module
    top = parts[1] if len(parts) > 1 else "newswatch"
    if top in FOUNDATION:
        return "foundation"
    if top in ("ingest", "figures", "alerts"):
        return top
    if top in RUNTIME:
        return "runtime"
    if top in ENTRY:
        return "entry"
    raise AssertionError(f"{module} belongs to no layer: place it in tests/test_layout.py")


def imported_modules(source: str) -> list[tuple[int, str]]:
    """Every newswatch module a source file imports (also inside functions and TYPE_CHECKING blocks)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "newswatch"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "newswatch":
            found.append((node.lineno, node.module))
            # "from newswatch import orchestration" imports a module, not a name of the package.
            if node.module == "newswatch":
                found += [(node.lineno, f"newswatch.{a.name}") for a in node.names if a.name != "__version__"]
    return found


def violations(module: str, source: str) -> list[str]:
    """What is wrong with one module's imports, one line each."""
    own = layer(module)
    problems = []
    for line, target in imported_modules(source):
        theirs = layer(target)
        if theirs == own:
            continue
        upward = RANKS[theirs] > RANKS[own]
        sideways = RANKS[theirs] == RANKS[own] and (own, theirs) not in ALLOWED_CROSS_DOMAIN
        if upward or sideways:
            problems.append(f"{module}:{line} imports {target} ({own} -> {theirs})")
    return problems


def package_modules() -> dict[str, str]:
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        modules[name] = path.read_text(encoding="utf-8")
    return modules


def test_imports_only_flow_downward() -> None:
    problems = [p for module, source in package_modules().items() for p in violations(module, source)]
    assert problems == []


def test_the_check_catches_an_upward_and_a_sideways_import() -> None:
    upward = "def f():\n    from newswatch.pipeline import run_cycle\n"
    sideways = "from newswatch.ingest.urls import canonical_url\n"
    foundation_up = "from newswatch.ingest import default_feeds\n"
    assert violations("newswatch.figures.stage", upward) == [
        "newswatch.figures.stage:2 imports newswatch.pipeline (figures -> runtime)"
    ]
    assert violations("newswatch.figures.stage", sideways) == [
        "newswatch.figures.stage:1 imports newswatch.ingest.urls (figures -> ingest)"
    ]
    assert violations("newswatch.config", foundation_up) == [
        "newswatch.config:1 imports newswatch.ingest (foundation -> ingest)"
    ]
    assert violations("newswatch.alerts.digest", "from newswatch.figures.query import format_value\n") == []
    assert violations("newswatch.cli", "from newswatch.ingest.poll import poll_stage\n") == []


def test_every_module_has_a_layer_and_a_docstring() -> None:
    for module, source in package_modules().items():
        layer(module)
        assert ast.get_docstring(ast.parse(source)), f"{module} has no docstring saying what it owns"


def test_dag_files_only_call_the_orchestration_module() -> None:
    for path in sorted((REPO / "dags").glob("*.py")):
        targets = {t for _, t in imported_modules(path.read_text(encoding="utf-8"))}
        assert targets == {"newswatch", "newswatch.orchestration"}, f"{path.name} imports {targets}"


def test_airflow_plugin_loader_is_kept_away_from_the_package() -> None:
    # Airflow imports every .py under plugins/ as a top-level module; ingest/http.py would shadow the stdlib.
    ignored = (REPO / "plugins" / ".airflowignore").read_text().split()
    assert "newswatch/" in ignored
