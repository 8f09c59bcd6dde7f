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


_V4_IN_LAST_32_BITS = (
    ipaddress.IPv6Network("64:ff9b::/96"),  # NAT64, well-known prefix (RFC 6052)
    ipaddress.IPv6Network("64:ff9b:1::/48"),  # NAT64, local-use prefix (RFC 8215)
    ipaddress.IPv6Network("::ffff:0:0:0/96"),  # IPv4-translated (SIIT, RFC 2765)
    ipaddress.IPv6Network("::/96"),  # IPv4-compatible (deprecated, RFC 4291)
)


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries and that a relay or translator would deliver to.

    IPv4-mapped (::ffff:a.b.c.d), 6to4 (2002:AABB:CCDD::/48), Teredo (2001:0::/32; Python undoes the
    obfuscation of the client address), NAT64 and the other forms with the IPv4 address in the last 32 bits.
    """
    found: list[ipaddress.IPv4Address] = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)  # (server, client)
    if any(address in network for network in _V4_IN_LAST_32_BITS) and int(address) > 1:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def is_public_address(address: IPAddress) -> bool:
    """False for loopback, private, link-local, reserved, multicast, unspecified and other non-global ranges,
    and for IPv6 addresses that embed such an IPv4 address (mapped, 6to4, Teredo, NAT64, compatible)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = embedded_ipv4(address)
        if embedded and not all(is_public_address(v4) for v4 in embedded):
            return False
        if address.ipv4_mapped is not None:
            return True  # a mapped address is the IPv4 address itself
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
