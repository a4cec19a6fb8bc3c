"""Turning files, uploaded documents and fetched pages into stored articles.

Reading and extraction are pure (bot.extract, bot.summary); this module does
the I/O around them and hands whole records to the store, which writes each
article in one transaction. A bad file yields a report naming it, never a
half-stored article, and never stops the other files of the same run.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ArticleError
from bot.extract import extract_facts, read_document
from bot.records import Fact, ParsedArticle
from bot.store import Store
from bot.summary import summarize

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})


@dataclass
class Prepared:
    """An article read and analysed, not yet stored (the /addseed preview)."""

    article: ParsedArticle
    facts: list[Fact]
    summary: list[str]


@dataclass
class IngestReport:
    """The outcome for one input: what a progress line or --json prints."""

    name: str
    status: str  # added | replaced | duplicate | near_duplicate | error
    article_id: int | None = None
    prepared: Prepared | None = None
    message: str = ""
    facts: list[Fact] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status != "error"


def prepare(
    data: bytes | str,
    *,
    name: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    date: str | None = None,
    source: str | None = None,
) -> Prepared:
    """Read a document and extract its facts and summary (raises ArticleError)."""
    article = read_document(
        data, filename=name, content_type=content_type, url=url, date=date, source=source
    )
    if not article.sentences:
        raise ArticleError("has no sentences to read")
    facts, summary = analyse(article)
    return Prepared(article, facts, summary)


def analyse(article: ParsedArticle) -> tuple[list[Fact], list[str]]:
    """Facts and summary of a read article: the one place both are derived,
    so /reindex re-runs exactly what ingesting ran."""
    return extract_facts(article), summarize(article.sentences)


def store_prepared(
    store: Store, prepared: Prepared, *, name: str, origin: str | None
) -> IngestReport:
    """Hand a prepared article to the store and describe what happened."""
    result = store.add_article(prepared.article, prepared.facts, prepared.summary, origin=origin)
    messages = {
        "added": f"added as article {result.article_id}",
        "replaced": f"updated article {result.article_id}",
        "duplicate": f"already stored as article {result.article_id}",
        "near_duplicate": f"near-copy of article {result.article_id}, not stored",
    }
    stored = result.status in {"added", "replaced"}
    facts = list(result.facts) if stored else prepared.facts
    return IngestReport(
        name=name,
        status=result.status,
        article_id=result.article_id,
        prepared=prepared,
        message=messages[result.status],
        facts=facts,
    )


def read_limited(path: Path, max_bytes: int) -> bytes:
    """A file's bytes, refusing files over the size limit before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleError(
                f"is too large ({size / 1_048_576:.1f} MB; the limit is "
                f"{max_bytes / 1_048_576:.1f} MB)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("does not exist") from None
    except IsADirectoryError:
        raise ArticleError("is a folder") from None
    except PermissionError:
        raise ArticleError("cannot be read (permission denied)") from None


def article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and article files found in named folders (sorted)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in ARTICLE_SUFFIXES:
                    yield child
        else:
            yield path


def ingest_file(
    store: Store,
    path: Path,
    *,
    max_bytes: int,
    origin: str | None = None,
    date: str | None = None,
    source: str | None = None,
) -> IngestReport:
    """Read, analyse and store one file; errors become an error report."""
    prepared = prepare_file(path, max_bytes=max_bytes, date=date, source=source)
    if isinstance(prepared, IngestReport):
        return prepared
    return store_prepared(store, prepared, name=str(path), origin=origin)


def prepare_file(
    path: Path, *, max_bytes: int, date: str | None = None, source: str | None = None
) -> Prepared | IngestReport:
    """Read and analyse one file: what to store, or the error report naming it."""
    try:
        data = read_limited(path, max_bytes)
        return prepare(data, name=path.name, date=date, source=source)
    except ArticleError as exc:
        log.warning("not ingested: %s: %s", path, exc.message)
        return IngestReport(name=str(path), status="error", message=f"{path}: {exc.message}")


# A folder is read and analysed this many files at a time, and then stored in
# order: storing 32 articles one after another keeps the store's code and
# SQLite's pages in the CPU caches, where each extraction in between evicted
# them (3-7 % of the ingest's time, measured alternating both ways in one
# process). Reports are held until their commit anyway, so none comes later.
STORE_GROUP = 32


def ingest_files(
    store: Store,
    paths: Iterable[Path],
    *,
    max_bytes: int,
    date: str | None = None,
    source: str | None = None,
) -> Iterator[IngestReport]:
    """Ingest files in order, one report per file, each yielded once it is durable.

    The run commits in batches (``Store.batched_writes``), which loads a large
    folder several times faster; every article is still whole or absent. A
    report is held back until its article is committed, so "added as article
    57" is never printed for an article a crash could still take away.
    """
    pending: list[IngestReport] = []  # stored, not yet committed
    durable: list[IngestReport] = []
    files = iter(paths)
    with store.batched_writes() as batch:
        commits = batch.commits
        while group := list(itertools.islice(files, STORE_GROUP)):
            prepared: list[Prepared | IngestReport] = []
            try:
                for path in group:
                    prepared.append(
                        prepare_file(path, max_bytes=max_bytes, date=date, source=source)
                    )
            finally:
                # Even when a file raises something unforeseen, the files read
                # before it are stored, as they were when each was stored at once:
                # the batch commits them on its way out.
                for path, item in zip(group, prepared, strict=False):
                    if isinstance(item, IngestReport):
                        pending.append(item)
                    else:
                        pending.append(store_prepared(store, item, name=str(path), origin=None))
                    if batch.commits != commits:
                        commits = batch.commits
                        durable += pending
                        pending.clear()
            yield from durable
            durable.clear()
    yield from pending


def load_seeds(store: Store, folder: Path, *, max_bytes: int) -> list[IngestReport]:
    """Load the seed folder idempotently: unchanged files are skipped by content
    hash, an edited file replaces its earlier version (same article id)."""
    if not folder.is_dir():
        log.warning("seed folder %s does not exist; starting without seeds", folder)
        return []
    reports = []
    with store.batched_writes():
        for path in article_files([folder]):
            origin = "seed:" + path.relative_to(folder).as_posix()
            reports.append(ingest_file(store, path, max_bytes=max_bytes, origin=origin))
    added = sum(report.status in {"added", "replaced"} for report in reports)
    log.info("seeds: %d file(s), %d added or updated", len(reports), added)
    return reports
