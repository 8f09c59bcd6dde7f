"""Fixtures of the feedback tests: touchpoints in two departments and a form POST helper."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from accounts.models import Department
from feedback import spam
from tests.factories import TouchpointFactory
from touchpoints.models import Touchpoint


@pytest.fixture(autouse=True)
def default_topics(request: pytest.FixtureRequest) -> None:
    """The starting topics come from a data migration; a transactional test elsewhere flushes them, so put them back."""
    for name in ("transactional_db", "live_server", "db"):
        if name in request.fixturenames:
            request.getfixturevalue("transactional_db" if name == "live_server" else name)
            break
    else:
        return
    from feedback.analysis.default_topics import DEFAULT_TOPICS
    from feedback.models import Topic

    for name, keywords in DEFAULT_TOPICS.items():
        Topic.objects.get_or_create(name=name, defaults={"keywords": "\n".join(keywords), "active": True})


@pytest.fixture
def store(department: Department) -> Touchpoint:
    """A store counter of the manager's/agent's department (the `department` fixture)."""
    return TouchpointFactory(name="Filiale Altona Kasse", slug="filiale-altona-kasse", department=department)


@pytest.fixture
def webshop(other_department: Department) -> Touchpoint:
    return TouchpointFactory(name="Webshop", slug="webshop", channel="web", department=other_department)


@pytest.fixture
def form_token() -> Callable[[str], str]:
    """A signed timestamp issued long enough ago to pass the minimum fill time."""

    def make(slug: str) -> str:
        return spam.issue_token(slug, now=time.time() - 60)

    return make


@pytest.fixture
def post_feedback(client: Client, form_token: Callable[[str], str]) -> Callable[..., Any]:
    def post(slug: str, *, path: str = "", **data: Any) -> Any:
        payload = {"kind": "criticism", "text": "Die Wartezeit war viel zu lang.", "ts": form_token(slug)}
        payload.update(data)
        return client.post(f"/f/{slug}/{path}", payload)

    return post
