"""Folder ingest: batched commits, and reports that only name durable articles."""

from __future__ import annotations

import sqlite3
from functools import partialmethod

import pytest

import bot.ingest
from bot.ingest import ingest_files
from bot.store import Store


def article(number: int) -> str:
    return (
        f"Port deal number {number}\n\nThe Paper, 2 March 2019\n\n"
        f"Japan pledged ${number + 1} million for port number {number}. "
        f"Officials met in Tokyo on Friday to discuss item {number}.\n"
    )


@pytest.mark.parametrize("max_articles", [1, 2, 200])
def test_each_report_is_yielded_only_once_its_article_is_committed(
    tmp_path, monkeypatch, max_articles
):
    monkeypatch.setattr(
        Store,
        "batched_writes",
        partialmethod(Store.batched_writes, max_articles=max_articles, max_seconds=3600),
    )
    files = []
    for number in range(5):
        path = tmp_path / f"a{number}.txt"
        path.write_text(article(number))
        files.append(path)
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    files.insert(2, bad)
    database = tmp_path / "t.db"
    store = Store.open(database)
    seen = []
    for report in ingest_files(store, files, max_bytes=1_000_000):
        seen.append(report.status)
        if report.ok:
            with sqlite3.connect(database) as other:  # sees committed rows only
                row = other.execute(
                    "SELECT count(*) FROM facts WHERE article_id = ?", [report.article_id]
                ).fetchone()
            assert row[0] == len(report.facts) > 0
    assert seen == ["added", "added", "error", "added", "added", "added"]
    assert not store.db.conn.in_transaction
    store.close()


def _files(folder, count, bad_at=()):
    files = []
    for number in range(count):
        path = folder / f"a{number:02d}.txt"
        path.write_text("" if number in bad_at else article(number))
        files.append(path)
    return files


@pytest.mark.parametrize("group", [1, 3, 32])
def test_files_read_in_groups_are_stored_and_reported_in_their_order(tmp_path, monkeypatch, group):
    """A folder is read STORE_GROUP files at a time and then stored: reports and
    article ids still follow the files' order, across group and commit edges."""
    monkeypatch.setattr(bot.ingest, "STORE_GROUP", group)
    monkeypatch.setattr(
        Store,
        "batched_writes",
        partialmethod(Store.batched_writes, max_articles=4, max_seconds=3600),
    )
    files = _files(tmp_path, 11, bad_at={1, 7})
    store = Store.open(tmp_path / "t.db")
    reports = list(ingest_files(store, files, max_bytes=1_000_000))
    assert [report.name for report in reports] == [str(path) for path in files]
    assert [report.status for report in reports] == [
        "error" if n in {1, 7} else "added" for n in range(11)
    ]
    stored = [report.article_id for report in reports if report.ok]
    assert stored == sorted(stored)
    assert [a.title for a in sorted(store.articles(), key=lambda a: a.id)] == [
        f"Port deal number {n}" for n in range(11) if n not in {1, 7}
    ]
    store.close()


def test_an_unforeseen_error_while_reading_a_group_keeps_the_files_read_before_it(
    tmp_path, monkeypatch
):
    """Reading a group ahead must not lose what one file at a time would have
    stored: when a file raises something unforeseen, the group's earlier files
    are stored and committed before the error goes up."""
    files = _files(tmp_path, 6)
    real_prepare = bot.ingest.prepare

    def failing_prepare(data, **kwargs):
        if kwargs["name"] == "a03.txt":
            raise RuntimeError("a bug in the extractor")
        return real_prepare(data, **kwargs)

    monkeypatch.setattr(bot.ingest, "prepare", failing_prepare)
    database = tmp_path / "t.db"
    store = Store.open(database)
    with pytest.raises(RuntimeError):
        list(ingest_files(store, files, max_bytes=1_000_000))
    with sqlite3.connect(database) as other:
        titles = [row[0] for row in other.execute("SELECT title FROM articles ORDER BY id")]
    assert titles == ["Port deal number 0", "Port deal number 1", "Port deal number 2"]
    store.close()
