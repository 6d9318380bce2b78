"""The view inside Airflow: mounted in Airflow's own API app (`create_app()`), a real token from
`POST /auth/token`, 401 and no data without it, the view listed by `/api/v2/plugins`; and Airflow's
plugin loader finding the plugin exactly once, installed or not, without walking the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import REPO
from tests.test_web import JSON, PAGES, SERIES, seed_warehouse

USER, PASSWORD = "analyst", "a long test password"


@pytest.fixture(scope="module")
def airflow_env(airflow_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Airflow's simple auth manager with one user, and the warehouse as the DAGs see it."""
    passwords = tmp_path_factory.mktemp("auth") / "passwords.json"
    passwords.write_text(json.dumps({USER: PASSWORD}))
    env = {
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{USER}:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
        "AIRFLOW__API_AUTH__JWT_SECRET": "newswatch-test-" + "x" * 64,
    }
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        yield env


@pytest.fixture(scope="module")
def airflow(airflow_env: dict[str, str], database_url: str) -> Iterator[TestClient]:
    """Airflow's API server app, with the newswatch plugin mounted, over a seeded warehouse."""
    from airflow.api_fastapi.app import create_app

    seed_warehouse(database_url)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSWATCH_DATABASE_URL", database_url)  # what the newswatch_db connection would say
        with TestClient(create_app()) as client:
            yield client


@pytest.fixture(scope="module")
def token(airflow: TestClient) -> str:
    r = airflow.post("/auth/token", json={"username": USER, "password": PASSWORD})
    assert r.status_code == 201, r.text
    return str(r.json()["access_token"])


ROUTES = [f"/newswatch{p}" for p in PAGES + JSON] + [
    f"/newswatch/series/{SERIES}.csv",
    "/newswatch/static/newswatch.css",
]


@pytest.mark.parametrize("path", ROUTES)
def test_without_an_airflow_login_every_route_is_401_and_no_data(airflow: TestClient, path: str) -> None:
    r = airflow.get(path)
    assert r.status_code == 401 and r.json() == {"detail": "Not authenticated"}
    forged = airflow.get(path, headers={"Authorization": "Bearer not.a.token"})
    assert forged.status_code in (401, 403) and "3,000" not in forged.text


@pytest.mark.parametrize("path", ROUTES)
def test_with_a_token_from_auth_token_every_route_answers(airflow: TestClient, token: str, path: str) -> None:
    r = airflow.get(path, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text[:300]


def test_the_ui_session_cookie_is_a_login_too(airflow: TestClient, token: str) -> None:
    browser = TestClient(airflow.app, cookies={"_token": token})  # the same app, with the UI's cookie
    r = browser.get("/newswatch/")
    assert r.status_code == 200 and "more than 3,000" in r.text


def test_links_stay_under_the_mount_and_answer(airflow: TestClient, token: str) -> None:
    from lxml import html

    auth = {"Authorization": f"Bearer {token}"}
    dom = html.fromstring(airflow.get("/newswatch/", headers=auth).text)
    local = [a.get("href") for a in dom.iter("a") if not a.get("href", "").startswith("http")]
    assert local and all(h.startswith("/newswatch/") for h in local)
    assert dom.cssselect("link[rel=stylesheet]")[0].get("href") == "/newswatch/static/newswatch.css"
    for href in set(local):
        assert airflow.get(href, headers=auth).status_code == 200, href
    body = airflow.get("/newswatch/changes.json?limit=10", headers=auth).json()
    assert body["next"].startswith("/newswatch/changes.json?limit=10&after=")
    assert airflow.get(body["next"], headers=auth).status_code == 200


def test_the_view_is_listed_by_the_plugins_api(airflow: TestClient, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    plugins = airflow.get("/api/v2/plugins", headers=auth).json()["plugins"]
    ours = [p for p in plugins if p["name"] == "newswatch"]
    assert len(ours) == 1
    (view,) = ours[0]["external_views"]
    assert (view["name"], view["href"], view["url_route"], view["destination"]) == (
        "Newswatch",
        "/newswatch/",
        "newswatch",
        "nav",
    )
    assert [a["url_prefix"] for a in ours[0]["fastapi_apps"]] == ["/newswatch"]
    errors = airflow.get("/api/v2/plugins/importErrors", headers=auth).json()
    assert errors["total_entries"] == 0, errors


def test_the_ui_finds_the_view_under_airflows_own_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from newswatch.web.airflow_plugin import view_href

    monkeypatch.delenv("AIRFLOW__API__BASE_URL", raising=False)
    assert view_href() == "/newswatch/"
    monkeypatch.setenv("AIRFLOW__API__BASE_URL", "https://ops.example.org/airflow/")
    assert view_href() == "/airflow/newswatch/"


LOADER = """
import importlib.metadata as md, json, sys
hide = sys.argv[1] == "not-installed"
if hide:  # newswatch read from plugins/ only: no distribution advertises its entry point
    import airflow._shared.module_loading as ml
    real_eps, real_with_dist = md.entry_points, ml.entry_points_with_dist
    md.entry_points = lambda **kw: md.EntryPoints(
        e for e in real_eps(**kw) if not (kw.get("group") == "airflow.plugins" and e.value.startswith("newswatch."))
    )
    ml.entry_points_with_dist = lambda group: (
        (e, d) for e, d in real_with_dist(group) if not e.value.startswith("newswatch.")
    )
from airflow import plugins_manager, settings
from airflow._shared.module_loading import find_path_from_directory
files = sorted(p for p in find_path_from_directory(settings.PLUGINS_FOLDER, ".airflowignore") if p.endswith(".py"))
plugins, errors = plugins_manager._get_plugins()
print(json.dumps({
    "files": [f.rsplit("/", 1)[-1] for f in files],
    "plugins": [[p.name, str(p.source)] for p in plugins],
    "errors": errors,
    "http": sys.modules["http"].__file__,
    "stray": sorted(m for m in ("extractor", "stage", "poll", "outbox", "cli", "app", "queries") if m in sys.modules),
    "app_built": "newswatch.web.app" in sys.modules,
}))
"""


@pytest.mark.parametrize("install", ["installed", "not-installed"])
def test_the_plugin_loader_finds_the_plugin_once_and_never_walks_the_package(
    airflow_env: dict[str, str], install: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOADER, install],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins")},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["files"] == ["newswatch_plugin.py"]  # .airflowignore keeps the loader out of newswatch/
    assert found["errors"] == {}
    ours = [source for name, source in found["plugins"] if name == "newswatch"]
    assert len(ours) == 1
    if install == "installed":
        assert ours[0].startswith("newswatch==") and "airflow.plugins" in ours[0]
    else:
        assert ours[0] == "$PLUGINS_FOLDER/newswatch_plugin.py"
    assert not found["http"].startswith(str(REPO)) and found["stray"] == []  # no ingest/http.py shadowing
    # Loading plugins (scheduler, DAG processor, every task) does not build the app or import FastAPI's pages.
    assert found["app_built"] is False
