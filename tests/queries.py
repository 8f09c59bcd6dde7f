"""Query-count guard for list endpoints and pages: the number of queries must not grow with the number of rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(request: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = request()
    assert response.status_code == 200, getattr(response, "content", b"")[:500]
    return len(captured)


def assert_constant_queries(
    request: Callable[[], Any], add_rows: Callable[[int], Any], *, few: int = 2, more: int = 8
) -> None:
    """Call `request` with `few` rows and again with `few + more` rows: both take the same number of queries."""
    add_rows(few)
    count_queries(request)  # warm caches (content types, sessions) outside the measurement
    with_few = count_queries(request)
    add_rows(more)
    with_more = count_queries(request)
    assert with_more == with_few, f"{with_few} queries with {few} rows, {with_more} with {few + more}"
