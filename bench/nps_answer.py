"""Answering benchmark: POST /s/{token}/ under gunicorn with wrk at 64 connections.

Reports req/s and p99 for the answer POST (the form post that renders the thank-you page, and the script's
post that answers JSON) and the ratio to a trivial Django view (/bench/ping/, same middleware) on the same
server in the same run. Every request answers a different link out of a pool, so the mix holds first answers
(insert + response.created) and edits within the window (update + response.updated).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cx_h5 REDIS_URL=redis://127.0.0.1:6379/5 \
        .venv/bin/python bench/nps_answer.py [--connections 64] [--duration 20] [--workers 4]

No Celery worker runs during the load; afterwards the script times, in this process, the dispatch of the events
the answers left pending (what one worker process does in production). Needs wrk (Debian package `wrk`). The
benchmark's rows (customers NPSANSWER-…) are removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cx_platform.settings")
# Links are signed here and checked by the server: both use this key (the server runs with DEBUG off).
os.environ.setdefault("SECRET_KEY", "nps-answer-benchmark-key-not-for-production-0123456789-abcdefghij")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from customers.choices import ConsentPurpose, ConsentStatus  # noqa: E402
from customers.models import Consent, Customer  # noqa: E402
from nps import answer_events, tokens  # noqa: E402
from nps.models import Invitation, Response, Survey  # noqa: E402
from tests.nps.worker_support import database_url, free_port  # noqa: E402

PREFIX = "NPSANSWER-"


def cleanup() -> None:
    surveys = Survey.objects.filter(name__startswith="Bench answer")
    Response.objects.filter(survey__in=surveys).delete()  # answers are PROTECTed from their invitation's delete
    Invitation.objects.filter(survey__in=surveys).delete()
    surveys.delete()
    Customer.objects.filter(external_ref__startswith=PREFIX).delete()


def make_links(n: int) -> list[str]:
    now = timezone.now()
    survey = Survey.objects.create(name="Bench answer", max_reminders=0)
    customers = Customer.objects.bulk_create(
        [Customer(external_ref=f"{PREFIX}{i:06d}", email=f"answer{i}@kunden.example") for i in range(n)],
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
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(survey=survey, customer=c, status="sent", scheduled_for=now, sent_at=now, last_sent_at=now)
            for c in customers
        ],
        batch_size=2000,
    )
    return [tokens.sign(invitation.token) for invitation in invitations]


def wrk(url: str, script: str, *, connections: int, duration: int, env: dict[str, str]) -> tuple[float, float]:
    """(requests/s, p99 in ms) from wrk's --latency report; non-2xx answers are a failure of the run."""
    out = subprocess.run(
        ["wrk", f"-c{connections}", "-t2", f"-d{duration}s", "--latency", "-s", script, url],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    ).stdout
    if "Non-2xx" in out:
        raise SystemExit(f"wrk saw error answers:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rps, p99


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--links", type=int, default=5000)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk)")
    cleanup()
    links = make_links(args.links)
    tokens_file = tempfile.NamedTemporaryFile("w", prefix="nps-tokens-", delete=False)  # noqa: SIM115
    tokens_file.write("\n".join(links) + "\n")
    tokens_file.close()
    port = free_port()
    server_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.nps_bench_settings",
        "DATABASE_URL": database_url(connection.settings_dict),
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,  # the links were signed here with this key
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",  # persistent database connections, as in production
        "NPS_PUBLIC_RATE_LIMIT": "100000000",  # every request comes from 127.0.0.1
    }
    log = tempfile.NamedTemporaryFile(prefix="nps-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "cx_platform.wsgi:application", f"--workers={args.workers}",
         f"--bind=127.0.0.1:{port}", "--backlog=2048", "--access-logfile=-"],
        cwd=ROOT, env=server_env, stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)  # noqa: S310 - local server
                break
            except OSError:
                time.sleep(0.3)
        wrk_env = {"NPS_TOKENS_FILE": tokens_file.name}
        bench = ROOT / "bench"
        kwargs = {"connections": args.connections, "duration": args.duration}
        wrk(base, str(bench / "nps_ping.lua"), connections=args.connections, duration=3, env=wrk_env)  # warm-up
        ping = wrk(base, str(bench / "nps_ping.lua"), env=wrk_env, **kwargs)
        form = wrk(base, str(bench / "nps_answer.lua"), env=wrk_env, **kwargs)
        fetch = wrk(base, str(bench / "nps_answer.lua"), env={**wrk_env, "NPS_FETCH": "1"}, **kwargs)
    finally:
        server.terminate()
        server.wait(20)
    answered = Response.objects.filter(survey__name="Bench answer").count()
    pending = Response.objects.filter(survey__name="Bench answer", event_state__gt=0).count()
    # What the requests left to the worker: the events (published to the broker), the invitations' status, the
    # departments' notices. Timed here in one process, as one worker process would run it.
    started = time.perf_counter()
    dispatched = 0
    while emitted := answer_events.responses_dispatch_events():
        dispatched += emitted
    dispatch_seconds = time.perf_counter() - started
    if os.environ.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"]).delete("celery")  # no worker runs: drop the queued events
    print(f"gunicorn workers {args.workers}, wrk {args.connections} connections, {args.duration} s each")
    print(f"trivial view       {ping[0]:8.0f} req/s   p99 {ping[1]:6.1f} ms")
    print(f"answer POST (form) {form[0]:8.0f} req/s   p99 {form[1]:6.1f} ms   ratio {100 * form[0] / ping[0]:.0f} %")
    print(f"answer POST (js)   {fetch[0]:8.0f} req/s   p99 {fetch[1]:6.1f} ms   ratio {100 * fetch[0] / ping[0]:.0f} %")
    print(f"links answered     {answered} of {len(links)}")
    print(
        f"answer events      {pending} pending after the run, dispatched in {dispatch_seconds:.1f} s "
        f"({dispatched / dispatch_seconds:.0f} events/s in one process)"
    )
    cleanup()


if __name__ == "__main__":
    main()
