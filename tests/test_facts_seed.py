"""The seed article, read like any upload, must yield exactly the facts a careful reader would.

Each required fact is asserted field by field; then the whole list is compared,
so an unexpected extra fact fails the test. Sentences that deliberately produce
nothing are listed at the end with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.extract import extract_facts, read_document
from bot.records import Actor, Fact, ParsedArticle

SEED = (
    Path(__file__).resolve().parent.parent
    / "seeds"
    / ("khmer-times-2017-08-14-new-momentum-in-cambodia-japan-ties.txt")
)
HUN_SEN = Actor("Hun Sen", "Prime Minister", "Cambodia")
ABE = Actor("Shinzo Abe", "Prime Minister", "Japan")
KISHI = Actor("Nobusuke Kishi", "then Prime Minister", "Japan")


@pytest.fixture(scope="module")
def article() -> ParsedArticle:
    return read_document(SEED.read_bytes(), filename=SEED.name)


@pytest.fixture(scope="module")
def facts(article: ParsedArticle) -> list[Fact]:
    return extract_facts(article)


def only(facts: list[Fact], **fields: object) -> Fact:
    """The one fact whose fields equal ``fields``; fails if none or several match."""
    found = [f for f in facts if all(getattr(f, k) == v for k, v in fields.items())]
    assert len(found) == 1, f"{len(found)} facts match {fields}"
    return found[0]


def test_reader_gives_the_publication_date(article: ParsedArticle) -> None:
    assert article.published == "2017-08-14"


def test_main_state_visit(facts: list[Fact]) -> None:
    visit = only(facts, kind="visit", date="2017-08-07")
    assert visit.end_date == "2017-08-09"
    assert visit.precision == "day"
    assert visit.actors == [HUN_SEN]  # role as stated; Cambodia inferred (visitor to Japan)
    assert visit.countries == ["Cambodia", "Japan"]
    assert visit.visit_type == "state"
    assert visit.ordinal == 3  # "It was his third state visit to Japan" folds into it
    assert visit.status == "made"
    assert visit.sentence.startswith("During his state visit to Japan on August 7-9")
    assert visit.sentence_index == 5


@pytest.mark.parametrize(("year", "ordinal"), [("2007", 1), ("2013", 2)])
def test_earlier_visits_from_context(facts: list[Fact], year: str, ordinal: int) -> None:
    visit = only(facts, kind="visit", date=year)
    assert visit.precision == "year"
    assert visit.ordinal == ordinal
    assert [a.name for a in visit.actors] == ["Hun Sen"]
    assert visit.countries == ["Cambodia", "Japan"]
    assert visit.status == "made"
    assert {"actors_from_context", "destination_from_context"} <= set(visit.flags)
    assert visit.sentence == "The first visit took place in 2007 and the second visit was in 2013."


def test_kishi_first_visit_1957(facts: list[Fact]) -> None:
    visit = only(facts, kind="visit", date="1957")
    assert visit.actors == [KISHI]
    assert visit.countries == ["Japan", "Cambodia"]
    assert visit.ordinal == 1  # "the first Japanese leader to visit Cambodia in 1957"
    assert visit.precision == "year"
    assert visit.status == "made"


def test_abe_invited_this_year(facts: list[Fact]) -> None:
    visit = only(facts, kind="visit", status="invited")
    assert visit.actors == [ABE]  # "Mr Abe"/"Prime Minister Abe" resolved to the full name
    assert visit.countries == ["Japan", "Cambodia"]
    assert (visit.date, visit.precision) == ("2017", "year")  # "this year"
    assert visit.subject == "invited by Hun Sen"


def test_visit_total(facts: list[Fact]) -> None:
    visit = only(facts, kind="visit", count=21)
    assert [a.name for a in visit.actors] == ["Hun Sen"]
    assert visit.countries == ["Cambodia", "Japan"]
    assert visit.date is None  # a total spans many dates
    assert visit.sentence == "Mr Hun Sen has visited Japan 21 times."


def test_jakarta_meeting(facts: list[Fact]) -> None:
    meeting = only(facts, kind="meeting")
    assert meeting.actors == [HUN_SEN, ABE]
    assert meeting.place == "Jakarta"
    assert (meeting.date, meeting.precision) == ("2015-04", "month")  # not "two days after"
    assert meeting.subject == "60th anniversary of the Bandung Conference"
    assert meeting.status == "held"


def test_strategic_partnership_agreement(facts: list[Fact]) -> None:
    agreement = only(facts, kind="agreement", date="2013")
    assert agreement.subject == "strategic partnership agreement"
    assert agreement.status == "signed"
    assert agreement.precision == "year"
    assert agreement.countries == ["Cambodia", "Japan"]


def test_two_agreements_signed_during_the_visit(facts: list[Fact]) -> None:
    agreement = only(facts, kind="agreement", count=2)
    assert agreement.amount_usd == 244e6
    assert agreement.amount_text == "more than $244 million"
    assert agreement.place == "Phnom Penh"
    assert "Phnom Penh" in agreement.subject and "Sihanoukville" in agreement.subject
    assert "flood protection" in agreement.subject and "terminal port" in agreement.subject
    # No date in the sentence: it was signed during the visit being reported.
    assert (agreement.date, agreement.precision) == ("2017-08", "month")
    assert "date_from_context" in agreement.flags
    assert agreement.status == "signed"
    assert agreement.countries == ["Cambodia", "Japan"]


def test_skytrain_request(facts: list[Fact]) -> None:
    request = only(facts, kind="request")
    assert request.subject == "skytrain"
    assert request.amount_usd == 800e6
    assert request.amount_text == "$800 million"
    assert request.status == "no decision"  # from the next sentence
    assert request.countries == ["Cambodia", "Japan"]
    assert request.date is None


def test_trade_pledge(facts: list[Fact]) -> None:
    pledge = only(facts, kind="pledge", amount_usd=2e9)
    assert pledge.amount_text == "$2 billion"
    assert pledge.subject == "trade value target"
    assert pledge.date is None  # "in coming years" is no date, and none is borrowed
    assert pledge.status == "committed"
    assert pledge.countries == ["Cambodia", "Japan"]  # "Both sides"


def test_higher_income_pledge(facts: list[Fact]) -> None:
    pledge = only(facts, kind="pledge", date="2030")
    assert pledge.precision == "year"
    assert pledge.status == "committed"
    assert "higher-income country" in pledge.subject
    assert "target_date" in pledge.flags
    assert pledge.countries == ["Japan", "Cambodia"]


@pytest.mark.parametrize(
    ("ordinal", "base", "precision", "subject"),
    [
        (60, "1957", "year", "visit to Cambodia by Nobusuke Kishi"),
        (25, "1992", "year", "Japan sending its peacekeeping forces to Cambodia"),
        (60, "1955-04", "month", "Bandung Conference"),
    ],
)
def test_anniversaries(
    facts: list[Fact], ordinal: int, base: str, precision: str, subject: str
) -> None:
    fact = only(facts, kind="anniversary", date=base)
    assert (fact.ordinal, fact.precision, fact.subject) == (ordinal, precision, subject)


def test_kishi_anniversary_names_him(facts: list[Fact]) -> None:
    fact = only(facts, kind="anniversary", date="1957")
    assert fact.actors == [KISHI]
    assert fact.countries == ["Cambodia", "Japan"]


def summary(fact: Fact) -> tuple[object, ...]:
    return (
        fact.sentence_index,
        fact.kind,
        fact.date,
        fact.end_date,
        tuple(a.name for a in fact.actors),
        fact.place,
        fact.amount_usd,
        fact.status,
        fact.ordinal,
        fact.count,
    )


def test_nothing_else(facts: list[Fact]) -> None:
    """The complete list: every fact above, and no other.

    The seed yields no fact beyond the required ones. Sentences that produce
    nothing on purpose:
    - 0-2, 4, 12, 16, 17, 19: general statements ("Japan is an old friend of
      Cambodia", "... are the key cooperation areas").
    - 5 "affirmed his commitment to advancing the strategic partnership": a
      commitment with no amount or target is no pledge; no act, no agreement.
    - 6 "It was his third state visit to Japan ...": the same visit as sentence 5;
      it only adds ordinal 3 to it.
    - 11 "the first time since ... World War II": no event kind.
    - 13 "During the visit, both sides exchanged views": a back-reference to
      the main visit, nothing new.
    - 14 "Both sides agreed to cooperate on certain international issues ...":
      our choice is NO agreement fact: there is no instrument (no agreement,
      MoU, loan...), only a statement of intent.
    - 15 "... which aims to strengthen maritime connectivity": a weak
      commitment with no amount or target date is no pledge.
    - 23 "But there has been no decision ...": the status of the request in 22.
    - 24, 25, 27, 28: a birthday celebration, a quotation: no event kind.
    - 26 "Posted ... two days after his visit": a reference to the main visit
      (it only anchors a date); the sentence's facts are the meeting and the
      Bandung anniversary.
    """
    assert [summary(f) for f in facts] == [
        (3, "agreement", "2013", None, (), None, None, "signed", None, None),
        (5, "visit", "2017-08-07", "2017-08-09", ("Hun Sen",), None, None, "made", 3, None),
        (7, "visit", "2007", None, ("Hun Sen",), None, None, "made", 1, None),
        (7, "visit", "2013", None, ("Hun Sen",), None, None, "made", 2, None),
        (8, "visit", None, None, ("Hun Sen",), None, None, "made", None, 21),
        (9, "anniversary", "1957", None, ("Nobusuke Kishi",), None, None, None, 60, None),
        (9, "visit", "2017", None, ("Shinzo Abe",), None, None, "invited", None, None),
        (9, "visit", "1957", None, ("Nobusuke Kishi",), None, None, "made", 1, None),
        (10, "anniversary", "1992", None, (), None, None, None, 25, None),
        (18, "pledge", "2030", None, (), None, None, "committed", None, None),
        (20, "pledge", None, None, (), None, 2e9, "committed", None, None),
        (21, "agreement", "2017-08", None, (), "Phnom Penh", 244e6, "signed", None, 2),
        (22, "request", None, None, (), None, 800e6, "no decision", None, None),
        (26, "anniversary", "1955-04", None, (), None, None, None, 60, None),
        (26, "meeting", "2015-04", None, ("Hun Sen", "Shinzo Abe"), "Jakarta", None, "held",
         None, None),
    ]  # fmt: skip


def test_every_fact_quotes_its_sentence(article: ParsedArticle, facts: list[Fact]) -> None:
    for fact in facts:
        assert fact.sentence == article.sentences[fact.sentence_index]


def test_trailing_boilerplate_yields_nothing(article: ParsedArticle) -> None:
    """Even if the reader kept the comment-form boilerplate, it would produce no fact."""
    raw = SEED.read_text(encoding="utf-8")
    boilerplate = raw[raw.index("Leave a Reply") :].split("\n\n")
    lines = [line.strip() for line in boilerplate if line.strip()]
    padded = ParsedArticle(
        title=article.title,
        body=article.body,
        sentences=[*article.sentences, *lines],
        published=article.published,
    )
    assert [summary(f) for f in extract_facts(padded)] == [
        summary(f) for f in extract_facts(article)
    ]
    assert all(fact.sentence_index < len(article.sentences) for fact in extract_facts(padded))
