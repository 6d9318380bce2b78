"""newswatch_digest: once a day at the configured hour and time zone, email the digest of the day
before (the run's data interval, so a cleared or re-run day sends the same digest, once)."""

from datetime import timedelta

from airflow.sdk import dag, task
from airflow.timetables.trigger import CronTriggerTimetable

from newswatch import orchestration as nw


@dag(
    dag_id="newswatch_digest",
    schedule=CronTriggerTimetable(
        f"0 {nw.DIGEST_HOUR} * * *", timezone=nw.DIGEST_TIMEZONE, interval=timedelta(days=1)
    ),
    tags=["newswatch", "alerts"],
    **nw.dag_defaults(),
)
def newswatch_digest() -> None:
    digest = task(task_id="digest")(nw.digest)()
    report = task(task_id=nw.REPORT_HEALTH_TASK, trigger_rule="all_done")(nw.report_health)()
    digest >> report


newswatch_digest()
