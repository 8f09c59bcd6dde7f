"""Readable, unique case references B-YYYY-NNNNNN drawn from a per-year counter row under a row lock."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from complaints.models import ReferenceCounter


def format_reference(year: int, number: int) -> str:
    return f"B-{year}-{number:06d}"


def next_reference(year: int) -> str:
    """Must run inside the transaction that saves the case, so a rollback returns nothing but a gap."""
    counter = ReferenceCounter.objects.select_for_update().filter(year=year).first()
    if counter is None:
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(year=year, last_number=0)
        except IntegrityError:
            pass  # another transaction created the row first; lock it below
        counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return format_reference(year, counter.last_number)
