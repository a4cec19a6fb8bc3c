"""Schema of the tiesbot database as numbered migrations.

Schema changes are appended here as new functions, never edited in place and
never applied by dropping tables: a deployed database keeps its data.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("tiesbot")


@migrations(name="0001_articles_and_sentences")
def articles_and_sentences(db: Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "title": str,
            "source": str,
            "published": str,
            "url": str,
            "body": str,
            "content_hash": str,
            "body_hash": str,
            "origin": str,
            "summary": str,  # JSON list of sentences
            "warnings": str,  # JSON list
            "added_at": str,
        },
        pk="id",
        not_null={"title", "body", "content_hash", "added_at"},
    )
    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["body_hash"])
    db["articles"].create_index(["origin"])
    db["articles"].create_index(["published"])
    db["sentences"].create(
        {"id": int, "article_id": int, "position": int, "text": str},
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "position", "text"},
    )
    db["sentences"].create_index(["article_id", "position"], unique=True)
    # Porter stemming so "visits" finds "visited"; triggers keep the index in
    # step with every insert and delete, inside the same transaction.
    db["sentences"].enable_fts(["text"], tokenize="porter", create_triggers=True)


@migrations(name="0002_facts")
def facts(db: Database) -> None:
    db["facts"].create(
        {
            "id": int,
            "article_id": int,
            "kind": str,
            "date": str,
            "end_date": str,
            "precision": str,
            "actors": str,  # JSON list of {"name", "role", "country"}
            "countries": str,  # JSON list
            "place": str,
            "amount_usd": float,
            "amount_text": str,
            "status": str,
            "ordinal": int,
            "sentence": str,
            "subject": str,
            "visit_type": str,
            "count": int,
            "sentence_index": int,
            "flags": str,  # JSON list
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "kind", "sentence"},
    )
    db["facts"].create_index(["article_id"])
    db["facts"].create_index(["kind", "date"])
