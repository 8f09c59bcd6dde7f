"""Schemathesis over the whole OpenAPI schema, as a CX admin and as an agent, against the small company.

Every operation of /api/schema/ gets a bounded number of generated requests (fixed seed: the same requests on
every run, so CI is reproducible). Each request is sent as the CX admin and as agent_a and must answer without a
server error, with the documented content type and a body that matches the documented schema. Path ids point at
the world's existing records half of the time, so detail routes are exercised beyond their 404.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from tests.platform.test_access_matrix import api_rule
from tests.platform.world import World

EXAMPLES = 6
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
AS = ("cx_admin", "agent_a")

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = get_wsgi_application()

@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    """Requests go through the real WSGI handler, whose request_started/finished signals would close the test's
    database connection (and with it the test's transaction); Django's test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# The world of the running test: {operation path → id of the world's record for it}.
_current: dict[str, Any] = {}


def _world_id(path: str) -> int | None:
    world: World | None = _current.get("world")
    if world is None:
        return None
    try:
        match = resolve(path.replace("{id}", "1").replace("{attachment_id}", "1"))
    except Resolver404:
        return None
    found = api_rule(f"api:{match.url_name}")
    if found is None or not found[1].obj:
        return None
    return int(world.obj(found[1].obj).pk)


@schema.hook
def map_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> dict[str, Any] | None:
    if not path_parameters:
        return path_parameters
    value = path_parameters.get("id")
    if isinstance(value, int) and value % 2 == 0:
        existing = _world_id(context.operation.path)
        if existing is not None:
            path_parameters["id"] = existing
    return path_parameters


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],
)
def test_api_answers_within_its_schema(case: Any, world: World, wsgi_in_test_transaction: None) -> None:
    _current["world"] = world
    for who in AS:
        token, _created = Token.objects.get_or_create(user=world.users[who])
        case.call_and_validate(headers={"Authorization": f"Token {token.key}"}, checks=CHECKS)
