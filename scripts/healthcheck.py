"""Container health check: GET /healthz on the local gunicorn with the public host name (from SITE_URL)."""

import os
import sys
import urllib.parse
import urllib.request

host = urllib.parse.urlsplit(os.environ.get("SITE_URL", "http://localhost")).netloc or "localhost"
port = int(os.environ.get("PORT", "8000"))
request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})  # noqa: S310
try:
    with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310  (fixed local http URL)
        sys.exit(0 if response.status == 200 else 1)
except Exception as exc:  # any failure means unhealthy
    print(f"unhealthy: {exc}", file=sys.stderr)
    sys.exit(1)
