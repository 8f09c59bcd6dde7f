"""Shared fixtures: users of every role, API clients, and a headless Chromium driven by Playwright."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.choices import Role
from accounts.models import Department, User
from tests.factories import TEST_PASSWORD, DepartmentFactory, UserFactory

pytest_plugins = ["tests.broker_support"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


def clear_own_cache() -> None:
    """Empty this test process's part of the cache. On Redis, cache.clear() is FLUSHDB: it would also wipe the
    counters of a parallel xdist worker's running test, so only keys under this worker's prefix are deleted."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    backend = caches["default"]
    if isinstance(backend, RedisCache) and backend.key_prefix:
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{backend.key_prefix}:*", count=1000))
        if keys:
            client.delete(*keys)
        return
    cache.clear()


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    """Rate-limit counters and lockouts live in the cache; every test starts from a clean one."""
    clear_own_cache()
    yield
    clear_own_cache()


@pytest.fixture
def password() -> str:
    return TEST_PASSWORD


@pytest.fixture
def department(db: Any) -> Department:
    return DepartmentFactory(name="Filialen", slug="filialen")


@pytest.fixture
def other_department(db: Any) -> Department:
    return DepartmentFactory(name="Kundenservice", slug="kundenservice")


@pytest.fixture
def make_user(db: Any, department: Department) -> Callable[..., User]:
    def make(role: str = Role.AGENT, **kwargs: Any) -> User:
        kwargs.setdefault("department", department)
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def cceo(make_user: Callable[..., User]) -> User:
    return make_user(Role.CCEO, username="cceo", department=None)


@pytest.fixture
def cx_admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.CX_ADMIN, username="admin", department=None)


@pytest.fixture
def manager(make_user: Callable[..., User]) -> User:
    return make_user(Role.MANAGER, username="manager")


@pytest.fixture
def agent(make_user: Callable[..., User]) -> User:
    return make_user(Role.AGENT, username="agent")


@pytest.fixture
def trainer(make_user: Callable[..., User]) -> User:
    return make_user(Role.TRAINER, username="trainer")


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def api_as() -> Callable[[User], APIClient]:
    def make(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user=user)
        return client

    return make


# --- Browser -------------------------------------------------------------------------------------------------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail(f"Chromium not found at {executable}: install the Debian package 'chromium'")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def login_in_browser(live_server: Any) -> Callable[[Any, User], None]:
    def login(pg: Any, user: User) -> None:
        pg.goto(f"{live_server.url}/accounts/login/")
        pg.fill("input[name=username]", user.username)
        pg.fill("input[name=password]", TEST_PASSWORD)
        pg.click("main button[type=submit]")  # the language switcher in the navbar has a submit button too
        pg.wait_for_url(lambda url: "/accounts/login/" not in url)

    return login

