"""newswatch_poll: every 15 minutes, poll feeds and fetch articles in shards, then dedupe, read figures,
detect changes and send alerts. Each task is one call into plugins/newswatch/orchestration.py."""

from datetime import datetime, timedelta

from airflow.sdk import dag, task

from newswatch import orchestration as nw


@dag(
    dag_id="newswatch_poll",
    schedule=timedelta(minutes=nw.POLL_EVERY_MINUTES),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        **nw.DEFAULT_ARGS,
        "on_failure_callback": nw.task_failed,
        "on_success_callback": nw.task_succeeded,
    },
    dagrun_timeout=timedelta(minutes=55),
    tags=["newswatch", "ingest"],
)
def newswatch_poll() -> None:
    shards = task(task_id="shards", execution_timeout=nw.QUICK_TIMEOUT)(nw.shards)()
    polled = task(task_id="poll", pool=nw.NETWORK_POOL, execution_timeout=nw.NETWORK_TIMEOUT)(
        nw.poll_shard
    ).expand(shard=shards)
    fetched = task(task_id="fetch", pool=nw.NETWORK_POOL, execution_timeout=nw.NETWORK_TIMEOUT)(
        nw.fetch_shard
    ).expand(shard=shards)
    dedupe = task(task_id="dedupe", execution_timeout=nw.QUICK_TIMEOUT)(nw.dedupe)()
    figures = task(task_id="figures", execution_timeout=nw.QUICK_TIMEOUT)(nw.figures)()
    changes = task(task_id="changes", execution_timeout=nw.QUICK_TIMEOUT)(nw.changes)()
    alerts = task(task_id="send_alerts", execution_timeout=nw.QUICK_TIMEOUT)(nw.send_alerts)()
    polled >> fetched >> dedupe >> figures >> changes >> alerts


newswatch_poll()
