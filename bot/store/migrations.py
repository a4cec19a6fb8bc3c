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
            # Derived at insert, for fast listing: a sortable date ("2017-08-00"
            # for a month), its year, and the words a filter may match.
            "sort_key": str,
            "year": int,
            "search_text": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "kind", "sentence"},
    )
    db["facts"].create_index(["article_id"])
    db["facts"].create_index(["kind", "sort_key"])
    db["facts"].create_index(["year"])
    # Names, countries, places and subjects, accent- and case-blind; the
    # sentence is a second column, searched only when the fields match nothing.
    db["facts"].enable_fts(
        ["search_text", "sentence"], tokenize="unicode61 remove_diacritics 2", create_triggers=True
    )


@migrations(name="0003_subscriptions_and_send_log")
def subscriptions_and_send_log(db: Database) -> None:
    db["subscriptions"].create(
        {
            "chat_id": int,
            "chat_type": str,
            "title": str,
            "time": str,  # local HH:MM
            "timezone": str,  # IANA name
            "articles": int,  # 1: also post new-article summaries
            "nothing_today": int,  # 1: post a line on days with no items
            "active": int,
            "subscribed_by": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="chat_id",
        not_null={"time", "timezone", "active"},
    )
    # One row per (chat, local day, kind): the unique key is what makes a send
    # idempotent across restarts, crashes and concurrent jobs.
    db["send_log"].create(
        {
            "id": int,
            "chat_id": int,
            "local_date": str,
            "kind": str,  # "onthisday" or "article:<id>"
            "status": str,  # claimed | sent | failed
            "message_id": int,
            "detail": str,
            "claimed_at": str,
            "finished_at": str,
        },
        pk="id",
        not_null={"chat_id", "local_date", "kind", "status"},
    )
    db["send_log"].create_index(["chat_id", "local_date", "kind"], unique=True)
    db["send_log"].create_index(["claimed_at"])


@migrations(name="0004_audit")
def audit(db: Database) -> None:
    db["audit"].create(
        {
            "id": int,
            "at": str,
            "user_id": int,
            "chat_id": int,
            "command": str,
            "arguments": str,
            "result": str,
        },
        pk="id",
    )
    db["audit"].create_index(["at"])


@migrations(name="0005_previews")
def previews(db: Database) -> None:
    # /addseed previews live here, not in memory, so a restart keeps them and a
    # second press of Publish finds the first one's outcome.
    db["previews"].create(
        {
            "id": int,
            "admin_id": int,
            "chat_id": int,
            "message_id": int,
            "created_at": str,
            "expires_at": str,
            "status": str,  # pending | published | duplicate | cancelled | expired
            "article_id": int,  # set when published (or the copy it duplicated)
            "name": str,  # what the admin sent: a file name, a URL or "text"
            "payload": str,  # JSON of the prepared article; emptied once not pending
        },
        pk="id",
        not_null={"admin_id", "chat_id", "created_at", "expires_at", "status"},
    )
    db["previews"].create_index(["status", "expires_at"])


@migrations(name="0006_listing_indexes")
def listing_indexes(db: Database) -> None:
    # Lists read facts newest first: with the ORDER BY in the index a page of ten
    # is a few index steps; (kind, sort_key) alone left SQLite sorting every fact
    # that shares a date — all the undated ones at once. It replaces that index;
    # count rides along so "no totals" is checked without reading the table.
    db.execute(
        "CREATE INDEX idx_facts_listing "
        "ON facts (kind, sort_key, article_id, sentence_index, count)"
    )
    db.execute("DROP INDEX IF EXISTS idx_facts_kind_sort_key")
    # Totals ("has visited Japan 21 times") carry no date, so a newest-first scan of
    # (kind, sort_key) meets them only after every dated fact of their kind: /visits
    # reads its "In total" lines from this index instead.
    db.execute(
        "CREATE INDEX idx_facts_totals ON facts (kind, sort_key, article_id, sentence_index) "
        "WHERE count IS NOT NULL"
    )
    # The signed total of /agreements sums every matching agreement with an amount;
    # this index holds all it reads, so the sum never touches the table.
    db.execute(
        "CREATE INDEX idx_facts_amounts ON facts (kind, year, status, amount_usd) "
        "WHERE amount_usd IS NOT NULL"
    )


@migrations(name="0007_facts_by_date_index")
def facts_by_date_index(db: Database) -> None:
    # Queries over every kind (/timeline, answers without a kind cue) read facts in
    # date order too; without this index each sorted all its matches first.
    db.execute("CREATE INDEX idx_facts_by_date ON facts (sort_key, article_id, sentence_index)")


# The rowid of a fact in facts_listing_fts: minus its key, the date as YYYYMMDD (0
# when undated or malformed) above its id, so ascending rowids are newest first
# (FTS5 in SQLite 3.40 can drop rows of an AND walked in descending order);
# {r} is new, old or facts.
LISTING_ID_BITS = 36
_LISTING_KEY = (
    "-(((CASE WHEN {r}.sort_key GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "
    "THEN CAST(replace({r}.sort_key, '-', '') AS INTEGER) ELSE 0 END) << "
    + str(LISTING_ID_BITS)
    + ") + {r}.id)"
)
# What listing filters on besides words: "fact", "k<kind>", "total" and "t<kind>"
# (a total of that kind, so totals of other kinds are not stepped through), and
# "dated".
_LISTING_TAGS = (
    "'fact k' || {r}.kind"
    " || CASE WHEN {r}.count IS NOT NULL THEN ' total t' || {r}.kind ELSE '' END"
    " || CASE WHEN {r}.date IS NOT NULL THEN ' dated' ELSE '' END"
)


def _mirror_facts(db: Database, name: str, columns: dict[str, str], where: str = "1") -> None:
    """Keep the contentless FTS5 table ``<name>_fts`` in step with ``facts``.

    ``columns`` maps each FTS column to its SQL over a facts row ``{r}``; rows
    are keyed by ``_LISTING_KEY``; only facts for which ``where`` holds are kept.
    Contentless, so the text stays in facts: the triggers hand FTS5 the old
    values to delete. The table is filled from the facts already stored.
    """
    table = f"{name}_fts"
    names = ", ".join(columns)

    def values(r: str) -> str:
        """The key and column values of facts row ``r``."""
        return ", ".join([_LISTING_KEY.format(r=r), *(sql.format(r=r) for sql in columns.values())])

    insert = (
        f"INSERT INTO {table} (rowid, {names}) "
        f"SELECT {values('new')} WHERE {where.format(r='new')};"
    )
    delete = (
        f"INSERT INTO {table} ({table}, rowid, {names}) "
        f"SELECT 'delete', {values('old')} WHERE {where.format(r='old')};"
    )
    db.execute(f"CREATE TRIGGER {name}_ai AFTER INSERT ON facts BEGIN {insert} END")
    db.execute(f"CREATE TRIGGER {name}_ad AFTER DELETE ON facts BEGIN {delete} END")
    db.execute(f"CREATE TRIGGER {name}_au AFTER UPDATE ON facts BEGIN {delete} {insert} END")
    db.execute(
        f"INSERT INTO {table} (rowid, {names}) "
        f"SELECT {values('facts')} FROM facts WHERE {where.format(r='facts')}"
    )
    db.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


@migrations(name="0008_facts_listing_fts")
def facts_listing_fts(db: Database) -> None:
    # Lists filtered by words (/visits japan) read facts_fts's matches into a set
    # before the first row: 122,000 facts for a country at 100,000 articles, 60 ms.
    # This index holds the same words (and sentences, which a filter falls back to)
    # under keys in date order, with the kind and flags as words of their own, so
    # FTS5 walks the matches newest first and stops after a page (bot.store.listing).
    db.execute(
        "CREATE VIRTUAL TABLE facts_listing_fts USING fts5(search_text, sentence, tags, "
        "content='', tokenize='unicode61 remove_diacritics 2')"
    )
    _mirror_facts(
        db,
        "facts_listing",
        {"search_text": "{r}.search_text", "sentence": "{r}.sentence", "tags": _LISTING_TAGS},
    )


@migrations(name="0009_facts_amounts_by_id")
def facts_amounts_by_id(db: Database) -> None:
    # The signed total of a word-filtered /agreements sums the amounts of the facts
    # facts_listing_fts finds, by id: this small index holds them, so the sum
    # reads no table rows.
    db.execute(
        "CREATE INDEX idx_facts_amounts_by_id ON facts (id, amount_usd) "
        "WHERE amount_usd IS NOT NULL"
    )


_SIGNED = (
    "{r}.kind = 'agreement' AND {r}.amount_usd IS NOT NULL "
    "AND coalesce({r}.status, 'signed') IN ('signed', 'agreed')"
)


@migrations(name="0010_signed_agreements_fts")
def signed_agreements_fts(db: Database) -> None:
    # The signed total of /agreements japan sums every signed agreement with an amount
    # that mentions Japan; in facts_listing_fts that is an intersection with the
    # long "kagreement" and "signed" lists. This index holds those agreements only
    # (4 % of the facts), under the same keys, so the sum walks short lists.
    db.execute(
        "CREATE VIRTUAL TABLE facts_signed_fts USING fts5(search_text, content='', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    _mirror_facts(db, "facts_signed", {"search_text": "{r}.search_text"}, where=_SIGNED)


@migrations(name="0011_drop_facts_fts")
def drop_facts_fts(db: Database) -> None:
    # facts_listing_fts (0008) indexes the same columns with the same tokenizer, and
    # a fact's id is its rowid's low bits; keeping both indexed every fact's words
    # and sentence twice, a quarter of the cost of storing an article.
    for trigger in ("facts_ai", "facts_ad", "facts_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS facts_fts")


def fact_index_select(where: str) -> str:
    """SELECT of each fact's index rows, for the store to write them itself:
    id, listing key, search_text, sentence, listing tags, and whether it belongs
    in facts_signed_fts — the very expressions of the triggers above."""
    return (
        f"SELECT id, {_LISTING_KEY.format(r='facts')}, search_text, sentence, "
        f"{_LISTING_TAGS.format(r='facts')}, {_SIGNED.format(r='facts')} "
        f"FROM facts WHERE {where}"
    )


@migrations(name="0012_store_writes_fts_rows")
def store_writes_fts_rows(db: Database) -> None:
    # An FTS5 table flushes the terms it holds in memory to a new segment on every
    # statement savepoint, and SQLite opens one for each row a trigger inserts: an
    # article's 30 sentences and 11 facts became ~80 one-row segments to merge. For
    # 30 sentences: 1.33 ms per article through a trigger, 0.23 ms inserted directly.
    # The store now writes new FTS5 rows itself (core.IndexRows), one plain
    # INSERT … VALUES per row, so the terms stay in memory until the commit.
    # Deletes and updates still go through their triggers.
    for trigger in ("sentences_ai", "facts_listing_ai", "facts_signed_ai"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
