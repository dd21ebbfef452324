"""Signed webhook delivery: how a watchlist's alerts reach the analyst's systems.

The body is signed with HMAC-SHA256 under the webhook's own secret and the signature sent as
``X-Enforcegraph-Signature: sha256=<hex>``, so the receiver can check that the alert is ours and
unaltered (compute the same HMAC over the raw body and compare in constant time). A receiver
that fails (5xx), times out or cannot be reached is retried with exponential backoff; a 4xx is
final (the receiver refuses it). The secret is never logged, and errors name only the host.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from api.services import webhook_targets

log = logging.getLogger("enforcegraph.webhooks")

SIGNATURE_HEADER = "X-Enforcegraph-Signature"
DELIVERY_HEADER = "X-Enforcegraph-Delivery"


def sign(secret: str, body: bytes) -> str:
    """The signature header value of ``body``: ``sha256=<hex HMAC-SHA256>``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """What a receiver does: recompute the signature and compare in constant time."""
    return hmac.compare_digest(sign(secret, body), signature)


@dataclass(frozen=True)
class Policy:
    """How hard to try: attempts in all, the first backoff (doubling), each request's timeout; and
    whether private, loopback and link-local targets may be called (:mod:`webhook_targets`)."""

    attempts: int = 4
    backoff: float = 0.5
    timeout: float = 5.0
    allow_private: bool = False

    @property
    def lease_seconds(self) -> int:
        """How long a claimed alert is another check's to send: its worst case, then some."""
        return int(2 * (self.attempts * self.timeout + self.backoff * 2 ** self.attempts)) + 1


DEFAULT = Policy()


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    attempts: int
    http_status: int | None
    error: str | None


def deliver(url: str, secret: str, body: bytes, delivery_id: str, policy: Policy = DEFAULT,
            client: httpx.Client | None = None) -> Outcome:
    """POST ``body`` to ``url`` signed with ``secret``, retrying server errors and timeouts."""
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, body),
               DELIVERY_HEADER: delivery_id, "User-Agent": "enforcegraph-webhooks"}
    host = urlsplit(url).netloc
    try:  # checked again at each delivery: a name may point elsewhere since the watchlist was saved
        webhook_targets.check(url, allow_private=policy.allow_private)
    except webhook_targets.RefusedTarget as exc:
        log.warning("webhook %s not sent to %s: %s", delivery_id, host, exc)
        return Outcome(False, 0, None, f"refused target: {exc}")
    own = client is None
    http = client or httpx.Client(timeout=policy.timeout, follow_redirects=False)
    status: int | None = None
    error: str | None = None
    try:
        for attempt in range(1, policy.attempts + 1):
            try:
                resp = http.post(url, content=body, headers=headers)
                status, error = resp.status_code, None
                if resp.status_code < 300:
                    log.info("webhook %s delivered to %s (attempt %d)", delivery_id, host, attempt)
                    return Outcome(True, attempt, status, None)
                error = f"HTTP {resp.status_code} from {host}"
                if resp.status_code < 500:
                    break  # the receiver refuses it: retrying would not help
            except httpx.TimeoutException:
                status, error = None, f"timed out after {policy.timeout:g}s at {host}"
            except httpx.HTTPError as exc:
                status, error = None, f"cannot reach {host}: {type(exc).__name__}"
            if attempt < policy.attempts:
                time.sleep(policy.backoff * 2 ** (attempt - 1))
        log.warning("webhook %s not delivered to %s: %s", delivery_id, host, error)
        return Outcome(False, attempt, status, error)
    finally:
        if own:
            http.close()
