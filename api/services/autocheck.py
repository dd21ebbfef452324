"""Saved watchlists re-screened after every ingest, without the analyst asking.

The ingest service (:func:`ingest.service.ingest_documents`) calls an ``after_write`` hook once
its documents are in the graph; both shells - ``enforcegraph ingest``/``remove`` and
``POST /documents`` - pass :func:`after_ingest`, which checks every watchlist
(:func:`api.services.monitor.check_all`: new events, retractions, changed scores, signed
webhooks) in a thread of its own. The ingest waits for it at most ``watch_timeout_seconds``:
a slow or unreachable receiver never holds the ingest longer. When the time runs out, or the
check fails, one line says so; nothing is lost, because an alert not yet delivered stays
unsent in the delivery log and out of the watchlist's state, so the next check (after the next
ingest, ``POST /watchlists/check`` or ``enforcegraph watchlist check``) sends it.

One check runs at a time in a process, so two ingests finishing together do not send the same
alert twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import neo4j

from api.services import monitor, webhooks
from enforcegraph.settings import Settings

log = logging.getLogger("enforcegraph.watchlists")

_ONE_AT_A_TIME = threading.Lock()


def policy_of(settings: Settings) -> webhooks.Policy:
    """The webhook policy the settings ask for (whether private targets may be called)."""
    return webhooks.Policy(allow_private=settings.webhook_allow_private)


def _summary(reports: list[monitor.CheckReport]) -> str:
    alerts = sum(r.alerts for r in reports)
    delivered = sum(r.delivered for r in reports)
    failed = sum(len(r.failed) for r in reports)
    line = f"watchlists: {len(reports)} checked, {alerts} alert(s), {delivered} delivered"
    return line + (f", {failed} not delivered (retried at the next check)" if failed else "")


def check_bounded(driver: neo4j.Driver, database: str, *, policy: webhooks.Policy, timeout: float,
                  say: Callable[[str], None] | None = None) -> bool:
    """Check every watchlist in a thread; wait for it at most ``timeout`` seconds.

    Returns whether it finished in time. ``say`` gets one line: the outcome, the failure or the
    time-out (the same line goes to the log).
    """
    done = threading.Event()

    def tell(line: str, level: int = logging.INFO) -> None:
        log.log(level, "%s", line)
        if say is not None:
            say(line)

    def work() -> None:
        try:
            with _ONE_AT_A_TIME:
                reports = monitor.check_all(driver, database, policy)
            if reports:  # no watchlist saved: nothing to say
                tell(_summary(reports))
        except Exception as exc:  # a failed check must never fail the ingest that triggered it
            tell(f"watchlists: check after the ingest failed: {type(exc).__name__}: {exc}".splitlines()[0],
                 logging.WARNING)
        finally:
            done.set()

    threading.Thread(target=work, name="watchlist-check", daemon=True).start()
    if done.wait(timeout):
        return True
    tell(f"watchlists: still checking after {timeout:g}s; the ingest carries on and alerts not yet delivered "
         "are sent at the next check", logging.WARNING)
    return False


def after_ingest(driver: neo4j.Driver, settings: Settings,
                 say: Callable[[str], None] | None = None) -> Callable[[list[str]], None] | None:
    """The hook the shells hand to the ingest service: called with the ids of the documents
    written or removed; ``None`` when the settings turn monitoring after ingests off."""
    if not settings.watch_after_ingest:
        return None

    def hook(changed: list[str]) -> None:
        if changed:
            check_bounded(driver, settings.neo4j_database, policy=policy_of(settings),
                          timeout=settings.watch_timeout_seconds, say=say)

    return hook
