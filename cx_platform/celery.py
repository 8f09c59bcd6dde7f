"""Celery app. With REDIS_URL unset the settings make every task run in-process (eager)."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cx_platform.settings")

app = Celery("cx_platform")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
