"""On-this-day and round-anniversary rules, over facts built by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.anniversaries import (
    ROUND_YEARS,
    ReminderItem,
    describe_item,
    event_date,
    is_round_anniversary,
    items_for_day,
    parse_day,
    round_anniversaries,
)
from bot.errors import UsageError
from bot.records import Actor, Fact

D = dt.date
HUN_SEN = Actor("Hun Sen", "Prime Minister", "Cambodia")
KISHI = Actor("Nobusuke Kishi", "Prime Minister", "Japan")


def state_visit(**changes) -> Fact:
    """Hun Sen's 7–9 August 2017 state visit to Japan, as the extractor would store it."""
    values = {
        "kind": "visit",
        "sentence": "During his state visit to Japan on August 7-9, Prime Minister Hun Sen ...",
        "date": "2017-08-07",
        "end_date": "2017-08-09",
        "precision": "day",
        "actors": [HUN_SEN],
        "countries": ["Cambodia", "Japan"],
        "visit_type": "state",
        "article_id": 1,
        "id": 10,
    }
    return Fact(**{**values, **changes})


def kishi_visit(**changes) -> Fact:
    """The first visit by a Japanese leader to Cambodia: known to the year only."""
    values = {
        "kind": "visit",
        "sentence": "... Kishi, who was the first Japanese leader to visit Cambodia in 1957.",
        "date": "1957",
        "precision": "year",
        "actors": [KISHI],
        "countries": ["Japan", "Cambodia"],
        "ordinal": 1,
        "article_id": 1,
        "id": 11,
    }
    return Fact(**{**values, **changes})


def bandung(**changes) -> Fact:
    """'the 60th anniversary of the Bandung Conference' (April 2015), stored at 1955-04."""
    values = {
        "kind": "anniversary",
        "sentence": "... taken in April 2015 at the 60th anniversary of the Bandung Conference ...",
        "date": "1955-04",
        "precision": "month",
        "ordinal": 60,
        "subject": "Bandung Conference",
        "article_id": 1,
        "id": 12,
    }
    return Fact(**{**values, **changes})


def leap_day_fact() -> Fact:
    return Fact(
        "agreement",
        "A memorandum was signed on 29 February 2016.",
        date="2016-02-29",
        precision="day",
        countries=["Cambodia", "Japan"],
        article_id=2,
    )


def test_round_years():
    assert ROUND_YEARS[:14] == (5, 10, 15, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 100)
    assert ROUND_YEARS[14:17] == (125, 150, 175)
    assert [n for n in range(1, 301) if is_round_anniversary(n)] == [
        n for n in ROUND_YEARS if n <= 300
    ]
    assert is_round_anniversary(1250) and not is_round_anniversary(1260)


def test_day_precision_event_is_remembered_on_its_day():
    fact = state_visit()
    assert items_for_day([fact], D(2026, 8, 7)) == [
        ReminderItem(fact, years_ago=9, year=2017, reason="day", month=8, day=7, article_id=1)
    ]


def test_a_date_range_counts_on_its_first_day_only():
    assert items_for_day([state_visit()], D(2026, 8, 8)) == []
    assert items_for_day([state_visit()], D(2026, 8, 9)) == []


@pytest.mark.parametrize(
    ("day", "years_ago"),
    [
        (D(2026, 2, 28), 10),  # common year: remembered on the 28th
        (D(2028, 2, 28), None),  # leap year: not on the 28th ...
        (D(2028, 2, 29), 12),  # ... but on the 29th
        (D(2026, 3, 1), None),
        (D(2016, 2, 29), None),  # the day itself is not an anniversary
    ],
)
def test_29_february(day, years_ago):
    items = items_for_day([leap_day_fact()], day)
    assert [item.years_ago for item in items] == ([years_ago] if years_ago else [])


def test_month_precision_anniversary_on_the_first_of_its_month():
    """The fact is stored at the 1955 conference it commemorates; it comes back every April."""
    items = items_for_day([bandung()], D(2030, 4, 1))
    assert [(i.year, i.month, i.years_ago, i.reason) for i in items] == [(1955, 4, 75, "month")]
    assert describe_item(items[0]) == "75 years ago this month (April 1955): Bandung Conference"


def test_month_precision_anniversary_dated_at_the_event_itself():
    fact = bandung(date="1955-04", ordinal=None)
    items = items_for_day([fact], D(2030, 4, 1))
    assert [(i.year, i.years_ago) for i in items] == [(1955, 75)]


def test_month_precision_anniversaries_come_every_year_other_kinds_at_round_years():
    agreement = Fact(
        "agreement",
        "An agreement was signed in August 2017.",
        date="2017-08",
        precision="month",
        countries=["Cambodia", "Japan"],
    )
    assert [i.years_ago for i in items_for_day([bandung()], D(2026, 4, 1))] == [71]
    assert items_for_day([agreement], D(2026, 8, 1)) == []  # 9 years: not round
    assert [i.years_ago for i in items_for_day([agreement], D(2027, 8, 1))] == [10]
    assert items_for_day([agreement], D(2027, 8, 2)) == []  # only on the 1st


def test_year_precision_only_on_1_january_at_round_years():
    assert [i.years_ago for i in items_for_day([kishi_visit()], D(2027, 1, 1))] == [70]
    assert items_for_day([kishi_visit()], D(2026, 1, 1)) == []  # 69
    assert items_for_day([kishi_visit()], D(2027, 1, 2)) == []


@pytest.mark.parametrize("status", ["planned", "invited", "Invited", "cancelled", "postponed"])
def test_events_that_did_not_happen_are_skipped(status):
    assert items_for_day([state_visit(status=status)], D(2026, 8, 7)) == []


def test_completed_statuses_are_kept():
    assert len(items_for_day([state_visit(status="completed")], D(2026, 8, 7))) == 1


@pytest.mark.parametrize(
    "fact",
    [
        state_visit(date=None, end_date=None, precision=None),  # undated
        state_visit(date="2030-08-07", end_date=None),  # future
        state_visit(date="2026-08-07", end_date=None),  # today: 0 years ago
        state_visit(count=21),  # a total, not an event
        state_visit(date="sometime in August"),  # unreadable
    ],
)
def test_undated_future_total_and_unreadable_facts_are_skipped(fact):
    assert items_for_day([fact], D(2026, 8, 7)) == []


def test_same_event_from_several_articles_is_kept_once_with_the_fullest_report():
    short = state_visit(sentence="Hun Sen visited Japan.", article_id=3, id=30)
    full = state_visit()
    for facts in ([short, full], [full, short]):
        items = items_for_day(facts, D(2026, 8, 7))
        assert [item.fact for item in items] == [full]


def test_the_more_precise_report_wins():
    day_fact = state_visit(date="2017-01-01", end_date=None, sentence="short")
    year_fact = state_visit(date="2017", end_date=None, precision="year", sentence="much longer")
    items = items_for_day([year_fact, day_fact], D(2027, 1, 1))
    assert [item.fact for item in items] == [day_fact]


def test_different_events_on_one_day_are_both_kept():
    port = leap_day_fact()
    flood = Fact(**{**port.__dict__, "subject": "flood protection", "sentence": "Another."})
    port = Fact(**{**port.__dict__, "subject": "port terminal"})
    other_visitor = state_visit(actors=[Actor("Sar Kheng", "Deputy Prime Minister", "Cambodia")])
    assert len(items_for_day([port, flood], D(2026, 2, 28))) == 2
    assert len(items_for_day([state_visit(), other_visitor], D(2026, 8, 7))) == 2


def test_an_anniversary_of_a_known_event_is_that_event():
    """'60th anniversary of the visit by Kishi' (2017) and the 1957 visit are one event."""
    anniversary = Fact(
        "anniversary",
        "Abe was invited this year to mark the 60th anniversary of the visit by Nobusuke Kishi.",
        date="1957",
        precision="year",
        ordinal=60,
        actors=[KISHI],
        subject="visit to Cambodia by Nobusuke Kishi",
        article_id=1,
    )
    assert event_date(anniversary).year == 1957
    items = round_anniversaries([anniversary, kishi_visit()], 2027)
    assert [item.fact for item in items] == [kishi_visit()]


def test_order_day_then_month_then_year_oldest_first():
    day_2017 = state_visit(date="2017-01-01", end_date=None)
    day_2007 = state_visit(date="2007-01-01", end_date=None, actors=[KISHI])
    month_1977 = bandung(date="1977-01", ordinal=None, subject="Something in January")
    year_1957 = kishi_visit()
    items = items_for_day([day_2017, year_1957, month_1977, day_2007], D(2027, 1, 1))
    assert [(item.reason, item.year) for item in items] == [
        ("day", 2007),
        ("day", 2017),
        ("month", 1977),
        ("year", 1957),
    ]


def test_round_anniversaries_of_a_year_in_calendar_order():
    facts = [
        state_visit(),  # 2017: 10 years in 2027
        kishi_visit(),  # 1957: 70
        state_visit(date="2013", end_date=None, precision="year", id=13),  # 14: not round
        state_visit(date="2017-09-01", end_date=None, status="planned", id=14),  # never happened
        bandung(),  # 1955: 72, not round
    ]
    items = round_anniversaries(facts, 2027)
    assert [(i.year, i.month, i.day, i.years_ago, i.reason) for i in items] == [
        (1957, None, None, 70, "year"),
        (2017, 8, 7, 10, "day"),
    ]
    assert describe_item(items[0]) == (
        "70 years ago this year (1957): Nobusuke Kishi, then Prime Minister, "
        "became the first Japanese leader to visit Cambodia"
    )


def test_describe_day_item():
    (item,) = items_for_day([state_visit()], D(2026, 8, 7))
    assert (
        describe_item(item) == "9 years ago (2017): state visit — Hun Sen → Japan, 7–9 August 2017"
    )


def test_describe_item_says_1_year():
    (item,) = items_for_day([state_visit()], D(2018, 8, 7))
    assert describe_item(item).startswith("1 year ago (2017): ")


def test_describe_item_with_status_and_amount():
    fact = Fact(
        "agreement",
        "s",
        date="2017-08-08",
        precision="day",
        countries=["Cambodia", "Japan"],
        amount_text="more than $244 million",
        status="signed",
    )
    (item,) = items_for_day([fact], D(2027, 8, 8))
    assert describe_item(item) == (
        "10 years ago (2017): agreement (signed) — Cambodia–Japan, more than $244 million, "
        "8 August 2017"
    )


TODAY = D(2026, 3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-08-07", D(2026, 8, 7)),
        ("1999-12-31", D(1999, 12, 31)),
        ("08-07", D(2026, 8, 7)),
        ("8-7", D(2026, 8, 7)),
        ("7 August", D(2026, 8, 7)),
        ("7 august 2025", D(2025, 8, 7)),
        ("7th Aug", D(2026, 8, 7)),
        ("Aug 7", D(2026, 8, 7)),
        ("Aug. 7", D(2026, 8, 7)),
        ("August 7, 2024", D(2024, 8, 7)),
        ("sept 1", D(2026, 9, 1)),
        ("  7   August ", D(2026, 8, 7)),
        ("today", TODAY),
        ("Today", TODAY),
        ("", TODAY),
        ("tomorrow", D(2026, 3, 16)),
        ("yesterday", D(2026, 3, 14)),
        ("2028-02-29", D(2028, 2, 29)),
    ],
)
def test_parse_day(text, expected):
    assert parse_day(text, TODAY) == expected


def test_tomorrow_crosses_the_year():
    assert parse_day("tomorrow", D(2026, 12, 31)) == D(2027, 1, 1)


def test_29_february_in_a_leap_year_of_today():
    assert parse_day("02-29", D(2028, 1, 10)) == D(2028, 2, 29)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("02-29", "2026 has no 29 February."),
        ("2027-02-29", "2027 has no 29 February."),
        ("29 February", "2026 has no 29 February."),
        ("02-30", "2026-02-30 is not a date."),
        ("13-01", "2026-13-01 is not a date."),
        ("2026-04-31", "2026-04-31 is not a date."),
        ("7 Augustus", "I don’t know the month “augustus”."),
        ("next week", "I can’t read “next week” as a date."),
        ("2026/08/07", "I can’t read “2026/08/07” as a date."),
        ("20260807", "I can’t read “20260807” as a date."),
        ("0000-01-01", "0000-01-01 is not a date."),
    ],
)
def test_parse_day_rejects(text, detail):
    with pytest.raises(UsageError) as caught:
        parse_day(text, TODAY)
    assert caught.value.command == "onthisday"
    assert caught.value.detail == detail
