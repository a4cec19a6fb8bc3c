"""bot.fetch: URL fetching for /addseed against a local aiohttp server and httpx.MockTransport.

Nothing here leaves 127.0.0.1: public-looking hosts are answered by a fake
resolver and a MockTransport, so the SSRF checks are tested without the internet.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from aiohttp import web

from bot.config import Limits
from bot.errors import ArticleError
from bot.fetch import PRIVATE_ADDRESS, fetch_url, is_public
from tests import pages

PAGE = b"<html><head><title>Loan</title></head><body><p>Japan lends.</p></body></html>"
PRIVATE_OK = Limits(allow_private_urls=True)
PUBLIC_IP = "93.184.216.34"


async def _drip(request: web.Request) -> web.StreamResponse:
    """Answers at once, then sends a byte every 0.1 s: only an overall deadline stops it."""
    response = web.StreamResponse(headers={"Content-Type": "text/plain"})
    await response.prepare(request)
    for _ in range(40):
        await response.write(b"x")
        await asyncio.sleep(0.1)
    return response


@pytest_asyncio.fixture
async def site() -> AsyncIterator[str]:
    """A small web server on 127.0.0.1; yields its base URL."""
    routes = {
        "/page.html": pages.page(PAGE, "text/html", "utf-8"),
        "/slow": pages.slow(2),
        "/drip": _drip,
        "/huge": pages.huge,
        "/huge-announced": pages.page(b"a" * pages.HUGE_BYTES, "text/html"),
        "/moved": pages.redirect("/page.html"),
        "/loop": pages.redirect("/loop"),
        "/archive.zip": pages.page(b"PK\x03\x04", "application/zip"),
        "/untyped": _untyped,
    }
    async with pages.serve(routes) as base_url:
        yield base_url


async def _untyped(request: web.Request) -> web.Response:
    return web.Response(body=b"plain words", headers={"Content-Type": ""})


async def _refusal(url: str, limits: Limits = PRIVATE_OK, **kwargs: object) -> str:
    with pytest.raises(ArticleError) as caught:
        await fetch_url(url, limits, **kwargs)  # type: ignore[arg-type]
    return caught.value.message


# -- success ------------------------------------------------------------------


async def test_fetches_a_page_with_its_content_type(site: str) -> None:
    fetched = await fetch_url(f"{site}/page.html", PRIVATE_OK)
    assert fetched.data == PAGE
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.final_url == f"{site}/page.html"


async def test_follows_a_redirect_and_reports_the_final_url(site: str) -> None:
    fetched = await fetch_url(f"{site}/moved", PRIVATE_OK)
    assert fetched.data == PAGE
    assert fetched.final_url == f"{site}/page.html"


# -- refusals from the server's answer -------------------------------------------


async def test_a_404_is_reported(site: str) -> None:
    assert await _refusal(f"{site}/missing") == "Not added: the server answered 404."


async def test_a_slow_server_times_out(site: str) -> None:
    limits = Limits(allow_private_urls=True, url_timeout_seconds=0.3)
    assert await _refusal(f"{site}/slow", limits) == "Not added: the page took longer than 0.3 s."


async def test_a_dripping_server_hits_the_overall_deadline(site: str) -> None:
    limits = Limits(allow_private_urls=True, url_timeout_seconds=0.5)
    assert await _refusal(f"{site}/drip", limits) == "Not added: the page took longer than 0.5 s."


async def test_a_zip_is_not_a_page(site: str) -> None:
    assert (
        await _refusal(f"{site}/archive.zip")
        == "Not added: the page is not HTML or text (application/zip)."
    )


async def test_a_missing_content_type_is_refused(site: str) -> None:
    assert (
        await _refusal(f"{site}/untyped")
        == "Not added: the page is not HTML or text (no content type)."
    )


@pytest.mark.parametrize("path", ["/huge", "/huge-announced"])
async def test_a_page_over_the_size_limit_is_refused(site: str, path: str) -> None:
    assert await _refusal(f"{site}{path}") == "Not added: the page is larger than 2 MB."


async def test_redirect_loops_stop_at_the_limit(site: str) -> None:
    assert await _refusal(f"{site}/loop") == "Not added: the page redirects more than 3 times."


async def test_a_closed_port_is_reported(site: str) -> None:
    message = await _refusal("http://127.0.0.1:9/nothing")
    assert message.startswith("Not added: I could not reach 127.0.0.1 (")


# -- refusals before any request ----------------------------------------------------


@pytest.mark.parametrize(
    "url", ["ftp://example.com/a.txt", "file:///etc/passwd", "javascript:alert(1)"]
)
async def test_only_http_and_https(url: str) -> None:
    assert await _refusal(url) == "Not added: I only fetch http:// and https:// addresses."


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/admin",
        "http://localhost/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
async def test_private_targets_are_refused_by_default(url: str) -> None:
    def no_network(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"requested {request.url}")

    refusal = await _refusal(url, Limits(), transport=httpx.MockTransport(no_network))
    assert refusal == PRIVATE_ADDRESS


@pytest.mark.parametrize(
    ("address", "public"),
    [
        (PUBLIC_IP, True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("100.64.0.1", False),  # carrier-grade NAT
        ("169.254.169.254", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("::ffff:10.0.0.1", False),
    ],
)
def test_is_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


class FakeInternet:
    """A MockTransport world: ``news.example`` is public and redirects elsewhere."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.requested: list[str] = []

    async def resolve(self, host: str, port: int) -> list[str]:
        return {"news.example": [PUBLIC_IP], "intranet.example": ["10.0.0.5"]}[host]

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requested.append(str(request.url))
        if request.url.host == "news.example" and request.url.path == "/story":
            return httpx.Response(302, headers={"Location": self.location})
        return httpx.Response(200, content=PAGE, headers={"Content-Type": "text/html"})


async def test_a_public_page_is_fetched_through_the_checks() -> None:
    world = FakeInternet("/final")
    fetched = await fetch_url(
        "http://news.example/story",
        Limits(),
        transport=httpx.MockTransport(world.handle),
        resolver=world.resolve,
    )
    assert fetched.final_url == "http://news.example/final"
    assert world.requested == ["http://news.example/story", "http://news.example/final"]


@pytest.mark.parametrize(
    "location", ["http://127.0.0.1/secret", "http://intranet.example/", "http://[::1]:8000/"]
)
async def test_a_redirect_to_a_private_address_is_refused_before_it_is_followed(
    location: str,
) -> None:
    world = FakeInternet(location)
    refusal = await _refusal(
        "http://news.example/story",
        Limits(),
        transport=httpx.MockTransport(world.handle),
        resolver=world.resolve,
    )
    assert refusal == PRIVATE_ADDRESS
    assert world.requested == ["http://news.example/story"]
