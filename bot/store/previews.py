"""Pending /addseed previews: what an admin was shown, until Publish or Cancel.

A preview is a row, not a dict in memory, so a restart between the preview
and the press loses nothing, and the status change is a compare-and-set:
only the first press finds the row pending, every later one reads what the
first did ("already published as article N").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from bot.errors import NotFound

PENDING = "pending"
CLOSED_STATUSES = frozenset({"published", "duplicate", "cancelled", "expired"})


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Preview:
    """One /addseed preview; ``payload`` is None once it is no longer pending."""

    id: int
    admin_id: int
    chat_id: int
    created_at: str
    expires_at: str
    status: str
    name: str
    message_id: int | None = None
    article_id: int | None = None
    payload: dict[str, Any] | None = None

    def expired(self, now: datetime) -> bool:
        return now >= datetime.fromisoformat(self.expires_at)


def _preview(row: dict[str, Any]) -> Preview:
    return Preview(
        id=row["id"],
        admin_id=row["admin_id"],
        chat_id=row["chat_id"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        status=row["status"],
        name=row["name"] or "",
        message_id=row["message_id"],
        article_id=row["article_id"],
        payload=json.loads(row["payload"]) if row["payload"] else None,
    )


class PreviewQueries:
    """Mixed into Store; expects ``self.db``."""

    db: Database

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction around several store calls (nested calls become savepoints)."""
        with self.db.atomic():
            yield

    def add_preview(
        self,
        *,
        admin_id: int,
        chat_id: int,
        payload: dict[str, Any],
        name: str,
        ttl: timedelta,
        now: datetime | None = None,
    ) -> Preview:
        """Keep a prepared article for ``ttl``; older previews past their time expire now."""
        now = now or datetime.now(UTC)
        row = {
            "admin_id": admin_id,
            "chat_id": chat_id,
            "created_at": _iso(now),
            "expires_at": _iso(now + ttl),
            "status": PENDING,
            "name": name,
            "payload": json.dumps(payload, ensure_ascii=False),
        }
        with self.db.atomic():
            self.expire_previews(now)
            preview_id = self.db["previews"].insert(row).last_pk
        return self.preview(preview_id)

    def preview(self, preview_id: int) -> Preview:
        rows = list(self.db["previews"].rows_where("id = ?", [preview_id]))
        if not rows:
            raise NotFound(f"There is no preview {preview_id}.")
        return _preview(rows[0])

    def set_preview_message(self, preview_id: int, message_id: int) -> None:
        """Remember which message shows the preview (its buttons live there)."""
        with self.db.atomic():
            self.db["previews"].update(preview_id, {"message_id": message_id})

    def close_preview(self, preview_id: int, status: str, *, article_id: int | None = None) -> bool:
        """Move a pending preview to ``status``; False when it was not pending any more.

        The payload (possibly a 2 MB article) is dropped: a closed preview is
        only asked what became of it.
        """
        if status not in CLOSED_STATUSES:
            raise ValueError(f"not a closing status: {status!r}")
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE previews SET status = ?, article_id = ?, payload = NULL "
                "WHERE id = ? AND status = ?",
                [status, article_id, preview_id, PENDING],
            )
            return cursor.rowcount == 1

    def expire_previews(self, now: datetime | None = None) -> int:
        """Close every pending preview whose time is up; returns how many."""
        now = now or datetime.now(UTC)
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE previews SET status = 'expired', payload = NULL "
                "WHERE status = ? AND expires_at <= ?",
                [PENDING, _iso(now)],
            )
            return cursor.rowcount

    def count_pending_previews(self, now: datetime | None = None) -> int:
        now = now or datetime.now(UTC)
        row = next(
            self.db.query(
                "SELECT count(*) AS n FROM previews WHERE status = ? AND expires_at > ?",
                [PENDING, _iso(now)],
            )
        )
        return row["n"]
