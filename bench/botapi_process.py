"""The tests' local Bot API server, run in its own process for benchmarks.

In one process the bot's work delays the server's clock readings and makes
evenly paced requests look like bursts; a separate process, like the real
Telegram, stamps each request when it truly arrives. The parent reads the
server's figures through an extra method, ``benchStats``, and resets them
with ``benchClear``.

    python bench/botapi_process.py [--enforce-limits]   # prints "PORT <n>" when ready
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.botapi.server import FakeBotAPI  # noqa: E402


async def serve(enforce_limits: bool) -> None:
    async with FakeBotAPI(enforce_limits=enforce_limits) as server:

        def _stats(params: dict) -> dict:
            sends = Counter(
                str(call.chat_id)
                for call in server.calls
                if call.ok and call.method in {"sendMessage", "sendPhoto", "editMessageText"}
            )
            return {
                "rate_limited": server.stats.rate_limited,
                "calls": len(server.calls),
                "sends_per_chat": dict(sends),
                "methods": server.stats.summary(),
            }

        def clear(params: dict) -> bool:
            server.clear()
            return True

        reasons: Counter[str] = Counter()
        check = server._check_flood

        def counted_check(params: dict) -> None:
            try:
                check(params)
            except Exception:
                chat = int(params.get("chat_id", 0))
                overall = len(server._overall_window)
                reasons["overall" if overall >= server.limits.overall_per_second else
                        "group" if chat < 0 else "private"] += 1
                raise

        server._check_flood = counted_check  # type: ignore[method-assign]

        def stats(params: dict) -> dict:
            result = _stats(params)
            result["reasons"] = dict(reasons)
            return result

        server.register_method("benchStats", stats)
        server.register_method("benchClear", clear)
        print(f"PORT {server.port}", flush=True)
        await asyncio.Event().wait()  # until the parent kills us


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enforce-limits", action="store_true")
    args = parser.parse_args()
    asyncio.run(serve(args.enforce_limits))


if __name__ == "__main__":
    main()
