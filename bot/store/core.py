"""The tiesbot database: the only module family that speaks SQL.

Every multi-row write runs inside ``db.atomic()`` so an article is stored
whole or not at all; full-text queries are quoted so no user text can raise
an FTS5 syntax error. Methods return the plain records of ``bot.records``.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import re
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from json.encoder import encode_basestring as _json_string
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from bot.errors import NotFound
from bot.records import Actor, Article, Fact, FactQuery, ParsedArticle, SentenceHit
from bot.store.chats import ChatQueries
from bot.store.listing import (
    ID_MASK,
    ListingQuery,
    chunks,
    listing_query,
    page_ids,
    prefix_terms,
)
from bot.store.migrations import fact_index_select, migrations
from bot.store.previews import PreviewQueries
from bot.store.search import TermStats, corpus_stats, question_window, rank_window, term_stats

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class AddResult:
    """What happened to an article handed to the store."""

    status: str  # "added" | "replaced" | "duplicate" | "near_duplicate"
    article_id: int
    # The facts as stored (with their ids, in ``facts()`` order) when the
    # article was added or replaced: callers report them without reading back.
    facts: tuple[Fact, ...] = ()


# How much of the database file reads map into memory (SQLite's default cap).
MMAP_BYTES = 0x7FFF0000

# Counting stops this many matches past the requested page: a count over a
# huge match set costs as much as reading it, and "1000+" says enough.
COUNT_CAP = 1000


class _Paging:
    """Page arithmetic shared by fact and search pages (fields come from the dataclasses)."""

    total: int
    page_size: int
    more: bool

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def total_label(self) -> str:
        """The total as a reply shows it: "37", or "1000+" when capped."""
        return f"{self.total}+" if self.more else str(self.total)


@dataclass(frozen=True)
class FactPage(_Paging):
    facts: list[Fact]
    total: int
    page: int
    page_size: int
    more: bool = False  # the count was capped: there are more than ``total``


@dataclass(frozen=True)
class SearchPage(_Paging):
    hits: list[SentenceHit]
    total: int
    page: int
    page_size: int
    more: bool = False  # the count was capped: there are more than ``total``
    # Only the newest ``total`` matches were ranked (a very common word; see
    # bot.store.search): ``more`` then says older ones were left out.
    window: bool = False


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _loads(value: str | None, default: Any) -> Any:
    return json.loads(value) if value else default


_DERIVED_COLUMNS = ("search_text", "sort_key", "year")
_DERIVED = frozenset(_DERIVED_COLUMNS)
_ACTOR_FIELDS = tuple(f.name for f in fields(Actor))
# Every fact field is a column, but its id (the rowid) and article_id (set by the store).
_FACT_FIELDS = tuple(f.name for f in fields(Fact) if f.name not in {"id", "article_id"})
# Rows are built for every stored fact (eleven an article), so cheaply: one
# attrgetter for the columns, and the list columns written as JSON from the C
# string escaper json.dumps(ensure_ascii=False) uses itself. The text is the
# same; for lists this short, json.dumps' Python layers made it twice the cost
# (7.8 against 4.1 µs for a fact's three lists).
_fact_values = attrgetter(*_FACT_FIELDS)
_actor_values = attrgetter(*_ACTOR_FIELDS)


def _json_strings(items: list[str]) -> str:
    """``json.dumps(items, ensure_ascii=False)`` for a list of strings."""
    return "[" + ", ".join(map(_json_string, items)) + "]" if items else "[]"


def _json_actor(actor: Actor) -> str:
    """``json.dumps`` of an actor as ``Fact.to_json`` gives it (no null fields)."""
    pairs = zip(_ACTOR_FIELDS, _actor_values(actor), strict=True)
    return (
        "{"
        + ", ".join(
            [f'"{key}": {_json_string(value)}' for key, value in pairs if value is not None]
        )
        + "}"
    )


def _json_actors(actors: list[Actor]) -> str:
    return "[" + ", ".join(map(_json_actor, actors)) + "]" if actors else "[]"


_JSON_COLUMNS = {"actors": _json_actors, "countries": _json_strings, "flags": _json_strings}
_JSON_AT = tuple(
    (i, _JSON_COLUMNS[name]) for i, name in enumerate(_FACT_FIELDS) if name in _JSON_COLUMNS
)
_ARTICLE_COLUMNS = (
    "title", "source", "published", "url", "body", "content_hash", "body_hash", "origin",
    "summary", "warnings", "added_at",
)  # fmt: skip


def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f"[{column}]" for column in columns)
    return f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})"


# Plain prepared INSERTs: sqlite-utils' insert() re-plans the statement and
# converts every value on each call, which cost more than the writes themselves.
_INSERT_ARTICLE = _insert_sql("articles", _ARTICLE_COLUMNS)
_INSERT_ARTICLE_WITH_ID = _insert_sql("articles", ("id", *_ARTICLE_COLUMNS))
_INSERT_SENTENCE = _insert_sql("sentences", ("article_id", "position", "text"))
_INSERT_FACT = _insert_sql("facts", ("article_id", *_FACT_FIELDS, *_DERIVED_COLUMNS))
# New rows reach the FTS5 indexes through these, one plain INSERT … VALUES per row
# (migration 0012 says why not through triggers).
_INDEX_SENTENCE = "INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)"
_INDEX_LISTING = (
    "INSERT INTO facts_listing_fts (rowid, search_text, sentence, tags) VALUES (?, ?, ?, ?)"
)
_INDEX_SIGNED = "INSERT INTO facts_signed_fts (rowid, search_text) VALUES (?, ?)"
_FACT_INDEX_ROWS = fact_index_select("article_id = ?") + " ORDER BY id"


def _stored_order(fact: Fact) -> tuple[bool, int, int]:
    """``facts()`` order within an article: sentence (SQL puts NULL first), then id."""
    return (fact.sentence_index is not None, fact.sentence_index or 0, fact.id or 0)


@dataclass
class IndexRows:
    """New rows for the FTS5 tables, as (rowid, column values…) per table."""

    sentences: list[tuple[Any, ...]] = field(default_factory=list)
    listing: list[tuple[Any, ...]] = field(default_factory=list)
    signed: list[tuple[Any, ...]] = field(default_factory=list)

    def extend(self, other: IndexRows) -> None:
        self.sentences += other.sentences
        self.listing += other.listing
        self.signed += other.signed

    def write(self, conn: sqlite3.Connection) -> None:
        """Insert the rows, one plain INSERT … VALUES each (see migration 0012),
        in ascending rowid order.

        FTS5 keeps new terms in memory only while rowids ascend: a rowid at or
        below the previous one flushes them to a segment first. The fact
        indexes' rowids follow the facts' dates, not their ids, so unsorted a
        batch of 200 articles wrote about a thousand tiny segments to merge:
        0.46 ms per article for facts_listing_fts, 0.09 ms sorted.
        """
        for sql, rows in (
            (_INDEX_SENTENCE, self.sentences),
            (_INDEX_LISTING, self.listing),
            (_INDEX_SIGNED, self.signed),
        ):
            if rows:
                rows.sort(key=itemgetter(0))
                conn.executemany(sql, rows)
                rows.clear()


@dataclass
class WriteBatch:
    """An open run of batched article writes (see ``Store.batched_writes``)."""

    max_articles: int
    max_seconds: float
    opened: float = 0.0
    articles: int = 0  # stored since the last commit
    commits: int = 0  # how many times the batch has committed so far
    # The stored articles' FTS5 rows, written just before each commit.
    index: IndexRows = field(default_factory=IndexRows)


def _stored_fact(fact: Fact, fact_id: int, article_id: int) -> Fact:
    """``fact`` as stored, with its ids: a shallow copy of its fields (a third
    of what ``copy.copy`` costs; ``dataclasses.replace`` re-runs ``__init__``)."""
    stored = object.__new__(Fact)
    stored.__dict__.update(fact.__dict__)
    stored.id, stored.article_id = fact_id, article_id
    return stored


def _fact_row(article_id: int, fact: Fact) -> tuple[Any, ...]:
    """The facts row of ``fact``: what ``fact.to_json()`` holds, lists as JSON text,
    then the derived columns (in ``_INSERT_FACT`` order), without a deep copy."""
    values = list(_fact_values(fact))
    for position, to_json in _JSON_AT:
        values[position] = to_json(values[position])
    return (article_id, *values, *_derived_columns(fact))


# The ids of the facts whose words match (facts_listing_fts keys a fact by
# minus (date << ID_BITS | id); see bot.store.listing).
_FTS_ROWIDS = (
    f"SELECT (-rowid) & {ID_MASK} AS id FROM facts_listing_fts WHERE facts_listing_fts MATCH ?"
)
# How many word filters keep their matching fact ids in a temp table (see _matching).
MATCH_TABLES = 8
# A word filter matching few facts is read through the FTS index and sorted; one
# matching many only filters an index-ordered scan of the facts. Reading n matches
# costs about n table lookups; the scan, about COUNT_CAP / (n / facts) index steps
# to count to the cap, each ~8 times cheaper: they cross near sqrt(CAP * facts / 8),
# ~12,000 matches in a million facts. Never below FEW_MATCHES.
FEW_MATCHES = 1000


@dataclass(frozen=True)
class _FactPlan:
    """The SELECT for a fact query: conditions on ``facts f`` and how words join in.

    Few word matches: the matching ids drive (``CROSS JOIN`` keeps SQLite from
    probing the FTS index once per fact). Many: the facts are read in the order
    of the (kind, sort_key, …) index and the matches are only a filter, so a
    page of ten stops after ten hits instead of sorting every match.
    """

    clauses: list[str]
    values: list[Any]  # of the clauses' placeholders
    hits: str | None = None  # a SELECT of the ids of the facts the words match
    hits_values: list[Any] | None = None
    many: bool = False

    @property
    def ordered(self) -> bool:
        """Whether rows come from an index-ordered scan (not from the matches)."""
        return self.hits is None or self.many

    def _parts(self, kind: str | None) -> tuple[str, list[str], list[Any]]:
        clauses, params = list(self.clauses), list(self.values)
        if kind is not None:
            index = next(i for i, c in enumerate(clauses) if c.startswith("f.kind IN ("))
            kinds = clauses[index].count("?")
            start = sum(c.count("?") for c in clauses[:index])
            clauses[index] = "f.kind = ?"
            params[start : start + kinds] = [kind]
        if self.hits is None:
            return "facts f", clauses, params
        hits_values = self.hits_values or []
        if self.many:
            return "facts f", [*clauses, f"+f.id IN ({self.hits})"], [*params, *hits_values]
        source = f"({self.hits}) AS hits CROSS JOIN facts f ON f.id = hits.id"
        return source, clauses, [*hits_values, *params]

    def select(self, columns: str, *, kind: str | None = None) -> str:
        source, clauses, _ = self._parts(kind)
        return f"SELECT {columns} FROM {source} WHERE {' AND '.join(clauses)}"

    @property
    def params(self) -> list[Any]:
        return self._parts(None)[2]

    def kind_params(self, kind: str) -> list[Any]:
        return self._parts(kind)[2]


def _derived_columns(fact: Fact) -> tuple[str, str | None, int | None]:
    """Columns the listing queries sort and filter on, derived from the fact
    (in ``_DERIVED_COLUMNS`` order)."""
    year: int | None = None
    sort_key: str | None = None
    if fact.date:
        parts = fact.date.split("-")
        if parts[0].isdigit():
            year = int(parts[0])
            month = parts[1] if len(parts) > 1 else "00"
            day = parts[2] if len(parts) > 2 else "00"
            sort_key = f"{year:04d}-{month:0>2}-{day:0>2}"
    actors = fact.actors
    words = [a.name for a in actors]
    if actors:
        words += [a.role for a in actors if a.role]
        words += [a.country for a in actors if a.country]
    words += fact.countries
    words += (fact.place, fact.subject, fact.visit_type, fact.kind)
    return " ".join(filter(None, words)), sort_key, year


def fts_query(words: str, *, any_word: bool = False) -> str | None:
    """An FTS5 query from free text: every word quoted, so operators such as
    AND, NEAR( or * and stray quotes are searched as words, never parsed."""
    tokens = _WORD_RE.findall(words)
    if not tokens:
        return None
    quoted = ['"' + token.replace('"', '""') + '"' for token in tokens]
    return (" OR " if any_word else " ").join(quoted)


class Store(ChatQueries, PreviewQueries):
    """Articles, sentences, facts and (in later migrations) chat state."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._generation = 0  # bumped by every article/fact write through this Store
        # FTS match -> (temp table of the matching fact ids, how many); see _matching.
        self._matches: OrderedDict[str, tuple[str, int]] = OrderedDict()
        self._matches_version: tuple[int, int] | None = None
        self._match_tables = itertools.count(1)
        # Word prefix -> the words of facts_listing_fts it stands for; see _listing.
        self._prefixes: dict[tuple[str, str | None], list[str] | None] = {}
        self._prefixes_version: tuple[int, int] | None = None
        self._batch: WriteBatch | None = None

    def version(self) -> tuple[int, int]:
        """Changes whenever articles or facts change, here or in another process.

        Our own writes bump a counter; SQLite's data_version moves when another
        connection (a CLI ingest beside the running bot) commits.
        """
        data_version = self.db.execute("PRAGMA data_version").fetchone()[0]
        return (self._generation, data_version)

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating when needed) and migrate the database at ``path``."""
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), check_same_thread=False)
            db = Database(conn)
            db.enable_wal()
            # In WAL mode NORMAL is crash-safe for the process (kill -9 loses no
            # committed transaction); only an OS crash or power cut may drop the
            # last commits. It spares an fsync per commit, which would otherwise
            # stall the event loop during a broadcast.
            db.execute("PRAGMA synchronous = NORMAL")
            # Reads through a memory map: a list or an answer looks up facts and
            # articles scattered over a big file, and a lookup through the map
            # costs about half a read() into SQLite's small page cache.
            db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        else:
            db = Database(memory=True)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA busy_timeout = 5000")
        migrations.apply(db)
        return cls(db)

    def close(self) -> None:
        self.db.close()

    # -- articles -----------------------------------------------------------

    @contextlib.contextmanager
    def batched_writes(
        self, *, max_articles: int = 200, max_seconds: float = 0.5
    ) -> Iterator[WriteBatch]:
        """Commit a run of article writes together instead of one by one.

        Each article still goes in whole or not at all: inside a batch
        ``add_article`` is a savepoint of the open transaction. What changes is
        how often SQLite commits — and a commit per article makes FTS5 write
        each article's few terms out as a segment of its own, which cost as much
        as the inserts themselves. A crash loses at most the articles since the
        last commit (``max_articles`` or ``max_seconds``), never part of one.

        For runs with a single writer only (the CLI's ingest, seed loading
        before the bot serves): another write on this connection during the
        batch would join its transaction. The yielded ``WriteBatch`` counts its
        commits, so a caller can tell which stored articles are durable yet.
        """
        conn = self.db.conn
        if self._batch is not None or conn.in_transaction:
            # Already inside a batch or a transaction: the outer one commits.
            yield WriteBatch(max_articles, max_seconds)
            return
        self._batch = WriteBatch(max_articles, max_seconds, time.monotonic())
        # A bulk write reads little through the memory map, but every page it
        # touches would stay mapped into this process: its RSS would grow with
        # the database (a 170 MB store: +150 MB). Off for the batch.
        # (An in-memory database has no map: the pragma returns no row.)
        mapped = (conn.execute("PRAGMA mmap_size").fetchone() or (0,))[0]
        conn.execute("PRAGMA mmap_size = 0")
        conn.execute("BEGIN")
        try:
            yield self._batch
        finally:
            batch, self._batch = self._batch, None
            try:
                # Whatever articles were stored are whole: keep them even when the
                # run stops on an error (one failed article rolled back its savepoint).
                if conn.in_transaction:
                    self._commit_batch(batch)
            finally:
                conn.execute(f"PRAGMA mmap_size = {int(mapped)}")

    def _batch_tick(self) -> None:
        """Commit the open batch when it has grown large or old enough."""
        batch = self._batch
        if batch is None:
            return
        batch.articles += 1
        now = time.monotonic()
        if batch.articles >= batch.max_articles or now - batch.opened >= batch.max_seconds:
            self._commit_batch(batch)
            self.db.conn.execute("BEGIN")
            batch.articles, batch.opened = 0, now
            batch.commits += 1

    def _commit_batch(self, batch: WriteBatch) -> None:
        """Index the batch's articles and commit them; on failure keep none of them.

        Their FTS5 rows are written here, outside the articles' savepoints: FTS5
        flushes its pending terms to a segment of their own at every savepoint.
        """
        conn = self.db.conn
        try:
            batch.index.write(conn)
            conn.execute("COMMIT")
        except BaseException:
            # An article without its index rows must not be committed.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _flush_batch_index(self) -> None:
        """Write the open batch's pending FTS5 rows now, before a change that may
        delete rows (FTS5 must hold a row before a trigger deletes it).

        Call it outside the change's savepoint: rolling that back would undo
        the rows just written for the batch's other articles.
        """
        if self._batch is not None:
            self._batch.index.write(self.db.conn)

    def add_article(
        self,
        parsed: ParsedArticle,
        facts: list[Fact],
        summary: list[str],
        *,
        origin: str | None = None,
    ) -> AddResult:
        """Store an article with its sentences and facts in one transaction.

        An identical text is never stored twice; a near-copy (same body under
        another title or trailer) is reported, not stored. When ``origin`` (a
        seed file path) already holds an older version, that version is
        replaced under the same id, so an edited seed file updates in place.
        """
        if origin:
            self._flush_batch_index()  # the article may replace an earlier version
        with self.db.atomic():
            same = self._article_id_where("content_hash = ?", parsed.content_hash)
            if same is not None:
                return AddResult("duplicate", same)
            previous = self._article_id_where("origin = ?", origin) if origin else None
            if previous is None and parsed.body_hash:
                near = self._article_id_where("body_hash = ?", parsed.body_hash)
                if near is not None:
                    return AddResult("near_duplicate", near)
            if previous is not None:
                self._delete_article_rows(previous)
            row = (
                parsed.title,
                parsed.source,
                parsed.published,
                parsed.url,
                parsed.body,
                parsed.content_hash,
                parsed.body_hash,
                origin,
                json.dumps(summary, ensure_ascii=False),
                json.dumps(parsed.warnings, ensure_ascii=False),
                _now(),
            )
            conn = self.db.conn
            if previous is not None:
                conn.execute(_INSERT_ARTICLE_WITH_ID, (previous, *row))
                article_id = previous
            else:
                article_id = conn.execute(_INSERT_ARTICLE, row).lastrowid
            conn.executemany(
                _INSERT_SENTENCE,
                [(article_id, i, text) for i, text in enumerate(parsed.sentences)],
            )
            index = IndexRows(self._sentence_index_rows(article_id, parsed.sentences))
            stored = self._insert_facts(article_id, facts, index)
            if self._batch is None:
                index.write(conn)
            self._generation += 1
        if self._batch is not None:
            # Written at the batch's commit, and only now that the article is whole.
            self._batch.index.extend(index)
        self._batch_tick()
        status = "replaced" if previous is not None else "added"
        return AddResult(status, article_id, stored)

    def replace_extraction(self, article_id: int, facts: list[Fact], summary: list[str]) -> None:
        """Swap an article's facts and summary for a fresh extraction, atomically."""
        self._flush_batch_index()
        with self.db.atomic():
            self.article(article_id)  # raises NotFound
            self.db["facts"].delete_where("article_id = ?", [article_id])
            index = IndexRows()
            self._insert_facts(article_id, facts, index)
            index.write(self.db.conn)
            self.db["articles"].update(
                article_id, {"summary": json.dumps(summary, ensure_ascii=False)}
            )
            self._generation += 1

    def delete_article(self, article_id: int) -> None:
        """Remove one article with its sentences and facts, nothing else."""
        self._flush_batch_index()
        with self.db.atomic():
            self.article(article_id)
            self._delete_article_rows(article_id)
            self._generation += 1

    def article(self, article_id: int) -> Article:
        # A plain statement: rows_where inspects the table first, which costs
        # more than the look-up itself (an answer reads several articles).
        rows = list(self.db.query("SELECT * FROM articles WHERE id = ?", [article_id]))
        if not rows:
            raise NotFound(f"There is no article {article_id}.")
        return self._article(rows[0])

    def articles(self, *, limit: int | None = None, offset: int = 0) -> list[Article]:
        """Articles, newest publication first (undated ones last)."""
        rows = self.db["articles"].rows_where(
            order_by="published IS NULL, published DESC, id DESC", limit=limit, offset=offset
        )
        return [self._article(row) for row in rows]

    def count_articles(self) -> int:
        return self.db["articles"].count

    def article_ids(self) -> list[int]:
        """Every article id, oldest first (what /reindex walks through)."""
        return [row["id"] for row in self.db["articles"].rows_where(select="id", order_by="id")]

    def duplicate_of(self, parsed: ParsedArticle) -> AddResult | None:
        """What add_article would refuse ``parsed`` as, without writing anything:
        a "duplicate" (same text) or a "near_duplicate" (same body), with the id."""
        same = self._article_id_where("content_hash = ?", parsed.content_hash)
        if same is not None:
            return AddResult("duplicate", same)
        if parsed.body_hash:
            near = self._article_id_where("body_hash = ?", parsed.body_hash)
            if near is not None:
                return AddResult("near_duplicate", near)
        return None

    def article_by_origin(self, origin: str) -> Article | None:
        rows = list(self.db["articles"].rows_where("origin = ?", [origin]))
        return self._article(rows[0]) if rows else None

    def sentences(self, article_id: int) -> list[str]:
        rows = self.db["sentences"].rows_where("article_id = ?", [article_id], order_by="position")
        return [row["text"] for row in rows]

    # -- facts ---------------------------------------------------------------

    def facts(self, *, kind: str | None = None, article_id: int | None = None) -> list[Fact]:
        """Stored facts in a stable order (article, then position in it)."""
        clauses, params = [], []
        if kind is not None:
            clauses.append("kind = ?")
            params.append(kind)
        if article_id is not None:
            clauses.append("article_id = ?")
            params.append(article_id)
        rows = self.db["facts"].rows_where(
            " AND ".join(clauses) or None, params, order_by="article_id, sentence_index, id"
        )
        return [self._fact(row) for row in rows]

    def fact_page(
        self, query: FactQuery, *, page: int = 0, page_size: int = 10, count: bool = True
    ) -> FactPage:
        """One page of the facts matching ``query``, in date order, with the total.

        Words match the facts' names, countries, places and subjects first;
        only when that finds nothing are the facts' sentences searched too.
        The total stops at ``COUNT_CAP`` past this page (``more`` is then set);
        ``count=False`` skips counting when only the facts are wanted: the
        total is then just what this page reaches.
        """
        offset = page * page_size
        columns: list[str | None] = ["search_text", None] if query.words else ["search_text"]
        while query.words and columns:
            # Words: from facts_listing_fts, when they can be put to it.
            listing = self._listing(query, columns[0])
            if listing is None:
                break
            found = self._listed_page(listing, page, page_size, count)
            if found is not None:
                return found
            columns.pop(0)
        for column in columns:
            plan = self._fact_plan(query, column)
            if plan is None:
                continue
            total, more = self._capped_count(
                plan.select("1"), plan.params, offset + COUNT_CAP if count else offset
            )
            if total or more:
                break
        else:
            return FactPage([], 0, page, page_size)
        direction = "DESC" if query.newest_first else "ASC"
        order = [f"{key} {direction}" for key in ("sort_key", "article_id", "sentence_index", "id")]
        qualified = ", ".join(f"f.{term}" for term in order)
        if len(query.kinds) > 1 and plan.ordered:
            # One index-ordered scan per kind, merged: ORDER BY over "kind IN (…)"
            # would sort every fact of those kinds to return ten.
            parts, params = [], []
            for kind in query.kinds:
                part = plan.select("f.*", kind=kind)
                parts.append(f"SELECT * FROM ({part} ORDER BY {qualified} LIMIT ?)")
                params += [*plan.kind_params(kind), offset + page_size]
            sql = " UNION ALL ".join(parts) + f" ORDER BY {', '.join(order)}"
        else:
            sql, params = f"{plan.select('f.*')} ORDER BY {qualified}", plan.params
        rows = [
            self._fact(row)
            for row in self.db.query(f"{sql} LIMIT ? OFFSET ?", [*params, page_size, offset])
        ]
        if not count:
            total, more = offset + len(rows), len(rows) == page_size
        return FactPage(rows, total, page, page_size, more)

    def facts_per_year(self, query: FactQuery) -> dict[int, dict[str, int]]:
        """{year: {kind: count}} of the dated facts matching ``query`` (the timeline chart)."""
        where, params = self._fact_where(query, "search_text")
        rows = self.db.query(
            f"SELECT year, kind, count(*) AS n FROM facts f WHERE {where} AND year IS NOT NULL "
            "GROUP BY year, kind ORDER BY year, kind",
            params,
        )
        table: dict[int, dict[str, int]] = {}
        for row in rows:
            table.setdefault(row["year"], {})[row["kind"]] = row["n"]
        return table

    def signed_total(self, query: FactQuery) -> tuple[float, int]:
        """Sum of US$ amounts of signed agreements matching ``query``, and how many."""
        agreements = FactQuery(
            kinds=("agreement",),
            year_from=query.year_from,
            year_to=query.year_to,
            words=query.words,
        )
        listing = self._listing(agreements, "search_text", signed=True)
        if listing is not None:
            if listing.empty:
                return 0.0, 0
            select, params = listing.ids_select()
            row = self.db.conn.execute(
                "SELECT coalesce(sum(f.amount_usd), 0), count(*) "
                f"FROM ({select}) AS m CROSS JOIN facts f INDEXED BY idx_facts_amounts_by_id "
                "ON f.id = m.id "
                "WHERE f.amount_usd IS NOT NULL",
                params,
            ).fetchone()
            return float(row[0]), row[1]
        plan = self._fact_plan(agreements, "search_text")
        if plan is None:
            return 0.0, 0
        signed = [
            "f.amount_usd IS NOT NULL",
            "coalesce(f.status, 'signed') IN ('signed', 'agreed')",
        ]
        plan = replace(plan, clauses=[*plan.clauses, *signed])
        columns = "coalesce(sum(f.amount_usd), 0) AS total, count(*) AS n"
        row = next(self.db.query(plan.select(columns), plan.params))
        return float(row["total"]), row["n"]

    def _listing(
        self, query: FactQuery, column: str | None, *, signed: bool = False
    ) -> ListingQuery | None:
        """``query`` on facts_listing_fts (bot.store.listing), its words in ``column``
        (None: names or sentence); None when it has no words or cannot be put that way."""
        if not query.words:
            return None
        version = self.version()
        if version != self._prefixes_version:
            self._prefixes.clear()
            self._prefixes_version = version

        def terms_of(prefix: str, column: str | None) -> list[str] | None:
            key = (prefix, column)
            if key not in self._prefixes:
                if len(self._prefixes) > 4096:
                    self._prefixes.clear()
                self._prefixes[key] = prefix_terms(self.db.conn, prefix, column)
            return self._prefixes[key]

        return listing_query(query, terms_of, column, signed=signed)

    def _listed_page(
        self, listing: ListingQuery, page: int, page_size: int, count: bool
    ) -> FactPage | None:
        """One page from facts_listing_fts; None when no fact matches at all."""
        if listing.empty:
            return None
        conn = self.db.conn
        offset = page * page_size
        total, more = 0, False
        if count:
            total, more = listing.count(conn, offset + COUNT_CAP)
            if not total and not more:
                return None
        loaded: dict[int, Any] = {}

        def order_keys(ids: list[int]) -> dict[int, tuple[Any, ...]]:
            if len(ids) > 4 * page_size:
                return self._order_keys(ids)
            # Few: read them whole, so the page needs no second look-up.
            loaded.update(self._fact_rows(ids))
            return {
                i: (r["sort_key"], r["article_id"], r["sentence_index"], i)
                for i, r in loaded.items()
            }

        ids = page_ids(conn, listing, offset, page_size, order_keys)
        if not count and not ids and (offset == 0 or not listing.keys(conn, 1)):
            return None
        missing = [i for i in ids if i not in loaded]
        loaded.update(self._fact_rows(missing))
        rows = [self._fact(loaded[i]) for i in ids if i in loaded]
        if not count:
            total, more = offset + len(rows), len(rows) == page_size
        return FactPage(rows, total, page, page_size, more)

    def _order_keys(self, ids: list[int]) -> dict[int, tuple[Any, ...]]:
        keys: dict[int, tuple[Any, ...]] = {}
        for chunk in chunks(ids):
            for row in self.db.conn.execute(
                "SELECT sort_key, article_id, sentence_index, id FROM facts "
                f"WHERE id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ):
                keys[row[3]] = tuple(row)
        return keys

    def _fact_rows(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        rows: dict[int, dict[str, Any]] = {}
        for chunk in chunks(ids):
            for row in self.db.query(
                f"SELECT * FROM facts WHERE id IN ({', '.join('?' * len(chunk))})", chunk
            ):
                rows[row["id"]] = row
        return rows

    def _fact_where(self, query: FactQuery, column: str | None) -> tuple[str, list[Any]]:
        """A WHERE clause over ``facts f`` for ``query`` (words through facts_listing_fts)."""
        clauses, params, match = self._fact_clauses(query, column)
        if match is not None:
            hits, hits_values, _ = self._matching(match)
            clauses.append(f"f.id IN ({hits})")
            params += hits_values
        return " AND ".join(clauses), params

    def _fact_clauses(
        self, query: FactQuery, column: str | None
    ) -> tuple[list[str], list[Any], str | None]:
        """The conditions on ``facts f`` but the words, and the FTS match of the words."""
        clauses, params = ["1"], []
        if query.kinds:
            clauses.append(f"f.kind IN ({', '.join('?' for _ in query.kinds)})")
            params += list(query.kinds)
        if query.year_from is not None:
            year_to = query.year_to if query.year_to is not None else 9999
            clauses.append("f.year BETWEEN ? AND ?")
            params += [query.year_from, year_to]
            # The same range on sort_key ("2013-08-00" starts with its year), which
            # the (kind, sort_key) index can read in order; only for 4-digit years.
            if 0 <= query.year_from <= year_to < 9999:
                clauses.append("f.sort_key >= ? AND f.sort_key < ?")
                params += [f"{query.year_from:04d}", f"{year_to + 1:04d}"]
        if query.totals is not None:
            clauses.append("f.count IS NOT NULL" if query.totals else "f.count IS NULL")
        if query.dated:
            clauses.append("f.date IS NOT NULL")
        match = None
        if query.words:
            tokens = [t for w in query.words for t in _WORD_RE.findall(w)]
            if tokens:
                match = " ".join('"' + t.replace('"', '""') + '"*' for t in tokens)
                # Never the tags column: "dated" or "kvisit" are not words of a fact.
                match = f"{{{column or 'search_text sentence'}}} : ({match})"
        return clauses, params, match

    def _fact_plan(self, query: FactQuery, column: str | None) -> _FactPlan | None:
        """How to read the facts of ``query``; None when its words match no fact at all."""
        clauses, params, match = self._fact_clauses(query, column)
        if match is None:
            return _FactPlan(clauses, params)
        facts = next(self.db.query("SELECT coalesce(max(id), 0) AS n FROM facts"))["n"]
        few = max(FEW_MATCHES, math.isqrt(COUNT_CAP * facts // 8))
        hits, hits_values, known = self._matching(match)
        if known is None:
            matched, many = self._capped_count(hits, hits_values, few)
        else:
            matched, many = known, known > few
        if not matched and not many:
            return None
        return _FactPlan(clauses, params, hits, hits_values, many)

    def _matching(self, match: str) -> tuple[str, list[Any], int | None]:
        """The facts whose FTS text matches ``match``: a SELECT of their ids, its
        parameters, and how many there are when that is known.

        A common word costs tens of milliseconds at 100,000 articles (a prefix
        query merges the doclists of every term it prefixes), and one reply
        asks for the same matches in several statements. So the ids are kept in
        a temp table until the data changes, for the last ``MATCH_TABLES``
        matches; inside a caller's transaction nothing is kept.
        """
        conn = self.db.conn
        if conn.in_transaction:
            return _FTS_ROWIDS, [match], None
        version = self.version()
        if version != self._matches_version:
            for table, _ in self._matches.values():
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            self._matches.clear()
            self._matches_version = version
        if match in self._matches:
            self._matches.move_to_end(match)
        else:
            table = f"temp.fts_matches_{next(self._match_tables)}"
            conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
            rows = conn.execute(f"INSERT INTO {table} {_FTS_ROWIDS}", [match]).rowcount
            conn.commit()  # the INSERT opened a transaction; end it so no snapshot is held
            self._matches[match] = (table, rows)
            while len(self._matches) > MATCH_TABLES:
                old, _ = self._matches.popitem(last=False)[1]
                conn.execute(f"DROP TABLE IF EXISTS {old}")
        table, rows = self._matches[match]
        return f"SELECT id FROM {table}", [], rows

    def facts_for_calendar_day(self, month: int, day: int) -> list[Fact]:
        """Facts that may be due on this month-day in some year (a superset).

        Day-precision facts of that month-day (and of 29 February on 28
        February), month-precision facts on the 1st, year-precision facts on
        1 January. The anniversary rules then decide (bot.anniversaries).
        """
        month_day = f"{month:02d}-{day:02d}"
        clauses = ["(precision = 'day' AND substr(date, 6, 5) = ?)"]
        params: list[Any] = [month_day]
        if month_day == "02-28":
            clauses.append("(precision = 'day' AND substr(date, 6, 5) = '02-29')")
        if day == 1:
            clauses.append("(precision = 'month' AND substr(date, 6, 2) = ?)")
            params.append(f"{month:02d}")
        if month_day == "01-01":
            clauses.append("precision = 'year'")
        rows = self.db.query(
            f"SELECT * FROM facts WHERE date IS NOT NULL AND ({' OR '.join(clauses)}) "
            "ORDER BY article_id, sentence_index, id",
            params,
        )
        return [self._fact(row) for row in rows]

    def count_facts_by_kind(self) -> dict[str, int]:
        rows = self.db.query("SELECT kind, count(*) AS n FROM facts GROUP BY kind ORDER BY kind")
        return {row["kind"]: row["n"] for row in rows}

    # -- search --------------------------------------------------------------

    def search_sentences(self, words: str, *, page: int = 0, page_size: int = 5) -> SearchPage:
        """Sentences matching every word (or, when none does, any word).

        Ranked by BM25; the matched words are wrapped in the HIGHLIGHT markers
        so the renderer can bold them after escaping the text. When a word is
        in ``RANK_WINDOW`` sentences or more, only the newest ``RANK_WINDOW``
        matches are ranked (``window`` is set; see bot.store.search).
        """
        _, terms = self._word_stats(words)
        return self._search_page(words, terms, page, page_size)

    def _word_stats(self, words: str) -> tuple[list[str], list[TermStats]]:
        """The distinct words of ``words`` and how common each is among the sentences."""
        tokens = list(dict.fromkeys(_WORD_RE.findall(words)))
        if not tokens:
            return [], []
        conn = self.db.conn
        rows, _, top = corpus_stats(conn)
        return tokens, [term_stats(conn, fts_query(token) or "", rows, top) for token in tokens]

    def _search_page(
        self, words: str, terms: list[TermStats], page: int, page_size: int
    ) -> SearchPage:
        """``search_sentences`` once its words' statistics are known."""
        if not terms:
            return SearchPage([], 0, page, page_size)
        conn = self.db.conn
        if any(term.common for term in terms):
            for any_word in (False, True):
                query = fts_query(words, any_word=any_word) or ""
                ids, more = rank_window(conn, query, terms, any_word)
                if ids:
                    break
            else:
                return SearchPage([], 0, page, page_size, window=True)
            chosen = ids[page * page_size : (page + 1) * page_size]
            hits = self._search_hits(query, chosen)
            return SearchPage(hits, len(ids), page, page_size, more, window=True)
        for any_word in (False, True):
            query = fts_query(words, any_word=any_word)
            if query is None:
                return SearchPage([], 0, page, page_size)
            total, more = self._capped_count(
                "SELECT 1 FROM sentences_fts WHERE sentences_fts MATCH ?",
                [query],
                page * page_size + COUNT_CAP,
            )
            if total:
                break
        else:
            return SearchPage([], 0, page, page_size)
        # The page is chosen on (rank, article, position) alone; only its rows then
        # get their highlight, text and article title.
        sql = """
            SELECT s.id
            FROM sentences_fts
            JOIN sentences s ON s.id = sentences_fts.rowid
            WHERE sentences_fts MATCH :query
            ORDER BY sentences_fts.rank, s.article_id, s.position
            LIMIT :limit OFFSET :offset
        """
        ids = [
            row["id"]
            for row in self.db.query(
                sql, {"query": query, "limit": page_size, "offset": page * page_size}
            )
        ]
        return SearchPage(self._search_hits(query, ids), total, page, page_size, more)

    def question_sentences(self, words: str, limit: int) -> list[SentenceHit]:
        """At most ``limit`` sentences for a question's words, best first.

        What /search would show, unless a word is common (see
        ``search_sentences``): then the sentences holding the question's rarest
        words, ranked by how many of its words they hold (``question_window``)
        rather than the newest matches of any one of them.
        """
        tokens, terms = self._word_stats(words)
        if not any(term.common for term in terms):
            return self._search_page(words, terms, 0, limit).hits
        query, ids = question_window(self.db.conn, tokens, terms, limit)
        return self._search_hits(query, ids, highlight=False)

    def _search_hits(
        self, query: str, ids: list[int], *, highlight: bool = True
    ) -> list[SentenceHit]:
        """The sentences ``ids`` (in that order) with their highlight (else the plain
        text) and article."""
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        # FTS5 seeks every word's doclist afresh for each "rowid = ?"; a scan of
        # the matches between the page's lowest and highest rowid is cheaper.
        snippets = {}
        if highlight:
            snippets = dict(
                self.db.execute(
                    "SELECT rowid, highlight(sentences_fts, 0, ?, ?) FROM sentences_fts "
                    "WHERE sentences_fts MATCH ? AND rowid BETWEEN ? AND ? "
                    f"AND +rowid IN ({marks})",
                    [HIGHLIGHT_START, HIGHLIGHT_END, query, min(ids), max(ids), *ids],
                ).fetchall()
            )
        rows = {
            row["id"]: row
            for row in self.db.query(
                "SELECT s.id, s.article_id, s.position, s.text, a.title, a.published "
                f"FROM sentences s JOIN articles a ON a.id = s.article_id WHERE s.id IN ({marks})",
                ids,
            )
        }
        return [
            SentenceHit(
                article_id=row["article_id"],
                title=row["title"],
                published=row["published"],
                sentence=row["text"],
                snippet=snippets.get(i, row["text"]),
                position=row["position"],
            )
            for i in ids
            if (row := rows.get(i)) is not None
        ]

    def _capped_count(self, select: str, params: list[Any], cap: int) -> tuple[int, bool]:
        """How many rows ``select`` yields, counting no further than ``cap``:
        (count, False), or (cap, True) when there are more."""
        row = next(
            self.db.query(f"SELECT count(*) AS n FROM ({select} LIMIT ?)", [*params, cap + 1])
        )
        return (cap, True) if row["n"] > cap else (row["n"], False)

    # -- helpers -------------------------------------------------------------

    def _article_id_where(self, where: str, value: Any) -> int | None:
        # Run for every article ingested: a plain statement, not rows_where's
        # table introspection.
        row = self.db.conn.execute(f"SELECT id FROM articles WHERE {where} LIMIT 1", [value])
        found = row.fetchone()
        return found[0] if found else None

    def _delete_article_rows(self, article_id: int) -> None:
        self.db["facts"].delete_where("article_id = ?", [article_id])
        self.db["sentences"].delete_where("article_id = ?", [article_id])
        self.db["articles"].delete_where("id = ?", [article_id])

    def _insert_facts(
        self, article_id: int, facts: list[Fact], index: IndexRows
    ) -> tuple[Fact, ...]:
        """Insert an article's facts, adding their FTS5 rows to ``index``; return
        them with their new ids, in ``facts()`` order."""
        if not facts:
            return ()
        conn = self.db.conn
        conn.executemany(_INSERT_FACT, [_fact_row(article_id, f) for f in facts])
        # Rows inserted in one statement get ascending ids in insertion order.
        ids = self._fact_index_rows(article_id, index)
        stored = [_stored_fact(f, i, article_id) for f, i in zip(facts, ids, strict=True)]
        stored.sort(key=_stored_order)
        return tuple(stored)

    def _sentence_index_rows(self, article_id: int, texts: list[str]) -> list[tuple[int, str]]:
        """sentences_fts rows of an article's freshly inserted sentences."""
        ids = self.db.conn.execute(
            "SELECT id FROM sentences WHERE article_id = ? ORDER BY position", (article_id,)
        )
        return list(zip((row[0] for row in ids), texts, strict=True))

    def _fact_index_rows(self, article_id: int, index: IndexRows) -> list[int]:
        """Add the FTS5 rows of an article's freshly inserted facts to ``index``;
        return the facts' ids, ascending.

        Keys, tags and membership come from SQL, the same expressions the
        update and delete triggers use, so the store and they cannot disagree.
        """
        rows = self.db.conn.execute(_FACT_INDEX_ROWS, (article_id,)).fetchall()
        index.listing += [(key, words, sentence, tags) for _, key, words, sentence, tags, _ in rows]
        index.signed += [(key, words) for _, key, words, _, _, signed in rows if signed]
        return [row[0] for row in rows]

    @staticmethod
    def _article(row: dict[str, Any]) -> Article:
        return Article(
            id=row["id"],
            title=row["title"],
            body=row["body"],
            source=row["source"],
            published=row["published"],
            url=row["url"],
            content_hash=row["content_hash"],
            added_at=row["added_at"],
            body_hash=row["body_hash"] or "",
            summary=_loads(row["summary"], []),
            origin=row["origin"],
        )

    @staticmethod
    def _fact(row: dict[str, Any]) -> Fact:
        data = {k: v for k, v in row.items() if k not in _DERIVED}
        for key in ("actors", "countries", "flags"):
            data[key] = _loads(data[key], [])
        return Fact.from_json(data)
