"""The `newswatch` command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from newswatch import __version__
from newswatch.config import Config, load_config
from newswatch.errors import NewswatchError


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except NewswatchError as e:
        print(f"newswatch: error: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader (head, less) went away: not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("newswatch: interrupted; the next run picks up where this one stopped", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newswatch",
        description="Watch the news about North Korea and "
        "Russia: feeds to articles in a PostgreSQL warehouse.",
    )
    parser.add_argument("--version", action="version", version=f"newswatch {__version__}")
    sub = parser.add_subparsers(metavar="COMMAND")

    def command(name: str, help: str, *, reads: bool = False, parent: Any = None) -> argparse.ArgumentParser:
        p = (parent or sub).add_parser(name, help=help, description=help)
        p.add_argument(
            "--config",
            metavar="FILE",
            help="TOML config file (default: $NEWSWATCH_CONFIG, else the shipped defaults)",
        )
        if reads:
            p.add_argument(
                "--demo", action="store_true", help="the demo warehouse (what `newswatch demo` filled)"
            )
        return p

    db = sub.add_parser("db", help="the warehouse: schema, connection string, embedded server")
    db_sub = db.add_subparsers(metavar="ACTION")
    up = command("upgrade", "apply pending sql/ migrations (idempotent)", parent=db_sub)
    up.set_defaults(func=_db_upgrade)
    url = command(
        "url",
        'print the warehouse\'s connection string, for psql "$(newswatch db url)" (starts the embedded '
        "server if it is the warehouse, and leaves it running)",
        reads=True,
        parent=db_sub,
    )
    url.add_argument("--show-password", action="store_true", help="print the password instead of ****")
    url.set_defaults(func=_db_url)
    stop = command("stop", "stop the embedded PostgreSQL server if it is running", parent=db_sub)
    stop.set_defaults(func=_db_stop)

    run = command("run", "run one cycle: poll feeds, fetch and extract new articles, deduplicate")
    run.add_argument("--force", action="store_true", help="poll every enabled feed, even those not yet due")
    run.add_argument("--quiet", action="store_true", help="no progress display")
    run.set_defaults(func=_run)

    feeds = command("feeds", "show each feed's health", reads=True)
    feeds.set_defaults(func=_feeds)

    demo = command("demo", "serve the bundled sample news site on loopback and run the cycle against it")
    demo.add_argument(
        "--port",
        type=int,
        default=18080,
        help="loopback port for the sample site (default 18080; 0 picks a free one)",
    )
    demo.add_argument(
        "--cycles",
        type=int,
        choices=(1, 2),
        default=2,
        help="2 (default) runs a second cycle after the sample site publishes an update",
    )
    demo.set_defaults(func=_demo)

    airflow = command(
        "airflow", "start Airflow (standalone) with the newswatch DAGs unpaused; Ctrl-C stops it"
    )
    airflow.add_argument("--port", type=int, default=8080, help="Airflow UI/API port (default 8080)")
    airflow.add_argument("--home", default="airflow-home", help="AIRFLOW_HOME (default ./airflow-home)")
    airflow.add_argument(
        "--demo", action="store_true", help="poll the bundled sample site instead of real feeds"
    )
    airflow.set_defaults(func=_airflow)

    figures = command(
        "figures", "print each series' timeline: value, qualifier, source, outlet, date, quote", reads=True
    )
    figures.add_argument(
        "--series", help="a series key (dprk_troops_russia.killed) or a subject (dprk_troops_russia)"
    )
    figures.add_argument("--since", type=_date, metavar="DATE", help="only figures reported on or after DATE")
    figures.add_argument(
        "--scope",
        choices=("cumulative", "period"),
        help="only running totals (cumulative) or only counts for a period (a day, a month)",
    )
    figures.add_argument("--json", action="store_true", help="one JSON object per line, for scripts")
    figures.set_defaults(func=_figures)

    changes = command(
        "changes", "list detected changes: first values and revisions, per series and source", reads=True
    )
    changes.add_argument("--series", help="a series key or a subject")
    changes.add_argument(
        "--since", type=_date, metavar="DATE", help="only changes reported or detected since DATE"
    )
    changes.add_argument("--json", action="store_true", help="one JSON object per line, for scripts")
    changes.set_defaults(func=_changes)

    reprocess = command(
        "reprocess", "re-derive figures and changes from stored article text (after an upgrade)"
    )
    reprocess.set_defaults(func=_reprocess)

    digest = command(
        "digest",
        "send (or print) the digest of the last day: changes, figures, stories, feed health",
        reads=True,
    )
    digest.add_argument(
        "--since", type=_date, metavar="DATE", help="start of the period (default: 24 hours ago)"
    )
    digest.add_argument(
        "--print", dest="print_only", action="store_true", help="print it instead of emailing it"
    )
    digest.set_defaults(func=_digest)

    alerts = command("alerts", "list queued and sent alerts; --send sends pending ones now", reads=True)
    alerts.add_argument("--send", action="store_true", help="send pending alerts that are due")
    alerts.add_argument(
        "--retry-now", action="store_true", help="with --send: also those waiting for a retry"
    )
    alerts.add_argument(
        "--status", choices=("pending", "sent", "failed"), help="only alerts with this status"
    )
    alerts.set_defaults(func=_alerts)

    serve = command(
        "serve",
        "the analyst view in a browser: series, changes, evidence, articles, feeds, alerts (Ctrl-C stops it)",
        reads=True,
    )
    # Loopback needs no password; 8090 stays clear of Airflow's UI (8080) and log servers (8793, 8794).
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8090, help="port to listen on (default 8090)")
    serve.set_defaults(func=_serve)

    evaluate = sub.add_parser(
        "eval",
        help="score the figure extractor and the change rules on labelled corpora, per set and language",
    )
    evaluate.add_argument(
        "--set",
        dest="paths",
        action="append",
        metavar="FILE",
        help="score this JSON Lines file (or every *.jsonl under this folder) instead of the development "
        "corpora (repeatable)",
    )
    evaluate.add_argument(
        "--heldout",
        nargs="?",
        const="",
        metavar="DIR",
        help="score the held-out corpora only (DIR/<lang>/*.jsonl; default heldout/ in the repository); "
        "meant for milestones",
    )
    evaluate.add_argument("--verbose", action="store_true", help="list every mistake")
    evaluate.add_argument("--json", action="store_true", help="one JSON object per set and language")
    evaluate.set_defaults(func=_eval)
    return parser


def _config(args: argparse.Namespace) -> Config:
    """The config file, checked against every domain (a [[series]] naming an unknown subject fails here).
    With --demo: the demo warehouse instead of the real one, and no email."""
    from newswatch.figures.series import watchlist

    config = load_config(args.config)
    watchlist(config)
    if getattr(args, "demo", False):
        from newswatch.demo_run import demo_warehouse

        config = demo_warehouse(config, keep_running=args.func is _db_url)
    return config


def _db_url(args: argparse.Namespace) -> int:
    from newswatch.db import database_url, display_url

    config = _config(args)
    print(display_url(database_url(config, keep_running=True), show_password=args.show_password))
    return 0


def _db_stop(args: argparse.Namespace) -> int:
    from newswatch.db import stop_embedded

    config = _config(args)
    stopped = stop_embedded(config.database.data_dir)
    print(f"stopped the embedded PostgreSQL in {config.database.data_dir}" if stopped else "not running")
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from newswatch.db import connect, database_url
    from newswatch.migrate import upgrade

    config = _config(args)
    with connect(database_url(config), autocommit=True, create=True) as conn:
        applied = upgrade(conn)
    print(f"applied {len(applied)} migration(s): {', '.join(applied)}" if applied else "schema is up to date")
    return 0


def _run(args: argparse.Namespace) -> int:
    from newswatch.pipeline import run_cycle

    config = _config(args)
    progress = None if args.quiet or not sys.stderr.isatty() else _Progress()
    report = run_cycle(config, force=args.force, progress=progress)
    if progress:
        progress.clear()
    print(report.summary())
    _print_errors(report.poll.errors, "feeds")
    _print_errors(report.fetch.errors, "pages")
    for stage, error in report.failed_stages.items():
        print(f"newswatch: error: the {stage} stage failed: {error}", file=sys.stderr)
    return 1 if report.failed_stages else 0


def _print_errors(errors: dict[str, str], what: str, limit: int = 10) -> None:
    if not errors:
        return
    print(f"Failed {what} (details in newswatch.{'feed_health' if what == 'feeds' else 'pages'}):")
    for name, error in list(errors.items())[:limit]:
        print(f"  {name}: {error}")
    if len(errors) > limit:
        print(f"  ... and {len(errors) - limit} more")


FEEDS_QUERY = """
SELECT f.name, f.enabled, h.last_polled_at, h.last_status, h.consecutive_failures, h.item_count,
       h.next_poll_at, h.last_error
FROM newswatch.feeds f JOIN newswatch.feed_health h ON h.feed_id = f.id
ORDER BY f.enabled DESC, h.consecutive_failures DESC, f.name
"""


def _feeds(args: argparse.Namespace) -> int:
    from newswatch.pipeline import read_warehouse

    with read_warehouse(_config(args)) as conn:  # a status command never writes (feeds sync when polled)
        rows = conn.execute(FEEDS_QUERY).fetchall()
    now = datetime.now(UTC)
    table: list[tuple[str, ...]] = [
        ("FEED", "LAST POLL", "STATUS", "FAILS", "ITEMS", "NEXT POLL", "LAST ERROR")
    ]
    for name, enabled, polled, status, fails, items, next_poll, error in rows:
        table.append(
            (
                name if enabled else f"{name} (disabled)",
                _ago(polled, now),
                status or "never polled",
                str(fails),
                "" if items is None else str(items),
                _ago(next_poll, now) if enabled else "-",
                (error or "")[:60],
            )
        )
    _print_table(table)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from newswatch.db import display_url
    from newswatch.demo import DemoServer
    from newswatch.demo_run import (
        MailSink,
        demo_config,
        demo_database_url,
        demo_mail_dir,
        print_demo_report,
        reset_demo_database,
    )
    from newswatch.pipeline import open_warehouse, run_cycle

    base = _config(args)
    # The embedded server (if it is the warehouse) stays up afterwards, so the printed psql line works.
    url = demo_database_url(base, keep_running=True)
    with DemoServer(port=args.port) as server, MailSink(demo_mail_dir()) as sink:
        config = demo_config(base, server, url, sink)
        reset_demo_database(config)
        print(f"Serving the sample news site at {server.base_url} ({len(config.feeds or ())} feeds).")
        with open_warehouse(config) as conn:
            for cycle in range(1, args.cycles + 1):
                server.set_cycle(cycle)
                report = run_cycle(
                    config, force=True, conn=conn, progress=_Progress() if sys.stderr.isatty() else None
                )
                print(f"\nCycle {cycle}: {report.summary()}")
            print_demo_report(conn, config, sink, display_url(url))
    return 0


def _airflow(args: argparse.Namespace) -> int:
    from pathlib import Path

    from newswatch.launcher import airflow_env, prepare, run_standalone

    home = Path(args.home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    config = _config(args)
    config_path = args.config or os.environ.get("NEWSWATCH_CONFIG")
    demo = None
    if args.demo:
        from newswatch.demo_run import AirflowDemo

        os.environ.setdefault("NEWSWATCH_POLL_EVERY_MINUTES", "2")  # see the schedule work without waiting
        demo = AirflowDemo(config, home).start()
        config, config_path = demo.config, str(demo.config_path)
        print(
            f"Serving the sample news site at {demo.server.base_url} as the feeds; newswatch_poll runs "
            f"every {os.environ['NEWSWATCH_POLL_EVERY_MINUTES']} minutes into the demo warehouse; emails "
            f"are written to {demo.sink.directory}."
        )
    try:
        env = airflow_env(config, home, args.port, config_path)
        print("Applying migrations and preparing Airflow ...", flush=True)
        prepare(env)
        return run_standalone(env, args.port, home)
    finally:
        if demo is not None:
            demo.stop()


def _date(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _figures(args: argparse.Namespace) -> int:
    import json

    from newswatch.figures.query import figures, format_period, format_value, jsonable
    from newswatch.pipeline import read_warehouse

    with read_warehouse(_config(args)) as conn:
        rows = figures(conn, args.series, args.since, args.scope)
    if args.json:
        for row in rows:
            print(json.dumps(jsonable(row), ensure_ascii=False))
        return 0
    if not rows:
        print("No figures yet" + (f" for {args.series}" if args.series else "") + ".")
        return 0
    current = None
    for row in rows:
        if row["series"] != current:
            current = row["series"]
            print(f"\n{current}")
        change = ""
        if row["change_kind"] == "first":
            change = "first"
        elif row["change_kind"] == "revision":
            change = f"revised from {_plain(row['previous_value'])}"
        if row["scope"] == "period":
            change = f"for {format_period(row['period_start'], row['period_end']) or 'a period'}"
        outlets = f" ({row['outlets']} outlets)" if row["outlets"] > 1 else ""
        value = format_value(row["value"], row["qualifier"], row["value_low"], row["value_high"])
        print(
            f"  {row['reported_at']:%Y-%m-%d}  {value:<22} {row['scope']:<10} "
            f"{row['attributed_to'] or 'unattributed':<15} {row['outlet'][:24]:<24}{outlets} {change}".rstrip()
        )
        print(f'      "{_shorten(row["quote"], 150)}"')
    return 0


def _changes(args: argparse.Namespace) -> int:
    import json

    from newswatch.figures.query import changes, format_value, jsonable
    from newswatch.pipeline import read_warehouse

    with read_warehouse(_config(args)) as conn:
        rows = changes(conn, args.series, args.since)
    if args.json:
        for row in rows:
            print(json.dumps(jsonable(row), ensure_ascii=False))
        return 0
    if not rows:
        print("No changes yet.")
        return 0
    for row in rows:
        new = format_value(row["new_value"], row["new_qualifier"])
        if row["kind"] == "first":
            what = f"first figure: {new}"
        else:
            pct = f", {row['change_pct']:+}%" if row["change_pct"] is not None else ""
            what = f"{new}, was {format_value(row['previous_value'], row['previous_qualifier'])}{pct}"
        found = "  (found in history)" if row["backfill"] else ""
        print(
            f"{row['reported_at']:%Y-%m-%d}  {row['series']}  ({row['attributed_to'] or 'unattributed'})  {what}"
            f"{found}"
        )
        print(f"      {row['outlet']}: {row['title'] or ''}\n      {row['url']}")
    return 0


def _reprocess(args: argparse.Namespace) -> int:
    from newswatch.alerts.changes import queue_change_alerts
    from newswatch.figures.extractor import FigureExtractor
    from newswatch.figures.series import watchlist
    from newswatch.figures.stage import changes_stage, figures_stage, reprocess
    from newswatch.pipeline import open_warehouse

    config = _config(args)
    with open_warehouse(config) as conn:
        marked = reprocess(conn)
        report = figures_stage(conn, FigureExtractor(watchlist(config), config.figures.morphology))
        # Changes re-derived from articles read before are never alerted; articles that arrived meanwhile are.
        changes = changes_stage(
            conn, config.figures.change_threshold, lambda c, ids: queue_change_alerts(c, config, ids)
        )
    print(
        f"Re-read {marked} articles: {report.figures} figures; {changes.first} new first values and "
        f"{changes.revisions} new revisions ({changes.backfill} of them found in history); "
        f"{changes.rederived} recorded changes re-attached or corrected, {changes.withdrawn} withdrawn "
        "(changes already recorded keep their id and are not alerted again)."
    )
    return 0


def _eval(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from newswatch.figures.corpora import HELDOUT_DIR, development_files, heldout_files
    from newswatch.figures.evaluate import evaluate_sets

    if args.heldout is not None:
        directory = Path(args.heldout) if args.heldout else HELDOUT_DIR
        sets = {"held-out": heldout_files(directory)}
        if not sets["held-out"]:
            print(
                f"newswatch: error: no held-out corpus in {directory} (expected <lang>/*.jsonl)",
                file=sys.stderr,
            )
            return 1
    elif args.paths:
        sets = {p: sorted(Path(p).glob("**/*.jsonl")) if Path(p).is_dir() else [Path(p)] for p in args.paths}
    else:
        sets = {"development": development_files()}
    empty = [name for name, paths in sets.items() if not paths]
    if empty:
        print(f"newswatch: error: no labelled corpus (*.jsonl) in {', '.join(empty)}", file=sys.stderr)
        return 1
    try:
        reports = evaluate_sets(sets)
    except (OSError, ValueError) as e:
        print(f"newswatch: error: {e}", file=sys.stderr)
        return 1
    for report in reports:
        if args.json:
            print(json.dumps(report.as_dict(), ensure_ascii=False))
            continue
        print("\n".join(report.lines()))
        if args.verbose:
            for mistake in report.mistakes:
                print(f"    {mistake}")
    return 0


def _digest(args: argparse.Namespace) -> int:
    from newswatch.alerts.digest import queue_digest
    from newswatch.alerts.outbox import send_pending
    from newswatch.pipeline import read_warehouse

    config = _config(args)
    with read_warehouse(config) as conn:
        if args.print_only or args.demo:  # the demo warehouse's digest is only ever printed
            from newswatch.alerts.digest import build_digest, digest_window

            digest = build_digest(conn, config, *digest_window(args.since))
            print(digest.subject)
            print(digest.text)
            return 0
        if not config.alerts.enabled:
            print(
                "newswatch: error: no [alerts] smtp_host and recipients configured; use --print to see the "
                "digest",
                file=sys.stderr,
            )
            return 1
        digest, alert_id = queue_digest(conn, config, args.since)
        report = send_pending(conn, config)
    state = "queued" if alert_id else "already queued for this period"
    print(
        f"{digest.subject}: {state}; {report.sent} alert(s) sent"
        + (f", {report.retrying} waiting for the mail server ({report.errors[0]})" if report.retrying else "")
    )
    return 0


ALERTS_QUERY = """
SELECT id, kind, status, attempts, created_at, sent_at, subject, last_error FROM newswatch.alerts
WHERE %(status)s::text IS NULL OR status = %(status)s ORDER BY id DESC LIMIT 50
"""


def _alerts(args: argparse.Namespace) -> int:
    from newswatch.alerts import unalerted
    from newswatch.alerts.outbox import send_pending
    from newswatch.pipeline import read_warehouse

    config = _config(args)
    with read_warehouse(config) as conn:
        if args.send:
            report = send_pending(conn, config, retry_now=args.retry_now)
            print(
                f"{report.sent} sent, {report.retrying} waiting for a retry, {report.failed} failed"
                + (f" ({report.errors[-1]})" if report.errors else "")
            )
        waiting = unalerted.summary(conn)
        rows = conn.execute(ALERTS_QUERY, {"status": args.status}).fetchall()
    if waiting:
        print(waiting)
    for alert_id, kind, status, attempts, created, sent, subject, error in rows:
        when = f"sent {sent:%Y-%m-%d %H:%M}" if sent else f"queued {created:%Y-%m-%d %H:%M}"
        print(f"#{alert_id:<5} {status:<8} {kind:<8} {when}  {subject}")
        if error and status != "sent":
            print(f"        attempt {attempts}: {error}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from newswatch.web.serve import serve

    return serve(_config(args), args.host, args.port, demo=args.demo)


def _plain(value: object) -> str:
    from newswatch.figures.query import format_value

    return format_value(value, "exact")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Progress:
    """A one-line progress display on the terminal."""

    def __call__(self, stage: str, done: int, total: int) -> None:
        label = {"poll": "polling feeds", "fetch": "fetching articles"}.get(stage, stage)
        sys.stderr.write(f"\r\x1b[K{label}: {done}/{total}")
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()


def _ago(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "never"
    seconds = (when - now).total_seconds()
    future, seconds = seconds > 0, abs(seconds)
    if seconds < 90:
        text = f"{seconds:.0f}s"
    elif seconds < 5400:
        text = f"{seconds / 60:.0f}m"
    elif seconds < 172800:
        text = f"{seconds / 3600:.0f}h"
    else:
        text = f"{seconds / 86400:.0f}d"
    return f"in {text}" if future else f"{text} ago"


def _print_table(rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


if __name__ == "__main__":
    sys.exit(main())
