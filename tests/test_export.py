"""export → ingest round trip: a fresh database gets back the same articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.export import export_articles
from bot.ingest import article_files, ingest_files
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = Path(__file__).resolve().parent / "articles"
SEEDS = ROOT / "seeds"
MAX_BYTES = 5 * 1024 * 1024


def _identity(store: Store) -> list[tuple[str | None, ...]]:
    """What must survive the trip, per article, in a stable order."""
    return sorted(
        (a.title, a.source, a.published, a.url, a.body, a.content_hash) for a in store.articles()
    )


def _ingest(database: Path, *paths: Path) -> Store:
    store = Store.open(database)
    reports = list(ingest_files(store, article_files(paths), max_bytes=MAX_BYTES))
    assert [r.message for r in reports if not r.ok] == []
    return store


def test_export_then_ingest_gives_the_same_articles(tmp_path: Path) -> None:
    original = _ingest(tmp_path / "a.db", ARTICLES, SEEDS)
    try:
        expected = _identity(original)
        files = export_articles(original.articles(), tmp_path / "export")
    finally:
        original.close()
    assert len(files) == len(expected) > 5
    copy = _ingest(tmp_path / "b.db", tmp_path / "export")
    try:
        assert _identity(copy) == expected
        # Facts are derived again from the same text, so they come back too.
        assert copy.db["facts"].count > 0
    finally:
        copy.close()


def test_the_cli_exports_a_folder_that_ingests_back(tmp_path: Path) -> None:
    source = _ingest(tmp_path / "a.db", ARTICLES)
    try:
        expected = _identity(source)
    finally:
        source.close()
    empty_seeds = tmp_path / "no-seeds"
    empty_seeds.mkdir()
    env = {
        **os.environ,
        "TIESBOT_DATABASE": str(tmp_path / "a.db"),
        "TIESBOT_SEEDS": str(empty_seeds),
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "export", str(tmp_path / "out")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Exported {len(expected)} article(s) to {tmp_path / 'out'}"
    copy = _ingest(tmp_path / "b.db", tmp_path / "out")
    try:
        assert _identity(copy) == expected
    finally:
        copy.close()
