"""CSV import of customers: all-or-nothing upsert by external_ref, in the request or as a background job."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import events
from core.queue import enqueue
from customers import csv_import
from customers.choices import ImportStatus, Language
from customers.models import Customer, ImportJob

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
LOOKUP_CHUNK = 2000
Progress = Callable[[int], None]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged, "errors": self.errors}


@dataclass(frozen=True)
class ImportOutcome:
    """Either the finished result (small files) or the background job (large files)."""

    result: ImportResult | None = None
    job: ImportJob | None = None


def _existing_by_ref(refs: list[str], columns: list[str]) -> dict[str, Customer]:
    existing: dict[str, Customer] = {}
    for start in range(0, len(refs), LOOKUP_CHUNK):
        chunk = refs[start : start + LOOKUP_CHUNK]
        for customer in Customer.objects.filter(external_ref__in=chunk).only("pk", "language", *columns):
            existing[customer.external_ref] = customer
    return existing


def customer_import_rows(
    *, rows: list[dict[str, str]], columns: list[str], progress: Progress | None = None, job_id: int | None = None
) -> ImportResult:
    """Upsert checked rows in one transaction with bulk_create (ON CONFLICT UPDATE for changed rows); only the
    columns present in the file are written."""
    writable = [column for column in columns if column != "external_ref"]
    now = timezone.now()
    result = ImportResult()
    with transaction.atomic():
        existing = _existing_by_ref([row["external_ref"] for row in rows], columns)
        to_create: list[Customer] = []
        to_update: list[Customer] = []
        for row in rows:
            customer = existing.get(row["external_ref"])
            values = {column: row[column] for column in columns}
            if customer is None:
                values["language"] = values.get("language") or Language.DE
                to_create.append(Customer(**values))
                continue
            if not values.get("language"):
                values["language"] = customer.language  # an empty language cell keeps the known language
            if any(getattr(customer, column) != values[column] for column in writable if column in values):
                to_update.append(Customer(**values, updated_at=now))
            else:
                result.unchanged += 1
        done = result.unchanged
        for start in range(0, len(to_create), BATCH_SIZE):
            batch = to_create[start : start + BATCH_SIZE]
            Customer.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            done += len(batch)
            if progress is not None:
                progress(done)
        # Changed rows go through INSERT … ON CONFLICT (external_ref) DO UPDATE: linear on SQLite and
        # PostgreSQL, where bulk_update's CASE WHEN statements grow with the batch.
        update_fields = [column for column in writable if column != "language"] + ["language", "updated_at"]
        for start in range(0, len(to_update), BATCH_SIZE):
            batch = to_update[start : start + BATCH_SIZE]
            Customer.objects.bulk_create(
                batch,
                batch_size=BATCH_SIZE,
                update_conflicts=True,
                unique_fields=["external_ref"],
                update_fields=update_fields,
            )
            done += len(batch)
            if progress is not None:
                progress(done)
        result.created, result.updated = len(to_create), len(to_update)
        events.emit(
            "customer_import.completed",
            {"import_job_id": job_id, "created": result.created, "updated": result.updated},
        )
    return result


def customer_import_file(
    *,
    content: bytes,
    on_checked: Progress | None = None,
    on_written: Progress | None = None,
    job_id: int | None = None,
) -> ImportResult:
    """Check the whole file first; write only when every row is valid (all-or-nothing)."""
    parsed = csv_import.parse(content, progress=on_checked)
    if parsed.errors:
        return ImportResult(errors=[error.as_dict() for error in parsed.errors])
    try:
        return customer_import_rows(rows=parsed.rows, columns=parsed.columns, progress=on_written, job_id=job_id)
    except IntegrityError:
        logger.warning("customer import lost a race on external_ref")
        message = _("Kundennummern wurden während des Imports gleichzeitig geändert. Bitte erneut versuchen.")
        return ImportResult(errors=[{"row": 0, "field": "external_ref", "message": message}])


def customer_import_start(*, content: bytes, file_name: str, actor: User | None = None) -> ImportOutcome:
    """Import small files at once; files above CUSTOMER_IMPORT_BACKGROUND_ROWS rows become a background job."""
    if csv_import.count_rows(content) <= settings.CUSTOMER_IMPORT_BACKGROUND_ROWS:
        return ImportOutcome(result=customer_import_file(content=content))
    return ImportOutcome(job=import_job_create(content=content, file_name=file_name, actor=actor))


def import_job_create(*, content: bytes, file_name: str, actor: User | None = None) -> ImportJob:
    with transaction.atomic():
        job = ImportJob.objects.create(
            file_name=file_name[:255],
            content=content,
            total=csv_import.count_rows(content),
            created_by=actor if actor is not None and actor.pk else None,
        )
        job_id = job.pk

        def after_commit() -> None:
            from customers.tasks import customer_import_run

            enqueue(customer_import_run, job_id)

        transaction.on_commit(after_commit)
    return job


def written_cache_key(job_id: int) -> str:
    return f"customers:import:{job_id}:written"


def import_job_run(*, job_id: int) -> bool:
    """Run one background import. Claimed by a conditional UPDATE, so a second delivery does nothing;
    a run abandoned by a dead worker (older than the task time limit) may be claimed again — its write
    transaction never committed."""
    now = timezone.now()
    stale = now - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimed = (
        ImportJob.objects.filter(pk=job_id)
        .filter(Q(status=ImportStatus.PENDING) | Q(status=ImportStatus.RUNNING, started_at__lt=stale))
        .update(status=ImportStatus.RUNNING, started_at=now, processed=0)
    )
    if not claimed:
        return False
    content = bytes(ImportJob.objects.values_list("content", flat=True).get(pk=job_id))

    def on_checked(rows: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(processed=rows)

    def on_written(rows: int) -> None:
        cache.set(written_cache_key(job_id), rows, timeout=3600)

    try:
        result = customer_import_file(content=content, on_checked=on_checked, on_written=on_written, job_id=job_id)
    except Exception:
        logger.exception("customer import failed", extra={"import_job": job_id})
        result = ImportResult(errors=[{"row": 0, "field": "file", "message": _("Unerwarteter Fehler beim Import.")}])
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportStatus.FAILED if result.errors else ImportStatus.DONE,
        processed=ImportJob.objects.get(pk=job_id).total,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        errors=result.errors,
        content=b"",  # the uploaded personal data is not kept once the run is over
        finished_at=timezone.now(),
    )
    cache.delete(written_cache_key(job_id))
    return True
