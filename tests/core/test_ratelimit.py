"""Rate limits of the public forms: who the client is behind a proxy, one counter per client and window."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from core.ratelimit import client_ip, hit


def _request(remote: str = "10.0.0.2", forwarded: str | None = None):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_address_is_remote_addr_and_x_forwarded_for_is_ignored() -> None:
    assert client_ip(_request(forwarded="203.0.113.9")) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_entry_the_proxy_appended() -> None:
    assert client_ip(_request(forwarded="203.0.113.9")) == "203.0.113.9"
    # A client that sends its own X-Forwarded-For cannot choose its key: the proxy appends the real address.
    assert client_ip(_request(forwarded="198.51.100.1, 203.0.113.9")) == "203.0.113.9"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_outer_proxys_entry_counts_and_a_short_header_falls_back() -> None:
    assert client_ip(_request(forwarded="198.51.100.1, 203.0.113.9, 10.0.0.7")) == "203.0.113.9"
    assert client_ip(_request(forwarded="10.0.0.7")) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1, NPS_PUBLIC_RATE_LIMIT=2)
@pytest.mark.django_db
def test_two_customers_behind_the_proxy_have_their_own_limits(client) -> None:  # type: ignore[no-untyped-def]
    from nps import tokens
    from tests.nps.factories import sent_invitation

    first, second = sent_invitation(), sent_invitation()

    def post(invitation, address):  # type: ignore[no-untyped-def]
        return client.post(
            f"/s/{tokens.sign(invitation.token)}/", {"score": "8"}, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=address
        ).status_code

    assert [post(first, "203.0.113.9") for _ in range(3)] == [200, 200, 429]
    assert post(second, "198.51.100.4") == 200


def test_the_counter_allows_the_limit_then_refuses() -> None:
    assert [hit("test-scope:1.2.3.4", limit=2, window_seconds=60) for _ in range(3)] == [True, True, False]
