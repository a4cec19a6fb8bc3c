"""The /addseed preview's life: kept as JSON, then published or cancelled once.

A prepared article is shown to the admin first and stored only on Publish.
Between the two it waits in the store's ``previews`` table as JSON (so a
restart loses nothing). Publishing re-creates the ``Prepared`` record from
that JSON and stores it with the preview's status change in one transaction:
either the article exists and the preview says "published", or neither.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.ingest import IngestReport, Prepared, store_prepared
from bot.records import FACT_KINDS, Fact, ParsedArticle
from bot.store import Preview, Store
from bot.store.previews import PENDING

# Outcomes of a button press.
PUBLISHED = "published"  # stored now
DUPLICATE = "duplicate"  # stored meanwhile by someone else: nothing added
CANCELLED = "cancelled"
EXPIRED = "expired"  # pressed after the preview's time: nothing added
CLOSED = "closed"  # pressed again: the preview was already decided
NOT_YOURS = "not_yours"  # pressed by someone other than the admin who asked


@dataclass(frozen=True)
class Outcome:
    """What a press of Publish or Cancel did (``preview`` as it was before it)."""

    status: str
    preview: Preview
    article_id: int | None = None
    report: IngestReport | None = None


def prepared_to_json(prepared: Prepared) -> dict[str, Any]:
    """Everything the preview showed, as JSON the store can keep."""
    return {
        "article": asdict(prepared.article),
        "facts": [fact.to_json() for fact in prepared.facts],
        "summary": list(prepared.summary),
    }


def prepared_from_json(data: dict[str, Any]) -> Prepared:
    """The inverse of prepared_to_json (unknown keys from older versions ignored)."""
    known = ParsedArticle.__dataclass_fields__
    article = ParsedArticle(**{k: v for k, v in data["article"].items() if k in known})
    facts = [Fact.from_json(item) for item in data.get("facts", [])]
    return Prepared(article, facts, list(data.get("summary", [])))


def facts_by_kind(facts: list[Fact]) -> list[tuple[str, list[Fact]]]:
    """Facts grouped by kind, kinds in their usual order, empty kinds left out."""
    order = {kind: index for index, kind in enumerate(FACT_KINDS)}
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(fact.kind, []).append(fact)
    return sorted(groups.items(), key=lambda item: order.get(item[0], len(order)))


def open_preview(
    store: Store,
    prepared: Prepared,
    *,
    admin_id: int,
    chat_id: int,
    name: str,
    ttl_minutes: int,
    now: datetime | None = None,
) -> Preview:
    """Keep ``prepared`` pending for ``ttl_minutes``; returns the stored preview."""
    return store.add_preview(
        admin_id=admin_id,
        chat_id=chat_id,
        payload=prepared_to_json(prepared),
        name=name,
        ttl=timedelta(minutes=ttl_minutes),
        now=now,
    )


def origin_of(preview: Preview) -> str:
    """The stored article's origin: unique per preview, so the store never takes
    one admin upload for a new version of another (as it does for seed files)."""
    return f"addseed:{preview.id}"


def _pending(store: Store, preview_id: int, user_id: int, now: datetime) -> Outcome | None:
    """The outcome when the press cannot act (not the owner, decided, expired), else None."""
    preview = store.preview(preview_id)  # NotFound for a made-up id
    if preview.admin_id != user_id:
        return Outcome(NOT_YOURS, preview)
    if preview.status != PENDING:
        return Outcome(CLOSED, preview, preview.article_id)
    if preview.expired(now):
        store.close_preview(preview.id, EXPIRED)
        return Outcome(EXPIRED, preview)
    return None


def publish(store: Store, preview_id: int, *, user_id: int, now: datetime | None = None) -> Outcome:
    """Store the previewed article, once; a second press reports the first one's result."""
    now = now or datetime.now(UTC)
    with store.transaction():
        refused = _pending(store, preview_id, user_id, now)
        if refused is not None:
            return refused
        preview = store.preview(preview_id)
        prepared = prepared_from_json(preview.payload or {})
        report = store_prepared(store, prepared, name=preview.name, origin=origin_of(preview))
        status = PUBLISHED if report.status in {"added", "replaced"} else DUPLICATE
        store.close_preview(preview.id, status, article_id=report.article_id)
    return Outcome(status, preview, report.article_id, report)


def cancel(store: Store, preview_id: int, *, user_id: int, now: datetime | None = None) -> Outcome:
    """Drop the preview; nothing is stored."""
    now = now or datetime.now(UTC)
    with store.transaction():
        refused = _pending(store, preview_id, user_id, now)
        if refused is not None:
            return refused
        preview = store.preview(preview_id)
        store.close_preview(preview.id, CANCELLED)
    return Outcome(CANCELLED, preview)
