"""Sentence search statements and the ranking of common words (used by ``Store``).

FTS5's ``bm25()`` weighs each word by how rare it is, and finds that out by
reading the word's whole list of sentences before the first row comes back:
"visit" is in 490,000 of 3 million sentences at 100,000 articles, and even a
query bounded to the newest thousand matches spent 25 ms there. So:

* when every word of a search is in fewer than ``RANK_WINDOW`` sentences,
  FTS5 ranks all matches with ``bm25()`` as before (every search on a store of
  a few thousand articles, and names or rare words on a big one);
* otherwise only the newest ``RANK_WINDOW`` matching sentences are ranked, here,
  with the same BM25 formula and FTS5's own statistics: the number of sentences
  and their average length (the table's averages record), each sentence's
  length (its docsize row), and how many sentences hold each word — exact when
  that is under ``RANK_WINDOW``, else estimated from how far back the word's
  newest ``RANK_WINDOW`` sentences reach. A word counts once per sentence.
  FTS5 reads the newest matches of a doclist in rowid order and stops, so
  every statement here is bounded by ``RANK_WINDOW`` rows.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass

# How many of the newest matches a search of common words ranks.
RANK_WINDOW = 1000
# How many of the newest sentences holding a question's rarest words are weighed.
QUESTION_WINDOW = 300
# The most sentences of one word read to intersect a question's window by hand.
TERM_RANGE_CAP = 3000
# What looking up one sentence in a word's list costs, in rows of a range read.
LOOKUP_ROWS = 100
K1, B = 1.2, 0.75  # FTS5's bm25() defaults

# The newest RANK_WINDOW sentences holding one word: how many, and the oldest rowid.
TERM_PROBE = (
    "SELECT count(*), min(rowid) FROM (SELECT rowid FROM sentences_fts "
    "WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ?)"
)
# The newest matches of a whole query (one more than the window, to tell "more").
WINDOW = "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
WINDOW_LENGTHS = (
    f"SELECT w.rowid, d.sz FROM ({WINDOW}) AS w "
    "CROSS JOIN sentences_fts_docsize d ON d.id = w.rowid"
)
# Which sentences of the window hold one word (for any-word searches).
PRESENT = "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? AND rowid >= ?"


@dataclass(frozen=True)
class TermStats:
    """One search word: how many sentences hold it (``df``), exact or estimated."""

    query: str  # the word as an FTS5 phrase
    df: float
    common: bool  # in RANK_WINDOW sentences or more
    oldest: int = 0  # the oldest rowid of its newest RANK_WINDOW sentences


def _varints(blob: bytes) -> list[int]:
    """SQLite varints (as FTS5 stores its averages and sizes)."""
    values, i = [], 0
    while i < len(blob):
        value = 0
        for j in range(9):
            byte = blob[i]
            i += 1
            if j == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values


def _length(size: bytes | None) -> int:
    if not size:
        return 1
    return size[0] if size[0] < 0x80 else _varints(size)[0]


def corpus_stats(conn: sqlite3.Connection) -> tuple[int, float, int]:
    """(sentences, their average length in tokens, the highest rowid)."""
    row = conn.execute("SELECT block FROM sentences_fts_data WHERE id = 1").fetchone()
    values = _varints(row[0]) if row and row[0] else []
    rows = values[0] if values else 0
    tokens = values[1] if len(values) > 1 else 0
    top = conn.execute("SELECT max(rowid) FROM sentences").fetchone()[0] or 0
    return rows, (tokens / rows if rows else 1.0), top


def term_stats(conn: sqlite3.Connection, phrase: str, rows: int, top: int) -> TermStats:
    """How common one word (an FTS5 phrase) is, reading at most RANK_WINDOW of its rowids."""
    count, oldest = conn.execute(TERM_PROBE, [phrase, RANK_WINDOW]).fetchone()
    if count < RANK_WINDOW:
        return TermStats(phrase, float(count), False, oldest or 0)
    # Its newest RANK_WINDOW sentences span rowids oldest..top: assume that density throughout.
    span = max(1, top - oldest + 1)
    return TermStats(phrase, min(float(rows), RANK_WINDOW * max(rows, top) / span), True, oldest)


def _idf(df: float, rows: int) -> float:
    # As FTS5's bm25(): a word in more than half the rows still weighs a little.
    idf = math.log((rows - df + 0.5) / (df + 0.5)) if rows else 0.0
    return idf if idf > 0 else 1e-6


def rank_window(
    conn: sqlite3.Connection, query: str, terms: list[TermStats], any_word: bool
) -> tuple[list[int], bool]:
    """The newest RANK_WINDOW matches of ``query`` in BM25 order (best first; ties newest
    first), and whether there are older matches left out."""
    window = conn.execute(WINDOW_LENGTHS, [query, RANK_WINDOW + 1]).fetchall()
    more = len(window) > RANK_WINDOW
    window = window[:RANK_WINDOW]
    if not window:
        return [], False
    lengths = [
        (rowid, size[0] if size and size[0] < 0x80 else _length(size)) for rowid, size in window
    ]
    if not any_word or len(terms) == 1:
        # Every match holds every word (once, as counted here): the score only falls
        # as the sentence grows, so shortest first.
        lengths.sort(key=lambda pair: (pair[1], -pair[0]))
        return [rowid for rowid, _ in lengths], more
    rows, average, _ = corpus_stats(conn)
    oldest = lengths[-1][0]
    weight = dict.fromkeys((rowid for rowid, _ in lengths), 0.0)
    for term in terms:
        idf = _idf(term.df, rows)
        for (rowid,) in conn.execute(PRESENT, [term.query, oldest]):
            if rowid in weight:
                weight[rowid] += idf
    scored = []
    for rowid, length in lengths:
        tf_part = (K1 + 1) / (1 + K1 * (1 - B + B * length / average))
        scored.append((-weight[rowid] * tf_part, -rowid))
    scored.sort()
    return [-rowid for _, rowid in scored], more


def _mark(token: str) -> str:
    """What a sentence must contain to count as holding ``token`` when ranking a
    question's window: its start, since FTS5 matched it stemmed ("philippin")."""
    token = token.lower()
    return token if len(token) <= 4 else token[: max(4, len(token) - 2)]


def question_window(
    conn: sqlite3.Connection, tokens: list[str], terms: list[TermStats], limit: int
) -> tuple[str, list[int]]:
    """Sentences for a question when some of its words are common: (the FTS5 query that
    found them, their ids, best first).

    A question's rarer words say what it is about; a word in a tenth of all
    sentences ("visit", "minister") narrows little, and intersecting it costs a
    walk through its whole list. So the sentences holding every one of the rare
    words are read (the newest QUESTION_WINDOW), dropping the most common of them
    until some sentence holds the rest. With no rare word, the sentences holding
    the three (then two) rarest words among the newest QUESTION_WINDOW of the
    rarest (``_common_window``), else the newest holding the rarest word. They are
    ranked by the IDF of the question's words each holds (a word counts when
    the sentence contains its start), then shorter, then newer.
    """
    rows, _, top = corpus_stats(conn)
    by_df = sorted(zip(tokens, terms, strict=True), key=lambda pair: pair[1].df)
    rare = [pair for pair in by_df if not pair[1].common]
    if rare:
        found = _first_window(conn, [(rare[:n], 0) for n in range(len(rare), 0, -1)])
    else:
        found = _common_window(conn, [term for _, term in by_df[:3]], top)
    if found is None:
        return "", []
    query, window = found
    weights = [(_mark(token), _idf(term.df, rows)) for token, term in by_df]
    scored = []
    for rowid, text in window:
        lower = text.lower()
        score = sum(idf for mark, idf in weights if mark in lower)
        scored.append((-score, len(text), -rowid))
    scored.sort()
    return query, [-rowid for *_, rowid in scored[:limit]]


def _first_window(
    conn: sqlite3.Connection, groups: list[tuple[list[tuple[str, TermStats]], int]]
) -> tuple[str, list[tuple[int, str]]] | None:
    """The first group of words (with the lowest rowid to read) some sentences hold:
    its FTS5 query and those sentences (the newest QUESTION_WINDOW), else None."""
    for group, since in groups:
        query = " ".join(term.query for _, term in group)
        window = conn.execute(WINDOW_TEXTS, [query, since, QUESTION_WINDOW]).fetchall()
        if window:
            return query, window
    return None


def _common_window(
    conn: sqlite3.Connection, rarest: list[TermStats], top: int
) -> tuple[str, list[tuple[int, str]]] | None:
    """With no rare word: the sentences among the newest QUESTION_WINDOW of the
    rarest word that hold the three (then two) rarest words, else that window itself.

    FTS5 (3.40) applies a rowid bound to an AND only once the AND has found a
    row: when few or none of the window's sentences hold all the words, it
    walks the words' long lists far past the window (5–10 ms for "worth
    myanmar"). So the AND is done here, one word at a time, on the sentences
    still in the running: each is looked up (about 0.1 ms a sentence) or the
    word's sentences within the window's rowid range are read (about a
    microsecond a row), whichever costs less. A word too dense to read
    (more than ``TERM_RANGE_CAP`` rows in the range, estimated from its
    ``TermStats``, then counted) with too many sentences to look up is left to
    FTS5's AND, which is then quick to find its rows. The sentences are
    exactly those of the AND."""
    newest = [rowid for (rowid,) in conn.execute(WINDOW, [rarest[0].query, QUESTION_WINDOW])]
    if not newest:
        return None
    since = newest[-1]
    holding = {1: newest}  # how many of the rarest words -> the window's sentences with them all
    running = newest
    for n, term in enumerate(rarest[1:], start=2):
        if running:
            # Its newest RANK_WINDOW rows reach back to ``term.oldest``: about as dense here.
            span = max(1, top - term.oldest + 1)
            rows = (top - since + 1) * RANK_WINDOW / span
            if since >= term.oldest:
                rows = min(rows, RANK_WINDOW)  # within its newest RANK_WINDOW
            if len(running) * LOOKUP_ROWS <= min(rows, TERM_RANGE_CAP):
                marks = ", ".join("?" * len(running))
                sql = f"{LOOKUP} AND rowid IN ({marks})"
                found = conn.execute(sql, [term.query, *running]).fetchall()
            elif rows <= TERM_RANGE_CAP:
                found = conn.execute(RANGE, [term.query, since, TERM_RANGE_CAP + 1]).fetchall()
                if len(found) > TERM_RANGE_CAP:
                    break
            else:
                break
            having = {rowid for (rowid,) in found}
            running = [rowid for rowid in running if rowid in having]
        holding[n] = running  # none with fewer words: none with more
    for n in (3, 2, 1):
        if n > len(rarest):
            continue
        query = " ".join(term.query for term in rarest[:n])
        if n in holding:
            if holding[n]:
                return query, _texts(conn, holding[n])
            continue
        window = conn.execute(WINDOW_TEXTS, [query, since, QUESTION_WINDOW]).fetchall()
        if window:
            return query, window
    return None


def _texts(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[int, str]]:
    """(id, text) of the sentences ``ids``, in that order."""
    marks = ", ".join("?" * len(ids))
    texts = dict(conn.execute(f"SELECT id, text FROM sentences WHERE id IN ({marks})", ids))
    return [(rowid, texts[rowid]) for rowid in ids if rowid in texts]


WINDOW_TEXTS = (
    "SELECT w.rowid, s.text FROM (SELECT rowid FROM sentences_fts "
    "WHERE sentences_fts MATCH ? AND rowid >= ? ORDER BY rowid DESC LIMIT ?) AS w "
    "CROSS JOIN sentences s ON s.id = w.rowid"
)
LOOKUP = "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?"
# One word's sentences from a rowid on, newest first (at most the limit).
RANGE = (
    "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ? AND rowid >= ? "
    "ORDER BY rowid DESC LIMIT ?"
)
