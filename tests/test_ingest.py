"""Folder ingest: batched commits, and reports that only name durable articles."""

from __future__ import annotations

import sqlite3
from functools import partialmethod

import pytest

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
