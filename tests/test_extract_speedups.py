"""The extractor's shortcuts give exactly what the long way gives.

Each shortcut skips work that provably cannot change the result (a date family's
patterns around anchor hits with no month word or year in reach, the amounts of
a sentence no amount-reading rule looks at, ...). These tests compare the
shortcut with the long way on inputs built to sit on their edges.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract import agreements, anniversaries, clauses, dates, deals, meetings, names, people
from bot.extract.clauses import SentenceView
from bot.extract.date_handlers import _valid
from bot.extract.datespan import iso
from bot.extract.lexicon import Hinted, trie_pattern

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


_HINT_WORDS = (
    "since", "Since", "SINCE", "the", "visit", "invited", "invitation", "at", "of", "times",
    "five", "İ", "’", "K", "\u212a", " ", "  ", "\n", "-", "2019", "rejected", "both", "sides",
)  # fmt: skip
_HINTED_SOURCES = (
    r"\bsince\s+(?:[\w’'-]+\s+){1,3}$",
    r"\bat\s+the\s+invitation\s+of\s+",
    r"\b(?P<n>five|\d+)\s+times\b",
    r"\b(?:both|the\s+two)\s+sides\b",
)


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(_HINT_WORDS), max_size=14),
    pos=st.integers(-3, 80),
    endpos=st.integers(-3, 90),
    which=st.integers(0, len(_HINTED_SOURCES) - 1),
    fold=st.booleans(),
)
def test_hinted_scan_is_the_regex_scan(
    words: list[str], pos: int, endpos: int, which: int, fold: bool
) -> None:
    """``Hinted`` (a hint test, then a folded or plain scan) finds exactly the
    positions the plain case-insensitive regex finds."""
    text = " ".join(words)
    regex = re.compile(_HINTED_SOURCES[which], re.IGNORECASE)
    hinted = Hinted(regex, fold=fold)
    for method in ("search", "match", "fullmatch"):
        got = getattr(hinted, method)(text, pos, endpos)
        want = getattr(regex, method)(text, pos, endpos)
        assert (got and got.span()) == (want and want.span()), (method, text, pos, endpos)
    spans = [m.span() for m in hinted.finditer(text, pos, endpos)]
    assert spans == [m.span() for m in regex.finditer(text, pos, endpos)]


_TITLE_WORDS = (
    "Mr", "Mr.", "Mrs", "Ms", "Miss", "Dr", "Madam", "Madame", "Mme", "Sir", "Dame", "Lady",
    "Lord", "H.E.", "H.E..", "Excellency", "Samdech", "Prime", "Minister", "Prime Minister",
    "Crown Prince", "Princess", "Minister of State", "Director-General", "Vice", "President",
    "Presidential", "then-Foreign", "Premiership", "Abe", "abe", "Hun", "Sen", "’s", "'s", "said",
    "administration", "visited", "will", "s", " ", "  ", "\n", ",", "-", ".", "of", "Japan",
)  # fmt: skip


# The two scans that names._TITLE_RE replaced.
_ROLE_SCAN = re.compile(r"(?P<role>" + trie_pattern(names.ROLES) + r")(?![\w-])")
_HONORIFIC_SCAN = re.compile(r"(?P<hon>" + trie_pattern(names._HONORIFICS) + r")\.?\s+(?=[A-Z])")


@settings(max_examples=500, deadline=None)
@given(words=st.lists(st.sampled_from(_TITLE_WORDS), max_size=16), glue=st.sampled_from(" -"))
def test_title_scan_is_the_role_and_honorific_scans(words: list[str], glue: str) -> None:
    """One ``_TITLE_RE`` pass finds what a role scan and an honorific scan find."""
    text = glue.join(words)
    roles, honorifics = names._titles(text)
    assert [(m.span(), m.group()) for m in roles] == [
        (m.span(), m.group("role")) for m in _ROLE_SCAN.finditer(text)
    ]
    assert [(m.span(), names._honorific(m)) for m in honorifics] == [
        (m.span(), m.group("hon")) for m in _HONORIFIC_SCAN.finditer(text)
    ]


_LOOKBEHIND_NAME_CONTEXT = re.compile(
    r"[ ’'](?:(?<=[’'])s\s+(?:"
    + names._POSSESSIVE_NOUNS
    + r")|(?<= )"
    + trie_pattern(names._NAME_CONTEXT_VERBS)
    + r")\b"
)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(_TITLE_WORDS), max_size=16), glue=st.sampled_from(" ’'"))
def test_name_context_without_lookbehinds(words: list[str], glue: str) -> None:
    """The literal-led ``_NAME_CONTEXT_RE`` matches where its lookbehind form did."""
    text = glue.join(words)
    assert [m.span() for m in names._NAME_CONTEXT_RE.finditer(text)] == [
        m.span() for m in _LOOKBEHIND_NAME_CONTEXT.finditer(text)
    ]


# Each regex rewritten to start with a character class, with its earlier form.
_CLASS_LED = (
    (
        r",|;|:|\(|\s+(?:which|who|that|when|while|under|with|during|as|after|before|because|"
        r"since|so|but|worth|accounting|to\s+mark|to\s+express|said|says)\b",
        clauses._BOUNDARY,
    ),
    (r";|:|\(|\s+(?:which|who|that|said|says)\b", clauses._HARD_BOUNDARY),
    (r"\s+(?:with|worth)\s+", agreements._WITH_WORTH),
    (r"\s+(?:in|at|on|to\s+(?:mark|celebrate|express))\s+", anniversaries._SUBJECT_STOPS),
    (r"\s+(?:with|worth|in|at)\s+", deals._REQUEST_STOPS),
    (r"\s+(?:in|on|at|to)\s+", meetings._EVENT_STOPS),
)
_STOP_WORDS = (
    "which", "whichever", "who", "so", "sold", "to mark", "to", "mark", "with", "worth", "in",
    "at", "on", "the", "loan", ",", ";", ":", "(", " ", "\t", "\n", "  ", "said", "celebrate",
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(_STOP_WORDS), max_size=14),
    start=st.integers(0, 40),
    which=st.integers(0, len(_CLASS_LED) - 1),
)
def test_class_led_stops_search_like_before(words: list[str], start: int, which: int) -> None:
    """A clause boundary or phrase stop is found where its ``\\s+``-led form found it."""
    text = " ".join(words)
    before, now = re.compile(_CLASS_LED[which][0]), _CLASS_LED[which][1]
    hit, want = now.search(text, start), before.search(text, start)
    assert (hit and hit.span()) == (want and want.span())


_DESCRIPTION_WORDS = (
    "the", "The", "THE", "then", "other", "bathe", "Cambodian", "Japanese", "leader", "prime",
    "minister", "head of state", "İ", "’s", " ", "  ", "\n", "-", "_", ",", "x",
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(_DESCRIPTION_WORDS), max_size=12), glue=st.sampled_from(" -"))
def test_description_regex_like_its_word_boundary_form(words: list[str], glue: str) -> None:
    """The character-led ``_DESCRIPTION_RE`` matches where ``\\b[Tt]he...`` did."""
    text = glue.join(words)
    now = people._DESCRIPTION_RE.regex
    before = re.compile(now.pattern.replace(r"[Tt](?<!\w.)he", r"\b[Tt]he"), now.flags)
    assert before.pattern != now.pattern
    assert [m.span() for m in now.finditer(text)] == [m.span() for m in before.finditer(text)]
    folded = [m.span() for m in people._DESCRIPTION_RE.finditer(text)]
    assert folded == [m.span() for m in before.finditer(text)]


_CONCRETE_BEFORE = (
    r"\b(?:aid|assistance|grants?|loans?|funding|funds?|financing|investments?|bridges?|"
    r"roads?|railways?|rail|ports?|airports?|hospitals?|schools?|plants?|dams?|projects?|"
    r"infrastructure|vaccines?|equipment|scholarships?|training|troops|ships?|vessels?|"
    r"aircraft|skytrain|highway|expressway|power|electricity|water|housing)\b"
)
_MATERIAL_BEFORE = (
    _CONCRETE_BEFORE + r"|\b(?:help|support|develop|build|construct|expand|upgrade|finance)\w*\b"
)
_MATERIAL_WORDS = (
    "aid", "Aid", "aids", "said", "grants", "grantee", "loan", "loans", "railway", "rail",
    "helped", "helpless", "unhelpful", "Build", "rebuild", "water", "watery", "İ", "’s", " ",
    ",", "-", "_", "the", "x",
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(_MATERIAL_WORDS), max_size=10),
    glue=st.sampled_from(" -_"),
    pos=st.integers(0, 30),
    endpos=st.integers(0, 60),
)
def test_concrete_words_found_as_before(words: list[str], glue: str, pos: int, endpos: int) -> None:
    """The trie forms of ``_CONCRETE`` and ``_MATERIAL_REQUEST`` say yes exactly when
    their ``\\b(?:...)\\b`` forms did (callers only ask whether they occur)."""
    text = glue.join(words)
    for now, source in (
        (deals._CONCRETE, _CONCRETE_BEFORE),
        (deals._MATERIAL_REQUEST, _MATERIAL_BEFORE),
    ):
        before = re.compile(source, re.IGNORECASE)
        want = bool(before.search(text, pos, endpos))
        assert bool(now.search(text, pos, endpos)) == want
        assert bool(now.regex.search(text, pos, endpos)) == want
