"""newswatch_poll: every 15 minutes, poll feeds and fetch articles in shards, then dedupe, read figures,
detect changes and send alerts. Each task is one call into plugins/newswatch/orchestration.py."""

from datetime import timedelta

from airflow.sdk import dag, task

from newswatch import orchestration as nw


@dag(
    dag_id="newswatch_poll",
    schedule=timedelta(minutes=nw.POLL_EVERY_MINUTES),
    dagrun_timeout=timedelta(minutes=55),
    tags=["newswatch", "ingest"],
    **nw.dag_defaults(),
)
def newswatch_poll() -> None:
    shards = task(task_id="shards", execution_timeout=nw.QUICK_TIMEOUT)(nw.shards)()
    network = {"pool": nw.NETWORK_POOL, "execution_timeout": nw.NETWORK_TIMEOUT}
    polled = task(task_id="poll", **network)(nw.poll_shard).expand(shard=shards)
    fetched = task(task_id="fetch", **network)(nw.fetch_shard).expand(shard=shards)
    dedupe = task(task_id="dedupe", execution_timeout=nw.QUICK_TIMEOUT)(nw.dedupe)()
    figures = task(task_id="figures", execution_timeout=nw.QUICK_TIMEOUT)(nw.figures)()
    changes = task(task_id="changes", execution_timeout=nw.QUICK_TIMEOUT)(nw.changes)()
    alerts = task(task_id="send_alerts", execution_timeout=nw.QUICK_TIMEOUT)(nw.send_alerts)()
    polled >> fetched >> dedupe >> figures >> changes >> alerts


newswatch_poll()
