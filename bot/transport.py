"""Bot API calls over HTTP, asked again when Telegram answers with a 5xx.

A 500, 502, 503 or 504 is Telegram saying it failed to handle the call:
nothing was posted, so asking again cannot post twice, and a user whose
/search arrived during a hiccup still gets the answer instead of silence.
Timeouts and dropped connections are *not* retried here: the call may have
reached Telegram, and a resend could post twice (bot.reminders explains how
broadcasts treat them). 429 is python-telegram-bot's rate limiter's business.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.request import BaseRequest, HTTPXRequest, RequestData

log = logging.getLogger(__name__)

ATTEMPTS = 3
BACKOFF_SECONDS = 0.25


def api_method(url: str) -> str:
    """The Bot API method of a request URL; the URL itself holds the token, never log it."""
    return url.rsplit("/", 1)[-1]


class RetryingRequest(HTTPXRequest):
    """HTTPXRequest that repeats a call answered with a 5xx, with a short backoff."""

    def __init__(
        self, *, attempts: int = ATTEMPTS, backoff: float = BACKOFF_SECONDS, **kwargs: Any
    ) -> None:
        """``kwargs`` are HTTPXRequest's (timeouts, pool size)."""
        super().__init__(**kwargs)
        self.attempts = attempts
        self.backoff = backoff

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        attempt = 1
        while True:
            code, payload = await super().do_request(
                url,
                method,
                request_data,
                read_timeout=read_timeout,
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
            )
            if code < 500 or attempt >= self.attempts:
                return code, payload
            log.warning(
                "Bot API %s answered %d; asking again (attempt %d of %d)",
                api_method(url),
                code,
                attempt + 1,
                self.attempts,
            )
            await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
            attempt += 1
