"""Webhook targets: only http(s) URLs, and no private, loopback or link-local address unless allowed
(no network needed: every host here is an IP literal or fails to resolve)."""

from __future__ import annotations

import pytest

from api.services import webhooks
from api.services.webhook_targets import RefusedTarget, check


@pytest.mark.parametrize(("url", "why"), [
    ("ftp://files.example/hook", "http(s)"),
    ("file:///etc/passwd", "http(s)"),
    ("https:///no-host", "no host"),
    ("https://user:pw@8.8.8.8/hook", "credentials"),
    ("http://127.0.0.1:8080/hook", "loopback"),
    ("http://[::1]/hook", "loopback"),
    ("http://169.254.169.254/latest/meta-data", "link-local"),
    ("http://10.1.2.3/hook", "private"),
    ("http://192.168.0.10/hook", "private"),
    ("http://[::ffff:127.0.0.1]/hook", "loopback"),
    ("http://0.0.0.0/hook", "unspecified"),
    ("http://224.0.0.1/hook", "multicast"),
    ("https://no-such-host.invalid/hook", "cannot be resolved"),
    ("http://[not-an-ip/hook", "not a valid URL"),
])
def test_webhook_targets_refuses_with_one_line(url: str, why: str) -> None:
    with pytest.raises(RefusedTarget) as refused:
        check(url, allow_private=False)
    assert why in str(refused.value) and "\n" not in str(refused.value)


def test_webhook_targets_public_and_allowed_private_pass() -> None:
    check("https://8.8.8.8/hook", allow_private=False)
    check("http://[2001:4860:4860::8888]:8443/hook", allow_private=False)
    check("http://127.0.0.1:8080/hook", allow_private=True)  # the setting's purpose: receivers on our network
    with pytest.raises(RefusedTarget, match="http"):
        check("gopher://127.0.0.1/", allow_private=True)  # the scheme is checked whatever the setting


def test_webhook_targets_delivery_refuses_without_sending() -> None:
    outcome = webhooks.deliver("http://127.0.0.1:9/hook", "s" * 32, b"{}", "delivery-x",
                               webhooks.Policy(attempts=1, backoff=0))
    assert not outcome.delivered and outcome.attempts == 0 and "loopback" in (outcome.error or "")
