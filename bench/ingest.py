"""Ingest benchmark: parse + extract + summarise + store + index N synthetic articles.

Target (issue): ≥ 10,000 articles at ≥ 200 articles/s on one core "for parse +
extract + store + index", peak RSS ≤ 250 MB; the rate is printed for those
stages and for the whole ingest with its summary. The parent process
generates the corpus in memory (bench/corpus.py; not timed) and hands it to a
worker process through a file, so the worker's peak RSS is the pipeline's own
and not the generator's. The worker pins
itself to one core, then runs the real pipeline on every article into a
fresh on-disk database, timing each stage with ``time.perf_counter``:

- read/parse   ``read_document`` (decoding, cleaning, sentence split, hashes)
- extraction   ``extract_facts``
- summary      ``summarize``
- store+index  ``store_prepared`` → ``Store.add_article`` (articles, sentences
               and facts with their FTS5 rows; a savepoint per article
               inside ``Store.batched_writes``, as ``python -m bot ingest``
               commits: every 200 articles or 0.5 s)

These are exactly the calls of ``bot.ingest.prepare`` followed by
``store_prepared``, split so each can be timed, and grouped as
``bot.ingest.ingest_files`` groups them: ``STORE_GROUP`` articles read and
analysed, then stored one after another. Then the floor: the very
rows the pipeline stored (read back from its database) inserted again into
a fresh database with the same schema (FTS5 rows too) with plain
``executemany``, a savepoint per article and a commit per 200 articles —
no parsing, no extraction.

    .venv/bin/python bench/ingest.py [--n 10000] [--seed 1] [--json PATH] [--pure]

bot/extract runs compiled by mypyc where ``make`` could build it (see
bot/extract/native.py; the report says which copy ran); ``--pure`` runs the
plain Python modules for comparison.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import resource
import struct
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_RATE = 200.0
TARGET_RSS_MB = 250.0
# What the rate target covers: "parse + extract + store + index" (the summary,
# which ingest computes too, is reported beside it).
TARGET_STAGES = ("read", "extract", "store")
FLOOR_BATCH = 200  # Store.batched_writes' default max_articles
_LENGTH = struct.Struct("<I")


def rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_split_mb() -> dict[str, float]:
    """Resident memory now: heap and other anonymous pages vs mapped files (Linux)."""
    split = {}
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(("RssAnon:", "RssFile:")):
                    key, value = line.split(":")
                    split[key] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return split


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {0})
        return "pinned to CPU 0"
    return "not pinned (no sched_setaffinity)"


# -- the corpus file between the processes ------------------------------------


def write_corpus(path: Path, articles: list[tuple[str, str]]) -> None:
    with path.open("wb") as out:
        for name, text in articles:
            for part in (name.encode(), text.encode()):
                out.write(_LENGTH.pack(len(part)))
                out.write(part)


def read_corpus(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) one article at a time, so the worker never holds the corpus."""
    with path.open("rb") as source:
        while header := source.read(_LENGTH.size):
            name = source.read(_LENGTH.unpack(header)[0]).decode()
            data = source.read(_LENGTH.unpack(source.read(_LENGTH.size))[0])
            yield name, data


# -- the bare insert (also used by bench/queries.py) ---------------------------

ARTICLE_COLUMNS = (
    "title", "source", "published", "url", "body", "content_hash", "body_hash", "origin",
    "summary", "warnings", "added_at",
)  # fmt: skip
SENTENCE_COLUMNS = ("article_id", "position", "text")


def fact_columns(conn: Any) -> tuple[str, ...]:
    """Every column of ``facts`` but its id, in table order."""
    return tuple(row[1] for row in conn.execute("PRAGMA table_info(facts)") if row[1] != "id")


class BareInsert:
    """Plain prepared INSERTs into articles, sentences, facts and their FTS5 indexes.

    The store writes FTS5 rows itself (migration 0012), so the floor does too,
    and like a batch of the store it holds them until ``flush`` (call it
    before each commit): sentence and fact ids are counted here (the database
    is filled by this object alone), and the fact indexes' keys and tags come
    from the one SELECT the store uses for them.
    """

    def __init__(self, conn: Any) -> None:
        from bot.store.core import IndexRows
        from bot.store.migrations import fact_index_select

        self.conn = conn
        self.facts_columns = fact_columns(conn)
        self.article_sql = _insert_sql("articles", ARTICLE_COLUMNS)
        self.sentence_sql = _insert_sql("sentences", ("id", *SENTENCE_COLUMNS))
        self.fact_sql = _insert_sql("facts", ("id", *self.facts_columns))
        self.fact_index_sql = fact_index_select("id BETWEEN ? AND ?")
        self.last_sentence = conn.execute("SELECT coalesce(max(id), 0) FROM sentences").fetchone()[
            0
        ]
        self.last_fact = conn.execute("SELECT coalesce(max(id), 0) FROM facts").fetchone()[0]
        self.index = IndexRows()

    def add(self, article: tuple, sentences: list[str], facts: list[tuple]) -> int:
        """One article's rows (``facts`` rows without article_id, which is set here)."""
        conn = self.conn
        article_id = conn.execute(self.article_sql, article).lastrowid
        first = self.last_sentence + 1
        rows = [(first + i, article_id, i, text) for i, text in enumerate(sentences)]
        conn.executemany(self.sentence_sql, rows)
        self.index.sentences += [(row[0], row[3]) for row in rows]
        self.last_sentence += len(rows)
        if facts:
            first = self.last_fact + 1
            conn.executemany(
                self.fact_sql, [(first + i, article_id, *row) for i, row in enumerate(facts)]
            )
            self.last_fact += len(facts)
            index = conn.execute(self.fact_index_sql, (first, self.last_fact)).fetchall()
            self.index.listing += [row[1:5] for row in index]
            self.index.signed += [row[1:3] for row in index if row[5]]
        return article_id

    def flush(self) -> None:
        """Write the FTS5 rows held since the last flush."""
        self.index.write(self.conn)


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f"[{c}]" for c in columns)
    return f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' for _ in columns)})"


def stored_rows(conn: Any) -> list[tuple[tuple, list[str], list[tuple]]]:
    """Every stored article as (article row, sentences, fact rows without article_id)."""
    facts_columns = fact_columns(conn)[1:]  # article_id comes first
    sentences: dict[int, list[str]] = {}
    for article_id, text in conn.execute(
        "SELECT article_id, text FROM sentences ORDER BY article_id, position"
    ):
        sentences.setdefault(article_id, []).append(text)
    facts: dict[int, list[tuple]] = {}
    select = ", ".join(f"[{c}]" for c in facts_columns)
    for row in conn.execute(f"SELECT article_id, {select} FROM facts ORDER BY article_id, id"):
        facts.setdefault(row[0], []).append(tuple(row[1:]))
    select = ", ".join(f"[{c}]" for c in ARTICLE_COLUMNS)
    return [
        (tuple(row[1:]), sentences.get(row[0], []), facts.get(row[0], []))
        for row in conn.execute(f"SELECT id, {select} FROM articles ORDER BY id")
    ]


# -- the worker ------------------------------------------------------------------


def worker(corpus: Path, folder: Path) -> dict[str, Any]:
    """Run the pipeline, then the floor; return the measurements."""
    pinned = pin_to_one_core()
    from bot.errors import ArticleError
    from bot.extract import extract_facts, native, read_document
    from bot.ingest import STORE_GROUP, Prepared, store_prepared
    from bot.store import Store
    from bot.summary import summarize

    rss_imports = rss_mb()
    store = Store.open(folder / "pipeline.db")
    stages = dict.fromkeys(("read", "extract", "summary", "store"), 0.0)
    cpu_stages = dict.fromkeys(stages, 0.0)
    statuses: Counter[str] = Counter()
    sentences = facts = 0
    clock, cpu_clock = time.perf_counter, time.process_time
    cpu_start, wall_start = cpu_clock(), clock()
    batch = contextlib.ExitStack()
    batch.enter_context(store.batched_writes())  # as `python -m bot ingest` commits
    corpus_items = read_corpus(corpus)
    # As ``ingest_files`` does: read and analyse STORE_GROUP articles, then store them.
    while group := list(itertools.islice(corpus_items, STORE_GROUP)):
        held = []
        for name, data in group:
            t0, c0 = clock(), cpu_clock()
            try:
                article = read_document(data, filename=name)
                if not article.sentences:
                    raise ArticleError("has no sentences to read")
            except ArticleError:
                statuses["error"] += 1
                stages["read"] += clock() - t0
                cpu_stages["read"] += cpu_clock() - c0
                continue
            t1, c1 = clock(), cpu_clock()
            found = extract_facts(article)
            t2, c2 = clock(), cpu_clock()
            summary = summarize(article.sentences)
            t3, c3 = clock(), cpu_clock()
            stages["read"] += t1 - t0
            stages["extract"] += t2 - t1
            stages["summary"] += t3 - t2
            cpu_stages["read"] += c1 - c0
            cpu_stages["extract"] += c2 - c1
            cpu_stages["summary"] += c3 - c2
            held.append((name, Prepared(article, found, summary)))
        for name, prepared in held:
            t3, c3 = clock(), cpu_clock()
            report = store_prepared(store, prepared, name=name, origin=None)
            stages["store"] += clock() - t3
            cpu_stages["store"] += cpu_clock() - c3
            statuses[report.status] += 1
            sentences += len(prepared.article.sentences)
            facts += len(prepared.facts)
    t0, c0 = clock(), cpu_clock()
    batch.close()  # the last commit is store work too
    stages["store"] += clock() - t0
    cpu_stages["store"] += cpu_clock() - c0
    wall = clock() - wall_start
    cpu = cpu_clock() - cpu_start
    rss_pipeline = rss_mb()
    rss_split = rss_split_mb()
    store.close()
    db_bytes = sum(p.stat().st_size for p in folder.glob("pipeline.db*"))

    # The floor: the same rows, bare INSERTs, a savepoint per article and a
    # commit per FLOOR_BATCH articles (the pipeline's batches are at most that).
    source = Store.open(folder / "pipeline.db")
    rows = stored_rows(source.db.conn)
    source.close()
    floor_store = Store.open(folder / "floor.db")
    conn = floor_store.db.conn
    bare = BareInsert(conn)
    floor_start, floor_cpu_start = clock(), cpu_clock()
    conn.execute("BEGIN")
    for number, (article_row, texts, fact_rows) in enumerate(rows, 1):
        with floor_store.db.atomic():  # a savepoint per article, as add_article's
            bare.add(article_row, texts, fact_rows)
        if number % FLOOR_BATCH == 0:
            bare.flush()
            conn.execute("COMMIT")
            conn.execute("BEGIN")
    bare.flush()
    conn.execute("COMMIT")
    floor, floor_cpu = clock() - floor_start, cpu_clock() - floor_cpu_start
    floor_store.close()
    return {
        "pinned": pinned,
        "stages": stages,
        "cpu_stages": cpu_stages,
        "wall": wall,
        "cpu": cpu,
        "statuses": dict(statuses),
        "sentences": sentences,
        "facts": facts,
        "rss_imports_mb": rss_imports,
        "rss_pipeline_mb": rss_pipeline,
        "rss_split_mb": rss_split,
        "db_mb": db_bytes / 1e6,
        "floor": floor,
        "floor_cpu": floor_cpu,
        "floor_articles": len(rows),
        "extraction_build": native.status(),
    }


# -- the parent --------------------------------------------------------------------


def report(result: dict[str, Any], n: int, seed: int, generation: dict[str, float]) -> str:
    """The table: per-stage wall and CPU time, rate, floor ratio, RSS."""
    stored = sum(result["statuses"].get(s, 0) for s in ("added", "replaced"))
    wall, cpu = result["stages"], result["cpu_stages"]
    total, total_cpu = sum(wall.values()), sum(cpu.values())
    rate, cpu_rate = n / result["wall"], n / result["cpu"]
    lines = [
        f"Ingest: {n:,} synthetic articles (seed {seed}), {result['sentences'] / n:.1f} "
        f"sentences and {result['facts'] / n:.1f} facts per article; worker {result['pinned']}",
        f"(generation, not timed: {generation['seconds']:.1f} s, "
        f"{generation['mb']:.1f} MB of text); outcomes: {result['statuses']}",
        f"bot/extract ran as: {result['extraction_build']}",
        "",
        f"{'stage':<34}{'wall ms/art':>12}{'share':>8}{'CPU ms/art':>12}{'share':>8}",
    ]
    names = {
        "read": "read/parse (incl. sentence split)",
        "extract": "fact extraction",
        "summary": "summary",
        "store": "store + index",
    }
    for key, label in names.items():
        lines.append(
            f"{label:<34}{wall[key] / n * 1000:>12.2f}{wall[key] / total:>8.1%}"
            f"{cpu[key] / n * 1000:>12.2f}{cpu[key] / total_cpu:>8.1%}"
        )
    lines.append(
        f"{'total':<34}{total / n * 1000:>12.2f}{1:>8.0%}{total_cpu / n * 1000:>12.2f}{1:>8.0%}"
    )
    floor_ms = result["floor"] / result["floor_articles"] * 1000
    floor_cpu_ms = result["floor_cpu"] / result["floor_articles"] * 1000
    store_ms = wall["store"] / stored * 1000 if stored else float("nan")
    # The target names parse + extract + store + index; the summary is timed
    # and reported too, with and without it.
    target_wall = sum(wall[key] for key in TARGET_STAGES)
    target_cpu = sum(cpu[key] for key in TARGET_STAGES)
    target_rate, target_cpu_rate = n / target_wall, n / target_cpu
    verdict_rate = "meets" if target_rate >= TARGET_RATE else "MISSES"
    verdict_rss = "meets" if result["rss_pipeline_mb"] <= TARGET_RSS_MB else "MISSES"
    lines += [
        "",
        f"parse + extract + store + index (the target's stages): {target_rate:.0f} "
        f"articles/s wall, {target_cpu_rate:.0f}/s on CPU time — {verdict_rate} the "
        f"≥ {TARGET_RATE:.0f}/s target",
        f"whole ingest, summary included: {rate:.0f} articles/s wall, {cpu_rate:.0f}/s on CPU time",
        f"floor (bare insert of the same rows, {result['floor_articles']:,} articles): "
        f"{floor_ms:.2f} ms/article wall ({1000 / floor_ms:.0f}/s), {floor_cpu_ms:.2f} ms CPU",
        f"pipeline / floor: {total / n * 1000 / floor_ms:.1f}× wall, "
        f"{total_cpu / n * 1000 / floor_cpu_ms:.1f}× CPU;   store+index stage / floor: "
        f"{store_ms / floor_ms:.2f}× wall",
        f"peak RSS of the worker: {result['rss_pipeline_mb']:.0f} MB "
        f"(after imports: {result['rss_imports_mb']:.0f} MB) — {verdict_rss} the "
        f"≤ {TARGET_RSS_MB:.0f} MB target; at the end "
        + ", ".join(f"{k} {v:.0f} MB" for k, v in result.get("rss_split_mb", {}).items()),
        f"database: {result['db_mb']:.0f} MB on disk",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (10000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (1)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--pure",
        action="store_true",
        help="run bot/extract as plain Python even where a compiled build exists",
    )
    parser.add_argument("--worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return

    from bench.corpus import generate

    start = time.perf_counter()
    articles = list(generate(args.n, args.seed))
    generation = {
        "seconds": time.perf_counter() - start,
        "mb": sum(len(text.encode()) for _, text in articles) / 1e6,
    }
    with tempfile.TemporaryDirectory(prefix="tiesbot-ingest-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.bin"
        write_corpus(corpus, articles)
        del articles
        completed = subprocess.run(
            [
                sys.executable,
                *(("-X", "tiesbot-pure") if args.pure else ()),
                __file__,
                "--worker",
                str(corpus),
                str(folder),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
    result = json.loads(completed.stdout)
    print(report(result, args.n, args.seed, generation))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"n": args.n, "seed": args.seed, "generation": generation, **result}
        args.json.write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    main()
