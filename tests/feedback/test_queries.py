"""Every feedback list (API and page) costs the same number of queries for 2 rows as for 20."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.choices import Role
from feedback.models import Topic
from tests.factories import TouchpointFactory, UserFactory
from tests.feedback.factories import FeedbackFactory, ImprovementActionFactory

pytestmark = pytest.mark.django_db


def queries(fetch: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = fetch.get(url)
        assert response.status_code == 200, url
    return len(ctx.captured_queries)


def add_feedback(department: Any, n: int) -> None:
    topics = list(Topic.objects.all()[:2])
    for _ in range(n):
        item = FeedbackFactory(touchpoint=TouchpointFactory(department=department))
        item.topics.set(topics)


def add_actions(department: Any, n: int) -> None:
    from complaints.models import Case
    from feedback import services

    admin = UserFactory(role=Role.CX_ADMIN, department=None)
    for _ in range(n):
        touchpoint = TouchpointFactory(department=department)
        action = ImprovementActionFactory(
            department=department, owner=UserFactory(role=Role.AGENT, department=department)
        )
        action.touchpoints.add(touchpoint)
        action.feedback.add(FeedbackFactory(touchpoint=touchpoint))
        case = Case.objects.create(
            reference=f"B-2026-{900000 + action.pk}", channel="store", touchpoint=touchpoint, description="Warten",
            department=department, created_at=timezone.now(),
        )
        services.action_link_object(actor=admin, action=action, label="complaints.case", object_id=case.pk)


def add_touchpoints(department: Any, n: int) -> None:
    for _ in range(n):
        TouchpointFactory(department=department)


def add_topics(department: Any, n: int) -> None:
    start = Topic.objects.count()
    for index in range(n):
        Topic.objects.create(name=f"Thema {start + index}", keywords="wort")


CASES = [
    ("/api/v1/feedback/", add_feedback),
    ("/api/v1/feedback/?touchpoint_slug={slug}&date_from=2020-01-01", add_feedback),
    ("/api/v1/improvements/", add_actions),
    ("/api/v1/feedback-topics/", add_topics),
    ("/feedback/", add_feedback),
    ("/feedback/?export=csv", add_feedback),
    ("/feedback/?export=xlsx", add_feedback),
    ("/feedback/improvements/", add_actions),
    ("/feedback/posters/", add_touchpoints),
]


@pytest.mark.parametrize(("url", "add"), CASES, ids=[url for url, _add in CASES])
@pytest.mark.parametrize("role", [Role.CX_ADMIN, Role.MANAGER])
def test_the_query_count_does_not_grow_with_the_rows(
    api_as: Callable[[Any], Any], client: Any, make_user: Callable[..., Any], department: Any, store: Any,
    url: str, add: Callable[[Any, int], None], role: str,
) -> None:
    user = make_user(role, department=None if role == Role.CX_ADMIN else department)
    fetch = api_as(user) if url.startswith("/api/") else client
    client.force_login(user)
    url = url.format(slug=store.slug)
    FeedbackFactory(touchpoint=store)  # the slug filter has something to find
    add(department, 2)
    queries(fetch, url)  # warm the per-process caches (content types, translations)
    small = queries(fetch, url)
    add(department, 18)
    assert queries(fetch, url) == small
