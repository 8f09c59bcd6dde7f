"""Complaints benchmark: the staff case list (typical filter) and the stats endpoint with 200,000 cases.

    createdb -h 127.0.0.1 -U postgres cx_h8_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cx_h8_bench REDIS_URL= .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cx_h8_bench REDIS_URL= \
        .venv/bin/python bench/complaints_list_stats.py [--cases 200000] [--runs 40]

Rows are bulk-inserted with realistic distributions (the services would take hours for 200k cases); every
request then goes through the real URL routing, DRF viewset / Django view, permission checks and department
scoping in-process (no network). Benchmark rows (references B-1999-…, departments bench-…) are kept between runs
and reused; pass --reset to rebuild them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cx_platform.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from accounts.choices import Role  # noqa: E402
from accounts.models import Department, User  # noqa: E402
from complaints.models import Case, Category, RootCause  # noqa: E402
from customers.models import Customer  # noqa: E402
from touchpoints.models import JourneyStage, Touchpoint  # noqa: E402

PREFIX = "B-1999-"
STATUSES = [("new", 4), ("acknowledged", 6), ("in_progress", 10), ("waiting_on_customer", 3), ("resolved", 30),
            ("closed", 40), ("rejected", 4), ("reopened", 2), ("merged", 1)]  # fmt: skip
SEVERITIES = [("low", 3), ("medium", 6), ("high", 3), ("critical", 1)]
DONE = {"resolved", "closed", "rejected", "merged"}


def setup_fixtures() -> tuple[list[Department], list[Touchpoint], list[Category], list[RootCause], list[Customer]]:
    departments = [Department.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Bench {i}"})[0]
                   for i in range(6)]  # fmt: skip
    stage, _ = JourneyStage.objects.get_or_create(slug="bench-stage", defaults={"name": "Bench", "order": 99})
    touchpoints = [
        Touchpoint.objects.get_or_create(
            slug=f"bench-tp-{i}",
            defaults={"name": f"Bench TP {i}", "stage": stage, "channel": "store", "department": departments[i % 6]},
        )[0]
        for i in range(30)
    ]
    parent, _ = Category.objects.get_or_create(name="Bench", parent=None)
    categories = [Category.objects.get_or_create(name=f"Bench {i}", parent=parent)[0] for i in range(12)]
    causes = [RootCause.objects.get_or_create(name=f"Bench-Ursache {i}")[0] for i in range(10)]
    existing = Customer.objects.filter(external_ref__startswith="BENCHC-").count()
    if existing < 20000:
        Customer.objects.bulk_create(
            [
                Customer(external_ref=f"BENCHC-{i:06d}", email=f"bc{i}@kunden.example", last_name=f"Bench{i}")
                for i in range(existing, 20000)
            ],  # fmt: skip
            batch_size=5000,
        )
    customers = list(Customer.objects.filter(external_ref__startswith="BENCHC-"))
    for role, name in ((Role.MANAGER, "bench-manager"), (Role.CCEO, "bench-cceo")):
        User.objects.get_or_create(
            username=name, defaults={"role": role, "department": departments[0] if role == Role.MANAGER else None}
        )
    return departments, touchpoints, categories, causes, customers


def make_cases(n: int) -> None:
    departments, touchpoints, categories, causes, customers = setup_fixtures()
    have = Case.objects.filter(reference__startswith=PREFIX).count()
    if have >= n:
        print(f"{have} benchmark cases present")
        return
    rng = random.Random(7)  # noqa: S311 - benchmark data
    now = timezone.now()
    batch: list[Case] = []
    agents = list(User.objects.filter(username="bench-manager"))
    for i in range(have, n):
        tp = rng.choice(touchpoints)
        created = now - dt.timedelta(days=rng.uniform(0, 365))
        status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
        done = status in DONE
        fr_secs = rng.randint(600, 40 * 3600)
        res_secs = rng.randint(3600, 120 * 3600) if done else None
        batch.append(
            Case(
                reference=f"{PREFIX}{i:06d}",
                customer=rng.choice(customers),
                channel="phone",
                touchpoint=tp,
                category=rng.choice(categories),
                severity=rng.choices([s for s, _ in SEVERITIES], [w for _, w in SEVERITIES])[0],
                description="Benchmark-Beschwerde",
                department=tp.department,
                assignee=agents[0] if rng.random() < 0.1 else None,
                status=status,
                sla_state=rng.choice(["on_track", "warning", "breached", "met"]),
                first_response_due=created + dt.timedelta(hours=4),
                resolution_due=created + dt.timedelta(days=3),
                first_responded_at=created + dt.timedelta(seconds=fr_secs),
                first_response_business_seconds=fr_secs,
                first_response_met=fr_secs < 8 * 3600,
                resolved_at=created + dt.timedelta(seconds=res_secs) if res_secs else None,
                resolution_business_seconds=res_secs,
                resolution_met=(res_secs or 0) < 80 * 3600 if done else None,
                reopen_count=1 if rng.random() < 0.05 else 0,
                resolved_at_first_contact=rng.random() < 0.1,
                outcome="upheld" if done else "",
                root_cause=rng.choice(causes) if done else None,
                remedy_cost=Decimal(rng.choice([0, 0, 10, 25])) if done else Decimal(0),
                satisfaction_overall=rng.randint(0, 10) if done and rng.random() < 0.3 else None,
                created_at=created,
                clock_started_at=created,
            )  # fmt: skip
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
            print(f"  {i + 1} cases", flush=True)
    if batch:
        Case.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE complaints_case")
        cursor.execute("ANALYZE")


def measure(label: str, fn, runs: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    fn()  # warm-up (connection, caches, query plans)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
    print(f"{label:<62} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    return {"p50": p50, "p95": p95}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--reset", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run against PostgreSQL (DATABASE_URL=postgres://…).")
    if args.reset:
        Case.objects.filter(reference__startswith=PREFIX).delete()
    make_cases(args.cases)
    print(f"cases in the database: {Case.objects.count()}")
    manager = User.objects.get(username="bench-manager")
    cceo = User.objects.get(username="bench-cceo")
    api_manager, api_cceo = APIClient(), APIClient()
    api_manager.force_authenticate(manager)
    api_cceo.force_authenticate(cceo)
    page = Client()
    page.force_login(manager)
    since = (timezone.localdate() - dt.timedelta(days=90)).isoformat()

    def ok(response):  # type: ignore[no-untyped-def]
        assert response.status_code == 200, response.status_code
        return response

    print(f"runs per measurement: {args.runs}")
    measure("API list, manager: open cases, by due date",
            lambda: ok(api_manager.get("/api/v1/complaints/", {"open": "true", "ordering": "resolution_due"})),
            args.runs)  # fmt: skip
    measure("API list, manager: severity=high, status=in_progress, newest first",
            lambda: ok(api_manager.get("/api/v1/complaints/",
                                       {"severity": "high", "status": "in_progress", "ordering": "-created_at"})),
            args.runs)  # fmt: skip
    measure(
        "API list, CCEO: overdue, all departments",
        lambda: ok(api_cceo.get("/api/v1/complaints/", {"overdue": "true"})),
        args.runs,
    )
    measure(
        "Page /complaints/, manager: open, newest first",
        lambda: ok(page.get("/complaints/", {"open": "true"})),
        args.runs,
    )
    measure(
        "API stats, CCEO: all departments, last 90 days",
        lambda: ok(api_cceo.get("/api/v1/complaints/stats/", {"date_from": since})),
        args.runs,
    )
    measure(
        "API stats, CCEO: all departments, all time", lambda: ok(api_cceo.get("/api/v1/complaints/stats/")), args.runs
    )
    measure(
        "API stats, manager: own department, last 90 days",
        lambda: ok(api_manager.get("/api/v1/complaints/stats/", {"date_from": since})),
        args.runs,
    )


if __name__ == "__main__":
    main()
