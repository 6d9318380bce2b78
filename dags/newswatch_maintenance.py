"""newswatch_maintenance: daily feed-health alerts, retention of raw HTML and poll logs, ANALYZE."""

from airflow.sdk import dag, task

from newswatch import orchestration as nw


@dag(
    dag_id="newswatch_maintenance", schedule="@daily", tags=["newswatch", "maintenance"], **nw.dag_defaults()
)
def newswatch_maintenance() -> None:
    health = task(task_id="feed_health", execution_timeout=nw.QUICK_TIMEOUT)(nw.feed_health)()
    retention = task(task_id="retention", execution_timeout=nw.QUICK_TIMEOUT)(nw.retention)()
    analyze = task(task_id="analyze", execution_timeout=nw.QUICK_TIMEOUT)(nw.analyze)()
    health >> retention >> analyze


newswatch_maintenance()
