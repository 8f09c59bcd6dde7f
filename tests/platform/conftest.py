"""The shared small company (tests/platform/world.py) for the platform-wide checks."""

from __future__ import annotations

from typing import Any

import pytest

from tests.platform.world import World, build_world


@pytest.fixture
def world(db: Any, settings: Any, tmp_path: Any) -> World:
    settings.EMAIL_BACKEND = "core.mail.OutboxBackend"  # the embedded default: the outbox pages exist
    settings.MEDIA_ROOT = str(tmp_path)
    return build_world()
