from __future__ import annotations

import ipaddress

import pytest

from core.webhooks.targets import TargetProblem, TargetRefused, check_target, is_public_address


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.0.0.1",
        "172.31.255.255",
        "192.168.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address under test, nothing binds to it
        "224.0.0.251",
        "239.255.255.250",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2001:db8::1",
    ],
)
def test_internal_addresses_are_not_public(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2a00:1450:4001:80b::200e", "::ffff:93.184.215.14"])
def test_internet_addresses_are_public(address):
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::1",  # 6to4 around 127.0.0.1
        "2002:a00:1::1",  # 6to4 around 10.0.0.1
        "2002:c0a8:101::1",  # 6to4 around 192.168.1.1
        "2002:a9fe:a9fe::1",  # 6to4 around 169.254.169.254 (cloud metadata)
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1 (obfuscated)
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1 (obfuscated)
        "2001:0:7f00:1:8000:63bf:f7f7:f7f7",  # Teredo, server 127.0.0.1
        "64:ff9b::7f00:1",  # NAT64 around 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 around 169.254.169.254
        "64:ff9b:1::c0a8:1",  # NAT64 local-use prefix around 192.168.0.1
        "::ffff:0:7f00:1",  # IPv4-translated 127.0.0.1
        "::127.0.0.1",  # IPv4-compatible 127.0.0.1
        "::10.0.0.1",  # IPv4-compatible 10.0.0.1
        "::ffff:169.254.169.254",  # IPv4-mapped metadata address
    ],
)
def test_ipv6_addresses_that_embed_an_internal_ipv4_address_are_not_public(address):
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("url", ["http://[2002:7f00:1::1]/", "http://[64:ff9b::a00:1]:8080/", "http://[::127.0.0.1]/"])
def test_urls_with_such_addresses_are_refused(url):
    with pytest.raises(TargetRefused) as caught:
        check_target(url, allow_private=False)
    assert caught.value.problem == TargetProblem.FORBIDDEN_ADDRESS


def test_a_6to4_address_of_a_public_ipv4_address_stays_public():
    assert is_public_address(ipaddress.ip_address("2002:808:808::1"))


def test_a_public_literal_passes_and_reports_the_address_to_connect_to():
    target = check_target("https://93.184.215.14:8443/hooks?x=1", allow_private=False)
    assert (target.scheme, target.host, target.port, target.addresses) == (
        "https",
        "93.184.215.14",
        8443,
        ("93.184.215.14",),
    )


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://93.184.215.14/", TargetProblem.SCHEME),
        ("http:///nohost", TargetProblem.NO_HOST),
        ("http://u:p@93.184.215.14/", TargetProblem.CREDENTIALS),
        ("http://93.184.215.14:99999/", TargetProblem.BAD_PORT),
        ("http://localhost/", TargetProblem.FORBIDDEN_ADDRESS),
        ("http://2130706433/", TargetProblem.FORBIDDEN_ADDRESS),  # 127.0.0.1 written as one number
        ("http://0x7f.1/", TargetProblem.FORBIDDEN_ADDRESS),
    ],
)
def test_refusals_name_the_problem(url, problem):
    with pytest.raises(TargetRefused) as caught:
        check_target(url, allow_private=False)
    assert caught.value.problem == problem


def test_the_setting_allows_private_addresses_but_never_other_schemes():
    assert check_target("http://127.0.0.1:8000/", allow_private=True).addresses == ("127.0.0.1",)
    with pytest.raises(TargetRefused):
        check_target("file:///etc/passwd", allow_private=True)
