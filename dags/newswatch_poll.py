"""newswatch_poll: every 15 minutes, poll feeds and fetch articles in shards, then dedupe, read figures,
detect changes, check feed health and send alerts; report_health turns the run's task states into
incidents. Each task is one call into plugins/newswatch/orchestration.py.

A failed shard does not block the others: the later stages run over the work that succeeded (trigger
rule all_done: every stage claims its own work from the warehouse), and report_health fails the run.
"""

from datetime import timedelta

from airflow.sdk import dag, task

from newswatch import orchestration as nw

AFTER_ALL = "all_done"


@dag(
    dag_id="newswatch_poll",
    schedule=timedelta(minutes=nw.POLL_EVERY_MINUTES),
    tags=["newswatch", "ingest"],
    **nw.dag_defaults(),
)
def newswatch_poll() -> None:
    shards = nw.shard_numbers()
    network = {"pool": nw.NETWORK_POOL, "execution_timeout": nw.NETWORK_TIMEOUT}
    polled = task(task_id="poll", **network)(nw.poll_shard).partial(shards=len(shards)).expand(shard=shards)
    fetched = (
        task(task_id="fetch", trigger_rule=AFTER_ALL, **network)(nw.fetch_shard)
        .partial(shards=len(shards))
        .expand(shard=shards)
    )
    dedupe = task(task_id="dedupe", trigger_rule=AFTER_ALL)(nw.dedupe)()
    figures = task(task_id="figures", trigger_rule=AFTER_ALL)(nw.figures)()
    changes = task(task_id="changes", trigger_rule=AFTER_ALL)(nw.changes)()
    health = task(task_id="feed_health", trigger_rule=AFTER_ALL)(nw.feed_health)()
    alerts = task(task_id="send_alerts", trigger_rule=AFTER_ALL)(nw.send_alerts)()
    report = task(task_id=nw.REPORT_HEALTH_TASK, trigger_rule=AFTER_ALL)(nw.report_health)()
    polled >> fetched >> dedupe >> figures >> changes >> health >> alerts >> report


newswatch_poll()
