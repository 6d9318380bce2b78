"""newswatch_digest: once a day at the configured hour and time zone, email the digest."""

from airflow.sdk import dag, task
from airflow.timetables.trigger import CronTriggerTimetable

from newswatch import orchestration as nw


@dag(
    dag_id="newswatch_digest",
    schedule=CronTriggerTimetable(f"0 {nw.DIGEST_HOUR} * * *", timezone=nw.DIGEST_TIMEZONE),
    tags=["newswatch", "alerts"],
    **nw.dag_defaults(),
)
def newswatch_digest() -> None:
    task(task_id="digest", execution_timeout=nw.QUICK_TIMEOUT)(nw.digest)()


newswatch_digest()
