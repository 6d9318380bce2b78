"""The Airflow 3 plugin: the view mounted on Airflow's API server at /newswatch, and "Newswatch" in the
UI's navigation, shown inside the UI.

Airflow does not authenticate plugin apps: every route of this one depends on Airflow's own `get_user`,
so a request without an Airflow login (the UI's session cookie, or a token from `POST /auth/token`) gets
401 and no data. The warehouse is the `newswatch_db` connection the DAGs use (orchestration.config),
opened when the API server starts the app. The app is built the first time Airflow asks for it, which
only the API server does: the scheduler, the DAG processor and every task process load plugins too, and
need not import FastAPI for nothing.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from airflow.plugins_manager import AirflowPlugin

if TYPE_CHECKING:
    from fastapi import FastAPI

URL_PREFIX = "/newswatch"


@cache
def airflow_app() -> FastAPI:
    """The view with an Airflow login on every route; a missing warehouse answers 503, and never keeps
    Airflow's API server from starting."""
    from airflow.api_fastapi.core_api.security import get_user
    from fastapi import Depends

    from newswatch.orchestration import config
    from newswatch.web.app import create_app

    return create_app(config, dependencies=[Depends(get_user)], wait=False)


def view_href() -> str:
    """Where the UI finds the view: under Airflow's own path when it is served below one ([api] base_url)."""
    from airflow.configuration import conf

    base = urlsplit(conf.get("api", "base_url", fallback="") or "").path.rstrip("/")
    return base + URL_PREFIX + "/"


class NewswatchPlugin(AirflowPlugin):
    name = "newswatch"
    external_views = [
        {
            "name": "Newswatch",
            "href": view_href(),
            "url_route": "newswatch",  # shown inside the UI (an iframe), not as a link away from it
            "destination": "nav",
            "nav_top_level": True,  # in the main navigation, not under Plugins
        }
    ]

    # A property, not a list: built on first use (see the module docstring). Airflow only reads it.
    @property
    def fastapi_apps(self) -> list[dict[str, Any]]:  # type: ignore[override]
        return [{"app": airflow_app(), "url_prefix": URL_PREFIX, "name": "newswatch"}]
