"""Thin Celery tasks of the dashboard: each calls one service and is safe to run twice."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="dashboard.tasks.rollup_refresh_task", ignore_result=True)
def rollup_refresh_task() -> int:
    from dashboard.report import report_warm
    from dashboard.rollups import rollup_refresh

    result = rollup_refresh()
    if result.ran and result.days:
        report_warm()  # the first visitor after a run gets the cached page too
    return result.days


@shared_task(name="dashboard.tasks.rollup_rebuild_task", ignore_result=True)
def rollup_rebuild_task() -> int:
    from dashboard.rollups import rollup_rebuild

    return rollup_rebuild().rows


@shared_task(name="dashboard.tasks.importance_recompute_task", ignore_result=True)
def importance_recompute_task() -> int:
    from dashboard.importance import importance_recompute

    return importance_recompute()


@shared_task(name="dashboard.tasks.weekly_digest_task", ignore_result=True)
def weekly_digest_task() -> int:
    from dashboard.digest import digest_send_due

    return digest_send_due()
