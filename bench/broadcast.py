"""Broadcast benchmark: 1,000 subscribed chats due in the same minute.

Runs the real Application (JobQueue + AIORateLimiter) against the local Bot
API server from the tests — in its own process, as Telegram is — in the mode
that enforces Telegram's flood limits
(30 messages/s overall, 20/min per group, ~1/s per private chat) and answers
429 when they are broken. Every chat's reminder job fires at once; we time
until the last reminder is delivered and count 429s, duplicates and losses.

Telegram's 30 msg/s allows 1,000 messages in 33.3 s; the target is ≤ 1.15×.

    .venv/bin/python bench/broadcast.py [--chats 1000] [--groups 0]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.app import build_application, start_application, stop_application  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.records import Subscription  # noqa: E402
from bot.reminders import reminder_job  # noqa: E402
from tests.botapi.updates import DEFAULT_TOKEN as TOKEN  # noqa: E402

# 7 August 2026, 09:00 in Phnom Penh: the seed's state visit is "9 years ago today".
NOW = dt.datetime(2026, 8, 7, 2, 0, tzinfo=dt.UTC)


async def start_server() -> tuple[asyncio.subprocess.Process, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(ROOT / "bench" / "botapi_process.py"), "--enforce-limits",
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
    return process, f"http://127.0.0.1:{int(line.split()[1])}/bot"


async def call(base_url: str, method: str) -> dict:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{base_url}{TOKEN}/{method}")
        return response.json()["result"]


async def run(chats: int, groups: int) -> dict[str, float]:
    process, base_url = await start_server()
    try:
        with tempfile.TemporaryDirectory() as folder:
            config = load_config(
                {
                    "TELEGRAM_BOT_TOKEN": TOKEN,
                    "TIESBOT_API_URL": base_url,
                    "TIESBOT_DATABASE": str(Path(folder) / "bench.db"),
                }
            )
            application = build_application(config, clock=lambda: NOW)
            await start_application(application)
            try:
                store = application.bot_data["services"].store
                ids = [10_000 + i for i in range(chats - groups)]
                ids += [-(10_000 + i) for i in range(groups)]
                for chat_id in ids:
                    store.save_subscription(
                        Subscription(chat_id=chat_id, time="09:00", timezone="Asia/Phnom_Penh")
                    )
                await call(base_url, "benchClear")
                started = time.perf_counter()
                # Every chat's job is due now: the JobQueue runs them all at once.
                for chat_id in ids:
                    application.job_queue.run_once(
                        reminder_job, when=0, chat_id=chat_id, name=f"bench:{chat_id}"
                    )
                while True:
                    await asyncio.sleep(0.25)
                    logged = [r for r in store.send_log() if r["status"] != "claimed"]
                    if len(logged) >= len(ids):
                        break
                elapsed = time.perf_counter() - started
                await asyncio.sleep(1.0)  # let any straggler duplicate show up
                stats = await call(base_url, "benchStats")
                statuses = Counter(r["status"] for r in store.send_log())
            finally:
                await stop_application(application)
    finally:
        process.kill()
        await process.wait()
    delivered = Counter({int(k): v for k, v in stats["sends_per_chat"].items()})
    return {
        "chats": len(ids),
        "seconds": elapsed,
        "allowed_seconds": len(ids) / 30,
        "ratio": elapsed / (len(ids) / 30),
        "rate_limited_429": stats["rate_limited"],
        "duplicates": sum(n - 1 for n in delivered.values() if n > 1),
        "lost": sum(1 for chat_id in ids if delivered[chat_id] == 0),
        "send_log": dict(statuses),
        "server": stats["methods"],
        "reasons": stats.get("reasons"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--groups", type=int, default=0, help="how many of the chats are groups")
    parser.add_argument("--verbose", action="store_true", help="print the server's own figures")
    args = parser.parse_args()
    result = asyncio.run(run(args.chats, args.groups))
    print(f"chats                 {result['chats']}")
    print(f"delivered in          {result['seconds']:.1f} s")
    print(f"30 msg/s allows       {result['allowed_seconds']:.1f} s")
    print(f"ratio                 {result['ratio']:.3f}  (target ≤ 1.15)")
    print(f"429 answers           {result['rate_limited_429']}")
    print(f"duplicates            {result['duplicates']}")
    print(f"lost                  {result['lost']}")
    print(f"send log              {result['send_log']}")
    print(f"429 reasons           {result['reasons']}")
    if args.verbose:
        print(json.dumps(result["server"], indent=1))


if __name__ == "__main__":
    main()
