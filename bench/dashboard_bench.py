"""Benchmark of the CCEO dashboard on PostgreSQL (issue 7).

Generates 1,000,000 NPS responses (with their invitations), 200,000 complaint cases, 200,000 feedback items,
200,000 customers and 500,000 interactions in the database `cx_bench` with INSERT … SELECT generate_series,
then measures: the full rollup rebuild, p50/p95 of the dashboard page and the summary API, the equivalent raw
aggregate queries, and the incremental rollup after 10,000 new responses.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cx_bench .venv/bin/python bench/dashboard_bench.py
    (--responses N --cases N --feedback N to change the sizes, --skip-generate to reuse the data)
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cx_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cx_platform.settings")
os.environ.setdefault("AXES_ENABLED", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

SEGMENTS = "ARRAY['privat','geschaeft','premium','neu']"


def sql(statement: str, params: list[object] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params) if params else cursor.execute(statement)


def scalar(statement: str) -> object:
    with connection.cursor() as cursor:
        cursor.execute(statement)
        return cursor.fetchone()[0]


def timed(label: str, fn: object) -> float:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.2f} s", flush=True)
    return seconds


def base_data() -> tuple[list[int], int, int, list[int], int]:
    from accounts.models import Department, User
    from complaints.models import RootCause, SlaPolicy
    from nps.models import Survey
    from touchpoints.models import Journey, JourneyStage, JourneyStep, Touchpoint

    departments = [
        Department.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"Bench {i}"})[0] for i in range(5)
    ]
    stages = [
        JourneyStage.objects.get_or_create(slug=f"bench-stage-{i}", defaults={"name": f"Phase {i}", "order": i})[0]
        for i in range(5)
    ]
    touchpoints = []
    for i in range(20):
        tp, _ = Touchpoint.objects.get_or_create(
            slug=f"bench-tp-{i}",
            defaults={
                "name": f"Kontaktpunkt {i}",
                "stage": stages[i % 5],
                "channel": "store",
                "department": departments[i % 5],
                "importance": 1 + i % 5,
                "is_key": i % 7 == 0,
            },
        )
        touchpoints.append(tp)
    journey, created = Journey.objects.get_or_create(name="Bench-Reise")
    if created:
        for order, tp in enumerate(touchpoints[:6]):
            JourneyStep.objects.create(journey=journey, touchpoint=tp, order=order)
    relationship = Survey.objects.get_or_create(name="Bench Beziehung", defaults={"kind": "relationship"})[0]
    transactional = Survey.objects.get_or_create(name="Bench Transaktion", defaults={"kind": "transactional"})[0]
    causes = [RootCause.objects.get_or_create(name=f"Ursache {i}")[0].pk for i in range(8)]
    policy = SlaPolicy.objects.filter(severity="medium", category__isnull=True).first() or SlaPolicy.objects.create(
        severity="medium", first_response_hours=4, resolution_hours=40, update_interval_hours=8
    )
    if not User.objects.filter(username="bench-cceo").exists():
        User.objects.create_user(username="bench-cceo", password=None, role="cceo")
    return [tp.pk for tp in touchpoints], relationship.pk, transactional.pk, causes, policy.pk


def generate(n_responses: int, n_cases: int, n_feedback: int, n_customers: int, n_interactions: int) -> None:
    tps, rel, tra, causes, policy = base_data()
    tp_array = "ARRAY[" + ",".join(map(str, tps)) + "]::bigint[]"
    cause_array = "ARRAY[" + ",".join(map(str, causes)) + "]::bigint[]"
    minute = "((g::bigint * 7919) % (365 * 24 * 60)) * interval '1 minute'"
    if not scalar("SELECT count(*) FROM customers_customer WHERE external_ref LIKE 'BENCH%%'"):
        timed(
            "customers",
            lambda: sql(f"""
            INSERT INTO customers_customer (external_ref, email, first_name, last_name, language, segment,
                                            created_at, updated_at)
            SELECT 'BENCH' || g, 'b' || g || '@example.org', 'Erika', 'Bench' || g, 'de',
                   ({SEGMENTS})[1 + g % 4], now(), now()
            FROM generate_series(1, {n_customers}) g"""),
        )
    cmin = int(scalar("SELECT min(id) FROM customers_customer WHERE external_ref LIKE 'BENCH%%'"))  # type: ignore[arg-type]
    cust = f"({cmin} + g % {n_customers})"

    def missing(table: str, where: str) -> bool:
        return not scalar(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {where})")

    missing("nps_invitation", "token LIKE 'bench%%'") and timed(
        "invitations",
        lambda: sql(f"""
        INSERT INTO nps_invitation (token, status, skip_reason, context, scheduled_for, sent_at, last_sent_at,
            claim_id, reminders_sent, attempts, last_error, answered_at, created_at, customer_id, survey_id,
            touchpoint_id)
        SELECT 'bench' || g, 'answered', '', '{{}}', now() - {minute}, now() - {minute}, now() - {minute},
               '', 0, 0, '', now() - {minute} + interval '2 hours', now() - {minute}, {cust},
               CASE WHEN g % 2 = 0 THEN {rel} ELSE {tra} END,
               CASE WHEN g % 2 = 0 THEN NULL ELSE ({tp_array})[1 + g % {len(tps)}] END
        FROM generate_series(1, {n_responses}) g"""),
    )
    missing("nps_response r JOIN nps_invitation i ON i.id = r.invitation_id", "i.token LIKE 'bench%%'") and timed(
        "responses",
        lambda: sql("""
        INSERT INTO nps_response (segment, score, category, comment, extra_scores, needs_follow_up, submitted_at,
            updated_at, edits, invitation_id, survey_id, customer_id, touchpoint_id, department_id)
        SELECT c.segment, s.score,
               CASE WHEN s.score >= 9 THEN 'promoter' WHEN s.score >= 7 THEN 'passive' ELSE 'detractor' END,
               CASE WHEN i.id % 10 = 0 THEN 'Bench-Kommentar' ELSE '' END, '{}', s.score <= 6,
               LEAST(i.sent_at + interval '2 hours', now()), LEAST(i.sent_at + interval '2 hours', now()), 0,
               i.id, i.survey_id, i.customer_id, i.touchpoint_id, t.department_id
        FROM nps_invitation i
        JOIN customers_customer c ON c.id = i.customer_id
        LEFT JOIN touchpoints_touchpoint t ON t.id = i.touchpoint_id
        CROSS JOIN LATERAL (SELECT (abs(hashtext(i.id::text)) % 11)::smallint AS score) s
        WHERE i.token LIKE 'bench%%' AND NOT EXISTS (SELECT 1 FROM nps_response r WHERE r.invitation_id = i.id)"""),
    )
    missing("complaints_case", "reference LIKE 'B-BENCH-%%'") and timed(
        "cases",
        lambda: sql(f"""
        INSERT INTO complaints_case (reference, channel, severity, description, remedy_sought, status, sla_state,
            reopen_count, resolved_at_first_contact, outcome, remedy_granted, remedy_cost, corrective_action,
            rejection_reason, customer_acceptance, survey_consent, created_at, updated_at, version, department_id,
            touchpoint_id, customer_id, root_cause_id, policy_id, resolved_at, resolution_business_seconds,
            breached_at, resolution_met, satisfaction_overall)
        SELECT 'B-BENCH-' || g, 'phone', 'medium', 'Bench', '', CASE WHEN g % 10 < 7 THEN 'resolved'
               ELSE 'in_progress' END, 'on_track', 0, false, '', '', 0, '', '', 'pending', false,
               now() - {minute}, now() - {minute}, 1, t.department_id, t.id, {cust},
               ({cause_array})[1 + (g::bigint * g) % {len(causes)}], {policy},
               CASE WHEN g % 10 < 7 THEN now() - {minute} + interval '20 hours' END,
               CASE WHEN g % 10 < 7 THEN 3600 * (1 + g % 60) END,
               CASE WHEN g % 10 = 0 THEN now() - {minute} + interval '30 hours' END,
               CASE WHEN g % 10 < 7 THEN g % 10 <> 0 END,
               CASE WHEN g % 5 = 0 THEN (g % 11)::smallint END
        FROM generate_series(1, {n_cases}) g
        JOIN touchpoints_touchpoint t ON t.id = ({tp_array})[1 + g % {len(tps)}]"""),
    )
    missing("feedback_feedback", "text = 'Bench'") and timed(
        "feedback",
        lambda: sql(f"""
        INSERT INTO feedback_feedback (kind, text, channel, language, sentiment, sentiment_score, sentiment_source,
            topics_source, status, contact_name, contact_email, contact_consent, consent_text_version, created_at,
            updated_at, department_id, touchpoint_id, customer_id)
        SELECT 'criticism', 'Bench', 'web_form', 'de', (ARRAY['positive','neutral','negative'])[1 + g % 3], 0,
               'auto', 'auto', 'new', '', '', false, '', now() - {minute}, now() - {minute}, t.department_id, t.id,
               {cust}
        FROM generate_series(1, {n_feedback}) g
        JOIN touchpoints_touchpoint t ON t.id = ({tp_array})[1 + (g * 3) % {len(tps)}]"""),
    )
    missing("customers_interaction", "external_id LIKE 'bench-%%'") and timed(
        "interactions",
        lambda: sql(f"""
        INSERT INTO customers_interaction (occurred_at, channel, external_id, created_at, customer_id, touchpoint_id)
        SELECT now() - {minute}, 'store', 'bench-' || g, now() - {minute}, {cust},
               ({tp_array})[1 + (g * 7) % {len(tps)}]
        FROM generate_series(1, {n_interactions}) g"""),
    )
    timed("analyze", lambda: sql("ANALYZE"))


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return statistics.median(ordered), p95


def measure(client: Client, url: str, runs: int) -> tuple[float, float]:
    for _ in range(3):
        assert client.get(url).status_code == 200
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return percentiles(samples)


def raw_equivalent(days: int) -> float:
    """The page's figures straight from the source tables (what the dashboard would cost without rollups)."""
    import datetime as dt

    from django.utils import timezone

    from dashboard.rollups import SOURCES, in_days

    today = timezone.localdate()
    period = {today - dt.timedelta(days=i) for i in range(days)}
    previous = {today - dt.timedelta(days=days + i) for i in range(days)}
    started = time.perf_counter()
    for span in (period, previous):
        for source in SOURCES:
            list(source.aggregate(source.base().filter(in_days(source.day_field, span))).order_by())
    return (time.perf_counter() - started) * 1000


def add_new_responses(count: int) -> None:
    rel = int(scalar("SELECT id FROM nps_survey WHERE name = 'Bench Beziehung'"))  # type: ignore[arg-type]
    cmin = int(scalar("SELECT min(id) FROM customers_customer WHERE external_ref LIKE 'BENCH%%'"))  # type: ignore[arg-type]
    stamp = int(time.time())
    sql(f"""
        INSERT INTO nps_invitation (token, status, skip_reason, context, scheduled_for, sent_at, last_sent_at,
            claim_id, reminders_sent, attempts, last_error, answered_at, created_at, customer_id, survey_id)
        SELECT 'new{stamp}-' || g, 'answered', '', '{{}}', now() - (g % 5) * interval '1 day',
               now() - (g % 5) * interval '1 day', now(), '', 0, 0, '', now(), now(), {cmin} + g, {rel}
        FROM generate_series(1, {count}) g""")
    sql(f"""
        INSERT INTO nps_response (segment, score, category, comment, extra_scores, needs_follow_up, submitted_at,
            updated_at, edits, invitation_id, survey_id, customer_id)
        SELECT '', 9, 'promoter', '', '{{}}', false, now(), now(), 0, i.id, i.survey_id, i.customer_id
        FROM nps_invitation i WHERE i.token LIKE 'new{stamp}-%%'""")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--feedback", type=int, default=200_000)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--interactions", type=int, default=500_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--skip-generate", action="store_true")
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "run the benchmark on PostgreSQL"
    if not args.skip_generate:
        generate(args.responses, args.cases, args.feedback, args.customers, args.interactions)
    for table in ("nps_response", "complaints_case", "feedback_feedback", "customers_interaction"):
        print(f"{table}: {scalar(f'SELECT count(*) FROM {table}')} rows", flush=True)

    from accounts.models import User
    from dashboard.importance import importance_recompute
    from dashboard.models import DailyRollup
    from dashboard.rollups import rollup_rebuild, rollup_refresh

    rebuild = timed("full rollup rebuild", rollup_rebuild)
    print(f"rollup rows: {DailyRollup.objects.count()}")
    timed("touchpoint importance", importance_recompute)

    logging.disable(logging.INFO)  # the request log would be measured too
    client = Client()
    client.force_login(User.objects.get(username="bench-cceo"))
    cases = (
        ("90 days", "", 90, 300),
        ("365 days", "?period=365", 365, 300),
        ("90 days, no cache", "", 90, 0),
        ("365 days, no cache", "?period=365", 365, 0),
    )
    for label, query, days, cache_seconds in cases:
        with override_settings(DASHBOARD_CACHE_SECONDS=cache_seconds):
            page = measure(client, f"/dashboard/{query}", args.runs)
            api = measure(client, f"/api/v1/dashboard/summary/{query}", args.runs)
        raw = statistics.median(raw_equivalent(days) for _ in range(3))
        print(
            f"[{label}] page p50 {page[0]:.0f} ms p95 {page[1]:.0f} ms | summary API p50 {api[0]:.0f} ms "
            f"p95 {api[1]:.0f} ms | raw aggregate {raw:.0f} ms | page/raw {page[0] / raw:.2f}",
            flush=True,
        )

    logging.disable(logging.INFO)
    rollup_refresh()
    add_new_responses(10_000)
    started = time.perf_counter()
    result = rollup_refresh()
    print(
        f"incremental rollup after 10,000 new responses: {time.perf_counter() - started:.2f} s "
        f"({result.days} days recomputed); full rebuild {rebuild:.2f} s",
        flush=True,
    )
    call_command("check", verbosity=0)


if __name__ == "__main__":
    main()
