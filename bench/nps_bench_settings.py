"""Production-like settings for the answering benchmark: the real settings plus a trivial view for comparison."""

from cx_platform.settings import *  # noqa: F403

ROOT_URLCONF = "bench.nps_bench_urls"
# No collectstatic in a benchmark run: the pages link static files by their plain names.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
