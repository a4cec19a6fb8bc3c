"""The date grammar: shapes, normalisation against the publication date, precision."""

from __future__ import annotations

from datetime import date

import pytest

from bot.extract.dates import (
    ANCHOR,
    VAGUE,
    DateSpan,
    find_dates,
    future_marks,
    is_future,
    precision_of,
    resolve_anchor,
    shift_years,
)

MONDAY = date(2017, 8, 14)  # the seed's publication date, a Monday
JANUARY = date(2018, 1, 10)  # a Wednesday early in the year: month/year wrap-around


def one(text: str, published: date | None = MONDAY, future: bool = False) -> DateSpan:
    spans = find_dates(text, published, future=future)
    assert len(spans) == 1, spans
    return spans[0]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("on August 7-9", "2017-08-07", "2017-08-09", "day"),
        ("7-9 August 2017", "2017-08-07", "2017-08-09", "day"),
        ("7–9 August 2017", "2017-08-07", "2017-08-09", "day"),
        ("from 7 to 9 August", "2017-08-07", "2017-08-09", "day"),
        ("between 7 and 9 August", "2017-08-07", "2017-08-09", "day"),
        ("August 7 to 9, 2017", "2017-08-07", "2017-08-09", "day"),
        ("30 July to 2 August 2017", "2017-07-30", "2017-08-02", "day"),
        ("July 30-Aug. 2", "2017-07-30", "2017-08-02", "day"),
        ("on 9 January 1953", "1953-01-09", None, "day"),
        ("January 9, 1953", "1953-01-09", None, "day"),
        ("the 9th of January 1953", "1953-01-09", None, "day"),
        ("Aug. 7", "2017-08-07", None, "day"),
        ("Sept. 21, 2016", "2016-09-21", None, "day"),
        ("on Tuesday, 7 August", "2017-08-07", None, "day"),
        ("in April 2015", "2015-04", None, "month"),
        ("early April 2015", "2015-04", None, "month"),
        ("in 2013", "2013", None, "year"),
        ("since 2013", "2013", None, "year"),
        ("by 2030", "2030", None, "year"),
        ("by the end of 2018", "2018", None, "year"),
        ("early 2018", "2018", None, "year"),
        ("mid-2018", "2018", None, "year"),
        ("the 2013 agreement", "2013", None, "year"),
        ("between 2015 and 2017", "2015", "2017", "year"),
        ("from 2015 to 2017", "2015", "2017", "year"),
        ("2015-2017", "2015", "2017", "year"),
        ("the 2015-17 plan", "2015", "2017", "year"),
        ("in the 1990s", "1990", "1999", "year"),
        ("dated 2017-08-14", "2017-08-14", None, "day"),
    ],
)
def test_explicit_dates(text: str, start: str, end: str | None, precision: str) -> None:
    span = one(text)
    assert (span.date, span.end_date, span.precision) == (start, end, precision)
    assert not span.unresolved


@pytest.mark.parametrize(
    "text",
    [
        "the Osaka Exhibition 2025",  # a bare year naming an event
        "the 60th anniversary",
        "an investment capital of $2013 million",
        "about 2,000 tonnes of rice",
        "Theresa May said",  # "May" needs a day or year, or a preposition
        "officials may decide",
        "over 18 years",
        "Japan is an old friend of Cambodia.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, MONDAY) == []


@pytest.mark.parametrize(
    ("text", "published", "future", "expected"),
    [
        # A month without a year: the publication year, unless that puts a past
        # event after publication (previous year) or a future one before it (next year).
        ("in August", MONDAY, False, "2017-08"),
        ("in December", MONDAY, False, "2016-12"),
        ("in December", MONDAY, True, "2017-12"),
        ("in March", MONDAY, True, "2018-03"),
        ("in March", MONDAY, False, "2017-03"),
        ("last March", MONDAY, False, "2017-03"),
        ("next March", MONDAY, False, "2018-03"),
        ("last August", MONDAY, False, "2016-08"),
        ("in December", JANUARY, False, "2017-12"),
    ],
)
def test_month_without_year(text: str, published: date, future: bool, expected: str) -> None:
    span = one(text, published, future)
    assert (span.date, span.precision) == (expected, "month")


def test_day_range_of_a_later_month_is_last_year() -> None:
    span = one("on 30 December - 2 January", JANUARY)
    assert (span.date, span.end_date) == ("2017-12-30", "2018-01-02")


@pytest.mark.parametrize(
    ("text", "published", "expected", "end", "precision"),
    [
        ("today", MONDAY, "2017-08-14", None, "day"),
        ("yesterday", MONDAY, "2017-08-13", None, "day"),
        ("tomorrow", MONDAY, "2017-08-15", None, "day"),
        ("the day before yesterday", MONDAY, "2017-08-12", None, "day"),
        ("this year", MONDAY, "2017", None, "year"),
        ("last year", MONDAY, "2016", None, "year"),
        ("next year", MONDAY, "2018", None, "year"),
        ("later this year", MONDAY, "2017", None, "year"),
        ("early next year", MONDAY, "2018", None, "year"),
        ("late last year", MONDAY, "2016", None, "year"),
        ("this month", MONDAY, "2017-08", None, "month"),
        ("earlier this month", MONDAY, "2017-08", None, "month"),
        ("last month", MONDAY, "2017-07", None, "month"),
        ("next month", MONDAY, "2017-09", None, "month"),
        ("last month", JANUARY, "2017-12", None, "month"),
        ("next month", date(2017, 12, 5), "2018-01", None, "month"),
        ("last week", MONDAY, "2017-08-07", "2017-08-13", "day"),
        ("this week", MONDAY, "2017-08-14", "2017-08-20", "day"),
        ("next week", MONDAY, "2017-08-21", "2017-08-27", "day"),
        ("three days ago", MONDAY, "2017-08-11", None, "day"),
        ("three months ago", MONDAY, "2017-05", None, "month"),
        ("five years ago", MONDAY, "2012", None, "year"),
    ],
)
def test_relative_dates(
    text: str, published: date, expected: str, end: str | None, precision: str
) -> None:
    span = one(text, published)
    assert (span.date, span.end_date, span.precision) == (expected, end, precision)


def test_weeks_are_flagged_approximate() -> None:
    assert one("last week").approximate
    assert not one("yesterday").approximate


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        # Published on a Monday. Past tense: the latest such day on or before it.
        ("on Friday", False, "2017-08-11"),
        ("on Monday", False, "2017-08-14"),
        ("on Tuesday", False, "2017-08-08"),
        ("Friday", False, "2017-08-11"),
        ("this Friday", False, "2017-08-11"),
        # Future tense: the earliest such day on or after it.
        ("on Friday", True, "2017-08-18"),
        ("on Monday", True, "2017-08-14"),
        # "last"/"next" are strict whatever the tense.
        ("last Monday", False, "2017-08-07"),
        ("next Monday", False, "2017-08-21"),
        ("last Friday", True, "2017-08-11"),
        ("on Friday morning", False, "2017-08-11"),
    ],
)
def test_weekdays(text: str, future: bool, expected: str) -> None:
    span = one(text, MONDAY, future)
    assert (span.date, span.precision) == (expected, "day")


@pytest.mark.parametrize(
    "text",
    [
        "in coming years",
        "in the coming years",
        "in the near future",
        "in the foreseeable future",
        "in the years ahead",
        "soon",
        "recently",
        "in recent years",
    ],
)
def test_vague_expressions_carry_no_date(text: str) -> None:
    span = one(text)
    assert span.kind == VAGUE
    assert span.date is None


@pytest.mark.parametrize(
    ("text", "days", "months", "anchor", "owner"),
    [
        ("two days after his visit", 2, 0, "visit", "his"),
        ("three days before the summit", -3, 0, "summit", "the"),
        ("a week later", 7, 0, "previous", None),
        ("the next day", 1, 0, "previous", None),
        ("two years after the signing", 0, 24, "signing", "the"),
        ("a month after her state visit", 0, 1, "visit", "her"),
    ],
)
def test_anchors(text: str, days: int, months: int, anchor: str, owner: str | None) -> None:
    span = one(text)
    assert span.kind == ANCHOR and span.date is None and span.unresolved
    assert (span.offset_days, span.offset_months, span.anchor, span.anchor_owner) == (
        days,
        months,
        anchor,
        owner,
    )


@pytest.mark.parametrize(
    ("text", "event", "event_end", "expected", "precision"),
    [
        ("two days after his visit", "2017-08-07", "2017-08-09", "2017-08-11", "day"),
        ("three days before the summit", "2017-08-07", "2017-08-09", "2017-08-04", "day"),
        ("two years after the signing", "2013", None, "2015", "year"),
        ("a month after her state visit", "2017-12", None, "2018-01", "month"),
    ],
)
def test_resolve_anchor(
    text: str, event: str, event_end: str | None, expected: str, precision: str
) -> None:
    span = resolve_anchor(one(text), event, event_end)
    assert (span.date, span.precision, span.unresolved) == (expected, precision, False)


def test_day_offset_needs_a_day_precise_event() -> None:
    assert resolve_anchor(one("two days after his visit"), "2017-08", None).unresolved


@pytest.mark.parametrize(
    "text", ["yesterday", "on Friday", "last week", "August 7-9", "in December", "this year"]
)
def test_relative_dates_without_publication_date_are_unresolved(text: str) -> None:
    span = one(text, published=None)
    assert span.unresolved and span.date is None


def test_absolute_dates_need_no_publication_date() -> None:
    span = one("7-9 August 2017", published=None)
    assert (span.date, span.end_date, span.unresolved) == ("2017-08-07", "2017-08-09", False)


def test_target_and_since_prepositions() -> None:
    assert one("by 2030").target
    assert one("by the end of 2018").target
    assert not one("in 2030").target
    assert one("since 2013").prep == "since"


def test_several_dates_in_one_sentence() -> None:
    text = "The first visit took place in 2007 and the second visit was in 2013."
    spans = find_dates(text, MONDAY)
    assert [(s.text, s.date) for s in spans] == [("in 2007", "2007"), ("in 2013", "2013")]
    assert text[spans[1].start : spans[1].end] == "in 2013"


def test_longest_expression_wins() -> None:
    spans = find_dates("held talks on Tuesday, 7 August 2017 in Hanoi", MONDAY)
    assert [(s.text, s.date) for s in spans] == [("Tuesday, 7 August 2017", "2017-08-07")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr Abe will visit Cambodia", True),
        ("He is scheduled to arrive on Friday", True),
        ("The ministers are expected to sign", True),
        ("the upcoming summit", True),
        ("Mr Hun Sen has visited Japan 21 times", False),
        ("It was his third state visit", False),
    ],
)
def test_is_future(text: str, expected: bool) -> None:
    assert is_future(text) is expected
    assert bool(future_marks(text)) is expected


@pytest.mark.parametrize(
    ("value", "years", "expected"),
    [("2017", -60, "1957"), ("2015-04", -60, "1955-04"), ("2017-08-14", -25, "1992-08")],
)
def test_shift_years_never_keeps_a_day_by_default(value: str, years: int, expected: str) -> None:
    assert shift_years(value, years) == expected


def test_shift_years_can_keep_the_day() -> None:
    assert shift_years("2016-02-29", 1, keep_day=True) == "2017-02-28"


@pytest.mark.parametrize(
    ("value", "precision"), [("2017", "year"), ("2017-08", "month"), ("2017-08-14", "day")]
)
def test_precision_of(value: str, precision: str) -> None:
    assert precision_of(value) == precision
