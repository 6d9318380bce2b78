"""Configuration: a TOML file and environment overrides, validated into one immutable Config.

Foundation layer: imports nothing but settings and errors. The shipped feed list, topics and series
belong to their domains (`ingest.default_feeds`, `ingest.topics`, `figures.series`); the config holds
only what the user declared, and each domain merges it with its own defaults.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newswatch import settings
from newswatch.errors import ConfigError

CONFIG_ENV = "NEWSWATCH_CONFIG"
DATABASE_URL_ENV = "NEWSWATCH_DATABASE_URL"
# What `[figures] morphology` accepts (figures/morph.py reads it).
MORPHOLOGY_CHOICES = frozenset({"auto", "off", "ru", "uk"})


@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str
    enabled: bool = True


@dataclass(frozen=True)
class TopicConfig:
    """A [[topics]] table: terms added to a shipped topic (or replacing them), or a new topic."""

    name: str
    terms: tuple[str, ...]
    replace: bool = False


@dataclass(frozen=True)
class SeriesConfig:
    """A [[series]] table: key = "subject.metric", with terms for a subject or metric not shipped."""

    key: str
    label: str
    subject_terms: tuple[str, ...] = ()
    metric_terms: tuple[str, ...] = ()

    @property
    def subject(self) -> str:
        return self.key.partition(".")[0]

    @property
    def metric(self) -> str:
        return self.key.partition(".")[2]


@dataclass(frozen=True)
class DatabaseConfig:
    # None means: run the embedded PostgreSQL kept in data_dir.
    url: str | None = None
    data_dir: Path = field(default_factory=lambda: default_data_dir() / "postgres")


@dataclass(frozen=True)
class HttpConfig:
    timeout_seconds: float = settings.HTTP_TIMEOUT_SECONDS
    max_bytes: int = settings.HTTP_MAX_BYTES
    allow_hosts: tuple[str, ...] = ()
    user_agent: str = settings.HTTP_USER_AGENT
    max_redirects: int = settings.HTTP_MAX_REDIRECTS
    threads: int = settings.FETCH_THREADS
    per_host: int = settings.PER_HOST_CONNECTIONS


@dataclass(frozen=True)
class PollConfig:
    interval_minutes: float = settings.POLL_INTERVAL_MINUTES


@dataclass(frozen=True)
class ExtractConfig:
    processes: int | None = settings.EXTRACT_PROCESSES
    timeout_seconds: float = settings.EXTRACT_TIMEOUT_SECONDS
    max_attempts: int = settings.PAGE_MAX_ATTEMPTS


@dataclass(frozen=True)
class FiguresConfig:
    # Relative change below which a new value from the same source is not a revision. 0 means any
    # change of the value or the qualifier is one.
    change_threshold: float = 0.0
    series: tuple[SeriesConfig, ...] = ()  # added to the shipped watchlist (figures.series.watchlist)
    # Languages whose figure rules ask a morphology analyser (the `morph` extra): "auto" (ru and uk when
    # installed), "off", or a list ("ru", "uk"). NEWSWATCH_MORPHOLOGY overrides it.
    morphology: tuple[str, ...] = (settings.FIGURES_MORPHOLOGY,)


@dataclass(frozen=True)
class AlertsConfig:
    smtp_host: str | None = None  # no host: nothing is queued or sent
    smtp_port: int = 25
    sender: str = "newswatch@localhost"
    recipients: tuple[str, ...] = ()
    username: str | None = None
    # The password is read from this environment variable at send time; it is never stored or logged.
    password_env: str = "NEWSWATCH_SMTP_PASSWORD"
    # auto: implicit TLS on port 465; elsewhere STARTTLS whenever the server offers it, and required
    # before a login. none: never TLS (a password then travels in clear: only when set explicitly).
    security: str = "auto"
    ca_file: Path | None = None  # CA certificates to trust instead of the system's (a private relay)
    timeout_seconds: float = settings.SMTP_TIMEOUT_SECONDS
    max_attempts: int = settings.ALERT_MAX_ATTEMPTS
    series: tuple[str, ...] = ()  # empty: every series
    kinds: tuple[str, ...] = ("first", "revision")
    batch_threshold: int = settings.ALERT_BATCH_THRESHOLD
    feed_failures: int = settings.HEALTH_FEED_FAILURES
    silent_factor: float = settings.HEALTH_SILENT_FACTOR
    silent_min_hours: float = settings.HEALTH_SILENT_MIN_HOURS
    # Pinged after every completed cycle (a dead man's switch). A secret: kept out of repr and logs.
    heartbeat_url: str | None = field(default=None, repr=False)
    heartbeat_timeout_seconds: float = settings.HEARTBEAT_TIMEOUT_SECONDS

    @property
    def enabled(self) -> bool:
        return bool(self.smtp_host and self.recipients)

    def password(self) -> str | None:
        return os.environ.get(self.password_env) or None


@dataclass(frozen=True)
class RetentionConfig:
    raw_html_days: int = settings.RETENTION_RAW_HTML_DAYS
    poll_log_days: int = settings.RETENTION_POLL_LOG_DAYS


@dataclass(frozen=True)
class WebConfig:
    # The analyst view (`newswatch serve`) asks for the password held in this environment variable; unset,
    # it serves only on loopback. The password is read when the server starts and never stored or logged.
    password_env: str | None = None

    def password(self) -> str | None:
        """The password, or None when no variable is named or the variable is unset or empty."""
        if not self.password_env:
            return None
        return os.environ.get(self.password_env) or None


@dataclass(frozen=True)
class Config:
    database: DatabaseConfig = field(default_factory=DatabaseConfig)
    http: HttpConfig = field(default_factory=HttpConfig)
    poll: PollConfig = field(default_factory=PollConfig)
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    feeds: tuple[FeedConfig, ...] | None = None  # None: the shipped list (ingest.default_feeds)
    topics: tuple[TopicConfig, ...] = ()  # added to the shipped topics (ingest.topics.configured_topics)
    figures: FiguresConfig = field(default_factory=FiguresConfig)
    alerts: AlertsConfig = field(default_factory=AlertsConfig)
    retention: RetentionConfig = field(default_factory=RetentionConfig)
    web: WebConfig = field(default_factory=WebConfig)
    source: str = "defaults"


def default_data_dir() -> Path:
    """Where newswatch keeps its embedded database when no URL is configured."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(os.environ.get("NEWSWATCH_DATA_DIR", Path(base) / "newswatch"))


def load_config(path: str | Path | None = None) -> Config:
    """Read the config file (argument, then $NEWSWATCH_CONFIG, else defaults) and apply env overrides."""
    path = path or os.environ.get(CONFIG_ENV) or None
    raw: dict[str, Any] = {}
    source = "defaults"
    if path:
        p = Path(path)
        try:
            raw = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file {p} does not exist; pass an existing file to --config") from None
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"config file {p} cannot be read: {e}") from None
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(f"config file {p} is not valid TOML: {e}") from None
        source = str(p)
    config = parse_config(raw, source=source)
    env_url = os.environ.get(DATABASE_URL_ENV)
    if env_url:
        config = replace(config, database=DatabaseConfig(url=env_url, data_dir=config.database.data_dir))
    return config


def parse_config(raw: dict[str, Any], source: str = "defaults") -> Config:
    """Validate a parsed TOML document into a Config; unknown keys are errors, not silently ignored."""
    _only(
        raw,
        {
            "database",
            "http",
            "poll",
            "extract",
            "feeds",
            "topics",
            "figures",
            "series",
            "alerts",
            "retention",
            "web",
        },
        "top level",
        source,
    )
    db = _table(raw, "database", source)
    _only(db, {"url", "data_dir"}, "[database]", source)
    http = _table(raw, "http", source)
    _only(
        http,
        {"timeout_seconds", "max_bytes", "allow_hosts", "user_agent", "max_redirects", "threads", "per_host"},
        "[http]",
        source,
    )
    poll = _table(raw, "poll", source)
    _only(poll, {"interval_minutes"}, "[poll]", source)
    ext = _table(raw, "extract", source)
    _only(ext, {"processes", "timeout_seconds", "max_attempts"}, "[extract]", source)

    data_dir = Path(_get(db, "data_dir", str, str(default_data_dir() / "postgres"), "[database]", source))
    database = DatabaseConfig(
        url=_get(db, "url", str, None, "[database]", source) or None, data_dir=data_dir.expanduser()
    )
    allow = _get(http, "allow_hosts", list, [], "[http]", source)
    for entry in allow:
        if not isinstance(entry, str) or not _is_host_port(entry):
            raise ConfigError(
                f'{source}: [http] allow_hosts entry {entry!r} must be "host:port", e.g. "127.0.0.1:18080"'
            )
    http_config = HttpConfig(
        timeout_seconds=_positive(http, "timeout_seconds", settings.HTTP_TIMEOUT_SECONDS, "[http]", source),
        max_bytes=int(_positive(http, "max_bytes", settings.HTTP_MAX_BYTES, "[http]", source)),
        allow_hosts=tuple(a.lower() for a in allow),
        user_agent=_get(http, "user_agent", str, settings.HTTP_USER_AGENT, "[http]", source),
        max_redirects=int(_get(http, "max_redirects", int, settings.HTTP_MAX_REDIRECTS, "[http]", source)),
        threads=int(_positive(http, "threads", settings.FETCH_THREADS, "[http]", source)),
        per_host=int(_positive(http, "per_host", settings.PER_HOST_CONNECTIONS, "[http]", source)),
    )
    poll_config = PollConfig(
        interval_minutes=float(
            _get(poll, "interval_minutes", (int, float), settings.POLL_INTERVAL_MINUTES, "[poll]", source)
        )
    )
    processes = _get(ext, "processes", int, None, "[extract]", source)
    extract_config = ExtractConfig(
        processes=processes,
        timeout_seconds=_positive(
            ext, "timeout_seconds", settings.EXTRACT_TIMEOUT_SECONDS, "[extract]", source
        ),
        max_attempts=int(_positive(ext, "max_attempts", settings.PAGE_MAX_ATTEMPTS, "[extract]", source)),
    )
    fig = _table(raw, "figures", source)
    _only(fig, {"change_threshold", "morphology"}, "[figures]", source)
    threshold = _get(fig, "change_threshold", (int, float), 0.0, "[figures]", source)
    if threshold < 0:
        raise ConfigError(f"{source}: [figures] change_threshold = {threshold!r} must be 0 or more")
    morphology = _get(fig, "morphology", (str, list), settings.FIGURES_MORPHOLOGY, "[figures]", source)
    morphology = tuple(morphology.replace(",", " ").split() if isinstance(morphology, str) else morphology)
    if not all(isinstance(m, str) and m.lower() in MORPHOLOGY_CHOICES for m in morphology):
        raise ConfigError(
            f'{source}: [figures] morphology = {morphology!r} must be "auto", "off" or a list of '
            f"{', '.join(sorted(MORPHOLOGY_CHOICES - {'auto', 'off'}))}"
        )
    return Config(
        database=database,
        http=http_config,
        poll=poll_config,
        extract=extract_config,
        feeds=_feeds(raw, source),
        topics=_topics(raw, source),
        figures=FiguresConfig(
            change_threshold=float(threshold), series=_series(raw, source), morphology=morphology or ("off",)
        ),
        alerts=_alerts(raw, source),
        retention=_retention(raw, source),
        web=_web(raw, source),
        source=source,
    )


def _retention(raw: dict[str, Any], source: str) -> RetentionConfig:
    table = _table(raw, "retention", source)
    _only(table, {"raw_html_days", "poll_log_days"}, "[retention]", source)
    return RetentionConfig(
        raw_html_days=int(
            _positive(table, "raw_html_days", settings.RETENTION_RAW_HTML_DAYS, "[retention]", source)
        ),
        poll_log_days=int(
            _positive(table, "poll_log_days", settings.RETENTION_POLL_LOG_DAYS, "[retention]", source)
        ),
    )


def _web(raw: dict[str, Any], source: str) -> WebConfig:
    table = _table(raw, "web", source)
    _only(table, {"password_env"}, "[web]", source)
    name = _get(table, "password_env", str, None, "[web]", source)
    if name is not None and not _ENV_NAME.fullmatch(name):
        raise ConfigError(
            f'{source}: [web] password_env = {name!r} must name an environment variable, e.g. "NEWSWATCH_WEB_PASSWORD"'
        )
    return WebConfig(password_env=name)


_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _alerts(raw: dict[str, Any], source: str) -> AlertsConfig:
    table = _table(raw, "alerts", source)
    where = "[alerts]"
    _only(
        table,
        {
            "smtp_host",
            "smtp_port",
            "sender",
            "recipients",
            "username",
            "password_env",
            "security",
            "timeout_seconds",
            "max_attempts",
            "series",
            "kinds",
            "batch_threshold",
            "feed_failures",
            "silent_factor",
            "silent_min_hours",
            "ca_file",
            "heartbeat_url",
            "heartbeat_timeout_seconds",
        },
        where,
        source,
    )
    recipients = _get(table, "recipients", list, [], where, source)
    for r in recipients:
        if not isinstance(r, str) or not _EMAIL.fullmatch(r):
            raise ConfigError(f"{source}: {where} recipients entry {r!r} is not an email address")
    sender = _get(table, "sender", str, "newswatch@localhost", where, source)
    if not _EMAIL.fullmatch(sender):
        raise ConfigError(f"{source}: {where} sender {sender!r} is not an email address")
    security = _get(table, "security", str, "auto", where, source)
    if security not in ("auto", "none", "starttls", "ssl"):
        raise ConfigError(
            f"{source}: {where} security = {security!r} must be one of auto, none, starttls, ssl"
        )
    ca_file = _get(table, "ca_file", str, None, where, source)
    if ca_file is not None and not Path(ca_file).expanduser().is_file():
        raise ConfigError(
            f"{source}: {where} ca_file {ca_file!r} is not a file; give a PEM file of CA certificates"
        )
    heartbeat_url = _get(table, "heartbeat_url", str, None, where, source) or None
    if heartbeat_url is not None:
        parts = urlsplit(heartbeat_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            # The URL is a secret (anyone holding it can fake the heartbeat): never echo it.
            raise ConfigError(f"{source}: {where} heartbeat_url must be an absolute http(s) URL")
    kinds = tuple(_get(table, "kinds", list, ["first", "revision"], where, source))
    if not set(kinds) <= {"first", "revision"}:
        raise ConfigError(f'{source}: {where} kinds must list only "first" and "revision"')
    return AlertsConfig(
        smtp_host=_get(table, "smtp_host", str, None, where, source) or None,
        smtp_port=int(_positive(table, "smtp_port", 25, where, source)),
        sender=sender,
        recipients=tuple(recipients),
        username=_get(table, "username", str, None, where, source) or None,
        password_env=_get(table, "password_env", str, "NEWSWATCH_SMTP_PASSWORD", where, source),
        security=security,
        ca_file=Path(ca_file).expanduser() if ca_file else None,
        timeout_seconds=_positive(table, "timeout_seconds", settings.SMTP_TIMEOUT_SECONDS, where, source),
        max_attempts=int(_positive(table, "max_attempts", settings.ALERT_MAX_ATTEMPTS, where, source)),
        series=tuple(_get(table, "series", list, [], where, source)),
        kinds=kinds,
        batch_threshold=int(
            _positive(table, "batch_threshold", settings.ALERT_BATCH_THRESHOLD, where, source)
        ),
        feed_failures=int(_positive(table, "feed_failures", settings.HEALTH_FEED_FAILURES, where, source)),
        silent_factor=_positive(table, "silent_factor", settings.HEALTH_SILENT_FACTOR, where, source),
        silent_min_hours=_positive(
            table, "silent_min_hours", settings.HEALTH_SILENT_MIN_HOURS, where, source
        ),
        heartbeat_url=heartbeat_url,
        heartbeat_timeout_seconds=_positive(
            table, "heartbeat_timeout_seconds", settings.HEARTBEAT_TIMEOUT_SECONDS, where, source
        ),
    )


_EMAIL = re.compile(r"[^@\s<>,;\"']+@[^@\s<>,;\"']+")


def _series(raw: dict[str, Any], source: str) -> tuple[SeriesConfig, ...]:
    """[[series]] tables: key = "subject.metric", with terms for subjects/metrics the watchlist lacks."""
    entries = raw.get("series", [])
    if not isinstance(entries, list):
        raise ConfigError(f'{source}: series must be an array of tables: [[series]] key = "subject.metric"')
    series: list[SeriesConfig] = []
    for i, entry in enumerate(entries, 1):
        where = f"[[series]] #{i}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{source}: {where} must be a table with key, subject and metric")
        _only(entry, {"key", "subject", "metric", "label"}, where, source)
        key = _get(entry, "key", str, "", where, source)
        subject, dot, metric = key.partition(".")
        if not (subject and dot and metric) or not all(
            p.replace("_", "").isalnum() for p in (subject, metric)
        ):
            raise ConfigError(
                f'{source}: {where} key {key!r} must look like "subject.metric", e.g. "dprk_troops_russia.missing"'
            )
        subject_terms = tuple(_get(entry, "subject", list, [], where, source))
        metric_terms = tuple(_get(entry, "metric", list, [], where, source))
        if not all(isinstance(t, str) and t.strip() for t in (*subject_terms, *metric_terms)):
            raise ConfigError(f"{source}: {where} subject and metric must be lists of non-empty strings")
        label = _get(entry, "label", str, key.replace("_", " ").replace(".", ", "), where, source)
        series.append(SeriesConfig(key, label, subject_terms, metric_terms))
    return tuple(series)


def _feeds(raw: dict[str, Any], source: str) -> tuple[FeedConfig, ...] | None:
    if "feeds" not in raw:
        return None
    entries = raw["feeds"]
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: feeds must be an array of tables: [[feeds]] name = ... url = ...")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        where = f"[[feeds]] #{i}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{source}: {where} must be a table with name and url")
        _only(entry, {"name", "url", "enabled"}, where, source)
        name = _get(entry, "name", str, None, where, source)
        url = _get(entry, "url", str, None, where, source)
        if not name or not url:
            raise ConfigError(f"{source}: {where} needs both name and url")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"{source}: {where} url {url!r} must be an absolute http(s) URL")
        if url in seen:
            raise ConfigError(f"{source}: {where} url {url!r} is listed twice")
        seen.add(url)
        feeds.append(
            FeedConfig(name=name, url=url, enabled=bool(_get(entry, "enabled", bool, True, where, source)))
        )
    return tuple(feeds)


def _topics(raw: dict[str, Any], source: str) -> tuple[TopicConfig, ...]:
    """[[topics]] tables: terms added to a shipped topic (replace = true: instead of its terms), or new ones."""
    entries = raw.get("topics", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{source}: topics must be an array of tables: [[topics]] name = ... terms = [...]")
    topics: list[TopicConfig] = []
    for i, entry in enumerate(entries, 1):
        where = f"[[topics]] #{i}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{source}: {where} must be a table with name and terms")
        _only(entry, {"name", "terms", "replace"}, where, source)
        name = _get(entry, "name", str, None, where, source)
        terms = _get(entry, "terms", list, None, where, source)
        if not name or not terms or not all(isinstance(t, str) and t.strip() for t in terms):
            raise ConfigError(f"{source}: {where} needs a name and a non-empty list of terms")
        replace_terms = bool(_get(entry, "replace", bool, False, where, source))
        topics.append(TopicConfig(name, tuple(terms), replace_terms))
    return tuple(topics)


def _is_host_port(entry: str) -> bool:
    host, sep, port = entry.rpartition(":")
    return bool(sep and host and port.isdigit() and 0 < int(port) < 65536)


def _table(raw: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: [{key}] must be a table")
    return value


def _only(table: dict[str, Any], allowed: set[str], where: str, source: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(
            f"{source}: unknown key {unknown[0]!r} in {where}; known keys: {', '.join(sorted(allowed))}"
        )


def _get(table: dict[str, Any], key: str, kind: Any, default: Any, where: str, source: str) -> Any:
    if key not in table:
        return default
    value = table[key]
    if isinstance(value, bool) and kind is not bool:
        raise ConfigError(f"{source}: {where} {key} must not be a boolean")
    if not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{source}: {where} {key} = {value!r} must be of type {names}")
    return value


def _positive(table: dict[str, Any], key: str, default: float, where: str, source: str) -> float:
    value = _get(table, key, (int, float), default, where, source)
    if value <= 0:
        raise ConfigError(f"{source}: {where} {key} = {value!r} must be greater than zero")
    return float(value)
