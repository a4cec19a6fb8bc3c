"""Soak benchmark: mixed traffic from 1,000 users and 200 groups, plus a broadcast.

The real Application (PacedRateLimiter, RetryingRequest, JobQueue, SQLite
with the seed and a few hundred synthetic articles) polls the tests' Bot API
server, run in its own process (bench/botapi_process.py) with Telegram's
flood limits enforced (30 msg/s overall, 20/min per group, ~1/s per private
chat). The server also plays the users: it pushes a fixed, seeded trace of
updates on an open-loop Poisson schedule — commands and questions in private
chats, commands and @mentions in groups, presses of the buttons the bot really
sent, inline queries — and times each update to the first reply call for its
chat (send*) or query (answer*). Halfway through, 1,000 subscribed chats'
reminder jobs fire at once (with a fixed clock, as in bench/broadcast.py).

Phases, for tiesbot and then for a bare python-telegram-bot echo bot (the
floor) in the same process, on a fresh server each, with the same trace:

1. ``limited``: ``--minutes`` of the trace with limits enforced. Replies are
   capped by Telegram's ~30 msg/s, so both bots can at best serve what is
   offered: the ratio says whether tiesbot keeps up as well as the floor.
2. ``cpu``: limits off (and the bots' own limiters lifted), a closed loop
   keeping ``--backlog`` updates outstanding: the CPU-bound throughput.

Printed: offered vs served throughput, p50/p95/p99 reply latency (overall,
by kind, and outside the broadcast window), the bot process's RSS every
10 s, errors (log records at ERROR/WARNING, non-ok server calls by status,
replies missing). Not part of ``make test``.

    .venv/bin/python bench/soak.py [--minutes 10] [--quick] [--rate 25]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import datetime as dt
import gc
import io
import json
import logging
import math
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiolimiter import AsyncLimiter  # noqa: E402
from telegram import Update  # noqa: E402
from telegram.ext import (  # noqa: E402
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bench.corpus import generate, make_world  # noqa: E402
from bench.queries import make_queries  # noqa: E402
from bot.app import build_application, start_application, stop_application  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.ingest import load_seeds, prepare, store_prepared  # noqa: E402
from bot.records import Subscription  # noqa: E402
from bot.reminders import reminder_job  # noqa: E402
from bot.store import Store  # noqa: E402
from tests.botapi import updates as build  # noqa: E402
from tests.botapi.updates import DEFAULT_BOT_USERNAME as BOT  # noqa: E402
from tests.botapi.updates import DEFAULT_TOKEN as TOKEN  # noqa: E402

OUT = ROOT / "bench" / "out"
# 7 August 2026, 09:00 in Phnom Penh: the seed's state visit is "9 years ago today".
NOW = dt.datetime(2026, 8, 7, 2, 0, tzinfo=dt.UTC)
ZONE = "Asia/Phnom_Penh"
USER_BASE, GROUP_BASE, SUB_BASE = 100_000, 200_000, 500_000
PAGED = ("search", "visits", "agreements", "timeline", "sources")
RSS_EVERY = 10.0


# -- the database --------------------------------------------------------------------------


def ensure_database(articles: int, seed: int) -> Path:
    """The seed plus ``articles`` synthetic ones, built once and cached under bench/out/."""
    path = OUT / f"soak-{articles}-seed{seed}.db"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix(".building")
    for leftover in OUT.glob(building.name + "*"):
        leftover.unlink()
    started = time.perf_counter()
    config = load_config({"TIESBOT_DATABASE": str(building)})
    store = Store.open(building)
    try:
        load_seeds(store, config.seeds, max_bytes=config.limits.max_file_bytes)
        for name, text in generate(articles, seed):
            store_prepared(store, prepare(text.encode(), name=name), name=name, origin=None)
        count = store.count_articles()
    finally:
        store.close()
    building.rename(path)
    print(f"built {path.name}: {count} articles in {time.perf_counter() - started:.0f} s")
    return path


def subscription_time() -> str:
    """A local time after the fixed clock's 09:00 (no catch-up at start) and hours away
    from the real time in Phnom Penh (the daily jobs run on the wall clock)."""
    hour = dt.datetime.now(ZoneInfo(ZONE)).hour
    best = max(range(10, 24), key=lambda h: min((h - hour) % 24, (hour - h) % 24))
    return f"{best:02d}:30"


def subscription_ids(count: int) -> list[int]:
    """Chats distinct from the traffic's users and groups; a tenth of them groups."""
    groups = count // 10
    return [SUB_BASE + i for i in range(count - groups)] + [-(SUB_BASE + i) for i in range(groups)]


# -- the traffic trace -----------------------------------------------------------------------

MIX = {  # kind: weight (percent of updates)
    "search": 14,
    "visits": 7,
    "agreements": 5,
    "timeline": 4,
    "ask": 7,
    "question": 10,
    "onthisday": 3,
    "article": 5,
    "sources": 2,
    "start": 1,
    "group_command": 9,
    "group_mention": 3,
    "button": 15,
    "inline": 15,
}


def make_trace(
    seed: int, rate: float, seconds: float, users: int, groups: int, articles: int
) -> list[tuple[float, dict]]:
    """(time, update template) on a Poisson schedule; the same for the same arguments."""
    rng = random.Random(f"soak:{seed}")
    count = int(rate * seconds * 1.2) + 100
    queries = make_queries(make_world(seed), seed, count)
    texts = {name: [text for _, text in items] for name, items in queries.items()}
    kinds, weights = zip(*MIX.items(), strict=True)
    paged: list[tuple[float, int, int]] = []  # (time, chat, user) of paginated replies
    trace: list[tuple[float, dict]] = []
    t = 0.0
    while True:
        t += rng.expovariate(rate)
        if t >= seconds:
            break
        kind = rng.choices(kinds, weights)[0]
        user = USER_BASE + rng.randrange(users)
        sender = {"user_id": user, "username": f"u{user}", "first_name": "U"}
        if kind == "button":
            ready = [p for p in paged if t - 120 < p[0] <= t - 3]
            if not ready:
                kind = "inline"
            else:
                _, chat, presser = rng.choice(ready)
                spec = {"chat_id": chat, "user_id": presser, "pick": rng.random()}
                trace.append((t, {"bench_kind": "button", "bench_button": spec}))
                continue
        if kind == "inline":
            words = rng.choice(texts["search"]) if rng.random() < 0.9 else ""
            update = build.inline_query_update(words, **sender)
            trace.append((t, {"bench_kind": "inline", **update}))
            continue
        if kind.startswith("group"):
            chat = -(GROUP_BASE + rng.randrange(groups))
            where = {"chat_id": chat, "chat_type": "group", "chat_title": f"Group {-chat}"}
            if kind == "group_mention":
                question = rng.choice(texts["ask"])
                mention = {"type": "mention", "offset": 0, "length": len(BOT) + 1}
                update = build.message_update(
                    f"@{BOT} {question}", entities=[mention], **where, **sender
                )
            else:
                command = rng.choice(("search", "visits", "agreements", "ask", "onthisday"))
                args = rng.choice(texts.get(command, [""]))
                update = build.message_update(f"/{command}@{BOT} {args}".strip(), **where, **sender)
                if command in PAGED:
                    paged.append((t, chat, user))
            trace.append((t, {"bench_kind": kind, **update}))
            continue
        if kind == "question":
            text = rng.choice(texts["ask"])
        elif kind in ("search", "visits", "agreements", "ask"):
            text = f"/{kind} {rng.choice(texts[kind])}".strip()
        elif kind == "timeline":
            text = f"/timeline {rng.choice(texts['visits'])}".strip()
        elif kind == "onthisday":
            text = "/onthisday" if rng.random() < 0.5 else f"/onthisday {rng.randint(1, 12):02d}-07"
        elif kind == "article":
            text = f"/article {rng.randint(1, articles + 20)}"
        else:
            text = f"/{kind}" if kind != "start" else rng.choice(("/start", "/help"))
        if kind in PAGED:
            paged.append((t, user, user))
        trace.append((t, {"bench_kind": kind, **build.message_update(text, **sender)}))
    return trace


# -- the server ------------------------------------------------------------------------------


class Server:
    """bench/botapi_process.py in its own process, and a client for its bench methods."""

    def __init__(self) -> None:
        self.process: asyncio.subprocess.Process | None = None
        self.base_url = ""
        self.client = httpx.AsyncClient(timeout=120)

    async def __aenter__(self) -> Server:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "bench" / "botapi_process.py"), "--enforce-limits",
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        line = (await asyncio.wait_for(self.process.stdout.readline(), 30)).decode()
        self.base_url = f"http://127.0.0.1:{int(line.split()[1])}/bot"
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.client.aclose()
        if self.process is not None:
            self.process.kill()
            await self.process.wait()

    async def call(self, method: str, **params: Any) -> Any:
        response = await self.client.post(f"{self.base_url}{TOKEN}/{method}", json=params)
        body = response.json()
        if not body.get("ok"):
            raise RuntimeError(f"{method}: {body}")
        return body["result"]


# -- measuring -------------------------------------------------------------------------------


class LogCounter(logging.Handler):
    """Counts log records at WARNING and above, keeping a few examples of each."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.counts: Counter[str] = Counter()
        self.examples: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING or "flood limit" in str(record.msg):
            self.counts[record.levelname] += 1
            kind = record.exc_info[0].__name__ if record.exc_info and record.exc_info[0] else ""
            text = str(record.msg)[:60]
            self.examples[f"{record.levelname} {record.name}: {text} {kind}".rstrip()] += 1


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return math.nan


async def sample_rss(series: list[tuple[float, float]], started: float) -> None:
    while True:
        series.append((time.monotonic() - started, rss_mb()))
        await asyncio.sleep(RSS_EVERY)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


def latency_summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50_ms": percentile(values, 0.50) * 1000,
        "p95_ms": percentile(values, 0.95) * 1000,
        "p99_ms": percentile(values, 0.99) * 1000,
        "max_ms": (max(values) if values else math.nan) * 1000,
    }


def analyse(
    records: list[list], start: float, seconds: float, window: tuple[float, float] | None = None
) -> dict[str, Any]:
    """Offered, served and latency figures of one phase from the server's records."""
    pushed = [r for r in records if start <= r[1] <= start + seconds]
    done = [r for r in pushed if r[2] is not None]
    served_in_time = sum(
        1 for r in records if r[2] is not None and start <= r[2] <= start + seconds
    )
    latencies = [r[2] - r[1] for r in done]
    by_kind: dict[str, list[float]] = {}
    for r in done:
        by_kind.setdefault(r[0], []).append(r[2] - r[1])
    result: dict[str, Any] = {
        "pushed": len(pushed),
        "answered": len(done),
        "missing": len(pushed) - len(done),
        "missing_by_kind": dict(Counter(r[0] for r in pushed if r[2] is None)),
        "offered_per_s": len(pushed) / seconds,
        "served_per_s": served_in_time / seconds,
        "latency": latency_summary(latencies),
        "by_kind": {k: latency_summary(v) for k, v in sorted(by_kind.items())},
    }
    if window is not None:
        before = [r[2] - r[1] for r in done if r[1] < window[0]]
        result["latency_before_broadcast"] = latency_summary(before)
        after = [r[2] - r[1] for r in done if r[1] >= window[0]]
        result["latency_from_broadcast"] = latency_summary(after)
    minutes = []
    for m in range(math.ceil(seconds / 60)):
        lo, hi = start + 60 * m, start + min(seconds, 60 * (m + 1))
        in_min = [r for r in pushed if lo <= r[1] < hi]
        lat = [r[2] - r[1] for r in in_min if r[2] is not None]
        served = sum(1 for r in records if r[2] is not None and lo <= r[2] < hi)
        minutes.append(
            {
                "minute": m + 1,
                "offered_per_s": len(in_min) / (hi - lo),
                "served_per_s": served / (hi - lo),
                "p95_ms": percentile(lat, 0.95) * 1000,
            }
        )
    result["per_minute"] = minutes
    return result


# -- the bots --------------------------------------------------------------------------------


async def echo_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(update.effective_message.text)


async def echo_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer()


async def echo_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.inline_query.answer([])


def build_echo(base_url: str) -> Application:
    """The floor: a bare PTB echo bot, with PTB's own rate limiter for the flood limits."""
    application = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(base_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .build()
    )
    application.add_handler(MessageHandler(filters.COMMAND, echo_text))  # catch-all commands
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo_text))
    application.add_handler(CallbackQueryHandler(echo_button))
    application.add_handler(InlineQueryHandler(echo_inline))
    return application


async def echo_broadcast(application: Application, chats: list[int]) -> None:
    """The echo bot's share of the broadcast: the same sends, eight in flight (as tiesbot)."""
    slots = asyncio.Semaphore(8)

    async def one(chat_id: int) -> None:
        async with slots:
            await application.bot.send_message(chat_id, "On this day: a reminder.")

    results = await asyncio.gather(*(one(c) for c in chats), return_exceptions=True)
    failed = [r for r in results if isinstance(r, BaseException)]
    if failed:
        logging.getLogger("soak.echo").warning("%d broadcast sends failed", len(failed))


def lift_limits(application: Application, bot: str) -> None:
    """For the CPU-bound phase: the bots' own limiters stop pacing."""
    if bot == "tiesbot":
        limiter = application.bot.rate_limiter
        limiter._overall = AsyncLimiter(1, 1 / 100_000)
        limiter._group_per_minute = 1_000_000
        limiter._groups.clear()
    else:
        application.bot._rate_limiter = None


async def wait_broadcast(
    bot: str,
    application: Application,
    chats: list[int],
    task: asyncio.Task | None,
    deadline: float,
) -> float:
    """Fire the broadcast and return when the last chat's post is logged (loop time)."""
    if bot == "echo":
        await task
        return time.monotonic()
    store = application.bot_data["services"].store
    for chat_id in chats:
        application.job_queue.run_once(
            reminder_job, when=0, chat_id=chat_id, name=f"soak:{chat_id}"
        )
    while time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        if sum(r["status"] != "claimed" for r in store.send_log()) >= len(chats):
            break
    return time.monotonic()


async def run_bot(
    bot: str,
    args: argparse.Namespace,
    trace: list[tuple[float, dict]],
    database: Path,
    logs: LogCounter,
) -> dict[str, Any]:
    seconds = args.minutes * 60
    subs = subscription_ids(args.subscriptions)
    result: dict[str, Any] = {"bot": bot}
    gc.collect()
    logs.counts.clear()
    logs.examples.clear()
    async with Server() as server:
        with tempfile.TemporaryDirectory() as folder:
            if bot == "tiesbot":
                db = Path(folder) / "soak.db"
                shutil.copy(database, db)
                store = Store.open(db)
                at = subscription_time()
                for chat_id in subs:
                    store.save_subscription(
                        Subscription(
                            chat_id=chat_id,
                            time=at,
                            timezone=ZONE,
                            chat_type="group" if chat_id < 0 else "private",
                        )
                    )
                store.close()
                config = load_config(
                    {
                        "TELEGRAM_BOT_TOKEN": TOKEN,
                        "TIESBOT_API_URL": server.base_url,
                        "TIESBOT_DATABASE": str(db),
                    }
                )
                application = build_application(config, clock=lambda: NOW)
            else:
                application = build_echo(server.base_url)
            await start_application(application)
            await application.updater.start_polling(
                poll_interval=0.0, timeout=10, allowed_updates=Update.ALL_TYPES
            )
            rss: list[tuple[float, float]] = []
            sampler = None
            try:
                await server.call("benchClear")
                # -- phase 1: the trace under Telegram's limits
                cpu0, started = time.process_time(), time.monotonic()
                sampler = asyncio.create_task(sample_rss(rss, started))
                await server.call(
                    "benchPush", updates=[u for _, u in trace], delays=[t for t, _ in trace]
                )
                await asyncio.sleep(seconds / 2)
                fired = time.monotonic()
                echo_task = None
                if bot == "echo":
                    echo_task = asyncio.create_task(echo_broadcast(application, subs))
                finished = await wait_broadcast(
                    bot, application, subs, echo_task, started + seconds + args.drain
                )
                result["broadcast"] = {
                    "chats": len(subs),
                    "seconds": finished - fired,
                    "at_30_per_s": len(subs) / 30,
                }
                if bot == "tiesbot":
                    store = application.bot_data["services"].store
                    result["broadcast"]["send_log"] = dict(
                        Counter(r["status"] for r in store.send_log())
                    )
                await asyncio.sleep(max(0.0, started + seconds - time.monotonic()))
                cpu_used = time.process_time() - cpu0
                drain_until = time.monotonic() + args.drain
                while time.monotonic() < drain_until:
                    brief = await server.call("benchLatency", brief=True)
                    if brief["outstanding"] == 0:
                        break
                    await asyncio.sleep(1.0)
                data = await server.call("benchLatency")
                stats = await server.call("benchStats")
                limited = analyse(data["records"], started, seconds, (fired, finished))
                limited["bot_cpu_seconds"] = cpu_used
                limited["bot_cpu_ms_per_update"] = 1000 * cpu_used / max(1, limited["answered"])
                limited["server_failures"] = data["failures"]
                limited["button_fallbacks"] = data["button_fallbacks"]
                limited["rate_limited_429"] = stats["rate_limited"]
                limited["429_reasons"] = stats.get("reasons")
                limited["server_cpu_seconds"] = data["server_cpu_seconds"]
                limited["loadavg"] = data["loadavg"]
                limited["logs"] = dict(logs.counts)
                limited["log_examples"] = dict(logs.examples.most_common(8))
                result["limited"] = limited
                # -- phase 2: CPU-bound, limits off, closed loop
                logs.counts.clear()
                logs.examples.clear()
                await server.call("benchClear")
                await server.call("benchLimits", enforce=False)
                lift_limits(application, bot)
                templates = [u for _, u in trace[: args.cpu_updates]]
                profile = cProfile.Profile() if args.profile and bot == "tiesbot" else None
                cpu0, cpu_start = time.process_time(), time.monotonic()
                await server.call(
                    "benchSaturate", updates=templates, backlog=args.backlog, seconds=args.cpu
                )
                if profile is not None:
                    profile.enable()
                await asyncio.sleep(args.cpu)
                if profile is not None:
                    profile.disable()
                    out = io.StringIO()
                    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(40)
                    result["profile"] = out.getvalue()
                cpu_used = time.process_time() - cpu0
                await asyncio.sleep(2.0)
                data = await server.call("benchLatency")
                warm = min(5.0, args.cpu / 4)
                cpu = analyse(data["records"], cpu_start + warm, args.cpu - warm)
                cpu["bot_cpu_seconds"] = cpu_used
                cpu["server_cpu_seconds"] = data["server_cpu_seconds"]
                cpu["server_failures"] = data["failures"]
                cpu["logs"] = dict(logs.counts)
                cpu["log_examples"] = dict(logs.examples.most_common(8))
                cpu["loadavg"] = data["loadavg"]
                result["cpu"] = cpu
            finally:
                if sampler is not None:
                    sampler.cancel()
                await stop_application(application)
            result["rss"] = rss
    return result


# -- reporting -------------------------------------------------------------------------------


def fmt_lat(lat: dict[str, float]) -> str:
    return (
        f"p50 {lat['p50_ms']:7.0f} ms  p95 {lat['p95_ms']:7.0f} ms  "
        f"p99 {lat['p99_ms']:7.0f} ms  max {lat['max_ms']:7.0f} ms  (n={lat['n']})"
    )


def rss_summary(rss: list[tuple[float, float]]) -> dict[str, float]:
    at2 = min(rss, key=lambda s: abs(s[0] - 120))
    return {
        "start_mb": rss[0][1],
        "minute2_mb": at2[1],
        "end_mb": rss[-1][1],
        "delta_after_minute2_mb": rss[-1][1] - at2[1],
        "max_mb": max(v for _, v in rss),
    }


def report(results: dict[str, dict], args: argparse.Namespace, command: str) -> str:
    t, e = results["tiesbot"], results["echo"]
    lines = [f"command: {command}"]
    lines.append(
        f"load average at start {results['meta']['loadavg_start']}, "
        f"at end {results['meta']['loadavg_end']} (2 cores, shared machine)"
    )
    for phase, title in (("limited", "limits enforced"), ("cpu", "limits off, closed loop")):
        lines.append("")
        if phase == "limited":
            lines.append(f"== phase 1: {title}, {args.minutes} min, Poisson {args.rate}/s ==")
        else:
            lines.append(f"== phase 2: {title}, {args.backlog} outstanding, {args.cpu:.0f} s ==")
        for name, r in (("tiesbot", t), ("echo", e)):
            p = r[phase]
            lines.append(
                f"{name:8} offered {p['offered_per_s']:6.1f}/s  served {p['served_per_s']:6.1f}/s  "
                f"answered {p['answered']}/{p['pushed']}  "
                f"{'missing' if phase == 'limited' else 'in flight at end'} {p['missing']}  "
                f"bot CPU {p['bot_cpu_seconds']:.0f} s "
                f"({p['bot_cpu_seconds'] * 1000 / max(1, p['answered']):.1f} ms/update)"
            )
            lines.append(f"{'':8} latency {fmt_lat(p['latency'])}")
            if "latency_before_broadcast" in p:
                lines.append(f"{'':8} before  {fmt_lat(p['latency_before_broadcast'])}")
                lines.append(f"{'':8} after   {fmt_lat(p['latency_from_broadcast'])}")
        ratio = t[phase]["served_per_s"] / e[phase]["served_per_s"]
        lines.append(f"throughput ratio tiesbot/echo: {ratio:.2f}  (target ≥ 0.8)")
    lines.append("")
    lines.append("tiesbot latency by kind (phase 1):")
    for kind, lat in t["limited"]["by_kind"].items():
        lines.append(f"  {kind:14} {fmt_lat(lat)}")
    lines.append("")
    lines.append("per minute (phase 1)   tiesbot offered/served/p95      echo offered/served/p95")
    for a, b in zip(t["limited"]["per_minute"], e["limited"]["per_minute"], strict=False):
        lines.append(
            f"  min {a['minute']:2}  {a['offered_per_s']:6.1f} {a['served_per_s']:6.1f} "
            f"{a['p95_ms']:8.0f} ms     {b['offered_per_s']:6.1f} {b['served_per_s']:6.1f} "
            f"{b['p95_ms']:8.0f} ms"
        )
    lines.append("")
    for name, r in (("tiesbot", t), ("echo", e)):
        b = r["broadcast"]
        lines.append(
            f"broadcast {name}: {b['chats']} chats in {b['seconds']:.1f} s "
            f"(30 msg/s alone: {b['at_30_per_s']:.1f} s) {b.get('send_log', '')}"
        )
    lines.append("")
    for name, r in (("tiesbot", t), ("echo", e)):
        s = rss_summary(r["rss"])
        series = " ".join(f"{v:.0f}" for _, v in r["rss"])
        lines.append(
            f"RSS {name} (MB, every {RSS_EVERY:.0f} s): start {s['start_mb']:.1f}, "
            f"minute 2 {s['minute2_mb']:.1f}, end {s['end_mb']:.1f}, "
            f"delta after minute 2 {s['delta_after_minute2_mb']:+.1f}, max {s['max_mb']:.1f}"
        )
        lines.append(f"  series: {series}")
    lines.append("(echo runs after tiesbot in the same process: its RSS includes tiesbot's heap)")
    lines.append("")
    for name, r in (("tiesbot", t), ("echo", e)):
        for phase in ("limited", "cpu"):
            p = r[phase]
            lines.append(
                f"errors {name} {phase}: logs {p['logs'] or '{}'}; "
                f"{'missing' if phase == 'limited' else 'in flight at end'} {p['missing']} "
                f"{p['missing_by_kind'] or ''}; 429s {p.get('rate_limited_429', '-')} "
                f"{p.get('429_reasons') or ''}"
            )
            for text, n in p["server_failures"].items():
                if not text.startswith("getUpdates 409"):
                    lines.append(f"    server non-ok: {n:5} × {text}")
            for text, n in p["log_examples"].items():
                lines.append(f"    log: {n:5} × {text}")
        if r["limited"].get("button_fallbacks"):
            lines.append(f"  button presses without a keyboard: {r['limited']['button_fallbacks']}")
    return "\n".join(lines)


async def main_async(args: argparse.Namespace, command: str) -> None:
    database = ensure_database(args.articles, args.seed)
    seconds = args.minutes * 60
    trace = make_trace(args.seed, args.rate, seconds, args.users, args.groups, args.articles + 1)
    print(
        f"trace: {len(trace)} updates over {seconds:.0f} s "
        f"({dict(Counter(u['bench_kind'] for _, u in trace))})",
        flush=True,
    )
    logs = LogCounter()
    root = logging.getLogger()
    root.handlers[:] = [logs]
    root.setLevel(logging.INFO)
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    results: dict[str, Any] = {"meta": {"loadavg_start": os.getloadavg()}}
    for bot in ("tiesbot", "echo"):
        print(f"running {bot} ...", flush=True)
        results[bot] = await run_bot(bot, args, trace, database, logs)
    results["meta"]["loadavg_end"] = os.getloadavg()
    text = report(results, args, command)
    print(text)
    if "profile" in results["tiesbot"]:
        print("\ntiesbot profile, phase 2 (slows it down; figures above are not comparable):")
        print(results["tiesbot"]["profile"])
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (OUT / f"soak-{stamp}.json").write_text(json.dumps(results, indent=1, default=str))
    print(f"\nfull figures: bench/out/soak-{stamp}.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--quick", action="store_true", help="1 minute, smaller broadcast")
    parser.add_argument("--rate", type=float, default=25.0, help="offered updates per second")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--subscriptions", type=int, default=None, help="1000 (quick: 300)")
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles in the DB")
    parser.add_argument("--cpu", type=float, default=None, help="CPU phase seconds (60; quick 20)")
    parser.add_argument("--backlog", type=int, default=200, help="outstanding updates, phase 2")
    parser.add_argument("--cpu-updates", type=int, default=3000, help="distinct phase-2 updates")
    parser.add_argument("--drain", type=float, default=None, help="max wait for late replies")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true", help="cProfile tiesbot in phase 2")
    args = parser.parse_args()
    if args.quick:
        args.minutes = 1.0
    args.subscriptions = args.subscriptions or (300 if args.quick else 1000)
    args.cpu = args.cpu or (20.0 if args.quick else 60.0)
    args.drain = args.drain if args.drain is not None else (20.0 if args.quick else 60.0)
    command = ".venv/bin/python " + " ".join(["bench/soak.py", *sys.argv[1:]])
    asyncio.run(main_async(args, command))


if __name__ == "__main__":
    main()
