"""newswatch_maintenance: daily feed-health alerts, retention of raw HTML and poll logs, ANALYZE."""

from datetime import datetime

from airflow.sdk import dag, task

from newswatch import orchestration as nw


@dag(
    dag_id="newswatch_maintenance",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        **nw.DEFAULT_ARGS,
        "on_failure_callback": nw.task_failed,
        "on_success_callback": nw.task_succeeded,
    },
    tags=["newswatch", "maintenance"],
)
def newswatch_maintenance() -> None:
    health = task(task_id="feed_health", execution_timeout=nw.QUICK_TIMEOUT)(nw.feed_health)()
    retention = task(task_id="retention", execution_timeout=nw.QUICK_TIMEOUT)(nw.retention)()
    analyze = task(task_id="analyze", execution_timeout=nw.QUICK_TIMEOUT)(nw.analyze)()
    health >> retention >> analyze


newswatch_maintenance()
