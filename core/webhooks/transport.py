"""POST a webhook body with urllib (stdlib): pinned to the checked address, no proxies, no redirects."""

from __future__ import annotations

import errno
import http.client
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from core.webhooks.targets import Target

TIMEOUT_SECONDS = 5.0
MAX_ERROR_CHARS = 500
USER_AGENT = "CX-Platform-Webhooks/1.0"


@dataclass(frozen=True)
class SendResult:
    status_code: int | None
    error: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def _pinned_connect(connection: http.client.HTTPConnection, address: str) -> socket.socket:
    source_address = getattr(connection, "source_address", None)
    return socket.create_connection((address, connection.port), connection.timeout, source_address)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, pinned_address: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pinned_address = pinned_address

    def connect(self) -> None:
        self.sock = _pinned_connect(self, self.pinned_address)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, pinned_address: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pinned_address = pinned_address

    def connect(self) -> None:
        sock = _pinned_connect(self, self.pinned_address)
        # Certificate and SNI stay bound to the URL's host name, only the socket goes to the checked address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class _PinnedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, address: str) -> None:
        super().__init__()
        self.address = address

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        def factory(host: str, **kwargs: Any) -> _PinnedHTTPConnection:
            return _PinnedHTTPConnection(host, pinned_address=self.address, **kwargs)

        return self.do_open(factory, req)


class _PinnedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, address: str) -> None:
        super().__init__()
        self.address = address

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        def factory(host: str, **kwargs: Any) -> _PinnedHTTPSConnection:
            return _PinnedHTTPSConnection(host, pinned_address=self.address, **kwargs)

        return self.do_open(factory, req, context=self._context)  # type: ignore[attr-defined]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        # A 3xx answer counts as a failed delivery; following it could lead to a forbidden address.
        return None


def _connect_failed(exc: urllib.error.URLError) -> bool:
    """True when no connection was made at all, so trying the host's next address cannot send twice."""
    reason = exc.reason
    return isinstance(reason, ConnectionRefusedError) or (
        isinstance(reason, OSError)
        and reason.errno in {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT}
    )


def _post_once(*, url: str, address: str, body: bytes, headers: dict[str, str]) -> tuple[SendResult, bool]:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.UnknownHandler(),
        _PinnedHTTPHandler(address),
        _PinnedHTTPSHandler(address),
        urllib.request.HTTPDefaultErrorHandler(),
        _NoRedirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked to be http(s) in targets.check_target
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers},
    )
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            response.read(MAX_ERROR_CHARS)
            return SendResult(status_code=response.status, error=""), False
    except urllib.error.HTTPError as exc:
        try:
            snippet = exc.read(MAX_ERROR_CHARS).decode("utf-8", "replace")
        except Exception:
            snippet = ""
        error = f"HTTP {exc.code} {exc.reason}: {snippet}"[:MAX_ERROR_CHARS]
        return SendResult(status_code=exc.code, error=error), False
    except urllib.error.URLError as exc:
        error = f"{type(exc.reason).__name__}: {exc.reason}"[:MAX_ERROR_CHARS]
        return SendResult(status_code=None, error=error), _connect_failed(exc)
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return SendResult(status_code=None, error=f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]), False


def post_json(*, url: str, target: Target, body: bytes, headers: dict[str, str]) -> SendResult:
    """POST to the first of the checked addresses that accepts a connection."""
    result = SendResult(status_code=None, error="no address")
    for address in target.addresses:
        result, try_next = _post_once(url=url, address=address, body=body, headers=headers)
        if not try_next:
            break
    return result
