"""Which webhook URLs may be called (SSRF guard): pure functions on URLs and addresses, no Django."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class TargetProblem(Enum):
    SCHEME = "scheme"
    NO_HOST = "no_host"
    CREDENTIALS = "credentials"
    BAD_PORT = "bad_port"
    UNRESOLVABLE = "unresolvable"
    FORBIDDEN_ADDRESS = "forbidden_address"


class TargetRefused(Exception):
    def __init__(self, problem: TargetProblem, detail: str = "") -> None:
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem = problem
        self.detail = detail


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]


def is_public_address(address: IPAddress) -> bool:
    """False for loopback, private, link-local, reserved, multicast, unspecified and other non-global ranges."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public_address(address.ipv4_mapped)
    if (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    ):
        return False
    return address.is_global


def resolve(host: str, port: int) -> tuple[str, ...]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise TargetRefused(TargetProblem.UNRESOLVABLE, host) from exc
    addresses = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise TargetRefused(TargetProblem.UNRESOLVABLE, host)
    return addresses


def check_target(url: str, *, allow_private: bool) -> Target:
    """Parse `url`, resolve its host and refuse anything but http(s) to public addresses (unless allowed).

    Returns the resolved addresses so the caller can connect to exactly the address that was checked
    (a second DNS lookup could answer differently: DNS rebinding).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise TargetRefused(TargetProblem.SCHEME, scheme)
    host = parts.hostname
    if not host:
        raise TargetRefused(TargetProblem.NO_HOST)
    if parts.username is not None or parts.password is not None:
        raise TargetRefused(TargetProblem.CREDENTIALS)
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise TargetRefused(TargetProblem.BAD_PORT) from exc
    addresses = resolve(host, port)
    if not allow_private:
        for address in addresses:
            if not is_public_address(ipaddress.ip_address(address.split("%", 1)[0])):
                raise TargetRefused(TargetProblem.FORBIDDEN_ADDRESS, address)
    return Target(scheme=scheme, host=host, port=port, addresses=addresses)
