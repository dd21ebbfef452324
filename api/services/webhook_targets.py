"""Which webhook URLs the server may POST to: http(s) on a public address, unless told otherwise.

A webhook makes the server send requests wherever a write-key holder says, so an unchecked URL
lets that caller probe or drive services reachable only from the server itself (Neo4j's HTTP
port, a cloud metadata endpoint at 169.254.169.254, an admin page on localhost): the classic
server-side request forgery. A URL is refused unless its scheme is http or https, it names a
host, carries no credentials, and every address the host resolves to is public (not private,
loopback, link-local, multicast, reserved or unspecified). The check runs when a watchlist is
saved and again before each delivery, since a name may resolve elsewhere later. A deployment
whose receivers live on its own network (and the tests, whose receiver is on 127.0.0.1) sets
``ENFORCEGRAPH_WEBHOOK_ALLOW_PRIVATE=true``.
"""

from __future__ import annotations

import ipaddress
import socket
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

#: How long a name lookup of a webhook host may take.
RESOLVE_SECONDS = 5.0
_RESOLVER = ThreadPoolExecutor(max_workers=2, thread_name_prefix="webhook-resolve")


class RefusedTarget(ValueError):
    """A webhook URL the server will not call; the message says why in one line."""


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    lookup = _RESOLVER.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    try:  # getaddrinfo has no timeout of its own: a stuck resolver costs a worker thread, not the caller
        infos = lookup.result(timeout=RESOLVE_SECONDS)
    except TimeoutError:
        raise RefusedTarget(f"host {host!r} did not resolve within {RESOLVE_SECONDS:g}s") from None
    except (OSError, UnicodeError) as exc:
        raise RefusedTarget(f"host {host!r} cannot be resolved ({type(exc).__name__})") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _private(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for why, flag in (("unspecified", address.is_unspecified), ("loopback", address.is_loopback),
                      ("link-local", address.is_link_local), ("multicast", address.is_multicast),
                      ("reserved", address.is_reserved), ("private", address.is_private)):
        if flag:
            return why
    return None


def check(url: str, *, allow_private: bool) -> None:
    """Raise :class:`RefusedTarget` unless ``url`` is an http(s) URL the server may call."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise RefusedTarget("not a valid URL") from None
    if parts.scheme not in ("http", "https"):
        raise RefusedTarget("expected an http(s) URL")
    if not parts.hostname:
        raise RefusedTarget("the URL names no host")
    if parts.username is not None or parts.password is not None:
        raise RefusedTarget("credentials in the URL are not accepted (the signature authenticates the sender)")
    if allow_private:
        return
    for address in _addresses(parts.hostname, port):
        why = _private(address)
        if why:
            raise RefusedTarget(f"{parts.hostname} is a {why} address ({address}); private targets are refused "
                                "unless ENFORCEGRAPH_WEBHOOK_ALLOW_PRIVATE is set")
