"""Query benchmark: /search, /visits, /agreements and /ask over 100,000 articles.

Target (issue): with 100,000 synthetic articles stored, p95 in-process time
from Update to reply text (no network) ≤ 25 ms for each command, and /search
within 2× the bare FTS5 query it wraps, measured in the same run.

**The database** (cached as bench/out/queries-<n>-seed<seed>.db; ``--rebuild``
forces a new one). Extracting 100,000 articles would take the ingest
pipeline's 15–20 minutes, so the database is built from a few hundred real
extractions instead: ``--templates`` synthetic articles (bench/corpus.py)
go through the real pipeline (``prepare`` → ``Store.add_article``) into an
in-memory store, and their stored rows — article, sentences, facts with
their derived columns — are the templates. Article k is template
``k % templates`` in variant ``k // templates``: every leader's name (full
name and surname) is swapped for another invented leader of the same
country, every year is shifted back by 0, 4, 8 or 12 years (dates, sort keys, years,
text alike), and the hashes are made unique. The rows then go in with plain
INSERTs (bench/ingest.py ``BareInsert``, which writes the FTS5 rows too),
1,000 articles per transaction.

**The measurement.** The real Application is built with
``build_application(config, request=RecordingRequest())`` — the console's
offline Bot API, recording replies instead of printing them — and started
with ``start_application``. Each query is a Telegram Update prepared
beforehand; the time is ``await application.process_update(update)``
(handler, store, templates, and PTB serialising the reply). One untimed pass
over all queries warms the caches, then the timed pass runs them in a
shuffled order. For every /search, the bare FTS5 statements it runs are
timed on the same connection, next to it, alternating which runs first: the
warm-up pass records every statement of /search that reads ``sentences_fts
MATCH`` (the per-word probes, the window of newest matches or the
``ORDER BY rank`` page, the any-word retry, the highlights of the page), with
its parameters, and the timed pass replays them, reading every row. What the
ratio leaves to /search is its own work: the statistics lookups, the ranking
in Python, the sentences' and titles' rows, the template and PTB.

    .venv/bin/python bench/queries.py [--n 100000] [--queries 250] [--rebuild]
        [--profile COMMAND]
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import hashlib
import itertools
import json
import os
import pstats
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import GOODS, SUMMITS, TOPICS, World, generate, make_world  # noqa: E402
from bench.ingest import BareInsert, fact_columns, pin_to_one_core, stored_rows  # noqa: E402

OUT = ROOT / "bench" / "out"
DB_FORMAT = 1  # bump when the build changes, so cached databases are rebuilt
TARGET_P95_MS = 25.0
TARGET_SEARCH_RATIO = 2.0
COMMANDS = ("search", "visits", "agreements", "ask")
CRASH_TEXT = "something went wrong"
_YEAR_RE = re.compile(r"(?<![\d.,$])(19[5-9]\d|20[0-4]\d)(?![\d,]\d)")


# -- building the database ---------------------------------------------------------


class _Cut(tuple):
    """A text cut at leader names and years: literal, token, literal, …, literal."""


class Variants:
    """The templates, cut once at every leader name and year, so a variant is a join.

    Variant ``v`` gives every leader (full name and surname) the name of the
    leader ``v`` places further in the same country's list, and shifts every
    year back by 0, 4, 8 or 12 — whole leap cycles, so 29 February stays a date.
    """

    def __init__(self, world: World, rows: list[tuple[tuple, list[str], list[tuple]]]) -> None:
        self.world = world
        names = {x for group in world.leaders.values() for p in group for x in (p.name, p.family)}
        alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        self.token_re = re.compile(rf"\b(?:{alternatives})\b|{_YEAR_RE.pattern}")
        self.templates = [
            (
                tuple(map(self._cut, article)),
                [self._cut(text) for text in sentences],
                [tuple(map(self._cut, fact)) for fact in facts],
            )
            for article, sentences, facts in rows
        ]

    def _cut(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        parts, last = [], 0
        for match in self.token_re.finditer(value):
            parts += [value[last : match.start()], match[0]]
            last = match.end()
        return _Cut([*parts, value[last:]]) if parts else value

    def variant(self, v: int) -> tuple[dict[str, str], int]:
        """(name mapping, year shift) of variant ``v``."""
        mapping: dict[str, str] = {}
        for leaders in self.world.leaders.values():
            for i, leader in enumerate(leaders):
                other = leaders[(i + v) % len(leaders)]
                mapping[leader.name] = other.name
                mapping[leader.family] = other.family
        return mapping, -4 * ((v * 3) % 4)

    @staticmethod
    def render(value: Any, mapping: dict[str, str], shift: int) -> Any:
        if type(value) is not _Cut:
            return value
        out = list(value)
        for i in range(1, len(out), 2):
            token = out[i]
            out[i] = str(int(token) + shift) if token[0].isdigit() else mapping[token]
        return "".join(out)


def _unique_hash(value: str | None, k: int) -> str | None:
    return hashlib.sha1(f"{k}:{value}".encode()).hexdigest() if value else value


def build_database(path: Path, n: int, seed: int, templates: int) -> dict[str, Any]:
    """Write the benchmark database to ``path`` (see the module docstring)."""
    from bot.ingest import prepare
    from bot.store import Store

    started = time.perf_counter()
    scratch = Store.open(":memory:")
    for name, text in generate(templates, seed):
        prepared = prepare(text, name=name)
        scratch.add_article(prepared.article, prepared.facts, prepared.summary)
    rows = stored_rows(scratch.db.conn)
    scratch.close()
    extracted = time.perf_counter() - started

    variants = Variants(make_world(seed), rows)
    building = path.with_name(path.name + ".building")
    for leftover in path.parent.glob(building.name + "*"):
        leftover.unlink()
    store = Store.open(building)
    conn = store.db.conn
    bare = BareInsert(conn)
    year_column = fact_columns(conn)[1:].index("year")
    hashes = (5, 6)  # content_hash, body_hash in bench.ingest.ARTICLE_COLUMNS
    render = variants.render
    conn.execute("BEGIN")
    for k in range(n):
        template, v = k % len(rows), k // len(rows)
        if template == 0:
            mapping, shift = variants.variant(v)
        article, sentences, facts = variants.templates[template]
        new_article = [render(value, mapping, shift) for value in article]
        for index in hashes:
            new_article[index] = _unique_hash(rows[template][0][index], k)
        new_facts = []
        for fact in facts:
            row = [render(value, mapping, shift) for value in fact]
            if row[year_column] is not None:
                row[year_column] += shift
            new_facts.append(row)
        bare.add(tuple(new_article), [render(t, mapping, shift) for t in sentences], new_facts)
        if k % 1000 == 999:
            bare.flush()
            conn.execute("COMMIT")
            conn.execute("BEGIN")
    bare.flush()
    conn.execute("COMMIT")
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "sentences", "facts")
    }
    store.close()
    building.replace(path)
    return {
        "format": DB_FORMAT,
        "n": n,
        "seed": seed,
        "templates": len(rows),
        "extract_seconds": round(extracted, 1),
        "build_seconds": round(time.perf_counter() - started, 1),
        "rows": counts,
        "mb": round(path.stat().st_size / 1e6),
    }


def ensure_database(n: int, seed: int, templates: int, rebuild: bool) -> tuple[Path, dict]:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"queries-{n}-seed{seed}.db"
    meta_path = path.with_suffix(".json")
    wanted = {"format": DB_FORMAT, "n": n, "seed": seed, "templates": templates}
    if not rebuild and path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if all(meta.get(key) == value for key, value in wanted.items()):
            meta["cached"] = True
            return path, meta
    print(f"building {path.name} ({n:,} articles from {templates} templates)…", flush=True)
    meta = build_database(path, n, seed, templates)
    meta_path.write_text(json.dumps(meta, indent=2))
    meta["cached"] = False
    return path, meta


# -- the queries -------------------------------------------------------------------

EVENT_WORDS = (
    "visit", "loan", "grant", "agreement", "anniversary", "talks", "summit", "investment",
    "trade", "memorandum", "courtesy call", "state visit", "official visit", "pledged",
    "sidelines", "diplomatic relations",
)  # fmt: skip
MISSING_WORDS = ("volcano", "submarine", "orchestra", "glacier", "chess", "satellite launch")


def make_queries(world: World, seed: int, count: int) -> dict[str, list[tuple[str, str]]]:
    """``count`` (category, argument text) pairs per command, drawn from the corpus' words."""
    rng = random.Random(f"queries:{seed}")
    countries = list(world.countries.values())
    leaders = [leader for group in world.leaders.values() for leader in group]

    def country() -> str:
        return rng.choice(countries).canonical

    def pair() -> tuple[Any, Any]:
        a, b = rng.choice(world.pairs)
        return world.countries[a], world.countries[b]

    def leader() -> Any:
        return rng.choice(leaders)

    def year() -> int:
        return rng.randint(1985, 2025)

    search: list[Callable[[], tuple[str, str]]] = [
        lambda: ("country", country()),
        lambda: ("event word", rng.choice(EVENT_WORDS)),
        lambda: ("surname", leader().family),
        lambda: ("full name", leader().name),
        lambda: ("country + event", f"{country()} {rng.choice(EVENT_WORDS)}"),
        lambda: ("two countries", " ".join(c.canonical for c in pair())),
        lambda: ("name + year", f"{leader().family} {year()}"),
        lambda: ("topic", rng.choice(TOPICS)),
        lambda: ("city", rng.choice(rng.choice(countries).cities)),
        lambda: ("goods", f"{rng.choice(GOODS)} exports"),
        lambda: ("year", str(year())),
        lambda: ("no match", rng.choice(MISSING_WORDS)),
    ]
    lists: list[Callable[[], tuple[str, str]]] = [
        lambda: ("everything", ""),
        lambda: ("country", country()),
        lambda: ("demonym", rng.choice(countries).demonym.lower()),
        lambda: ("full name", leader().name),
        lambda: ("surname", leader().family),
        lambda: ("year", str(year())),
        lambda: ("range", f"{(y := year() - 10)}-{y + rng.randint(1, 10)}"),
        lambda: ("range", f"{(y := year() - 10)} to {y + rng.randint(1, 10)}"),
        lambda: ("two countries", " ".join(c.canonical for c in pair())),
        lambda: ("city", rng.choice(rng.choice(countries).cities)),
    ]
    agreements = [*lists, lambda: ("topic", rng.choice(TOPICS))]

    def ask() -> tuple[str, str]:
        a, b = pair()
        who, host = rng.choice(world.leaders[a.canonical]), rng.choice(world.leaders[b.canonical])
        choices = [
            ("when", f"When did {a.demonym} {who.role} {who.name} visit {b.name}?"),
            ("when", f"When did {who.family} last visit {b.name}?"),
            ("how much", f"How much did {a.name} pledge to {b.name}?"),
            ("how much", f"How much was the {a.demonym} loan to {b.name} worth?"),
            ("how many", f"How many times has {who.name} visited {b.name}?"),
            ("how many", f"How many agreements did {a.name} and {b.name} sign?"),
            ("who", f"Who signed the memorandum of understanding on {rng.choice(TOPICS)}?"),
            ("who", f"Who visited {b.name} in {year()}?"),
            ("where", f"Where did {who.name} meet {host.name}?"),
            ("when", f"When were diplomatic relations between {a.name} and {b.name} established?"),
            ("what", f"What did {a.name} and {b.name} sign in {year()}?"),
            ("which", f"Which summit did {who.family} attend in {year()}?"),
            ("about", f"Tell me about {rng.choice(SUMMITS)}"),
        ]
        return rng.choice(choices)

    def draw(makers: list[Callable[[], tuple[str, str]]]) -> list[tuple[str, str]]:
        return [makers[i % len(makers)]() for i in range(count)]

    return {
        "search": draw(search),
        "visits": draw(lists),
        "agreements": draw(agreements),
        "ask": [ask() for _ in range(count)],
    }


# -- the offline Application ------------------------------------------------------------


def recording_request_class() -> type:
    """The console's offline Bot API (bot.console), keeping replies instead of printing."""
    from bot.console import CONSOLE_BOT, CONSOLE_CHAT, CONSOLE_USER, OfflineRequest

    class RecordingRequest(OfflineRequest):
        def __init__(self) -> None:
            self.texts: list[str] = []
            self.message_ids = itertools.count(1)

        def answer(self, method: str, params: dict[str, Any]) -> Any:
            if method == "getMe":
                return CONSOLE_BOT
            if method == "getChat":
                return CONSOLE_CHAT
            if method == "getChatMember":
                return {"status": "creator", "user": CONSOLE_USER}
            if method in {"sendMessage", "editMessageText"}:
                text = str(params.get("text", ""))
                self.texts.append(text)
                return {
                    "message_id": next(self.message_ids),
                    "date": 0,
                    "chat": CONSOLE_CHAT,
                    "from": CONSOLE_BOT,
                    "text": text,
                }
            return True

    return RecordingRequest


def command_update(command: str, text: str, update_id: int, bot: Any) -> Any:
    from telegram import Update

    from bot.console import CONSOLE_CHAT, CONSOLE_USER

    line = f"/{command} {text}".strip()
    message = {
        "message_id": 100_000 + update_id,
        "date": int(time.time()),
        "chat": CONSOLE_CHAT,
        "from": CONSOLE_USER,
        "text": line,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(command) + 1}],
    }
    return Update.de_json({"update_id": update_id, "message": message}, bot)


# -- measuring ------------------------------------------------------------------------


class RecordingConnection:
    """The store's connection, noting the full-text statements on sentences while ``log``
    is a list, so the bare FTS5 work of a /search can be replayed on its own."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self.log: list[tuple[str, Any]] | None = None

    def execute(self, sql: str, *args: Any) -> Any:
        if self.log is not None and "sentences_fts MATCH" in sql:
            params = args[0] if args else ()
            self.log.append((sql, dict(params) if isinstance(params, dict) else list(params)))
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values),
        "mean": statistics.fmean(values),
    }


async def measure(
    db: Path, queries: dict[str, list[tuple[str, str]]], seed: int, profile: str | None
) -> dict[str, Any]:
    from bot.app import build_application, start_application, stop_application
    from bot.config import load_config
    from bot.services import SERVICES_KEY

    seeds = tempfile.mkdtemp(prefix="tiesbot-noseeds-")  # keep the seed out of the cached DB
    config = load_config({"TIESBOT_DATABASE": str(db), "TIESBOT_SEEDS": seeds})
    request = recording_request_class()()
    application = build_application(config, request=request)
    await start_application(application)
    services = application.bot_data[SERVICES_KEY]
    conn = services.store.db.conn
    recorder = RecordingConnection(conn)
    services.store.db.conn = recorder
    fts_statements: dict[str, list[tuple[str, Any]]] = {}
    update_ids = itertools.count(1)

    async def run(command: str, text: str) -> tuple[float, str]:
        update = command_update(command, text, next(update_ids), application.bot)
        request.texts.clear()
        start = time.perf_counter()
        await application.process_update(update)
        elapsed = time.perf_counter() - start
        return elapsed * 1000, "\n".join(request.texts)

    async def record(text: str) -> None:
        recorder.log = []
        await run("search", text)
        fts_statements[text], recorder.log = recorder.log, None

    def bare(text: str) -> tuple[float, int]:
        rows = 0
        start = time.perf_counter()
        for sql, params in fts_statements[text]:
            rows += len(conn.execute(sql, params).fetchall())
        return (time.perf_counter() - start) * 1000, rows

    jobs = [
        (command, category, text) for command in COMMANDS for category, text in queries[command]
    ]
    try:
        for command, _, text in jobs:  # warm-up pass, untimed
            if command == "search":
                await record(text)
                bare(text)
            else:
                await run(command, text)
        random.Random(f"order:{seed}").shuffle(jobs)
        timings: dict[str, list[float]] = defaultdict(list)
        by_category: dict[tuple[str, str], list[float]] = defaultdict(list)
        bare_times: list[float] = []
        bare_by_category: dict[str, list[float]] = defaultdict(list)
        ratios: list[float] = []
        crashes: list[tuple[str, str]] = []
        empty = defaultdict(int)
        profiler = cProfile.Profile() if profile else None
        for index, (command, category, text) in enumerate(jobs):
            bare_ms = None
            if command == "search" and index % 2 == 0:
                bare_ms, _ = bare(text)
            if profiler is not None and command == profile:
                profiler.enable()
            elapsed, reply = await run(command, text)
            if profiler is not None:
                profiler.disable()
            if command == "search" and bare_ms is None:
                bare_ms, _ = bare(text)
            if CRASH_TEXT in reply or not reply:
                crashes.append((command, text))
            if reply.startswith(("No ", "🤔")):
                empty[command] += 1
            timings[command].append(elapsed)
            by_category[(command, category)].append(elapsed)
            if bare_ms is not None:
                bare_times.append(bare_ms)
                bare_by_category[category].append(bare_ms)
                ratios.append(elapsed / bare_ms)
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("articles", "sentences", "facts")
        }
    finally:
        services.store.db.conn = conn
        await stop_application(application)
        os.rmdir(seeds)
    if profiler is not None:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(35)
        stats.sort_stats("tottime").print_stats(20)
    return {
        "rows": counts,
        "commands": {command: summary(values) for command, values in timings.items()},
        "categories": {
            f"{command}: {category}": summary(values)
            for (command, category), values in sorted(by_category.items())
        },
        "bare_fts": summary(bare_times),
        "bare_categories": {c: summary(v) for c, v in sorted(bare_by_category.items())},
        "search_over_bare": summary(ratios),
        "crashes": crashes,
        "empty_replies": dict(empty),
    }


def report(result: dict[str, Any], meta: dict[str, Any], pinned: str) -> str:
    rows = result["rows"]
    build = "cached" if meta.get("cached") else f"built in {meta['build_seconds']:.0f} s"
    lines = [
        f"Queries: {rows['articles']:,} articles, {rows['sentences']:,} sentences, "
        f"{rows['facts']:,} facts ({meta['mb']} MB; {build}, from {meta['templates']} "
        f"extracted templates); {pinned}",
        "",
        f"{'command':<12}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}   target p95 ≤ "
        f"{TARGET_P95_MS:.0f} ms",
    ]
    for command in COMMANDS:
        s = result["commands"][command]
        verdict = "meets" if s["p95"] <= TARGET_P95_MS else "MISSES"
        lines.append(
            f"/{command:<11}{s['n']:>5}{s['p50']:>9.2f}{s['p95']:>9.2f}{s['max']:>9.2f}   {verdict}"
        )
    bare = result["bare_fts"]
    lines.append(
        f"{'bare FTS5':<12}{bare['n']:>5}{bare['p50']:>9.2f}{bare['p95']:>9.2f}{bare['max']:>9.2f}"
    )
    search = result["commands"]["search"]
    ratio50, ratio95 = search["p50"] / bare["p50"], search["p95"] / bare["p95"]
    per_query = result["search_over_bare"]
    verdict = "meets" if max(ratio50, ratio95) <= TARGET_SEARCH_RATIO else "MISSES"
    lines += [
        "",
        f"/search ÷ bare FTS5: p50 {ratio50:.2f}×, p95 {ratio95:.2f}× (per query: median "
        f"{per_query['p50']:.2f}×, p95 {per_query['p95']:.2f}×) — {verdict} the "
        f"≤ {TARGET_SEARCH_RATIO:.0f}× target",
        f"replies saying nothing was found: {result['empty_replies']}; "
        f"crashes: {len(result['crashes'])}",
        "",
        f"{'by query kind':<34}{'n':>5}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}",
    ]
    for name, s in result["categories"].items():
        lines.append(f"{name:<34}{s['n']:>5}{s['p50']:>9.2f}{s['p95']:>9.2f}{s['max']:>9.2f}")
    for name, s in result["bare_categories"].items():
        label = f"bare FTS5: {name}"
        lines.append(f"{label:<34}{s['n']:>5}{s['p50']:>9.2f}{s['p95']:>9.2f}{s['max']:>9.2f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles (100000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus and query seed (1)")
    parser.add_argument("--templates", type=int, default=500, help="extracted templates (500)")
    parser.add_argument("--queries", type=int, default=250, help="queries per command (250)")
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    parser.add_argument("--profile", choices=COMMANDS, help="cProfile one command's timed runs")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    pinned = pin_to_one_core()
    db, meta = ensure_database(args.n, args.seed, args.templates, args.rebuild)
    queries = make_queries(make_world(args.seed), args.seed, args.queries)
    result = asyncio.run(measure(db, queries, args.seed, args.profile))
    meta["mb"] = round(db.stat().st_size / 1e6)  # as opened: migrations may have grown it
    print(report(result, meta, pinned))
    for command, text in result["crashes"][:10]:
        print(f"crashed: /{command} {text}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"database": meta, **result}, indent=2))


if __name__ == "__main__":
    main()
