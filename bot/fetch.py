"""Fetching one web page for /addseed: http(s) only, public hosts only, bounded.

The bot runs next to things an outsider must never reach through it (a
metadata service at 169.254.169.254, an admin panel on 127.0.0.1, the LAN).
So every hop is checked *before* it is requested: the host name is resolved
and refused when any of its addresses is private, loopback, link-local,
reserved, multicast or unspecified, unless ``limits.allow_private_urls`` says
otherwise (the tests do, to reach their own 127.0.0.1 server). Redirects are
followed by hand so each hop gets the same check; the body is streamed and
cut off past ``max_url_bytes``; one deadline covers the whole fetch, so a
server that drips a byte a second cannot hold the bot.

Known limit: the check resolves the name, then httpx resolves it again to
connect, so a DNS server answering differently within that window (DNS
rebinding) could slip through. /addseed is admin-only, which bounds the risk.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from bot.config import Limits
from bot.errors import ArticleError
from bot.intake import human_size

ALLOWED_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain", "text/markdown"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HEADERS = {
    "User-Agent": "tiesbot/0.1 (news reader; fetches only what an admin sends)",
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9",
}
PRIVATE_ADDRESS = "Not added: that address is private; I only fetch public pages."

Resolver = Callable[[str, int], Awaitable[list[str]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Fetched:
    """A fetched page: its bytes, the Content-Type header and the URL after redirects."""

    data: bytes
    content_type: str
    final_url: str


async def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (without blocking the event loop)."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise ArticleError(f"Not added: the address {host} does not exist.") from None
    return [str(info[4][0]) for info in infos]


def is_public(address: IPAddress) -> bool:
    """True only for globally routable unicast addresses (IPv4-mapped IPv6 unwrapped)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


async def check_target(url: httpx.URL, limits: Limits, resolver: Resolver) -> None:
    """Refuse a URL whose scheme is not http(s) or whose host is not public."""
    if url.scheme not in ("http", "https"):
        raise ArticleError("Not added: I only fetch http:// and https:// addresses.")
    host = url.host
    if not host:
        raise ArticleError("Not added: that address has no host name.")
    if limits.allow_private_urls:
        return
    try:
        addresses: list[IPAddress] = [ipaddress.ip_address(host)]
    except ValueError:
        port = url.port or (443 if url.scheme == "https" else 80)
        resolved = await resolver(host, port)
        # A zone suffix ("fe80::1%eth0") is not part of the address itself.
        addresses = [ipaddress.ip_address(item.split("%", 1)[0]) for item in resolved]
    if not addresses or not all(is_public(address) for address in addresses):
        raise ArticleError(PRIVATE_ADDRESS)


def _parse_url(url: str) -> httpx.URL:
    try:
        return httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError):
        raise ArticleError("Not added: that is not a web address I can read.") from None


async def fetch_url(
    url: str,
    limits: Limits,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver = resolve_host,
) -> Fetched:
    """Fetch one page within the limits; every refusal is an ``ArticleError``.

    ``transport`` and ``resolver`` exist for tests: an ``httpx.MockTransport``
    stands in for the network, a fake resolver for DNS.
    """
    target = _parse_url(url)
    seconds = limits.url_timeout_seconds
    try:
        async with asyncio.timeout(seconds):
            async with httpx.AsyncClient(
                transport=transport,
                timeout=seconds,
                follow_redirects=False,
                trust_env=False,  # a proxy from the environment would bypass the checks
                headers=HEADERS,
            ) as client:
                return await _follow(client, target, limits, resolver)
    except (TimeoutError, httpx.TimeoutException):
        raise ArticleError(f"Not added: the page took longer than {seconds:g} s.") from None
    except httpx.TransportError as exc:
        host = target.host or url
        raise ArticleError(f"Not added: I could not reach {host} ({_reason(exc)}).") from None


def _reason(exc: httpx.TransportError) -> str:
    text = str(exc).strip()
    return text[:80] if text else type(exc).__name__


async def _follow(
    client: httpx.AsyncClient, target: httpx.URL, limits: Limits, resolver: Resolver
) -> Fetched:
    """Request ``target``, following up to ``max_redirects`` checked redirects."""
    for _ in range(limits.max_redirects + 1):
        await check_target(target, limits, resolver)
        async with client.stream("GET", target) as response:
            status = response.status_code
            if status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise ArticleError(f"Not added: the server answered {status} without a target.")
                target = target.join(location)
                continue
            if not 200 <= status < 300:
                raise ArticleError(f"Not added: the server answered {status}.")
            content_type = response.headers.get("content-type", "")
            _check_content_type(content_type)
            data = await _read_limited(response, limits.max_url_bytes)
            return Fetched(data=data, content_type=content_type, final_url=str(target))
    raise ArticleError(f"Not added: the page redirects more than {limits.max_redirects} times.")


def _check_content_type(header: str) -> None:
    media_type = header.split(";", 1)[0].strip().lower()
    if media_type not in ALLOWED_TYPES:
        shown = media_type or "no content type"
        raise ArticleError(f"Not added: the page is not HTML or text ({shown}).")


async def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    """The body, refused as soon as it (or its announced length) passes ``max_bytes``.

    The limit applies to the decoded bytes, so a small gzip bomb is cut off too.
    """
    too_large = ArticleError(f"Not added: the page is larger than {human_size(max_bytes)}.")
    announced = response.headers.get("content-length", "")
    if announced.isdigit() and int(announced) > max_bytes:
        raise too_large
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise too_large
    return bytes(body)
