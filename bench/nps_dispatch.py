"""Dispatch benchmark: N invitations through the real Celery worker to a local SMTP sink (aiosmtpd).

Reports emails/s end to end (launch → last message accepted by the sink) and the ratio to the ceiling of the
same sink measured in the same run: pre-rendered messages sent over one SMTP connection.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cx_h5 REDIS_URL=redis://127.0.0.1:6379/5 \
        .venv/bin/python bench/nps_dispatch.py [--invitations 20000] [--concurrency 2]

The database must be migrated (`manage.py migrate`); the benchmark's rows (customers NPSBENCH-…) are removed
before and after the run. Redis database REDIS_URL is flushed (use one of your own).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cx_platform.settings")
os.environ.setdefault("NPS_PUBLIC_RATE_LIMIT", "1000000")

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
from django.core.mail import get_connection  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from customers.choices import ConsentPurpose, ConsentStatus  # noqa: E402
from customers.models import Consent, Customer  # noqa: E402
from nps import emails, services  # noqa: E402
from nps.models import Campaign, Invitation, Survey  # noqa: E402
from tests.nps.worker_support import SinkProcess, Worker, database_url  # noqa: E402

PREFIX = "NPSBENCH-"


def cleanup() -> None:
    surveys = Survey.objects.filter(name__startswith="Bench ")
    Invitation.objects.filter(survey__in=surveys).delete()
    Campaign.objects.filter(survey__in=surveys).delete()
    surveys.delete()
    Customer.objects.filter(external_ref__startswith=PREFIX).delete()


def make_customers(n: int) -> None:
    now = timezone.now()
    customers = Customer.objects.bulk_create(
        [
            Customer(
                external_ref=f"{PREFIX}{i:06d}",
                email=f"bench{i}@kunden.example",
                first_name="Erika",
                last_name=f"Muster{i}",
                segment="bench",
            )
            for i in range(n)
        ],  # fmt: skip
        batch_size=2000,
    )
    Consent.objects.bulk_create(
        [
            Consent(
                customer=c,
                purpose=ConsentPurpose.SURVEY_EMAIL,
                status=ConsentStatus.GRANTED,
                text_version="bench",
                source="bench",
                granted_at=now,
            )
            for c in customers
        ],  # fmt: skip
        batch_size=2000,
    )


def ceiling(sink: SinkProcess, survey: Survey, n: int) -> float:
    """The sink's own limit: pre-rendered messages over one connection (Django's SMTP backend)."""
    customers = list(Customer.objects.filter(external_ref__startswith=PREFIX)[:n])
    invitations = [
        Invitation(pk=100_000_000 + i, survey=survey, customer=c, token=f"t{i}") for i, c in enumerate(customers)
    ]
    messages = [emails.build_message(inv, sequence=0) for inv in invitations]
    smtp = get_connection(backend="django.core.mail.backends.smtp.EmailBackend", host="127.0.0.1", port=sink.port)
    started = time.perf_counter()
    smtp.open()
    smtp.send_messages(messages)
    smtp.close()
    elapsed = time.perf_counter() - started
    sink.wait_for(len(messages), timeout=60)
    sink.reset()
    return len(messages) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invitations", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--ceiling-sample", type=int, default=5000)
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        sys.exit("needs DATABASE_URL=postgres://… and REDIS_URL=redis://…")

    from cx_platform.celery import app

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    cleanup()
    make_customers(args.invitations)
    survey = Survey.objects.create(name="Bench dispatch", max_reminders=0)
    campaign = Campaign.objects.create(name="Bench wave", survey=survey, segment="bench")
    with SinkProcess() as sink:
        sample = min(args.ceiling_sample, args.invitations)
        ceiling_before = ceiling(sink, survey, sample)
        env = {
            "DATABASE_URL": database_url(connection.settings_dict),
            "REDIS_URL": os.environ["REDIS_URL"],
            "EMAIL_URL": sink.url,
            "NPS_BATCH_SIZE": str(args.batch_size),
            "NPS_DISPATCH_FANOUT": str(args.concurrency),
        }
        worker = Worker(env, concurrency=args.concurrency, beat=False).start()
        time.sleep(6)  # let the worker boot before the clock starts
        try:
            app.conf.task_always_eager = False
            started = time.perf_counter()
            result = services.campaign_launch(actor=User(username="bench", role="cx_admin"), campaign=campaign)
            launched = time.perf_counter() - started
            sink.wait_for(result.invited, timeout=1800)
            elapsed = time.perf_counter() - started
        finally:
            worker.stop()
        ids = sink.message_ids()
        duplicates = len(ids) - len(set(ids))
        sink.reset()
        ceiling_after = ceiling(sink, survey, sample)
        # The machine may be shared: the ceiling is measured right before and right after, and averaged.
        rate_ceiling = (ceiling_before + ceiling_after) / 2
    rate = result.invited / elapsed
    print(f"invitations            {result.invited}")
    print(f"launch (rules + rows)  {launched:.2f} s")
    print(f"end to end             {elapsed:.2f} s  → {rate:.0f} emails/s")
    print(
        f"sink ceiling           {rate_ceiling:.0f} emails/s (pre-rendered, one connection; "
        f"{ceiling_before:.0f} before, {ceiling_after:.0f} after)"
    )
    print(f"worker concurrency     {args.concurrency}, batch size {args.batch_size}")
    print(f"ratio                  {100 * rate / rate_ceiling:.0f} %  (target ≥ 70 %)")
    print(f"duplicates             {duplicates}")
    cleanup()


if __name__ == "__main__":
    main()
