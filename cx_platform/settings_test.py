"""Test settings: the real settings (PostgreSQL and Redis when their URLs are set) with fast hashing.

Celery runs eagerly here so that a test sees a task's effect; the tests that need a real worker start one
themselves with the production settings module.
"""

from cx_platform.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True

# Parallel test workers (pytest-xdist) share one Redis database: each gets its own key prefix, so one worker's
# cache.clear() between tests cannot wipe another's rate-limit counters mid-test.
import os as _os  # noqa: E402

_WORKER = _os.environ.get("PYTEST_XDIST_WORKER", "")
for _cache in CACHES.values():  # noqa: F405
    _cache["KEY_PREFIX"] = f"test-{_WORKER or 'main'}"
