"""The tests' local Bot API server, run in its own process for benchmarks.

In one process the bot's work delays the server's clock readings and makes
evenly paced requests look like bursts; a separate process, like the real
Telegram, stamps each request when it truly arrives. The parent reads the
server's figures through an extra method, ``benchStats``, and resets them
with ``benchClear``.

For the soak benchmark (bench/soak.py) the server also plays the users, so
the load generator is never slowed by the bot's own process:

- ``benchPush {"updates": [...], "delays": [...]}`` pushes updates, each
  ``delays[i]`` seconds after the call (open loop) or at once without delays;
- ``benchSaturate {"updates": [...], "backlog": n, "seconds": t}`` keeps ``n``
  pushed-but-unanswered updates outstanding for ``t`` seconds (closed loop);
- ``benchLatency`` returns, per tracked update, its kind, push time and the
  time of the first reply call for its chat (send*) or query (answer*);
- ``benchLimits {"enforce": bool}`` turns flood limits on or off.

A pushed update's ``callback_query``/``inline_query`` gets a fresh id when it
is pushed; ``{"bench_button": {"chat_id", "user_id", "pick"}}`` becomes a
button press on the bot's latest message with a keyboard in that chat.

    python bench/botapi_process.py [--enforce-limits]   # prints "PORT <n>" when ready
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import sys
import time
from collections import Counter, deque
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.botapi.server import Call, FakeBotAPI  # noqa: E402

REPLY_SENDS = ("send", "copyMessage", "forwardMessage")
ANSWERS = {"answerCallbackQuery": "callback_query_id", "answerInlineQuery": "inline_query_id"}


class ReplyTracker:
    """Pushes bench updates and times each one's first reply, all in this process."""

    def __init__(self, server: FakeBotAPI) -> None:
        self.server = server
        self.records: list[list[Any]] = []  # [kind, pushed, replied | None, chat]
        self.by_chat: dict[int, deque[int]] = {}
        self.by_query: dict[str, int] = {}
        self.last_keyboard: dict[int, int] = {}  # chat -> message_id of the bot's last keyboard
        self.last_bot_message: dict[int, int] = {}
        self.ids = itertools.count(1)
        self.outstanding = 0
        self.tasks: set[asyncio.Task] = set()
        self.saturating: tuple[list[dict], int, itertools.cycle] | None = None
        self.fallbacks = Counter()

    def clear(self) -> None:
        self.records.clear()
        self.by_chat.clear()
        self.by_query.clear()
        self.outstanding = 0
        self.fallbacks.clear()

    # -- pushing

    def _materialise(self, template: dict) -> tuple[dict, str]:
        update = json.loads(json.dumps(template))
        kind = update.pop("bench_kind", None)
        button = update.pop("bench_button", None)
        if button is not None:
            update = self._button(button)
        for key in ("callback_query", "inline_query"):
            if key in update:
                update[key]["id"] = f"q{next(self.ids)}"
        return update, kind or next(iter(update))

    def _button(self, spec: dict) -> dict:
        """A press of a real button the bot sent to that chat (or the nearest thing)."""
        chat_id, user_id = int(spec["chat_id"]), int(spec["user_id"])
        query: dict[str, Any] = {
            "id": "",
            "from": {"id": user_id, "is_bot": False, "first_name": "U", "username": f"u{user_id}"},
            "chat_instance": str(chat_id),
        }
        message_id = self.last_keyboard.get(chat_id)
        message = self.server.get_message(chat_id, message_id) if message_id else None
        buttons = [
            b
            for row in ((message or {}).get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row
            if "callback_data" in b
        ]
        if buttons:
            query["data"] = buttons[min(len(buttons) - 1, int(spec["pick"] * len(buttons)))][
                "callback_data"
            ]
        else:
            message_id = self.last_bot_message.get(chat_id)
            message = self.server.get_message(chat_id, message_id) if message_id else None
            query["data"] = "sources:0"
            if message is None:
                # The bot has not answered in that chat yet: nothing to press, so the
                # user types an inline query instead.
                self.fallbacks["no bot message yet: inline query"] += 1
                del query["chat_instance"], query["data"]
                return {"inline_query": {**query, "query": "", "offset": ""}}
            self.fallbacks["no keyboard: sources:0 on the last message"] += 1
        query["message"] = message
        return {"callback_query": query}

    def push(self, template: dict) -> None:
        update, kind = self._materialise(template)
        self.server.push_update(update)
        index = len(self.records)
        payload = next(v for k, v in update.items() if k != "update_id")
        chat = None
        if "callback_query" in update or "inline_query" in update:
            self.by_query[str(payload["id"])] = index
        else:
            chat = int(payload["chat"]["id"])
            self.by_chat.setdefault(chat, deque()).append(index)
        self.records.append([kind, time.monotonic(), None, chat])
        self.outstanding += 1

    async def push_later(self, templates: list[dict], delays: list[float]) -> None:
        start = time.monotonic()
        for template, delay in sorted(zip(templates, delays, strict=True), key=lambda p: p[1]):
            wait = start + delay - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self.push(template)

    async def saturate(self, templates: list[dict], backlog: int, seconds: float) -> None:
        self.saturating = (templates, backlog, itertools.cycle(templates))
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline:
                self._top_up()
                await asyncio.sleep(0.05)
        finally:
            self.saturating = None

    def _top_up(self) -> None:
        if self.saturating is not None:
            _, backlog, cycle = self.saturating
            while self.outstanding < backlog:
                self.push(next(cycle))

    # -- replies

    def on_call(self, call: Call) -> None:
        if not call.ok:
            return
        index = None
        if call.method in ANSWERS:
            index = self.by_query.pop(str(call.params.get(ANSWERS[call.method])), None)
        elif call.method.startswith(REPLY_SENDS) and call.method != "sendChatAction":
            chat = call.chat_id
            queue = self.by_chat.get(chat) if isinstance(chat, int) else None
            if queue:
                index = queue.popleft()
        if isinstance(call.result, dict) and isinstance(call.result.get("chat"), dict):
            chat_id = int(call.result["chat"]["id"])
            self.last_bot_message[chat_id] = int(call.result["message_id"])
            if (call.result.get("reply_markup") or {}).get("inline_keyboard"):
                self.last_keyboard[chat_id] = int(call.result["message_id"])
        if index is not None and self.records[index][2] is None:
            self.records[index][2] = call.time
            self.outstanding -= 1
            self._top_up()


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

        tracker = ReplyTracker(server)
        record = server._record

        def tracked_record(call: Call, received: float) -> None:
            record(call, received)
            tracker.on_call(call)

        server._record = tracked_record  # type: ignore[method-assign]

        def clear(params: dict) -> bool:
            server.clear()
            tracker.clear()
            return True

        def spawn(coro: Any) -> None:
            task = asyncio.get_running_loop().create_task(coro)
            tracker.tasks.add(task)
            task.add_done_callback(tracker.tasks.discard)

        def bench_push(params: dict) -> int:
            updates = list(params.get("updates") or [])
            delays = params.get("delays")
            if delays is None:
                for update in updates:
                    tracker.push(update)
            else:
                spawn(tracker.push_later(updates, [float(d) for d in delays]))
            return len(updates)

        def bench_saturate(params: dict) -> bool:
            spawn(
                tracker.saturate(
                    list(params["updates"]), int(params["backlog"]), float(params["seconds"])
                )
            )
            return True

        def bench_latency(params: dict) -> dict:
            if params.get("brief"):
                return {"outstanding": tracker.outstanding, "pushed": len(tracker.records)}
            failures: Counter[str] = Counter()
            for call in server.calls:
                if not call.ok:
                    text = str((call.error or {}).get("description", ""))[:70]
                    failures[f"{call.method} {call.status} {text}"] += 1
            return {
                "records": tracker.records,
                "failures": dict(failures),
                "button_fallbacks": dict(tracker.fallbacks),
                "server_cpu_seconds": time.process_time(),
                "loadavg": os.getloadavg(),
                "now": time.monotonic(),
            }

        def bench_limits(params: dict) -> bool:
            server.enforce_limits = bool(params.get("enforce"))
            return server.enforce_limits

        reasons: Counter[str] = Counter()
        check = server._check_flood

        def counted_check(params: dict) -> None:
            try:
                check(params)
            except Exception:
                chat = int(params.get("chat_id", 0))
                overall = len(server._overall_window)
                reasons[
                    "overall"
                    if overall >= server.limits.overall_per_second
                    else "group"
                    if chat < 0
                    else "private"
                ] += 1
                raise

        server._check_flood = counted_check  # type: ignore[method-assign]

        def stats(params: dict) -> dict:
            result = _stats(params)
            result["reasons"] = dict(reasons)
            return result

        server.register_method("benchStats", stats)
        server.register_method("benchClear", clear)
        server.register_method("benchPush", bench_push)
        server.register_method("benchSaturate", bench_saturate)
        server.register_method("benchLatency", bench_latency)
        server.register_method("benchLimits", bench_limits)
        print(f"PORT {server.port}", flush=True)
        await asyncio.Event().wait()  # until the parent kills us


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enforce-limits", action="store_true")
    args = parser.parse_args()
    asyncio.run(serve(args.enforce_limits))


if __name__ == "__main__":
    main()
