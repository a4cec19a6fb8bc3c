"""Keeping under Telegram's flood limits without bursts after a 429.

python-telegram-bot's AIORateLimiter takes a request's slot and then, inside
it, waits while a 429 pause is on: when the pause ends every request that
was holding a slot goes out at once, which draws the next 429 (measured in
bench/broadcast.py: 20–40 429s per 300 messages). Here a request waits for
the pause *before* it takes a slot, so sending resumes at the paced rate.

Limits: messages are spaced evenly at ``overall_per_second`` (a little under
Telegram's ~30/s, for network jitter) after a small ``burst``; a group gets at most
``group_per_minute`` (20) per minute, in bursts as Telegram allows. Calls
without a chat (getUpdates, answerCallbackQuery, inline answers) are not
messages and are never delayed.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


class PacedRateLimiter(BaseRateLimiter[int]):
    """Even pacing overall, 20/min per group, and 429s waited out before a new slot."""

    def __init__(
        self,
        *,
        overall_per_second: float = 28,
        burst: int = 1,
        group_per_minute: int = 20,
        max_retries: int = 3,
    ) -> None:
        # burst + rate must stay under 30 in any one second with room for jitter:
        # bench/broadcast.py drew 429s with a burst of 3 at 27/s, none with 1 at 28/s.
        self._overall = AsyncLimiter(burst, burst / overall_per_second)
        self._group_per_minute = group_per_minute
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._max_retries = max_retries
        self._resume_at = 0.0  # loop time before which nothing is sent (after a 429)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def _group_limiter(self, chat_id: Any) -> AsyncLimiter | None:
        """Groups, supergroups and channels (negative ids or @usernames) share 20/min."""
        with contextlib.suppress(TypeError, ValueError):
            chat_id = int(chat_id)
        if not ((isinstance(chat_id, int) and chat_id < 0) or isinstance(chat_id, str)):
            return None
        if chat_id not in self._groups:
            self._groups[chat_id] = AsyncLimiter(self._group_per_minute, 60)
        return self._groups[chat_id]

    async def _wait_for_resume(self) -> None:
        loop = asyncio.get_running_loop()
        while (delay := self._resume_at - loop.time()) > 0:
            await asyncio.sleep(delay)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        chat_id = data.get("chat_id")
        retries = rate_limit_args if rate_limit_args is not None else self._max_retries
        for attempt in range(retries + 1):
            await self._wait_for_resume()
            if chat_id is not None:
                group = self._group_limiter(chat_id)
                if group is not None:
                    await group.acquire()
                await self._overall.acquire()
                await self._wait_for_resume()  # a 429 may have come while we queued
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == retries:
                    raise
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
                loop = asyncio.get_running_loop()
                self._resume_at = max(self._resume_at, loop.time() + seconds + 0.1)
                log.info("flood limit on %s: pausing sends for %.1f s", endpoint, seconds)
        raise AssertionError("unreachable")  # the last attempt returns or raises
