"""newswatch_maintenance: daily retention of raw HTML and poll logs, then ANALYZE. (Feed health runs at
the end of every poll run; Airflow's own metadata is cleaned by `airflow db clean`, outside any DAG.)"""

from airflow.sdk import dag, task

from newswatch import orchestration as nw


@dag(
    dag_id="newswatch_maintenance", schedule="@daily", tags=["newswatch", "maintenance"], **nw.dag_defaults()
)
def newswatch_maintenance() -> None:
    retention = task(task_id="retention")(nw.retention)()
    analyze = task(task_id="analyze", trigger_rule="all_done")(nw.analyze)()
    report = task(task_id=nw.REPORT_HEALTH_TASK, trigger_rule="all_done")(nw.report_health)()
    retention >> analyze >> report


newswatch_maintenance()
