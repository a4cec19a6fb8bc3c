"""bot.previews and the store's previews table: publish once, cancel, expire, survive a restart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.errors import NotFound
from bot.ingest import Prepared
from bot.previews import (
    CANCELLED,
    CLOSED,
    DUPLICATE,
    EXPIRED,
    NOT_YOURS,
    PUBLISHED,
    cancel,
    open_preview,
    prepared_from_json,
    prepared_to_json,
    publish,
)
from bot.records import Actor, Fact, ParsedArticle
from bot.store import Preview, Store

ADMIN = 42
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def prepared(title: str = "Japan lends Cambodia $90 million") -> Prepared:
    sentence = "Japan signed a $90 million loan agreement with Cambodia on 9 January 2018."
    article = ParsedArticle(
        title=title,
        body=sentence,
        sentences=[sentence],
        source="Phnom Penh Post",
        published="2018-01-09",
        url="https://example.com/loan",
        content_hash=f"hash-{title}",
        body_hash=f"body-{title}",
        warnings=["a warning"],
    )
    fact = Fact(
        kind="agreement",
        sentence=sentence,
        date="2018-01-09",
        precision="day",
        actors=[Actor("Hun Sen", "Prime Minister", "Cambodia")],
        countries=["Japan", "Cambodia"],
        amount_usd=90_000_000.0,
        amount_text="$90 million",
        status="signed",
        sentence_index=0,
    )
    return Prepared(article, [fact], [sentence])


def _open(
    store: Store, title: str = "Japan lends Cambodia $90 million", now: datetime | None = NOW
) -> Preview:
    """A pending preview of ``prepared(title)`` by ADMIN, 30 minutes long."""
    return open_preview(
        store, prepared(title), admin_id=ADMIN, chat_id=ADMIN, name="x", ttl_minutes=30, now=now
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "t.db")
    yield store
    store.close()


def test_the_json_payload_round_trips() -> None:
    original = prepared()
    assert prepared_from_json(prepared_to_json(original)) == original


def test_publish_stores_once_and_a_second_press_reports_it(store: Store) -> None:
    preview = _open(store)
    assert store.count_articles() == 0

    first = publish(store, preview.id, user_id=ADMIN, now=NOW)
    assert (first.status, first.article_id) == (PUBLISHED, 1)
    article = store.article(1)
    assert (article.title, article.origin, article.published) == (
        "Japan lends Cambodia $90 million",
        f"addseed:{preview.id}",
        "2018-01-09",
    )
    assert [f.amount_usd for f in store.facts(article_id=1)] == [90_000_000.0]

    second = publish(store, preview.id, user_id=ADMIN, now=NOW)
    assert (second.status, second.preview.status) == (CLOSED, PUBLISHED)
    assert second.preview.article_id == 1
    assert store.count_articles() == 1
    # Nothing of the 2 MB payload is kept once the preview is decided.
    assert store.preview(preview.id).payload is None


def test_cancel_stores_nothing_and_closes_the_preview(store: Store) -> None:
    preview = _open(store)
    assert cancel(store, preview.id, user_id=ADMIN, now=NOW).status == CANCELLED
    assert publish(store, preview.id, user_id=ADMIN, now=NOW).status == CLOSED
    assert store.count_articles() == 0


def test_only_the_admin_who_asked_may_decide(store: Store) -> None:
    preview = _open(store)
    assert publish(store, preview.id, user_id=7, now=NOW).status == NOT_YOURS
    assert cancel(store, preview.id, user_id=7, now=NOW).status == NOT_YOURS
    assert store.preview(preview.id).status == "pending"
    assert store.count_articles() == 0


def test_a_late_press_finds_the_preview_expired(store: Store) -> None:
    preview = _open(store)
    late = NOW + timedelta(minutes=30)
    assert publish(store, preview.id, user_id=ADMIN, now=late).status == EXPIRED
    assert store.preview(preview.id).status == "expired"
    assert store.count_articles() == 0


def test_opening_a_preview_expires_the_stale_ones(store: Store) -> None:
    old = _open(store, "Old")
    later = NOW + timedelta(hours=1)
    _open(store, "New", later)
    assert store.preview(old.id).status == "expired"
    assert store.count_pending_previews(later) == 1


def test_a_preview_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "restart.db"
    first = Store.open(path)
    preview = _open(first, now=None)
    first.close()
    second = Store.open(path)
    try:
        assert publish(second, preview.id, user_id=ADMIN).status == PUBLISHED
        assert second.count_articles() == 1
    finally:
        second.close()


def test_publish_rolls_back_with_the_article(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while storing leaves neither the article nor a closed preview."""
    preview = _open(store)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_facts", broken)
    with pytest.raises(RuntimeError):
        publish(store, preview.id, user_id=ADMIN, now=NOW)
    assert store.count_articles() == 0
    assert store.preview(preview.id).status == "pending"


def test_an_article_stored_meanwhile_makes_publish_a_duplicate(store: Store) -> None:
    preview = _open(store)
    store.add_article(prepared().article, [], [], origin="seed:same.txt")
    outcome = publish(store, preview.id, user_id=ADMIN, now=NOW)
    assert (outcome.status, outcome.article_id) == (DUPLICATE, 1)
    assert store.count_articles() == 1
    assert store.preview(preview.id).status == "duplicate"


def test_an_unknown_preview_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        publish(store, 99, user_id=ADMIN)
