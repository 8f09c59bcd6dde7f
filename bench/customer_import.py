"""Benchmark: import 50,000 customers from CSV (create), then re-import with half the rows changed (upsert).

Runs against a throw-away test database of the configured backend:

    DATABASE_URL= .venv/bin/python bench/customer_import.py                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cx_h1 .venv/bin/python bench/customer_import.py

The timing covers the whole service call: decoding, header mapping, row validation and the bulk writes.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cx_platform.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "50000"))


def make_csv(rows: int, *, variant: str) -> bytes:
    lines = ["Kundennummer;E-Mail;Vorname;Nachname;Sprache;Segment"]
    for i in range(rows):
        changed = variant == "update" and i % 2 == 0
        last = f"Müller-{i}{'-neu' if changed else ''}"
        lines.append(f"K{i:07d};kunde{i}@example.org;Jörg;{last};{'en' if i % 5 == 0 else 'de'};privat")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def main() -> None:
    from customers.import_services import customer_import_file
    from customers.models import Customer

    setup_test_environment()
    vendor = connection.vendor
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        results = []
        for variant in ("create", "update"):
            content = make_csv(ROWS, variant=variant)
            started = time.perf_counter()
            result = customer_import_file(content=content)
            elapsed = time.perf_counter() - started
            assert not result.errors, result.errors[:3]
            results.append((variant, elapsed, result))
        assert Customer.objects.count() == ROWS
        print(f"backend: {vendor}, rows: {ROWS}")
        for variant, elapsed, result in results:
            print(
                f"{variant}: {elapsed:.1f} s ({ROWS / elapsed:,.0f} rows/s) "
                f"created={result.created} updated={result.updated} unchanged={result.unchanged}"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
