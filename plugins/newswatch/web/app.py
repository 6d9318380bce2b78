"""The analyst's view as one FastAPI app: six pages, each with a JSON twin, and a series as CSV.

`create_app` is shared by `newswatch serve` and the Airflow plugin; they differ only in who may ask
(the dependencies put on every route) and in how a missing warehouse is met at start. The warehouse is
opened by the app's lifespan, never at import. Everything shown came from the news and is treated as
hostile: templates escape by default, only http(s) URLs become links, and the pages run no script at all
(the Content-Security-Policy says so to the browser too).
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
import psycopg
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newswatch.config import Config
from newswatch.db import database_url
from newswatch.errors import NewswatchError
from newswatch.figures.query import format_value
from newswatch.figures.series import watchlist
from newswatch.ingest.topics import configured_topics
from newswatch.web import charts, pages, queries
from newswatch.web.pages import NotFound, ViewConfig
from newswatch.web.params import UNATTRIBUTED, BadRequest
from newswatch.web.warehouse import Warehouse

HERE = Path(__file__).parent
# No script runs on these pages, nothing loads from elsewhere, and only Airflow's own UI may frame them.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-ancestors 'self'; "
    "base-uri 'none'; form-action 'self'"
)
NAVIGATION = (
    ("overview", "/", "Overview"),
    ("changes", "/changes", "Changes"),
    ("articles", "/articles", "Articles"),
    ("feeds", "/feeds", "Feeds"),
    ("alerts", "/alerts", "Alerts"),
)
CSV_COLUMNS = (
    "figure_id",
    "series",
    "reported_at",
    "value",
    "value_low",
    "value_high",
    "qualifier",
    "scope",
    "period_start",
    "period_end",
    "attributed_to",
    "outlet",
    "outlets",
    "title",
    "url",
    "quote",
    "change_kind",
    "previous_value",
    "article_id",
)


class View:
    """What the running app holds: the warehouse pool and what the pages need from the config."""

    def __init__(self, load_config: Callable[[], Config], *, wait: bool) -> None:
        self.config = ViewConfig()
        self._load_config = load_config
        self.warehouse = Warehouse(self._database_url, wait=wait)

    def _database_url(self) -> str:
        config = self._load_config()
        self.config = view_config(config)
        return database_url(config)


def view_config(config: Config) -> ViewConfig:
    return ViewConfig(
        labels={s.key: s.label for s in watchlist(config)},
        topics=tuple(t.name for t in configured_topics(config)),
    )


def create_app(
    load_config: Callable[[], Config], *, dependencies: Sequence[Any] = (), wait: bool = True
) -> FastAPI:
    """The view. `dependencies` run before every route (the login); with wait, the app does not start
    without its warehouse, else it answers 503 until the warehouse can be reached."""
    view = View(load_config, wait=wait)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(view.warehouse.open)
        try:
            yield
        finally:
            await run_in_threadpool(view.warehouse.close)

    app = FastAPI(
        title="newswatch",
        lifespan=lifespan,
        dependencies=list(dependencies),
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.view = view
    app.add_middleware(SecurityHeaders)
    templates = _environment()
    stylesheet = (HERE / "static" / "newswatch.css").read_bytes()

    def render(request: Request, name: str, page: str, data: dict[str, Any], title: str) -> HTMLResponse:
        json_path = (
            request.url.path.rstrip("/") + ".json" if page != "overview" else _path(request, "/overview.json")
        )
        html = templates.get_template(name).render(
            data=data,
            page=page,
            title=title,
            nav=[(key, _path(request, path), label) for key, path, label in NAVIGATION],
            json_url=_with_query(json_path, request.query_params),
            href=lambda path, **query: _with_query(_path(request, path), query),
            next_url=_next_url(request.url.path, request.query_params, data.get("next")),
            css_url=_path(request, "/static/newswatch.css"),
        )
        return HTMLResponse(html)

    def as_json(request: Request, data: dict[str, Any]) -> JSONResponse:
        body = pages.jsonable(data)
        if isinstance(body, dict) and "next" in body:
            body["next"] = _next_url(request.url.path, request.query_params, body["next"])
        return JSONResponse(body)

    def read(fn: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
        with view.warehouse.connection() as conn:
            return fn(conn, *args)

    @app.get("/", response_class=HTMLResponse)
    def overview_page(request: Request) -> Response:
        return render(request, "overview.html", "overview", read(pages.overview, view.config), "Overview")

    @app.get("/overview.json")
    def overview_json(request: Request) -> Response:
        return as_json(request, read(pages.overview, view.config))

    @app.get("/series/{key}.json")
    def series_json(request: Request, key: str) -> Response:
        return as_json(request, read(pages.series, view.config, key, request.query_params))

    @app.get("/series/{key}.csv")
    def series_csv(request: Request, key: str) -> Response:
        f = pages.series_csv_filter(key, request.query_params)
        with view.warehouse.connection() as conn:
            if f.series not in view.config.labels and not queries.series_exists(conn, f.series):
                raise NotFound(f"no series {f.series!r}")
        return StreamingResponse(
            _csv(view.warehouse, f),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{f.series}.csv"'},
        )

    @app.get("/series/{key}", response_class=HTMLResponse)
    def series_page(request: Request, key: str) -> Response:
        data = read(pages.series, view.config, key, request.query_params)
        return render(request, "series.html", "series", data, data["series"]["label"])

    @app.get("/changes", response_class=HTMLResponse)
    def changes_page(request: Request) -> Response:
        data = read(pages.changes, view.config, request.query_params)
        return render(request, "changes.html", "changes", data, "Changes")

    @app.get("/changes.json")
    def changes_json(request: Request) -> Response:
        return as_json(request, read(pages.changes, view.config, request.query_params))

    @app.get("/articles", response_class=HTMLResponse)
    def articles_page(request: Request) -> Response:
        data = read(pages.articles, view.config, request.query_params)
        return render(request, "articles.html", "articles", data, "Articles")

    @app.get("/articles.json")
    def articles_json(request: Request) -> Response:
        return as_json(request, read(pages.articles, view.config, request.query_params))

    @app.get("/feeds", response_class=HTMLResponse)
    def feeds_page(request: Request) -> Response:
        return render(request, "feeds.html", "feeds", read(pages.feeds, request.query_params), "Feeds")

    @app.get("/feeds.json")
    def feeds_json(request: Request) -> Response:
        return as_json(request, read(pages.feeds, request.query_params))

    @app.get("/alerts", response_class=HTMLResponse)
    def alerts_page(request: Request) -> Response:
        return render(request, "alerts.html", "alerts", read(pages.alerts, request.query_params), "Alerts")

    @app.get("/alerts.json")
    def alerts_json(request: Request) -> Response:
        return as_json(request, read(pages.alerts, request.query_params))

    @app.get("/static/newswatch.css")
    def stylesheet_file() -> Response:
        return Response(stylesheet, media_type="text/css", headers={"Cache-Control": "max-age=3600"})

    def failure(status: int, message: str) -> Callable[[Request, Exception], Response]:
        def handle(request: Request, error: Exception) -> Response:
            text = message or str(error)
            if request.url.path.endswith((".json", ".csv")):
                return JSONResponse({"error": text}, status_code=status)
            html = templates.get_template("error.html").render(
                title={400: "Bad request", 404: "Not found"}.get(status, "Unavailable"),
                message=text,
                page="",
                nav=[(key, _path(request, path), label) for key, path, label in NAVIGATION],
                css_url=_path(request, "/static/newswatch.css"),
            )
            return HTMLResponse(html, status_code=status)

        return handle

    app.add_exception_handler(BadRequest, failure(400, ""))
    app.add_exception_handler(NotFound, failure(404, ""))
    app.add_exception_handler(NewswatchError, failure(503, ""))
    app.add_exception_handler(
        psycopg.errors.QueryCanceled, failure(503, "the query took too long; narrow the filters")
    )
    app.add_exception_handler(
        psycopg.OperationalError, failure(503, "the warehouse connection failed; try again shortly")
    )
    return app


def _csv(warehouse: Warehouse, f: queries.SeriesFilter) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield flush()
    with warehouse.connection() as conn:
        for i, row in enumerate(queries.series_csv_rows(conn, f), 1):
            writer.writerow([_csv_cell(row[c]) for c in CSV_COLUMNS])
            if i % 500 == 0:
                yield flush()
    yield flush()


def _csv_cell(value: Any) -> Any:
    """A spreadsheet runs a cell starting with = + - @ as a formula: news text is prefixed with '."""
    if isinstance(value, str):
        return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class SecurityHeaders:
    """Adds the content policy and related headers to every response of the view."""

    HEADERS = (
        (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + list(self.HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every template, whatever its name: the data is the news
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        link=safe_link,
        day=_day,
        when=_when,
        number=_number,
        pct=_pct,
        source=_source,
        value=format_value,
    )
    env.globals.update(sparkline=_sparkline, series_chart=_series_chart, unattributed=UNATTRIBUTED)
    return env


def safe_link(url: Any) -> str | None:
    """The URL when it is absolute http(s) (a link may be followed), else None (shown as text only)."""
    if not isinstance(url, str) or any(ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def _path(request: Request, path: str) -> str:
    """A path inside the view, under wherever it is mounted (/newswatch inside Airflow)."""
    return str(request.scope.get("root_path", "")).rstrip("/") + path


def _with_query(path: str, query: Mapping[str, Any]) -> str:
    pairs = {k: str(v) for k, v in query.items() if v not in (None, "")}
    return path + ("?" + urlencode(pairs) if pairs else "")


def _next_url(path: str, query: Mapping[str, str], after: str | None) -> str | None:
    if not after:
        return None
    return _with_query(path, {**dict(query), "after": after})


def _day(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value.astimezone(UTC):%Y-%m-%d}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return ""


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
    return ""


def _number(value: Any) -> str:
    if value is None:
        return ""
    number = float(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.1f}"


def _pct(value: Any) -> str:
    return "" if value is None else f"{float(value):+.1f}%"


def _source(value: Any) -> str:
    return value if value else UNATTRIBUTED


def _sparkline(cell: Mapping[str, Any]) -> Markup:
    points = [(day, float(value)) for day, value in cell["sparkline"]]
    return charts.sparkline(points, label=_source(cell["source"]))


def _series_chart(data: Mapping[str, Any]) -> Markup:
    chart = data["chart"]
    lines = [
        charts.Line(_source(line["source"]), charts.color(i), [(t, float(v)) for t, v in line["points"]])
        for i, line in enumerate(chart["lines"])
    ]
    markers = []
    for c in chart["changes"]:
        was = (
            f", was {format_value(c['previous_value'], c['previous_qualifier'])}"
            if c["previous_value"] is not None
            else ""
        )
        kind = "first value" if c["kind"] == "first" else "revision"
        markers.append(
            charts.Marker(
                line=_source(c["attributed_to"]),
                at=c["reported_at"],
                value=float(c["new_value"]),
                text=f"{_source(c['attributed_to'])}: {c['display']} on {c['reported_at']:%Y-%m-%d} "
                f"({kind}{was}; {c['outlet']})",
                kind=c["kind"],
            )
        )
    return charts.series_chart(lines, markers, label=f"{data['series']['label']}: reported values by source")
