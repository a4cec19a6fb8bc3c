"""One-line fact texts: dates at their stated precision, fields rendered generically."""

from __future__ import annotations

import pytest

from bot.facts_text import (
    describe_fact,
    format_amount,
    format_date_span,
    format_usd,
    narrate_first,
    ordinal_suffix,
)
from bot.partial_date import PartialDate, parse_partial_date
from bot.records import Actor, Fact

HUN_SEN = Actor("Hun Sen", "Prime Minister", "Cambodia")


@pytest.mark.parametrize(
    ("date", "end_date", "precision", "expected"),
    [
        ("2017-08-07", "2017-08-09", "day", "7–9 August 2017"),
        ("2018-02-28", "2018-03-02", "day", "28 February – 2 March 2018"),
        ("2017-12-30", "2018-01-02", "day", "30 December 2017 – 2 January 2018"),
        ("2017-08-07", None, "day", "7 August 2017"),
        ("2017-08-07", "2017-08-07", "day", "7 August 2017"),
        ("2017-08", None, "month", "August 2017"),
        ("2017-08", "2017-09", "month", "August–September 2017"),
        ("2017-12", "2018-01", "month", "December 2017 – January 2018"),
        ("2013", None, "year", "2013"),
        ("2013", "2015", "year", "2013–2015"),
        # precision caps what is shown; missing precision is read from the string
        ("2017-08-07", "2017-08-09", "month", "August 2017"),
        ("2017-08-07", None, "year", "2017"),
        ("2017-08-07", None, None, "7 August 2017"),
        # mixed precisions are written out in full
        ("2017-08-07", "2017-09", None, "7 August 2017 – September 2017"),
        # an end before the start is ignored rather than printed backwards
        ("2017-08-09", "2017-08-07", "day", "9 August 2017"),
        # missing or unreadable dates
        (None, None, None, "undated"),
        ("", None, "day", "undated"),
        ("around 2017", None, None, "around 2017"),
        ("2017-02-30", None, "day", "2017-02-30"),
    ],
)
def test_format_date_span(date, end_date, precision, expected):
    assert format_date_span(date, end_date, precision) == expected


@pytest.mark.parametrize(
    ("number", "expected"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
     (21, "21st"), (22, "22nd"), (60, "60th"), (101, "101st"), (111, "111th")],
)  # fmt: skip
def test_ordinal_suffix(number, expected):
    assert ordinal_suffix(number) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(244e6, "$244 million"), (2e9, "$2 billion"), (1.5e9, "$1.5 billion"),
     (12.345e6, "$12.35 million"), (800_000, "$800,000"), (3e12, "$3 trillion")],
)  # fmt: skip
def test_format_usd(value, expected):
    assert format_usd(value) == expected


def test_amount_keeps_the_original_wording_and_adds_dollars_only_when_new():
    assert format_amount(Fact("pledge", "s", amount_text="more than $244 million")) == (
        "more than $244 million"
    )
    yen = Fact("pledge", "s", amount_text="¥10 billion", amount_usd=91e6)
    assert format_amount(yen) == "¥10 billion (US$91 million)"
    assert format_amount(Fact("pledge", "s", amount_usd=2e9)) == "$2 billion"
    assert format_amount(Fact("pledge", "s")) is None


def test_state_visit():
    fact = Fact(
        kind="visit",
        sentence="During his state visit to Japan on August 7-9, ...",
        date="2017-08-07",
        end_date="2017-08-09",
        precision="day",
        actors=[HUN_SEN],
        countries=["Cambodia", "Japan"],
        visit_type="state",
        ordinal=3,
    )
    assert describe_fact(fact) == "State visit: Hun Sen → Japan, 7–9 August 2017 (3rd)"


def test_visit_to_a_city_names_the_country_too():
    fact = Fact("visit", "s", actors=[HUN_SEN], countries=["Cambodia", "Japan"], place="Tokyo")
    assert describe_fact(fact) == "Visit: Hun Sen → Tokyo, Japan"


def test_visit_place_equal_to_the_country_is_said_once():
    fact = Fact("visit", "s", actors=[HUN_SEN], countries=["Cambodia", "Japan"], place="Japan")
    assert describe_fact(fact) == "Visit: Hun Sen → Japan"


def test_visit_without_a_known_home_country_does_not_guess_a_direction():
    fact = Fact("visit", "s", actors=[Actor("Hun Sen")], countries=["Cambodia", "Japan"])
    assert describe_fact(fact) == "Visit: Hun Sen (Cambodia–Japan)"


def test_visit_total_is_pluralised():
    fact = Fact("visit", "s", actors=[HUN_SEN], countries=["Cambodia", "Japan"], count=21)
    assert describe_fact(fact) == "Visits: Hun Sen → Japan, 21 in total"


def test_courtesy_call_is_not_called_a_visit():
    fact = Fact(
        "visit",
        "s",
        actors=[Actor("Kao Kim Hourn", "Ambassador", "Cambodia")],
        countries=["Cambodia", "Japan"],
        visit_type="courtesy call",
        date="2017-08-08",
        precision="day",
    )
    assert describe_fact(fact) == "Courtesy call: Kao Kim Hourn → Japan, 8 August 2017"


def test_agreement_with_amount_and_status():
    fact = Fact(
        kind="agreement",
        sentence="Two agreements were signed, accounting for more than $244 million, ...",
        date="2017-08",
        precision="month",
        countries=["Cambodia", "Japan"],
        subject="flood protection and a port terminal",
        amount_usd=244e6,
        amount_text="more than $244 million",
        status="signed",
    )
    assert describe_fact(fact) == (
        "Agreement (signed): Cambodia–Japan, flood protection and a port terminal, "
        "more than $244 million, August 2017"
    )


def test_request_with_status():
    fact = Fact(
        kind="request",
        sentence="Cambodia has also requested ... a skytrain ... $800 million.",
        countries=["Cambodia", "Japan"],
        subject="skytrain",
        amount_usd=800e6,
        amount_text="$800 million",
        status="pending",
    )
    assert describe_fact(fact) == "Request (pending): Cambodia–Japan, skytrain, $800 million"


def test_meeting_of_two_people():
    fact = Fact(
        "meeting",
        "s",
        date="2017-08-08",
        precision="day",
        actors=[HUN_SEN, Actor("Shinzo Abe", "Prime Minister", "Japan")],
        countries=["Cambodia", "Japan"],
    )
    assert describe_fact(fact) == "Meeting: Hun Sen and Shinzo Abe (Cambodia–Japan), 8 August 2017"


def test_anniversary_leads_with_its_subject():
    fact = Fact(
        "anniversary",
        "s",
        date="2015-04",
        precision="month",
        ordinal=60,
        subject="Bandung Conference",
    )
    assert describe_fact(fact) == "60th anniversary: Bandung Conference, April 2015"


def test_a_fact_with_nothing_but_its_kind():
    assert describe_fact(Fact("meeting", "s")) == "Meeting"


def test_narrate_first_visit():
    fact = Fact(
        "visit",
        "s",
        date="1957",
        precision="year",
        actors=[Actor("Nobusuke Kishi", "the then Prime Minister", "Japan")],
        countries=["Japan", "Cambodia"],
        ordinal=1,
    )
    assert narrate_first(fact) == (
        "Nobusuke Kishi, then Prime Minister, became the first Japanese leader to visit Cambodia"
    )


def test_narrate_first_uses_the_role_when_it_is_not_a_leader_and_any_country_name():
    fact = Fact(
        "visit",
        "s",
        actors=[Actor("Ana Ruiz", "Foreign Minister", "Ruritania")],
        countries=["Ruritania", "Japan"],
        place="Japan",
        ordinal=1,
    )
    assert narrate_first(fact) == (
        "Ana Ruiz, then Foreign Minister, became the first Ruritania foreign minister "
        "to visit Japan"
    )


@pytest.mark.parametrize(
    "fact",
    [
        Fact("visit", "s", actors=[Actor("A B", None, "Japan")], countries=["Japan", "Laos"],
             ordinal=1),  # no role: "leader" would be a guess
        Fact("visit", "s", actors=[Actor("A B", "President", "Japan")], countries=["Japan", "Laos"],
             ordinal=2),  # not a first
        Fact("visit", "s", actors=[Actor("A B", "President")], countries=["Japan", "Laos", "Peru"],
             ordinal=1),  # whose first, to where?
        Fact("meeting", "s", actors=[Actor("A B", "President", "Japan")],
             countries=["Japan", "Laos"], ordinal=1),
    ],
)  # fmt: skip
def test_narrate_first_declines_when_the_fields_do_not_support_it(fact):
    assert narrate_first(fact) is None


@pytest.mark.parametrize(
    ("text", "precision", "expected"),
    [
        ("2017", None, PartialDate(2017)),
        ("2017-08", None, PartialDate(2017, 8)),
        ("2017-08-07", None, PartialDate(2017, 8, 7)),
        ("2017-08-07", "month", PartialDate(2017, 8)),
        ("2016-02-29", "day", PartialDate(2016, 2, 29)),
        ("2017-02-29", "day", None),
        ("2017-13", None, None),
        ("17-08-07", None, None),
        ("", None, None),
        (None, None, None),
    ],
)
def test_parse_partial_date(text, precision, expected):
    assert parse_partial_date(text, precision) == expected


def test_partial_date_years_earlier_keeps_leap_days_only_in_leap_years():
    assert PartialDate(2016, 2, 29).minus_years(4) == PartialDate(2012, 2, 29)
    assert PartialDate(2016, 2, 29).minus_years(1) == PartialDate(2015, 2, 28)
    assert PartialDate(2015, 4).minus_years(60) == PartialDate(1955, 4)
