"""Fact lists filtered by words, read from ``facts_listing_fts`` (migration 0008).

That index keys every fact by ``date << 36 | id`` (date as YYYYMMDD, 0 when
undated; the rowid is minus the key, see ListingQuery), and indexes its filter
words beside "k<kind>", "total" and "dated" tags. So "the ten newest visits
mentioning Japan" is a walk of FTS5 doclists in rowid order that stops after
ten, a year range is a rowid range FTS5 seeks to, and a count stops at its cap
the same way (lists oldest first, /timeline's, keep the plain path). FTS5
merges a prefix query's doclists in full before the first row, so each word's
prefix is first expanded into the words it stands for (from the index's
vocabulary), which FTS5 then reads lazily.

Key order is (date, id); lists order ties on a date by (article, sentence,
id). The facts sharing the date of a page's last row are read as well and the
page sorted exactly, unless more than ``BUCKET_MAX`` share it (a common word's
undated facts): those keep (date, id) order, the order they were stored in.
The tags are words too: "k<kind>", "t<kind>" for a total ("visited 21 times")
of that kind, "total", and "dated". The signed agreements with an amount,
which /agreements sums, have their own small index (facts_signed_fts).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bot.records import FactQuery
from bot.store.migrations import LISTING_ID_BITS

ID_BITS = LISTING_ID_BITS  # the key layout migration 0008 chose
ID_MASK = (1 << ID_BITS) - 1
MAX_PREFIX_TERMS = 40  # a shorter prefix is left to the plain path (Store._fact_plan)
BUCKET_MAX = 100
_TERM_RE = re.compile(r"[a-z0-9]+")
_WORD_RE = re.compile(r"\w+", re.UNICODE)
VOCAB = "temp.facts_listing_vocab"  # words of every column
COLUMN_VOCAB = "temp.facts_listing_column_vocab"  # per column


def fold(token: str) -> str:
    """A query word as FTS5's unicode61 (remove_diacritics 2) indexes it."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def prefix_terms(conn: sqlite3.Connection, prefix: str, column: str | None) -> list[str] | None:
    """The indexed words starting with ``prefix`` (in ``column``, else in any);
    None when there are too many."""
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} USING fts5vocab(main, facts_listing_fts, row)"
    )
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {COLUMN_VOCAB} "
        "USING fts5vocab(main, facts_listing_fts, col)"
    )
    bounds: list[str] = [prefix, prefix + "\U0010ffff"]
    if column is None:
        sql = f"SELECT term FROM {VOCAB} WHERE term >= ? AND term <= ? LIMIT ?"
    else:
        sql = f"SELECT term FROM {COLUMN_VOCAB} WHERE term >= ? AND term <= ? AND col = ? LIMIT ?"
        bounds.append(column)
    rows = conn.execute(sql, [*bounds, MAX_PREFIX_TERMS + 1]).fetchall()
    if len(rows) > MAX_PREFIX_TERMS:
        return None
    return [term for (term,) in rows]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class ListingQuery:
    """A FactQuery as an FTS5 match and a range of keys (date << 36 | id).

    The rowids are minus the keys, so FTS5 reads the newest first in ascending
    rowid order: SQLite 3.40's FTS5 can drop rows of an AND of long doclists
    walked in descending order, so no query here does that.
    """

    match: str
    low: int | None  # keys
    high: int | None
    empty: bool = False  # a word matches no indexed word at all
    table: str = "facts_listing_fts"  # or facts_signed_fts (migration 0010)

    def where(self, *, low: int | None = None, high: int | None = None) -> tuple[str, list]:
        clauses, params = [f"{self.table} MATCH ?"], [self.match]
        lows = [x for x in (self.low, low) if x is not None]
        highs = [x for x in (self.high, high) if x is not None]
        if highs:
            clauses.append("rowid >= ?")
            params.append(-min(highs))
        if lows:
            clauses.append("rowid <= ?")
            params.append(-max(lows))
        return " AND ".join(clauses), params

    def keys(
        self, conn: sqlite3.Connection, limit: int, *, low: int | None = None,
        high: int | None = None,
    ) -> list[int]:  # fmt: skip
        """The keys of the first ``limit`` matches, newest first."""
        where, params = self.where(low=low, high=high)
        sql = f"SELECT rowid FROM {self.table} WHERE {where} ORDER BY rowid ASC LIMIT ?"
        return [-rowid for (rowid,) in conn.execute(sql, [*params, limit])]

    def count(self, conn: sqlite3.Connection, cap: int) -> tuple[int, bool]:
        where, params = self.where()
        sql = f"SELECT count(*) FROM (SELECT rowid FROM {self.table} WHERE {where} LIMIT ?)"
        n = conn.execute(sql, [*params, cap + 1]).fetchone()[0]
        return (cap, True) if n > cap else (n, False)

    def ids_select(self) -> tuple[str, list]:
        """A SELECT of the ids of every matching fact."""
        where, params = self.where()
        return f"SELECT (-rowid) & {ID_MASK} AS id FROM {self.table} WHERE {where}", params


def listing_query(
    query: FactQuery, terms_of: callable, column: str | None, *, signed: bool = False
) -> ListingQuery | None:
    """``query`` on facts_listing_fts, its words in ``column`` (None: in the names or the
    sentence), or None when it cannot be put that way.

    ``terms_of(prefix, column)`` gives the indexed words a prefix stands for
    (None: too many)."""
    groups = []
    for word in query.words:
        for token in _WORD_RE.findall(word):
            prefix = fold(token)
            if not _TERM_RE.fullmatch(prefix):
                return None
            terms = terms_of(prefix, column)
            if terms is None:
                return None
            if not terms:
                return ListingQuery("", None, None, empty=True)
            groups.append("(" + " OR ".join(map(_quote, terms)) + ")")
    if not groups or not query.newest_first:
        return None
    tags = []
    if query.kinds:
        tags.append("(" + " OR ".join(_quote(f"k{kind}") for kind in query.kinds) + ")")
    else:
        tags.append('"fact"')
    if query.dated:
        tags.append('"dated"')
    if query.totals is True:
        if query.kinds:
            tags[0] = "(" + " OR ".join(_quote(f"t{kind}") for kind in query.kinds) + ")"
        else:
            tags.append('"total"')
    tag_match = " AND ".join(tags)
    if query.totals is False:
        tag_match = f'({tag_match}) NOT "total"'
    columns = column or "search_text sentence"
    match = f"({{{columns}}} : ({' AND '.join(groups)})) AND ({{tags}} : ({tag_match}))"
    table = "facts_listing_fts"
    if signed:
        # Signed agreements with an amount have an index of their own (only the
        # words: its rows are all of that kind).
        match, table = " AND ".join(groups), "facts_signed_fts"
    low = high = None
    if query.year_from is not None:
        year_to = query.year_to if query.year_to is not None else 9998
        if not 0 <= query.year_from <= year_to <= 9998:
            return None
        low = (query.year_from * 10000) << ID_BITS
        high = (((year_to + 1) * 10000) << ID_BITS) - 1
    return ListingQuery(match, low, high, table=table)


def page_ids(
    conn: sqlite3.Connection, listing: ListingQuery, offset: int, size: int,
    order_keys: callable,
) -> list[int]:  # fmt: skip
    """The ids of the facts of one page, in list order.

    ``order_keys(ids)`` gives {id: (sort_key, article_id, sentence_index, id)}."""
    wanted = offset + size
    keys = listing.keys(conn, wanted + 1)
    if len(keys) > wanted and wanted:
        date = keys[wanted - 1] >> ID_BITS
        if keys[wanted] >> ID_BITS == date:
            # The page ends inside a date: every fact of that date may belong on it.
            bucket = listing.keys(
                conn, BUCKET_MAX + 1, low=date << ID_BITS, high=(date << ID_BITS) | ID_MASK
            )
            if len(bucket) > BUCKET_MAX:
                return [key & ID_MASK for key in keys[offset:wanted]]
            keys = sorted(set(keys[:wanted]) | set(bucket))
        else:
            keys = keys[:wanted]
    rows = order_keys([key & ID_MASK for key in keys])
    ordered = sorted(rows.values(), key=_sortable, reverse=True)
    return [key[3] for key in ordered[offset:wanted]]


def _sortable(key: tuple) -> tuple:
    sort_key, article_id, sentence_index, fact_id = key
    # SQLite sorts NULL first: as the smallest value.
    return (sort_key is not None, sort_key or "", article_id, _nullable(sentence_index), fact_id)


def _nullable(value: int | None) -> tuple[bool, int]:
    return (value is not None, value or 0)


def chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
