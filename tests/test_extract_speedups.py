"""The extractor's shortcuts give exactly what the long way gives.

Each shortcut skips work that provably cannot change the result (a date family's
patterns around anchor hits with no month word or year in reach, the amounts of
a sentence no amount-reading rule looks at, ...). These tests compare the
shortcut with the long way on inputs built to sit on their edges.
"""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import dates
from bot.extract.clauses import SentenceView
from bot.extract.date_handlers import _valid
from bot.extract.datespan import iso

_WORDS = (
    "May", "Mayor", "March", "Marchers", "Dec", "Decades", "decades", "June", "Junior", "Sept",
    "Sep.", "mid-May", "in", "from", "between", "to", "and", "the", "since", "by", "early",
    "late", "end of", "2019", "1999", "615", "20115", "2019%", "1990s", "2010s", "80,000",
    "2019-05-04", "5", "12", "31st", "-", "–", ",", "Monday", "last", "next", "week", "year",
    "years ago", "two days after his visit", "FY2020", "US$15m", "firms", "opened", "\n",
)  # fmt: skip


def _long_way(text: str, published: date | None, future: bool) -> list[dates.DateSpan]:
    """``find_dates`` trying the patterns around every anchor hit (no shape test)."""
    saved = dates._FAMILIES
    dates._FAMILIES = tuple((f[0], f[1], None, *f[3:]) for f in saved)
    try:
        return dates.find_dates(text, published, future=future)
    finally:
        dates._FAMILIES = saved


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDS), max_size=14),
    st.sampled_from([" ", "", "  "]),
    st.sampled_from([None, date(2019, 6, 3), date(2020, 1, 10)]),
    st.booleans(),
)
def test_anchor_shapes_skip_nothing_that_matches(
    words: list[str], glue: str, published: date | None, future: bool
) -> None:
    text = glue.join(words)
    assert dates.find_dates(text, published, future=future) == _long_way(text, published, future)


def test_anchor_shapes_keep_dates_next_to_non_dates() -> None:
    text = "The Mayor said 615 firms opened in May 2019, up from 80,000 in the 1990s."
    found = [(s.text, s.date) for s in dates.find_dates(text, date(2019, 6, 3))]
    assert found == [("May 2019", "2019-05"), ("the 1990s", "1990")]
    assert found == [(s.text, s.date) for s in _long_way(text, date(2019, 6, 3), False)]


def test_day_validity_agrees_with_the_calendar() -> None:
    for year in range(1500, 2200):
        for month in range(0, 14):
            for day in (0, 1, 28, 29, 30, 31, 32):
                expected = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
                assert _valid(year, month, day) == expected, (year, month, day)


def test_iso_formats_like_format_specifiers() -> None:
    for year in (-5, 0, 7, 999, 2017, 12345):
        assert iso(year) == f"{year:04d}"
        for month in (1, 9, 12):
            assert iso(year, month) == f"{year:04d}-{month:02d}"
            assert iso(year, month, 7) == f"{year:04d}-{month:02d}-07"


def test_amounts_are_read_only_for_rules_that_read_them() -> None:
    text = "Japan will provide a $5 million grant."

    def view(reads_money: bool) -> SentenceView:
        return SentenceView(0, text, None, [], [], reads_money, [], [])

    assert [m.text for m in view(True).money] == ["$5 million"]
    assert view(False).money == []
