"""Two tabs submitting the same link at the same moment still leave exactly one response."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from nps import services
from nps.models import Response
from tests.nps.factories import sent_invitation


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_in_two_tabs_at_once_records_one_response():
    invitation = sent_invitation()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(score: int) -> None:
        try:
            barrier.wait()
            result = services.response_submit(invitation=invitation, score=score)
            outcomes.append("created" if result.created else "updated")
        except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(f"error: {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(score,)) for score in (9, 10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes) == ["created", "updated"], outcomes
    assert Response.objects.filter(invitation=invitation).count() == 1
    assert Response.objects.get().score in (9, 10)
