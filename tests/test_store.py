"""The store: whole-article transactions, duplicates, replacement, quoted FTS."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import NotFound
from bot.records import Actor, Fact, ParsedArticle
from bot.store import Store, core, fts_query
from bot.store.core import IndexRows
from bot.store.migrations import fact_index_select


@pytest.fixture
def store():
    store = Store.open(":memory:")
    yield store
    store.close()


def parsed(title="Ties", body="Japan sent peacekeeping forces. Trade grew.", **extra):
    values = {
        "title": title,
        "body": body,
        "sentences": [s.strip() + "." for s in body.split(".") if s.strip()],
        "source": "The Paper",
        "published": "2017-08-14",
        "content_hash": f"c:{title}:{body}",
        "body_hash": f"b:{body}",
    }
    values.update(extra)
    return ParsedArticle(**values)


def visit(sentence="Japan sent peacekeeping forces."):
    return Fact(
        kind="visit",
        sentence=sentence,
        date="1992",
        precision="year",
        actors=[Actor("Hun Sen", "Prime Minister")],
        countries=["Japan"],
        sentence_index=0,
    )


def signed_loan(**changes):
    """A signed agreement with an amount: a row of both fact indexes."""
    fact = Fact(
        kind="agreement",
        sentence="Japan and Cambodia signed a loan of US$90 million.",
        date="2017-08-08",
        precision="day",
        countries=["Japan", "Cambodia"],
        amount_usd=90_000_000,
        status="signed",
        sentence_index=1,
    )
    return replace(fact, **changes)


def test_migrations_create_the_schema_once(tmp_path):
    path = tmp_path / "t.db"
    Store.open(path).close()
    store = Store.open(path)  # second open applies nothing new
    applied = [row["name"] for row in store.db["_sqlite_migrations"].rows]
    assert applied[:2] == ["0001_articles_and_sentences", "0002_facts"]
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "sentences", "facts", "sentences_fts"} <= set(store.db.table_names())
    store.close()


def test_add_article_stores_article_sentences_and_facts(store):
    result = store.add_article(
        parsed(), [visit()], ["Japan sent peacekeeping forces."], origin="seed:a.txt"
    )
    assert (result.status, result.article_id) == ("added", 1)
    article = store.article(1)
    assert (article.title, article.source, article.published, article.origin) == (
        "Ties",
        "The Paper",
        "2017-08-14",
        "seed:a.txt",
    )
    assert article.summary == ["Japan sent peacekeeping forces."]
    assert store.sentences(1) == ["Japan sent peacekeeping forces.", "Trade grew."]
    [fact] = store.facts()
    assert fact.to_json() == {
        "id": 1,
        "article_id": 1,
        "kind": "visit",
        "date": "1992",
        "end_date": None,
        "precision": "year",
        "actors": [{"name": "Hun Sen", "role": "Prime Minister"}],
        "countries": ["Japan"],
        "place": None,
        "amount_usd": None,
        "amount_text": None,
        "status": None,
        "ordinal": None,
        "sentence": "Japan sent peacekeeping forces.",
        "subject": None,
        "visit_type": None,
        "count": None,
        "sentence_index": 0,
        "flags": [],
    }


def test_same_text_is_stored_once(store):
    store.add_article(parsed(), [], [])
    assert store.add_article(parsed(), [], []).status == "duplicate"
    assert store.count_articles() == 1


def test_near_duplicate_is_reported_not_stored(store):
    store.add_article(parsed(title="One"), [], [])
    result = store.add_article(parsed(title="Another title"), [], [])
    assert (result.status, result.article_id) == ("near_duplicate", 1)
    assert store.count_articles() == 1


def test_edited_seed_replaces_its_earlier_version_under_the_same_id(store):
    store.add_article(parsed(), [visit()], [], origin="seed:a.txt")
    store.add_article(parsed(title="Other", body="Something else entirely."), [], [])
    result = store.add_article(parsed(body="Japan sent engineers."), [], [], origin="seed:a.txt")
    assert (result.status, result.article_id) == ("replaced", 1)
    assert store.count_articles() == 2
    assert store.sentences(1) == ["Japan sent engineers."]
    assert store.facts(article_id=1) == []
    assert store.search_sentences("peacekeeping").total == 0
    assert store.search_sentences("engineers").total == 1


def test_a_failing_write_leaves_nothing_behind(store):
    bad_fact = Fact(kind="visit", sentence=None)  # NOT NULL violation inside the transaction
    with pytest.raises(sqlite3.IntegrityError):
        store.add_article(parsed(), [bad_fact], [])
    assert store.count_articles() == 0
    assert store.db["sentences"].count == 0
    assert store.search_sentences("peacekeeping").total == 0


def test_delete_article_removes_only_its_rows(store):
    store.add_article(parsed(), [visit()], [])
    store.add_article(
        parsed(title="B", body="Peacekeeping again here."), [visit("Peacekeeping again here.")], []
    )
    store.delete_article(1)
    assert [a.id for a in store.articles()] == [2]
    assert [f.article_id for f in store.facts()] == [2]
    assert store.search_sentences("peacekeeping").total == 1
    with pytest.raises(NotFound):
        store.delete_article(1)


def test_replace_extraction_swaps_facts(store):
    store.add_article(parsed(), [visit()], ["old"])
    store.replace_extraction(1, [visit(), visit("Trade grew.")], ["new"])
    assert [f.sentence for f in store.facts(article_id=1)] == [
        "Japan sent peacekeeping forces.",
        "Trade grew.",
    ]
    assert store.article(1).summary == ["new"]


def test_search_ranks_highlights_and_pages(store):
    body = ". ".join(f"Peacekeeping report number {i}" for i in range(12)) + "."
    store.add_article(parsed(body=body), [], [])
    first = store.search_sentences("peacekeeping report", page_size=5)
    assert (first.total, first.pages, len(first.hits)) == (12, 3, 5)
    assert first.hits[0].snippet.startswith("\x02Peacekeeping\x03 \x02report\x03")
    last = store.search_sentences("peacekeeping report", page=2, page_size=5)
    assert len(last.hits) == 2


def test_search_falls_back_to_any_word(store):
    store.add_article(parsed(), [], [])
    page = store.search_sentences("peacekeeping zebra")
    assert [hit.sentence for hit in page.hits] == ["Japan sent peacekeeping forces."]


def test_stemming_finds_other_forms(store):
    store.add_article(parsed(body="Hun Sen visited Japan."), [], [])
    assert store.search_sentences("visits").total == 1


@pytest.mark.parametrize(
    "text", ['"', "AND", "*", "-", "NEAR(", "<b>", "🙂", 'a"b', "OR NOT", ")", "^x", ""]
)
def test_any_user_text_searches_without_error(store, text):
    store.add_article(parsed(), [], [])
    page = store.search_sentences(text)
    assert page.total >= 0


def test_fts_query_quotes_every_word():
    assert fts_query('NEAR( "x" AND y*') == '"NEAR" "x" "AND" "y"'
    assert fts_query("a b", any_word=True) == '"a" OR "b"'
    assert fts_query("!!!") is None


def test_missing_article_raises_not_found(store):
    with pytest.raises(NotFound, match="There is no article 7"):
        store.article(7)


def test_counts_stop_at_the_cap_past_the_page(store, monkeypatch):
    monkeypatch.setattr("bot.store.core.COUNT_CAP", 4)
    body = ". ".join(f"Peacekeeping report number {i}" for i in range(12)) + "."
    store.add_article(parsed(body=body), [], [])
    first = store.search_sentences("peacekeeping", page_size=2)
    assert (first.total, first.more, first.total_label, first.pages) == (4, True, "4+", 2)
    # Paging on counts further, so the next page is always reachable.
    later = store.search_sentences("peacekeeping", page=4, page_size=2)
    assert (later.total, later.more, len(later.hits)) == (12, False, 2)
    assert store.search_sentences("number 3").total_label == "1"


def test_fact_counts_stop_at_the_cap_and_lists_say_so(store, monkeypatch):
    from bot.records import FactQuery

    monkeypatch.setattr("bot.store.core.COUNT_CAP", 2)
    store.add_article(parsed(), [visit(), visit(), visit()], [])
    page = store.fact_page(FactQuery(kinds=("visit",)), page_size=10)
    assert (page.total, page.more, page.total_label, len(page.facts)) == (2, True, "2+", 3)
    uncounted = store.fact_page(FactQuery(kinds=("visit",)), page_size=2, count=False)
    assert [f.id for f in uncounted.facts] == [f.id for f in page.facts[:2]]
    both = store.fact_page(FactQuery(kinds=("visit", "agreement"), words=("japan",)))
    assert [f.id for f in both.facts] == [f.id for f in page.facts]


def test_capped_totals_read_as_n_plus_in_replies(store, monkeypatch):
    from pathlib import Path

    from bot.records import FactQuery
    from bot.render import Renderer

    monkeypatch.setattr("bot.store.core.COUNT_CAP", 3)
    body = ". ".join(f"Peacekeeping report number {i}" for i in range(12)) + "."
    store.add_article(parsed(body=body), [visit() for _ in range(12)], [])
    renderer = Renderer(Path(__file__).resolve().parent.parent / "config" / "templates")
    search = renderer.render(
        "search", words="peacekeeping", page=store.search_sentences("peacekeeping", page_size=2)
    )
    assert "<b>3+</b> sentences match “peacekeeping” — page 1 of 2+:" in search
    page = store.fact_page(FactQuery(kinds=("visit",), totals=False), page_size=2)
    visits = renderer.render(
        "visits", label="", page=page, totals=[], sources={1: store.article(1)}
    )
    assert "(3+) — page 1 of 2+" in visits


# -- the facts add_article returns, and batched writes -------------------------


def test_add_article_returns_the_stored_facts_as_facts_reads_them(store):
    """Ingest reports the facts from add_article instead of reading them back,
    so they must be exactly what ``facts()`` returns, ids and order included."""
    from bot.ingest import prepare

    texts = [
        "Ties deepen\n\nThe Paper, 14 August 2017\n\n"
        "Prime Minister Hun Sen paid a state visit to Japan on August 7-9. "
        "The two countries signed two agreements worth US$244 million. "
        "Cambodia asked Japan to help build a skytrain.",
        "Ports\n\nThe Paper, 2 March 2019\n\nJapan pledged $20 million for the port.",
    ]
    for number, text in enumerate(texts):
        prepared = prepare(text, name=f"{number}.txt")
        result = store.add_article(prepared.article, prepared.facts, prepared.summary)
        assert result.facts, "the test needs articles with facts"
        assert list(result.facts) == store.facts(article_id=result.article_id)
    # a fact without a sentence index sorts first, as SQL puts NULL first
    loose = Fact(kind="pledge", sentence="Trade grew.", sentence_index=None)
    result = store.add_article(parsed(title="Loose"), [visit(), loose], [])
    assert list(result.facts) == store.facts(article_id=result.article_id)
    assert result.facts[0].kind == "pledge"


def test_duplicates_return_no_facts(store):
    store.add_article(parsed(), [visit()], [])
    assert store.add_article(parsed(), [visit()], []).facts == ()


def _count_elsewhere(path) -> int:
    """Articles a second connection sees: what has been committed."""
    with sqlite3.connect(path) as other:
        return other.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_batched_writes_commit_in_groups_and_at_the_end(tmp_path):
    path = tmp_path / "b.db"
    store = Store.open(path)
    with store.batched_writes(max_articles=3, max_seconds=3600):
        for number in range(5):
            store.add_article(parsed(title=f"T{number}", body=f"Body {number} here."), [], [])
            assert _count_elsewhere(path) == (3 if number >= 2 else 0)
    assert _count_elsewhere(path) == 5
    store.close()


def test_batched_writes_commit_after_max_seconds(tmp_path):
    path = tmp_path / "b.db"
    store = Store.open(path)
    with store.batched_writes(max_articles=1000, max_seconds=0.0):
        store.add_article(parsed(title="A", body="Body a here."), [], [])
        assert _count_elsewhere(path) == 1
    store.close()


def test_a_failing_article_in_a_batch_leaves_the_others_whole(tmp_path):
    """A failure inside one article rolls back that article only; the articles
    before it are kept (committed when the batch ends), none is half stored."""
    path = tmp_path / "b.db"
    store = Store.open(path)
    broken = Fact(kind="visit", sentence=None)  # NOT NULL sentence: the insert fails
    batch = store.batched_writes(max_articles=100, max_seconds=3600)
    with pytest.raises(sqlite3.IntegrityError), batch:
        store.add_article(parsed(title="Good", body="Good body here."), [visit()], [])
        store.add_article(parsed(title="Bad", body="Bad body here."), [visit(), broken], [])
    assert [a.title for a in store.articles()] == ["Good"]
    assert store.db.execute("SELECT count(*) FROM sentences").fetchone()[0] == 1
    assert len(store.facts()) == 1
    assert not store.db.conn.in_transaction
    assert _count_elsewhere(path) == 1
    store.close()


def test_batched_writes_inside_a_transaction_do_not_commit_it(store):
    with store.db.atomic():
        with store.batched_writes(max_articles=1, max_seconds=0):
            store.add_article(parsed(), [], [])
        assert store.db.conn.in_transaction


def test_a_batch_writes_without_the_memory_map_and_restores_it(tmp_path):
    """Bulk writes would keep every page they touch mapped into the process."""
    store = Store.open(tmp_path / "m.db")
    mapped = store.db.execute("PRAGMA mmap_size").fetchone()[0]
    assert mapped > 0
    with store.batched_writes():
        assert store.db.execute("PRAGMA mmap_size").fetchone()[0] == 0
        store.add_article(parsed(), [visit()], [])
    assert store.db.execute("PRAGMA mmap_size").fetchone()[0] == mapped
    store.close()


def _index_rowids(store, table: str) -> set[int]:
    return {row[0] for row in store.db.execute(f"SELECT rowid FROM {table}")}


def _expected_fact_rowids(store) -> tuple[set[int], set[int]]:
    """(listing keys of every fact, keys of the facts facts_signed_fts should hold),
    by the triggers' own SQL expressions."""
    rows = store.db.execute(fact_index_select("1")).fetchall()
    return {row[1] for row in rows}, {row[1] for row in rows if row[5]}


@pytest.mark.parametrize("batched", [False, True])
def test_the_store_keeps_every_fts_index_in_step_with_its_rows(store, batched):
    """New rows reach the FTS5 tables from the store, not from triggers (0012):
    after adds, a replaced seed, a re-extraction and a delete, each index holds
    exactly the rows it should, under the keys the triggers would give — also
    when a batch holds the rows back until its commit and deletes some of them."""
    with store.batched_writes() if batched else contextlib.nullcontext():
        third = _add_replace_reextract_delete(store)
    listing, signed_keys = _check_fts_in_step(store)
    assert len(listing) == len(signed_keys) == 2  # the signed loans of the first and third
    found = store.db.execute(
        "SELECT rowid FROM facts_listing_fts WHERE facts_listing_fts MATCH 'kagreement AND loan'"
    )
    assert {row[0] for row in found} == listing
    hits = store.search_sentences("rained").hits
    assert [hit.article_id for hit in hits] == [third.article_id]


def _add_replace_reextract_delete(store):
    signed = signed_loan()
    total = replace(visit(), date=None, precision=None, count=21)
    store.add_article(parsed(), [visit(), signed, total], [], origin="seed:a.txt")
    store.add_article(parsed("Other", "Abe met Hun Sen. They talked."), [visit()], [])
    edited = parsed(body="Japan sent peacekeeping forces in 1992. Trade grew.")
    store.add_article(edited, [signed], [], origin="seed:a.txt")  # replaces the first
    store.replace_extraction(2, [visit(), signed], [])
    store.delete_article(2)
    return store.add_article(parsed("Third", "Hun Sen visited Tokyo. It rained."), [signed], [])


def _check_fts_in_step(store):
    """Each FTS5 index holds exactly the rows of its table, under the right keys."""
    store.db.execute("INSERT INTO sentences_fts (sentences_fts) VALUES ('integrity-check')")
    sentence_ids = {row[0] for row in store.db.execute("SELECT id FROM sentences")}
    assert _index_rowids(store, "sentences_fts") == sentence_ids
    listing, signed_keys = _expected_fact_rowids(store)
    assert len(listing) == store.db["facts"].count
    assert _index_rowids(store, "facts_listing_fts") == listing
    assert _index_rowids(store, "facts_signed_fts") == signed_keys
    return listing, signed_keys


def test_a_batch_that_cannot_write_its_index_rows_commits_none_of_its_articles(
    tmp_path, monkeypatch
):
    """A batch's FTS5 rows are written just before its commit: if that fails, its
    articles are rolled back rather than committed without their index."""
    path = tmp_path / "i.db"
    store = Store.open(path)
    store.add_article(parsed(title="Before"), [visit()], [])

    def full_disk(self, conn):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(IndexRows, "write", full_disk)
    with pytest.raises(sqlite3.OperationalError), store.batched_writes():
        store.add_article(parsed(title="Lost", body="Trade grew fast."), [visit()], [])
    monkeypatch.undo()
    assert [a.title for a in store.articles()] == ["Before"]
    assert _count_elsewhere(path) == 1
    _check_fts_in_step(store)
    store.close()


def test_a_failed_seed_replacement_in_a_batch_keeps_the_other_articles_indexed(tmp_path):
    """Replacing a seed deletes rows, so the batch's pending FTS5 rows are written
    first — outside the article's savepoint, whose rollback would undo them."""
    store = Store.open(tmp_path / "r.db")
    store.add_article(parsed(title="Seed"), [visit()], [], origin="seed:a.txt")
    broken = Fact(kind="visit", sentence=None)  # NOT NULL sentence: the insert fails
    with pytest.raises(sqlite3.IntegrityError), store.batched_writes():
        store.add_article(parsed(title="Kept", body="Hun Sen visited Osaka."), [visit()], [])
        edited = parsed(title="Seed", body="An edited seed body.")
        store.add_article(edited, [visit(), broken], [], origin="seed:a.txt")
    assert sorted(a.title for a in store.articles()) == ["Kept", "Seed"]
    _check_fts_in_step(store)
    assert [hit.article_id for hit in store.search_sentences("osaka").hits] == [2]
    store.close()


@pytest.mark.parametrize("batched", [False, True])
def test_index_rows_reach_fts5_in_ascending_rowid_order(store, batched):
    """FTS5 flushes its in-memory terms to a new segment whenever a rowid does
    not ascend, and the fact indexes key a fact by minus its date: facts stored
    earliest first (keys descending) must still reach FTS5 in rowid order
    (unsorted, a batch of 200 articles wrote ~1,000 tiny segments)."""
    inserted: dict[str, list[int]] = {}

    def note(statement: str) -> None:
        if statement.startswith("INSERT INTO facts_") and "_fts (rowid" in statement:
            table = statement.split()[2]
            inserted.setdefault(table, []).append(int(statement.split("VALUES (")[1].split(",")[0]))

    store.db.conn.set_trace_callback(note)
    with store.batched_writes() if batched else contextlib.nullcontext():
        for number, year in enumerate((2019, 2011, 2015)):
            facts = [
                signed_loan(date=f"{year + back}-03-0{back + 1}", sentence_index=back)
                for back in range(3)
            ]
            store.add_article(parsed(f"T{number}", f"Loan {number} signed."), facts, [])
    store.db.conn.set_trace_callback(None)
    assert sorted(inserted) == ["facts_listing_fts", "facts_signed_fts"]
    for table, rowids in inserted.items():
        assert len(rowids) == 9, table
        # A batch writes all its rows at its commit; otherwise each article's own.
        runs = [rowids] if batched else [rowids[i : i + 3] for i in range(0, 9, 3)]
        assert all(run == sorted(run) for run in runs), (table, rowids)
    _check_fts_in_step(store)


_texts = st.text(st.characters(codec="utf-8"), max_size=12)
_actors = st.builds(Actor, _texts, st.none() | _texts, st.none() | _texts)


@settings(max_examples=300, deadline=None)
@given(
    actors=st.lists(_actors, max_size=3),
    countries=st.lists(_texts, max_size=3),
    flags=st.lists(_texts, max_size=2),
    place=st.none() | _texts,
    date=st.none() | st.sampled_from(["1957", "2015-04", "2017-08-07", "", "-44", "c. 1950"]),
)
def test_fact_rows_hold_what_json_dumps_and_the_listing_words_would(
    actors, countries, flags, place, date
):
    """Rows are built by hand for speed (bot.store.core._fact_row): the list
    columns must be exactly json.dumps' text of ``Fact.to_json``, quotes, control
    characters and all, and the derived columns what the listing queries expect."""
    fact = Fact(
        kind="visit",
        sentence="s",
        date=date,
        actors=actors,
        countries=countries,
        flags=flags,
        place=place,
        subject="skytrain",
    )
    row = dict(
        zip(
            ("article_id", *core._FACT_FIELDS, *core._DERIVED_COLUMNS),
            core._fact_row(7, fact),
            strict=True,
        )
    )
    data = fact.to_json()
    for column in ("actors", "countries", "flags"):
        assert row[column] == json.dumps(data[column], ensure_ascii=False)
    words = [a.name for a in actors] + [a.role for a in actors] + [a.country for a in actors]
    words += [*countries, place, "skytrain", None, "visit"]
    assert row["search_text"] == " ".join(word for word in words if word)
    year = date.split("-")[0] if date else ""
    assert row["year"] == (int(year) if year.isdigit() else None)
    expected_key = None
    if year.isdigit():
        expected_key = (date + "-00-00")[:10] if len(date) < 10 else date
    assert row["sort_key"] == expected_key
