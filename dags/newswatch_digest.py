"""newswatch_digest: once a day at the configured hour and time zone, email the digest."""

from datetime import datetime

from airflow.sdk import dag, task
from airflow.timetables.trigger import CronTriggerTimetable

from newswatch import orchestration as nw


@dag(
    dag_id="newswatch_digest",
    schedule=CronTriggerTimetable(f"0 {nw.DIGEST_HOUR} * * *", timezone=nw.DIGEST_TIMEZONE),
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        **nw.DEFAULT_ARGS,
        "on_failure_callback": nw.task_failed,
        "on_success_callback": nw.task_succeeded,
    },
    tags=["newswatch", "alerts"],
)
def newswatch_digest() -> None:
    task(task_id="digest", execution_timeout=nw.QUICK_TIMEOUT)(nw.digest)()


newswatch_digest()
