"""A throwaway web server on 127.0.0.1 for tests that fetch URLs (never the internet)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping

from aiohttp import web

Handler = web.RequestHandler
HUGE_BYTES = 2 * 1024 * 1024 + 1


def page(body: bytes, content_type: str, charset: str | None = None) -> Handler:
    """A handler answering 200 with ``body``."""

    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=body, content_type=content_type, charset=charset)

    return handler


def redirect(target: str) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        raise web.HTTPFound(target)

    return handler


def slow(seconds: float) -> Handler:
    async def handler(request: web.Request) -> web.Response:
        await asyncio.sleep(seconds)
        return web.Response(text="late", content_type="text/plain")

    return handler


async def huge(request: web.Request) -> web.StreamResponse:
    """2 MB + 1 byte of HTML without a Content-Length: only counting stops it."""
    response = web.StreamResponse(headers={"Content-Type": "text/html"})
    response.enable_chunked_encoding()
    await response.prepare(request)
    chunk = b"a" * 65536
    for _ in range(HUGE_BYTES // len(chunk)):
        await response.write(chunk)
    await response.write(b"a" * (HUGE_BYTES % len(chunk)))
    return response


@contextlib.asynccontextmanager
async def serve(routes: Mapping[str, Handler]) -> AsyncIterator[str]:
    """Serve GET ``routes`` on a free port of 127.0.0.1; yields the base URL."""
    app = web.Application()
    for path, handler in routes.items():
        app.router.add_get(path, handler)
    # handler_cancellation: a handler whose client gave up (a timeout test) ends with it.
    runner = web.AppRunner(app, access_log=None, handler_cancellation=True, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
