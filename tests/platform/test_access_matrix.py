"""The access matrix: every API route and staff page, for every role, against department B's records.

The routes come from the URL conf and the routers (not from a hand-kept list); the policy of each comes from
tests/platform/access_spec.py. A route without a policy row fails `test_every_route_has_a_policy`, so nobody can
add an endpoint or page without deciding who may use it.

For each route and user the test expects:
- anonymous: 401/403 (API) or a redirect to the login page (pages);
- a role outside the row's role set: 403 — and B's record unchanged;
- a role inside the set, but a user who must not see B's record (`hidden_from`): 404 on a detail route (B's record
  unchanged), B's record missing from a list, nothing of B in an aggregate, and no trace of B's texts anywhere in
  what they are shown;
- everyone else: no server error on a read (writes by allowed users are the apps' own tests' business).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from tests.platform import access_spec
from tests.platform.world import USERS, World, snapshot

SAFE = ("GET", "HEAD", "OPTIONS")
# Texts only department B's records carry; a user of A must never be shown them.
B_MARKER = "(Abteilung B)"


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    methods: dict[str, str]  # HTTP method → viewset action ("" for plain views)
    kwargs: tuple[str, ...]
    api: bool


def _walk(patterns: list[Any], prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, str, Any]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
        elif isinstance(p, URLPattern) and p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), prefix + str(p.pattern), p


def _methods(pattern: URLPattern) -> dict[str, str]:
    callback = pattern.callback
    actions = getattr(callback, "actions", None)
    if actions:
        return {method.upper(): action for method, action in actions.items()}
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is not None:
        names = [m for m in view_class.http_method_names if hasattr(view_class, m) and m not in ("options", "head")]
        return {m.upper(): "" for m in names}
    return {}


def routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for name, pattern, p in _walk(get_resolver().url_patterns):
        suffixed = "format" in p.pattern.regex.groupindex  # DRF's .json twins of the same route
        if name in seen or name.startswith("admin:") or name.endswith("api-root") or suffixed:
            continue
        seen[name] = Route(
            name=name,
            pattern=pattern,
            methods=_methods(p),
            kwargs=tuple(p.pattern.regex.groupindex),
            api=name.startswith("api:"),
        )
    return sorted(seen.values(), key=lambda r: r.name)


def api_rule(name: str) -> tuple[str, access_spec.Api] | None:
    """The row for an API route: the basename (viewset) or the route's own name (plain views)."""
    short = name.removeprefix("api:")
    candidates = [key for key in access_spec.API if short == key or short.startswith(f"{key}-")]
    if not candidates:
        return None
    key = max(candidates, key=len)
    return key, access_spec.API[key]


ALL = routes()
API_ROUTES = [r for r in ALL if r.api and r.name not in access_spec.PUBLIC_PAGES]
PAGE_ROUTES = [r for r in ALL if not r.api and r.name not in access_spec.PUBLIC_PAGES]


def test_every_route_has_a_policy() -> None:
    missing = [r.name for r in API_ROUTES if api_rule(r.name) is None]
    missing += [r.name for r in PAGE_ROUTES if r.name not in access_spec.PAGES]
    assert not missing, f"routes without an access policy in tests/platform/access_spec.py: {missing}"
    unknown_pages = set(access_spec.PAGES) - {r.name for r in PAGE_ROUTES}
    assert not unknown_pages, f"policies for routes that no longer exist: {sorted(unknown_pages)}"


def _url(route: Route, world: World, keys: dict[str, str], extra: dict[str, str] | None = None) -> str | None:
    kwargs: dict[str, Any] = dict(extra or {})
    for name in route.kwargs:
        if name in kwargs:
            continue
        key = keys.get(name)
        if key is None:
            return None
        obj = world.obj(key)
        kwargs[name] = obj.slug if name == "slug" else obj.pk
    return reverse(route.name, kwargs=kwargs)


def _client(world: World, who: str, *, api: bool) -> Any:
    client = APIClient() if api else Client()
    if who != "anonymous":
        if api:
            client.force_authenticate(user=world.users[who])
        else:
            client.force_login(world.users[who])
    return client


def _body(response: Any) -> Any:
    try:
        return json.loads(response.content or b"null")
    except ValueError:
        return None


def _ids(body: Any) -> set[Any]:
    items = body.get("results", []) if isinstance(body, dict) else body if isinstance(body, list) else []
    return {item.get("id") for item in items if isinstance(item, dict)}


def _shows_b(world: World, response: Any) -> bool:
    content = response.content.decode("utf-8", "replace") if hasattr(response, "content") else ""
    case = world.obj("case_b")
    return B_MARKER in content or bool(re.search(rf"\b{re.escape(case.reference)}\b", content))


def _call(client: Any, method: str, url: str, *, api: bool) -> Any:
    handler = getattr(client, method.lower())
    if api and method not in SAFE:
        return handler(url, {}, format="json")
    return handler(url)


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: r.name)
def test_api_route_obeys_the_matrix(route: Route, world: World) -> None:
    found = api_rule(route.name)
    assert found is not None
    _key, rule = found
    keys = {"pk": rule.obj or "", **rule.kwargs} if rule.obj else dict(rule.kwargs)
    url = _url(route, world, keys)
    if url is None:
        pytest.fail(f"{route.name}: the policy row names no world record for {route.kwargs}")
    target = world.obj(rule.obj) if rule.obj and "pk" in route.kwargs else None
    problems: list[str] = []
    for method, action in route.methods.items():
        allowed = rule.actions.get(action) if action in rule.actions else (rule.read if method in SAFE else rule.write)
        for who in ("anonymous", *USERS):
            before = snapshot(target) if target is not None else None
            response = _call(_client(world, who, api=True), method, url, api=True)
            code = response.status_code
            role = None if who == "anonymous" else world.users[who].effective_role
            label = f"{method} {url} as {who}"
            if code >= 500:
                problems.append(f"{label}: {code}")
                continue
            if role is None:
                if code not in (401, 403):
                    problems.append(f"{label}: {code}, expected 401/403")
            elif role not in allowed:
                if code != 403:
                    problems.append(f"{label}: {code}, expected 403")
            elif who in rule.hidden_from:
                if target is not None and code != 404:
                    problems.append(f"{label}: {code}, expected 404 (B's record)")
                if method in SAFE and code == 200:
                    body = _body(response)
                    if rule.obj and target is None and world.obj(rule.obj).pk in _ids(body):
                        problems.append(f"{label}: lists B's record")
                    if rule.leak is not None and isinstance(body, dict) and rule.leak(body):
                        problems.append(f"{label}: shows B's figures")
                    if _shows_b(world, response):
                        problems.append(f"{label}: shows B's texts")
            elif who in access_spec.IN_A and method in SAFE and code == 200 and _shows_b(world, response):
                problems.append(f"{label}: shows B's texts")
            if target is not None and method not in SAFE and code >= 400 and snapshot(target) != before:
                problems.append(f"{label}: refused ({code}) but changed B's record")
            if target is not None and method not in SAFE and code < 400 and (
                role is None or role not in allowed or who in rule.hidden_from
            ):
                problems.append(f"{label}: {code} — a refused write went through")
    assert not problems, "\n".join(problems)


def _skip_write(who: str, allowed: frozenset[str], role: str | None, page: access_spec.Page) -> bool:
    """Writes by users who may make them would change the world for the next users: the apps test those."""
    return role is not None and role in allowed and who not in page.hidden_from


@pytest.mark.parametrize("route", PAGE_ROUTES, ids=lambda r: r.name)
def test_page_obeys_the_matrix(route: Route, world: World) -> None:
    page = access_spec.PAGES[route.name]
    url = _url(route, world, page.kwargs, page.extra)
    if url is None:
        pytest.fail(f"{route.name}: the policy row names no world record for {route.kwargs}")
    target = world.obj(page.kwargs["pk"]) if "pk" in page.kwargs else None
    problems: list[str] = []
    for method in page.methods:
        for who in ("anonymous", *USERS):
            role = None if who == "anonymous" else world.users[who].effective_role
            if method != "GET" and _skip_write(who, page.roles, role, page):
                continue
            before = snapshot(target) if target is not None else None
            response = _call(_client(world, who, api=False), method, url, api=False)
            code = response.status_code
            label = f"{method} {url} as {who}"
            if code >= 500:
                problems.append(f"{label}: {code}")
            elif role is None:
                if code != 302 or "/accounts/login/" not in response.get("Location", ""):
                    problems.append(f"{label}: {code}, expected a redirect to the login page")
            elif role not in page.roles:
                if code != 403:
                    problems.append(f"{label}: {code}, expected 403")
            elif who in page.hidden_from:
                if code != 404:
                    problems.append(f"{label}: {code}, expected 404 (B's record)")
            elif method == "GET":
                if code not in (200, 302):
                    problems.append(f"{label}: {code}, expected 200")
                elif who in access_spec.IN_A and _shows_b(world, response):
                    problems.append(f"{label}: shows B's texts")
            if target is not None and method != "GET" and snapshot(target) != before:
                problems.append(f"{label}: refused ({code}) but changed B's record")
    assert not problems, "\n".join(problems)
