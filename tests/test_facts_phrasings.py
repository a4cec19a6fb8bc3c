"""Facts from original test articles about other country pairs, one phrasing family each.

The articles (tests/articles/*.txt, in the seed's plain-text format) are read with
``read_document`` like any upload. For every article the complete list of facts
is given, in sentence order, with the fields that matter for it; a fact not
listed fails the test. Sentences that must produce nothing are named in the
comments.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.extract import extract_facts, read_document
from bot.records import Actor, Fact

ARTICLES = Path(__file__).resolve().parent / "articles"

MENON = Actor("Rajiv Menon", "External Affairs Minister", "India")
DON = Actor("Don Sakdina", "Foreign Minister", "Thailand")
SANTOSO = Actor("Budi Santoso", "President", "Indonesia")
HARTLEY = Actor("James Hartley", "Prime Minister", "Australia")
KIM = Actor("Kim Jae-won", "Prime Minister", "South Korea")
NGUYEN = Actor("Nguyen Thanh Hai", "Prime Minister", "Vietnam")
SONEXAY = Actor("Sonexay Phommavong", "Deputy Prime Minister", "Laos")
HLA = Actor("Daw Hla Hla Win", "State Counsellor", "Myanmar")
LI = Actor("Li Wenhao", "President", "China")
SOK = Actor("Sok Chanthy", "Prime Minister", "Cambodia")

EXPECTED: dict[str, list[dict[str, Any]]] = {
    # "marks the 65th anniversary of diplomatic relations established on 9 January 1953",
    # "arrived in ... yesterday", "official visit", "On Tuesday ... paid a courtesy call",
    # two agreements in one sentence, "offered a concessional loan", "aim to double trade".
    # Nothing from "Thailand is India's gateway ..." or "... for decades" (a vague span).
    "bangkok-tribune-2018-01-10-thailand-india-65-years.txt": [
        dict(
            kind="anniversary",
            date="1953-01-09",
            precision="day",
            ordinal=65,
            subject="diplomatic relations",
            countries=["Thailand", "India"],
        ),
        dict(
            kind="visit",
            date="2018-01-09",
            precision="day",
            actors=[MENON],
            countries=["India", "Thailand"],
            place="Bangkok",
            visit_type="official",
            status="made",
            ordinal=1,
        ),  # "the first by an Indian foreign minister since 2013"
        dict(
            kind="visit",
            date="2018-01-09",
            actors=[MENON],
            visit_type="courtesy call",
            subject="courtesy call on Somchai Wongsuwan",
            countries=["India", "Thailand"],
        ),
        dict(
            kind="agreement",
            subject="agreement on maritime security cooperation",
            actors=[MENON, DON],
            status="signed",
            date="2018-01",
            precision="month",
            flags=["date_from_context"],
        ),
        dict(
            kind="agreement",
            subject="memorandum of understanding on space research",
            actors=[MENON, DON],
            status="signed",
            date="2018-01",
            precision="month",
        ),
        dict(
            kind="pledge",
            amount_usd=100e6,
            amount_text="US$100 million",
            date=None,
            countries=["India", "Thailand"],
            status="committed",
            subject="concessional loan to upgrade railway links between the two countries",
        ),
        dict(
            kind="pledge",
            amount_usd=30e9,
            date="2022",
            precision="year",
            subject="bilateral trade target",
            flags=["target_date"],
        ),
    ],
    # "held talks with ... on the sidelines of the ASEAN Summit in Bangkok on Monday",
    # an agreement "signed in Jakarta in March", "will visit Jakarta next month" (planned)
    # merged with "his first bilateral visit", "pledged A$300 million" (no US$ value),
    # "Last week ... hosted". Nothing from "Dawson said the visit had been productive"
    # (a back-reference) or "turbulent relationship in the past".
    "jakarta-globe-2019-11-06-indonesia-australia-sidelines.txt": [
        dict(
            kind="meeting",
            date="2019-11-04",
            precision="day",
            actors=[SANTOSO, HARTLEY],
            place="Bangkok",
            subject="ASEAN Summit",
            status="held",
            countries=["Indonesia", "Australia"],
        ),
        dict(
            kind="agreement",
            date="2019-03",
            precision="month",
            place="Jakarta",
            actors=[],
            subject="Indonesia-Australia Comprehensive Economic Partnership Agreement",
            status="signed",
            countries=["Indonesia", "Australia"],
        ),
        dict(
            kind="visit",
            date="2019-12",
            precision="month",
            actors=[HARTLEY],
            place="Jakarta",
            status="planned",
            ordinal=1,
            countries=["Australia", "Indonesia"],
        ),
        dict(
            kind="pledge",
            amount_usd=None,
            amount_text="A$300 million",
            status="committed",
            subject="development assistance for eastern Indonesia",
        ),
        dict(
            kind="visit",
            date="2019-10-28",
            end_date="2019-11-03",
            precision="day",
            actors=[Actor("Claire Dawson", "Trade Minister", "Australia")],
            place="Jakarta",
            subject="hosted by Agus Rahman",
            flags=["date_approximate"],
            status="made",
        ),
    ],
    # No date line: relative dates stay unresolved and are flagged. Nothing from
    # "Thailand is Myanmar's third largest trading partner."
    "undated-myanmar-thailand-working-visit.txt": [
        dict(
            kind="visit",
            date=None,
            actors=[HLA],
            place="Bangkok",
            visit_type="working",
            countries=["Myanmar", "Thailand"],
            flags=["date_unresolved"],
        ),
        dict(
            kind="meeting",
            date=None,
            status="planned",  # "She will hold talks with ..."
            actors=[HLA, Actor("Somchai Wongsuwan", "Prime Minister", "Thailand")],
            flags=["date_unresolved"],
        ),
        dict(
            kind="agreement",
            date=None,
            subject="agreement on border trade",
            status="signed",
            flags=["date_unresolved"],
        ),
    ],
    # "paid a working visit ... last week", "on Friday, he held talks with", a loan
    # agreement whose loan is described in a relative clause (one fact, and the
    # "will provide" pledge is the same money), "pledged 200 million yuan in grant aid",
    # "asked China for a loan ... but Beijing is still studying the proposal",
    # "Next year marks the 58th anniversary ... established on 25 April 1961".
    # Nothing from the trade and tourism statistics.
    "vientiane-times-2018-05-16-laos-china-working-visit.txt": [
        dict(
            kind="visit",
            date="2018-05-07",
            end_date="2018-05-13",
            actors=[SONEXAY],
            visit_type="working",
            countries=["Laos", "China"],
            flags=["date_approximate"],
        ),
        dict(
            kind="meeting",
            date="2018-05-11",
            precision="day",
            place="Beijing",
            actors=[SONEXAY, Actor("Liu Jianguo", "Vice Premier", "China")],
        ),
        dict(
            kind="agreement",
            subject="loan agreement",
            amount_usd=550e6,
            amount_text="3.5 billion yuan (about US$550 million)",
            status="signed",
            date="2018-05",
            precision="month",
            flags=["date_from_context"],
        ),
        dict(
            kind="pledge",
            amount_usd=None,
            amount_text="200 million yuan",
            subject="grant aid for schools and hospitals in northern Laos",
        ),
        dict(
            kind="request",
            subject="new airport",
            place="Luang Prabang",
            status="no decision",
            countries=["Laos", "China"],
        ),
        dict(
            kind="anniversary",
            date="1961-04-25",
            precision="day",
            ordinal=58,
            subject="diplomatic relations between the two countries",
        ),
    ],
    # "exchanged notes on grant aid of ¥200 million" (no US$ value), its signatories
    # named in the next sentence ("The exchange of notes was signed by ...": added to
    # it, no second fact), "Yen 3,948 million (about US$35 million)", "Last year ...
    # made an official visit ..., the first by a Japanese head of government",
    # "has requested ... but Tokyo has yet to decide", an anniversary dated by "in 2020".
    "vientiane-times-2019-06-27-japan-laos-grant-aid.txt": [
        dict(
            kind="agreement",
            date="2019-06-25",
            precision="day",
            place="Savannakhet",
            amount_usd=None,
            amount_text="¥200 million",
            status="signed",
            subject="exchange of notes on grant aid for the improvement of water supply in "
            "Savannakhet",
            actors=[
                Actor("Takeshi Mori", "Ambassador", "Japan"),
                Actor("Thongphane Savanphet", "Deputy Foreign Minister", "Laos"),
            ],
        ),
        dict(
            kind="pledge",
            amount_usd=35e6,
            amount_text="Yen 3,948 million (about US$35 million)",
            subject="concessional loan for the expansion of Wattay International Airport",
            countries=["Japan", "Laos"],
        ),
        dict(
            kind="visit",
            date="2018",
            precision="year",
            place="Vientiane",
            ordinal=1,
            visit_type="official",
            actors=[Actor("Hiroshi Tanaka", "Prime Minister", "Japan")],
        ),
        dict(
            kind="request",
            subject="second bridge over the Mekong River",
            status="no decision",
            countries=["Laos", "Japan"],
        ),
        dict(
            kind="anniversary",
            date="1955",
            precision="year",
            ordinal=65,
            subject="diplomatic relations",
            countries=["Japan", "Laos"],
        ),
    ],
    # "arrived in Hanoi on Tuesday for a three-day official visit", "Yesterday, Mr Kim
    # paid a courtesy call", "Two days after his arrival, Mr Kim met ..." (a date
    # anchored on the visit), "signed a memorandum of understanding", "will visit Seoul
    # next month" (planned), "set a target of US$100 billion ... by 2020". Nothing from
    # "Both sides agreed to work closely together ..." (no instrument: not an
    # agreement), "Kim said the talks had been warm", nor the investment statistic.
    "viet-nam-news-2018-03-22-korea-vietnam-official-visit.txt": [
        dict(
            kind="visit",
            date="2018-03-20",
            precision="day",
            actors=[KIM],
            place="Hanoi",
            visit_type="official",
            status="made",
            countries=["South Korea", "Vietnam"],
        ),
        dict(
            kind="visit",
            date="2018-03-21",
            actors=[KIM],
            visit_type="courtesy call",
            subject="courtesy call on Tran Van Long",
        ),
        dict(  # "Two days after his arrival": the arrival on the 20th, plus two days
            kind="meeting",
            date="2018-03-22",
            precision="day",
            actors=[KIM, NGUYEN],
            place="Ho Chi Minh City",
            status="held",
        ),
        dict(  # "The two prime ministers": the two already named, one per country
            kind="agreement",
            subject="memorandum of understanding on labour cooperation",
            actors=[KIM, NGUYEN],
            status="signed",
            date="2018-03",
            flags=["date_from_context"],
            countries=["Vietnam", "South Korea"],
        ),
        dict(
            kind="visit",
            date="2018-04",
            precision="month",
            status="planned",
            place="Seoul",
            actors=[NGUYEN],
            countries=["Vietnam", "South Korea"],
        ),
        dict(
            kind="pledge",
            amount_usd=100e9,
            date="2020",
            subject="bilateral trade target",
            flags=["target_date"],
            countries=["South Korea", "Vietnam"],
        ),
    ],
    # Wire-style constructions: a future "state visit ... from 26 to 28 April" whose
    # date is not the announcement's ("on Thursday"), "Li last visited", a meeting
    # with "his first official visit ... since taking office" (a reference point,
    # not a date), "are expected to sign more than 30 agreements" (planned),
    # "The Cambodian leader" resolved to the one Cambodian leader named, "In 2010,
    # then-Foreign Minister ...", a postponed visit, a bank's loan (no person), and
    # "lift it to $20 billion" about the sentence's topic. Nothing from "has provided
    # ... since 1992" (a running total), "Analysts said the visit ...", "will host the
    # ASEAN Summit", "thanked China for its support".
    "mekong-observer-2024-04-20-china-cambodia-state-visit.txt": [
        dict(kind="visit", date="2024-04-26", end_date="2024-04-28", precision="day",
             actors=[LI], status="planned", visit_type="state", countries=["China", "Cambodia"]),
        dict(kind="visit", date="2016", precision="year", actors=[LI], status="made"),
        dict(kind="visit", date=None, actors=[SOK], ordinal=1, visit_type="official",
             countries=["Cambodia", "China"]),
        dict(kind="meeting", date="2023-09", precision="month", actors=[SOK, LI],
             place="Beijing", status="held"),
        dict(kind="agreement", status="planned", count=30, date=None,
             subject="trade, investment and infrastructure"),
        dict(kind="visit", date="2024-05", precision="month", actors=[SOK], place="Tokyo",
             status="planned", countries=["Cambodia", "Japan"]),
        dict(kind="agreement", date="2010", precision="year", status="signed",
             actors=[Actor("Keo Sarath", "then Foreign Minister", None)],
             amount_usd=500e6, subject="deal on a hydropower dam"),
        dict(kind="visit", date="2024-03", precision="month", status="postponed",
             place="Phnom Penh", actors=[Actor("Zhou Ming", "Defence Minister", "China")]),
        dict(kind="pledge", actors=[], amount_usd=170e6,
             amount_text="1.2 billion yuan ($170 million)", place="Phnom Penh",
             subject="loan for a ring road in Phnom Penh"),
        dict(kind="pledge", date="2030", amount_usd=20e9, subject="trade target",
             countries=["China", "Cambodia"]),
    ],
}  # fmt: skip


def facts_of(name: str) -> list[Fact]:
    path = ARTICLES / name
    return extract_facts(read_document(path.read_bytes(), filename=path.name))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article_facts(name: str) -> None:
    facts = facts_of(name)
    expected = EXPECTED[name]
    got = [(f.kind, f.sentence_index, f.subject) for f in facts]
    assert len(facts) == len(expected), got
    for number, (fact, fields) in enumerate(zip(facts, expected, strict=True)):
        for field, value in fields.items():
            actual = getattr(fact, field)
            if field == "flags":
                assert set(value) <= set(actual), (number, field, actual)
            else:
                assert actual == value, (number, field, actual)


def test_undated_article_has_no_publication_date() -> None:
    path = ARTICLES / "undated-myanmar-thailand-working-visit.txt"
    assert read_document(path.read_bytes(), filename=path.name).published is None


def test_courtesy_call_is_not_merged_into_the_official_visit() -> None:
    """Same visitor, same day: still two facts, because a courtesy call is its own event."""
    facts = facts_of("bangkok-tribune-2018-01-10-thailand-india-65-years.txt")
    visits = [f for f in facts if f.kind == "visit"]
    assert [v.visit_type for v in visits] == ["official", "courtesy call"]
