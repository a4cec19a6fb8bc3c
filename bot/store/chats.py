"""Chat state: subscriptions, the send log that makes sends idempotent, the audit log."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlite_utils import Database

from bot.records import AuditEntry, Subscription


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _subscription(row: dict[str, Any]) -> Subscription:
    return Subscription(
        chat_id=row["chat_id"],
        time=row["time"],
        timezone=row["timezone"],
        chat_type=row["chat_type"] or "private",
        title=row["title"],
        articles=bool(row["articles"]),
        nothing_today=bool(row["nothing_today"]),
        active=bool(row["active"]),
        subscribed_by=row["subscribed_by"],
    )


class ChatQueries:
    """Mixed into Store; expects ``self.db``."""

    db: Database

    # -- subscriptions -------------------------------------------------------

    def save_subscription(self, subscription: Subscription) -> None:
        """Create or update a chat's subscription (one row per chat)."""
        row = asdict(subscription)
        row.update(
            articles=int(subscription.articles),
            nothing_today=int(subscription.nothing_today),
            active=int(subscription.active),
            updated_at=_now(),
        )
        with self.db.atomic():
            if self.subscription(subscription.chat_id) is None:
                row["created_at"] = _now()
            self.db["subscriptions"].upsert(row, pk="chat_id")

    def subscription(self, chat_id: int) -> Subscription | None:
        rows = list(self.db["subscriptions"].rows_where("chat_id = ?", [chat_id]))
        return _subscription(rows[0]) if rows else None

    def subscriptions(
        self, *, active: bool = True, articles: bool | None = None
    ) -> list[Subscription]:
        clauses, params = ["active = ?"], [int(active)]
        if articles is not None:
            clauses.append("articles = ?")
            params.append(int(articles))
        rows = self.db["subscriptions"].rows_where(
            " AND ".join(clauses), params, order_by="chat_id"
        )
        return [_subscription(row) for row in rows]

    def set_subscription_active(self, chat_id: int, active: bool) -> bool:
        """Turn a subscription on or off; False when the chat has none."""
        with self.db.atomic():
            if self.subscription(chat_id) is None:
                return False
            self.db["subscriptions"].update(chat_id, {"active": int(active), "updated_at": _now()})
        return True

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> bool:
        """Move a group's subscription and send log to its new supergroup id.

        Moving the send log too keeps today's "already sent" mark, so the
        upgrade can never cause a second post.
        """
        with self.db.atomic():
            old = self.subscription(old_chat_id)
            if old is None:
                return False
            self.db["subscriptions"].delete_where("chat_id = ?", [new_chat_id])
            self.db.execute(
                "UPDATE subscriptions SET chat_id = ?, chat_type = 'supergroup', updated_at = ? "
                "WHERE chat_id = ?",
                [new_chat_id, _now(), old_chat_id],
            )
            self.db.execute(
                "UPDATE OR IGNORE send_log SET chat_id = ? WHERE chat_id = ?",
                [new_chat_id, old_chat_id],
            )
            self.db["send_log"].delete_where("chat_id = ?", [old_chat_id])
        return True

    # -- send log ------------------------------------------------------------

    def claim_send(self, chat_id: int, local_date: str, kind: str) -> bool:
        """Reserve the right to post (chat, day, kind) once; False if it was taken.

        The claim is committed before anything is sent: at most once, by
        design (a crash after the claim can lose that one post, never double it).
        """
        try:
            with self.db.atomic():
                self.db["send_log"].insert(
                    {
                        "chat_id": chat_id,
                        "local_date": local_date,
                        "kind": kind,
                        "status": "claimed",
                        "claimed_at": _now(),
                    }
                )
        except sqlite3.IntegrityError:
            return False
        return True

    def finish_send(
        self,
        chat_id: int,
        local_date: str,
        kind: str,
        *,
        status: str,
        message_id: int | None = None,
        detail: str | None = None,
    ) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE send_log SET status = ?, message_id = ?, detail = ?, finished_at = ? "
                "WHERE chat_id = ? AND local_date = ? AND kind = ?",
                [status, message_id, detail, _now(), chat_id, local_date, kind],
            )

    def release_send(self, chat_id: int, local_date: str, kind: str) -> None:
        """Give a claim back when nothing reached the chat (a send that surely failed)."""
        with self.db.atomic():
            self.db["send_log"].delete_where(
                "chat_id = ? AND local_date = ? AND kind = ? AND status = 'claimed'",
                [chat_id, local_date, kind],
            )

    def send_status(self, chat_id: int, local_date: str, kind: str) -> str | None:
        rows = list(
            self.db["send_log"].rows_where(
                "chat_id = ? AND local_date = ? AND kind = ?",
                [chat_id, local_date, kind],
                select="status",
            )
        )
        return rows[0]["status"] if rows else None

    def send_log(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        where, params = ("chat_id = ?", [chat_id]) if chat_id is not None else (None, [])
        return list(self.db["send_log"].rows_where(where, params, order_by="id"))

    def count_sent_since(self, days: int) -> int:
        since = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
        row = next(
            self.db.query(
                "SELECT count(*) AS n FROM send_log WHERE status = 'sent' AND claimed_at >= ?",
                [since],
            )
        )
        return row["n"]

    # -- audit ---------------------------------------------------------------

    def audit(
        self, *, user_id: int | None, chat_id: int | None, command: str, arguments: str, result: str
    ) -> None:
        with self.db.atomic():
            self.db["audit"].insert(
                {
                    "at": _now(),
                    "user_id": user_id,
                    "chat_id": chat_id,
                    "command": command,
                    "arguments": arguments[:500],
                    "result": result[:500],
                }
            )

    def audit_entries(self, limit: int = 50) -> list[AuditEntry]:
        rows = self.db["audit"].rows_where(order_by="id DESC", limit=limit)
        return [
            AuditEntry(
                r["at"], r["user_id"], r["chat_id"], r["command"], r["arguments"], r["result"]
            )
            for r in rows
        ]
