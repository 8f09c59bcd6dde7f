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


@pytest.mark.django_db(transaction=True)
def test_two_tabs_posting_the_same_link_to_the_page_at_once_leave_one_response():
    """The page's own path (on PostgreSQL the link lookup is the row lock): the second tab waits and edits."""
    from django.test import Client

    from nps import tokens

    invitation = sent_invitation()
    url = f"/s/{tokens.sign(invitation.token)}/"
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def post(score: int) -> None:
        try:
            barrier.wait()
            answer = Client().post(url, {"score": score}, HTTP_X_REQUESTED_WITH="fetch")
            outcomes.append(answer.status_code)
        except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(f"error: {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(score,)) for score in (3, 10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcomes == [200, 200], outcomes
    response = Response.objects.get(invitation=invitation)
    assert response.score in (3, 10)
    assert response.edits == 1
