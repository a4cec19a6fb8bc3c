"""The query paths for big stores: common search words ranked over the newest
matches, questions read through their rarest words, and fact lists read from
facts_listing_fts — each checked against what the plain path returns."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.records import Actor, Fact, FactQuery, ParsedArticle
from bot.render import Renderer
from bot.store import Store

TEMPLATES = Path(__file__).resolve().parent.parent / "config" / "templates"


@pytest.fixture
def store():
    store = Store.open(":memory:")
    yield store
    store.close()


def parsed(title, sentences, published="2017-08-14"):
    body = " ".join(sentences)
    return ParsedArticle(
        title=title,
        body=body,
        sentences=list(sentences),
        source="The Paper",
        published=published,
        content_hash=f"c:{title}:{body}",
        body_hash=f"b:{title}:{body}",
    )


def ids(page):
    return [(hit.article_id, hit.position) for hit in page.hits]


# -- /search over the newest matches ---------------------------------------------


def test_a_common_word_ranks_only_the_newest_matches(store, monkeypatch):
    monkeypatch.setattr("bot.store.search.RANK_WINDOW", 4)
    store.add_article(parsed("Old", [f"Peacekeeping report number {i}." for i in range(6)]), [], [])
    store.add_article(
        parsed("New", ["Peacekeeping.", "A long sentence about peacekeeping forces in Laos."]),
        [],
        [],
    )
    page = store.search_sentences("peacekeeping", page_size=2)
    assert page.window and page.more and page.total == 4
    # The newest four matches: both of "New", the last two of "Old"; shortest first.
    assert ids(page) == [(2, 0), (1, 5)]
    assert page.hits[0].snippet == "\x02Peacekeeping\x03."
    pages = [store.search_sentences("peacekeeping", page=p, page_size=2) for p in range(3)]
    seen = [hit for p in pages for hit in ids(p)]
    assert sorted(seen) == [(1, 4), (1, 5), (2, 0), (2, 1)]  # every one once, none older
    assert not pages[2].hits
    markup = Renderer(TEMPLATES).render("search", words="peacekeeping", page=page)
    assert "<b>4+</b> sentences match “peacekeeping”; the newest 4, best first" in markup
    assert "page 1 of 2:" in markup


def test_rare_words_keep_bm25_over_every_match(store, monkeypatch):
    monkeypatch.setattr("bot.store.search.RANK_WINDOW", 4)
    store.add_article(parsed("A", ["Skytrain opened.", "The skytrain to Laos opened."]), [], [])
    page = store.search_sentences("skytrain")
    assert not page.window and page.total == 2


def test_any_word_over_a_common_word_puts_the_rare_word_first(store, monkeypatch):
    monkeypatch.setattr("bot.store.search.RANK_WINDOW", 3)
    store.add_article(parsed("A", ["Japan and the zebra."]), [], [])
    store.add_article(parsed("B", [f"Japan report {i}." for i in range(5)]), [], [])
    store.add_article(parsed("C", ["Zebra crossing."]), [], [])
    page = store.search_sentences("japan zebra crossing")  # no sentence holds all three
    assert page.window
    assert page.hits[0].sentence == "Zebra crossing."


def test_search_pages_agree_with_each_other_on_a_larger_store(store, monkeypatch):
    monkeypatch.setattr("bot.store.search.RANK_WINDOW", 25)
    rng = random.Random(4)
    words = ["visit", "loan", "japan", "laos", "rice", "trade", "summit"]
    for a in range(12):
        sentences = [" ".join(rng.choices(words, k=rng.randint(2, 9))) + "." for _ in range(8)]
        store.add_article(parsed(f"T{a}", sentences), [], [])
    for query in ("visit", "japan loan", "rice summit trade"):
        first = store.search_sentences(query, page_size=5)
        pages = [store.search_sentences(query, page=p, page_size=5) for p in range(first.pages)]
        seen = [hit for p in pages for hit in ids(p)]
        assert len(seen) == len(set(seen)) == first.total <= 25


# -- /ask: sentences through the rarest words ------------------------------------


def test_questions_read_sentences_through_their_rarest_words(store, monkeypatch):
    monkeypatch.setattr("bot.store.search.RANK_WINDOW", 3)
    store.add_article(parsed("A", ["The skytrain loan was signed in Vientiane."]), [], [])
    store.add_article(parsed("B", [f"The loan number {i} was signed." for i in range(6)]), [], [])
    hits = store.question_sentences("skytrain loan signed", 5)
    assert hits[0].sentence == "The skytrain loan was signed in Vientiane."
    # Without a common word, the answer engine sees what /search shows.
    plain = store.question_sentences("skytrain vientiane", 5)
    assert [h.sentence for h in plain] == [
        h.sentence for h in store.search_sentences("skytrain vientiane", page_size=5).hits
    ]


# -- fact lists from facts_listing_fts -------------------------------------------

PLACES = ["Japan", "Cambodia", "Hà Nội", "Phnom Penh", "Laos", "Japanese embassy"]
NAMES = ["Hun Sen", "Shinzo Abe", "Kishida", "Nguyễn Phú Trọng"]


def random_fact(rng: random.Random, index: int) -> Fact:
    kind = rng.choice(["visit", "visit", "agreement", "pledge", "request", "meeting"])
    dated = rng.random() < 0.8
    year = rng.choice([1992, 1999, 2013, 2013, 2017, 2020])
    date = None
    if dated:
        date = rng.choice([f"{year}", f"{year}-08", f"{year}-08-{rng.randint(1, 3):02d}"])
    total = kind in {"visit", "agreement"} and rng.random() < 0.2
    amount = rng.choice([None, 1e6, 2.5e7]) if kind != "visit" else None
    place = rng.choice(PLACES)
    return Fact(
        kind=kind,
        sentence=f"{rng.choice(NAMES)} went to {place} about rice number {index}.",
        date=date,
        precision="day" if date and len(date) == 10 else "year" if date else None,
        actors=[Actor(rng.choice(NAMES), "Prime Minister", rng.choice(["Japan", "Cambodia"]))],
        countries=[rng.choice(["Japan", "Cambodia", "Laos"])],
        place=place,
        amount_usd=amount,
        status=rng.choice([None, "signed", "planned"]),
        count=rng.randint(2, 30) if total else None,
        sentence_index=index % 7,
    )


@pytest.fixture
def facts_store(store):
    rng = random.Random(7)
    for a in range(30):
        facts = [random_fact(rng, a * 10 + i) for i in range(rng.randint(0, 9))]
        store.add_article(parsed(f"A{a}", [f"Sentence {a}."]), facts, [])
    # Re-extraction and replacement give an article new, higher fact ids.
    store.replace_extraction(3, [random_fact(rng, 999), random_fact(rng, 998)], [])
    store.delete_article(5)
    return store


QUERIES = [
    FactQuery(kinds=("visit",), words=("japan",), totals=False),
    FactQuery(kinds=("visit",), words=("japan",), totals=True),
    FactQuery(kinds=("agreement", "request", "pledge"), words=("cambodia",)),
    FactQuery(kinds=("agreement", "request", "pledge"), words=("japanese",)),
    FactQuery(kinds=("visit",), words=("hun", "sen"), year_from=2013, year_to=2017),
    FactQuery(kinds=(), words=("ha", "noi"), dated=True, newest_first=False),
    FactQuery(kinds=("visit",), words=("nguyen",)),
    FactQuery(kinds=("meeting",), words=("rice",)),  # only in the sentences
    FactQuery(kinds=("visit",), words=("phnom",), year_from=1999),
    FactQuery(kinds=(), words=("laos",)),
    FactQuery(kinds=("visit",), words=("volcano",)),
]


@pytest.mark.parametrize("query", QUERIES, ids=[str(i) for i in range(len(QUERIES))])
def test_listing_index_returns_what_the_plain_path_returns(facts_store, monkeypatch, query):
    def pages(store):
        out = []
        for page in range(4):
            for count in (True, False):
                result = store.fact_page(query, page=page, page_size=3, count=count)
                out.append(([f.id for f in result.facts], result.total, result.more))
        return out, store.signed_total(query)

    listed = pages(facts_store)
    # Oldest first (/timeline) keeps the plain path: see bot.store.listing.
    assert (facts_store._listing(query, "search_text") is not None) == query.newest_first
    monkeypatch.setattr(Store, "_listing", lambda self, query, column, signed=False: None)
    assert listed == pages(facts_store)


def test_listing_ties_on_a_date_keep_article_order(store, monkeypatch):
    monkeypatch.setattr("bot.store.listing.BUCKET_MAX", 100)
    same_day = dict(date="2013-08-01", precision="day", countries=["Japan"])
    store.add_article(parsed("A", ["a."]), [Fact(kind="visit", sentence="a", **same_day)], [])
    store.add_article(parsed("B", ["b."]), [Fact(kind="visit", sentence="b", **same_day)], [])
    # A's facts are extracted again: now with higher ids than B's.
    store.replace_extraction(1, [Fact(kind="visit", sentence="a2", **same_day)], [])
    page = store.fact_page(FactQuery(kinds=("visit",), words=("japan",)), page_size=1)
    assert [f.sentence for f in page.facts] == ["b"]  # article 2 first, as the plain path


def test_deleted_and_replaced_facts_leave_the_listing_index(store):
    store.add_article(
        parsed("A", ["a."]), [Fact(kind="visit", sentence="a", countries=["Japan"])], []
    )
    query = FactQuery(kinds=("visit",), words=("japan",))
    assert store.fact_page(query).total == 1
    store.replace_extraction(1, [Fact(kind="visit", sentence="b", countries=["Laos"])], [])
    assert store.fact_page(query).total == 0
    assert store.fact_page(FactQuery(kinds=("visit",), words=("laos",))).total == 1
    store.delete_article(1)
    assert store.fact_page(FactQuery(kinds=("visit",), words=("laos",))).total == 0
    rows = store.db.execute(
        "SELECT count(*) FROM facts_listing_fts WHERE facts_listing_fts MATCH 'laos OR japan'"
    )
    assert rows.fetchone()[0] == 0


# -- the plain path (oldest first, per-year counts) reads facts_listing_fts too ----


def test_the_plain_path_matches_fields_then_sentences_but_never_tags(store):
    """/timeline (oldest first) and the chart use the plain path, whose word match
    reads facts_listing_fts like the lists do: names first, the sentence as a
    fallback, and never the tag words the index keeps beside them."""
    sentence = "Cambodia asked Japan to help build a skytrain."
    fact = Fact(
        kind="request",
        sentence=sentence,
        date="2017-08",
        precision="month",
        countries=["Cambodia", "Japan"],
        sentence_index=0,
    )
    store.add_article(parsed("Skytrain", [sentence]), [fact], [])
    oldest = FactQuery(newest_first=False)
    found = store.fact_page(FactQuery(words=("japan",), newest_first=False))
    assert [f.sentence for f in found.facts] == [sentence]
    by_sentence = store.fact_page(FactQuery(words=("skytrain",), newest_first=False))
    assert [f.id for f in by_sentence.facts] == [f.id for f in found.facts]
    for tag in ("dated", "krequest", "fact"):
        assert store.fact_page(FactQuery(words=(tag,), newest_first=False)).facts == []
    assert store.facts_per_year(FactQuery(words=("japan",))) == {2017: {"request": 1}}
    assert store.facts_per_year(FactQuery(words=("dated",))) == {}
    assert store.fact_page(oldest).total == 1


@pytest.mark.parametrize(("cap", "lookup"), [(3000, 100), (3000, 1), (5, 1000), (0, 10**6)])
def test_common_question_words_are_intersected_as_fts5_would(store, monkeypatch, cap, lookup):
    """With no rare word the window's AND is done by hand (looked up, read by
    range, or left to FTS5): the same sentences as FTS5's AND, group by group."""
    from bot.store import search

    monkeypatch.setattr(search, "RANK_WINDOW", 5)
    monkeypatch.setattr(search, "QUESTION_WINDOW", 12)
    monkeypatch.setattr(search, "TERM_RANGE_CAP", cap)
    monkeypatch.setattr(search, "LOOKUP_ROWS", lookup)
    rng = random.Random(7)
    vocabulary = ["alpha", "bravo", "charlie", "delta", "echo"]
    for a in range(12):
        sentences = [
            " ".join(rng.sample(vocabulary, rng.randint(1, 4))) + f" filler{i}." for i in range(8)
        ]
        store.add_article(parsed(f"T{a}", sentences), [], [])
    conn = store.db.conn
    rows, _, top = search.corpus_stats(conn)
    for words in (["alpha", "bravo", "charlie"], ["echo", "delta"], ["delta", "alpha", "echo"]):
        terms = sorted(
            (search.term_stats(conn, f'"{w}"', rows, top) for w in words), key=lambda t: t.df
        )
        assert all(t.common for t in terms)
        since = conn.execute(search.TERM_PROBE, [terms[0].query, 12]).fetchone()[1]
        groups = [(terms[:n], since) for n in (3, 2) if len(terms) >= n] + [(terms[:1], 0)]
        for group, low in groups:  # what FTS5's AND finds, as the window used to be read
            query = " ".join(t.query for t in group)
            expected = conn.execute(search.WINDOW_TEXTS, [query, low, 12]).fetchall()
            if expected:
                break
        found_query, window = search._common_window(conn, terms, top)
        assert (found_query, sorted(window)) == (query, sorted(expected))
