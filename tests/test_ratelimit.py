"""The paced rate limiter: even spacing, 20/min per group, no burst after a 429."""

from __future__ import annotations

import asyncio
import bisect
import time

import pytest
from telegram.error import RetryAfter

from bot.ratelimit import PacedRateLimiter


def most_in_any_window(stamps: list[float], seconds: float) -> int:
    stamps = sorted(stamps)
    return max(bisect.bisect_left(stamps, t + seconds) - i for i, t in enumerate(stamps))


async def send_many(limiter: PacedRateLimiter, chat_ids: list[int], fail_first: int = 0):
    stamps: list[float] = []
    failures = {"left": fail_first}

    async def callback() -> bool:
        stamps.append(time.monotonic())
        if failures["left"]:
            failures["left"] -= 1
            raise RetryAfter(0.3)
        return True

    results = await asyncio.gather(
        *(
            limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": c}, None)
            for c in chat_ids
        )
    )
    return results, stamps


async def test_messages_are_spaced_evenly():
    limiter = PacedRateLimiter(overall_per_second=50, burst=1)
    results, stamps = await send_many(limiter, list(range(1, 61)))
    assert all(results)
    assert most_in_any_window(stamps, 0.5) <= 26  # 50/s, never a burst


async def test_after_a_429_sending_resumes_at_the_paced_rate():
    limiter = PacedRateLimiter(overall_per_second=50, burst=1)
    results, stamps = await send_many(limiter, list(range(1, 41)), fail_first=1)
    assert all(results)
    first_retry = stamps[0] + 0.3
    after = [t for t in stamps if t >= first_retry]
    assert most_in_any_window(after, 0.2) <= 11  # no flood of held requests


async def test_a_group_gets_its_burst_then_waits():
    limiter = PacedRateLimiter(overall_per_second=1000, group_per_minute=3)
    started = time.monotonic()
    results, stamps = await asyncio.wait_for(send_many(limiter, [-5, -5, -5]), 5)
    assert all(results) and max(stamps) - started < 1.0
    waiting = asyncio.ensure_future(send_many(limiter, [-5]))
    await asyncio.sleep(0.3)
    assert not waiting.done()  # the fourth message in a minute has to wait
    waiting.cancel()


async def test_calls_without_a_chat_are_not_delayed():
    limiter = PacedRateLimiter(overall_per_second=1)

    async def callback() -> bool:
        return True

    started = time.monotonic()
    for _ in range(20):
        await limiter.process_request(callback, (), {}, "answerCallbackQuery", {}, None)
    assert time.monotonic() - started < 0.5


async def test_gives_up_after_the_retries():
    limiter = PacedRateLimiter(max_retries=1)

    async def callback() -> bool:
        raise RetryAfter(0.05)

    with pytest.raises(RetryAfter):
        await limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": 1}, None)
