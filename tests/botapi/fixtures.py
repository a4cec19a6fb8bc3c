"""Pytest fixtures for the local Bot API server; import them into a conftest or a test module.

``botapi`` yields a started :class:`FakeBotAPI`; :func:`running_app` starts a PTB Application
against it the way production does (initialize, start, long polling) and always shuts it down,
so a failing test cannot leave a polling task behind.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence

import pytest_asyncio
from telegram import Update
from telegram.ext import Application

from .server import FakeBotAPI

__all__ = ["botapi", "running_app"]


@pytest_asyncio.fixture
async def botapi() -> AsyncIterator[FakeBotAPI]:
    """A FakeBotAPI listening on 127.0.0.1, stopped after the test."""
    async with FakeBotAPI() as server:
        yield server


@contextlib.asynccontextmanager
async def running_app(
    app: Application,  # type: ignore[type-arg]
    *,
    poll_timeout: float = 1.0,
    allowed_updates: Sequence[str] | None = Update.ALL_TYPES,
    stop_timeout: float = 5.0,
) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Run ``app`` with long polling for the duration of the block.

    The short poll timeout keeps shutdown quick even if a poll cannot be cancelled; the
    shutdown itself is bounded by ``stop_timeout`` so a hung stop fails the test instead of
    hanging the suite.
    """
    await app.initialize()
    try:
        await app.start()
        try:
            await app.updater.start_polling(  # type: ignore[union-attr]
                poll_interval=0, timeout=poll_timeout, allowed_updates=allowed_updates
            )
            try:
                yield app
            finally:
                await asyncio.wait_for(app.updater.stop(), stop_timeout)  # type: ignore[union-attr]
        finally:
            await asyncio.wait_for(app.stop(), stop_timeout)
    finally:
        await asyncio.wait_for(app.shutdown(), stop_timeout)
