"""Reading the source/date line under a headline, and publication dates in general.

The publication date anchors every relative date in an article ("last
month", "on Tuesday"), so it is worth some effort to find it. News articles
pasted as text usually carry it on the line below the headline
("The Khmer Times, 14 August 2017", "By Jane Doe, Reuters, Aug. 7, 2017") or
in a dateline opening the body ("Phnom Penh, 9 January 2018 - ...").

Only unambiguous dates are accepted: "08/09/2017" could be August or
September, so it is reported as unreadable rather than guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.extract.text import normalize_line

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tue(?:s)?|wed(?:nes)?|thu(?:r(?:s)?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_PATTERNS = (
    re.compile(rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?!\d)"),
)
# Day and month as numbers in either order: read only when one exceeds 12.
_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<year>(?:19|20)\d{2})\b")

# What may follow a date on a byline: a time, a zone, separators.
_TIME_TAIL = re.compile(
    r"[\s,;:|\u00b7\u2022\u2013\u2014-]*"
    r"(?:(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?"
    r"(?:\s*(?:[A-Z]{2,5}|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?))?)?"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"[\s,;:|.\u00b7\u2022\u2013\u2014-]*",
    re.IGNORECASE,
)
_SEPARATORS = ",;:|\u00b7\u2022\u2013\u2014- "
_LABEL = re.compile(
    r"(?:first |last )?(?:published|posted|updated|date|dated|released)\b(?: on)?"
    r"\s*(?P<colon>[:\u2013\u2014-])?\s*",
    re.IGNORECASE,
)
# A second, "updated" date after the publication date is ignored.
_UPDATED_TAIL = re.compile(
    r"\s*[|\u00b7\u2022,;\u2013\u2014-]\s*(?:last )?(?:updated|modified|edited)\b.*", re.IGNORECASE
)
_AUTHOR = re.compile(
    r"by\s+(?P<author>[^,|\u00b7\u2022]+?)\s*(?:[,|\u00b7\u2022]\s*|$)", re.IGNORECASE
)
# Lower-case words allowed inside a publication's name ("Voice of America").
_NAME_CONNECTORS = frozenset(["of", "the", "and", "for", "de", "du", "la", "le", "el", "in", "on"])
_MAX_BYLINE_CHARS = 120
_MAX_DATE_TEXT = 30  # an unreadable date is still short: "14.08.17", "08/09/2017"
_MAX_DATE_WORDS = 4
_MAX_NAME_WORDS = 8
_DATELINE = re.compile(
    r"(?P<place>[A-Z][\w .'\u2019-]{1,40}?)(?:\s*\([^)]{1,30}\))?,\s*(?P<rest>.{6,40}?)"
    r"(?:\s*\([^)]{1,30}\))?\s*(?:[\u2013\u2014]|--?)\s",
)


@dataclass(frozen=True)
class Byline:
    """What a source/date line said. ``date_text`` is kept when it could not be read."""

    source: str | None = None
    published: str | None = None
    author: str | None = None
    date_text: str | None = None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(name: str) -> int:
    return int(name) if name.isdigit() else _MONTHS[name[:3].lower()]


def find_date(text: str) -> tuple[int, int, str] | None:
    """First unambiguous calendar date in ``text`` as (start, end, ISO date)."""
    found: list[tuple[int, int, str]] = []
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            iso = _iso(int(match["year"]), _month_number(match["month"]), int(match["day"]))
            if iso:
                found.append((match.start(), match.end(), iso))
    match = _NUMERIC_DATE.search(text)
    if match:
        first, second = int(match["a"]), int(match["b"])
        if first > 12 >= second:
            iso = _iso(int(match["year"]), second, first)
        elif second > 12 >= first:
            iso = _iso(int(match["year"]), first, second)
        else:
            iso = None
        if iso:
            found.append((match.start(), match.end(), iso))
    return min(found) if found else None


def parse_date(text: str) -> str | None:
    """ISO date when ``text`` is a date (possibly with a time), else None.

    Accepts "14 August 2017", "Aug. 7, 2017", "2018-01-09T08:30:00+07:00",
    "Monday, January 9, 2018" and unambiguous day/month numbers.
    """
    text = normalize_line(text)
    found = find_date(text)
    if not found or text[: found[0]].strip(_SEPARATORS):
        return None
    if _TIME_TAIL.fullmatch(text, found[1]) is None:
        return None
    return found[2]


def _looks_like_name(text: str) -> bool:
    """True for a short, title-cased name such as "The Khmer Times" or "Reuters".

    Prose that happens to end with a date ("The deal was signed on 9 May
    2018") fails this test, which keeps a short first paragraph in the body.
    """
    words = text.split()
    if not words or len(words) > _MAX_NAME_WORDS or re.search(r"[!?]|\.\s", text):
        return False
    return words[0][:1].isupper() and all(
        word[:1].isupper() or word[:1].isdigit() or word.lower() in _NAME_CONNECTORS
        for word in words
    )


def _split_author(head: str) -> tuple[str | None, str]:
    match = _AUTHOR.match(head)
    if not match:
        return None, head
    return match["author"].strip(), head[match.end() :]


def _unreadable_date_tail(line: str) -> tuple[str, str] | None:
    """Split "<Name>, <something date-like>" when the date part cannot be read."""
    for separator in (",", "|", "\u00b7", "\u2014", "\u2013", " - "):
        head, found, tail = line.rpartition(separator)
        tail = tail.strip()
        if (
            found
            and any(ch.isdigit() for ch in tail)
            and len(tail) <= _MAX_DATE_TEXT
            and len(tail.split()) <= _MAX_DATE_WORDS
            and not re.search(r"[.!?]\s", tail + " ")
        ):
            return head.strip(_SEPARATORS), tail
    return None


def read_byline(line: str) -> Byline | None:
    """Read a "<source>, <date>" style line; None when the line is not one.

    A line that is clearly a byline but whose date cannot be read (an unknown
    format, an ambiguous 08/09/2017) returns a Byline with ``published=None``
    and the unread text in ``date_text``, so the caller can warn.
    """
    line = normalize_line(line)
    if not line or len(line) > _MAX_BYLINE_CHARS:
        return None
    label = _LABEL.match(line)
    if label and label.end() < len(line):
        rest = line[label.end() :]
        iso = parse_date(_UPDATED_TAIL.sub("", rest))
        if iso:
            return Byline(published=iso)
        if label["colon"] and len(rest) <= 30 and any(ch.isdigit() for ch in rest):
            return Byline(date_text=rest)
        return None
    author, head = _split_author(line)
    found = find_date(head)
    tail_end = len(_UPDATED_TAIL.sub("", head))
    if found and _TIME_TAIL.fullmatch(head, found[1], tail_end) is not None:
        name = head[: found[0]].strip(_SEPARATORS)
        if not name:
            return Byline(published=found[2], author=author)
        if _LABEL.fullmatch(name):
            return Byline(published=found[2], author=author)
        if _looks_like_name(name):
            return Byline(source=name, published=found[2], author=author)
        return None
    if author and not head:
        return Byline(author=author)
    unread = _unreadable_date_tail(head)
    if unread and _looks_like_name(unread[0]):
        return Byline(source=unread[0], author=author, date_text=unread[1])
    if author and _looks_like_name(head.strip(_SEPARATORS)):
        return Byline(source=head.strip(_SEPARATORS), author=author)
    return None


def parse_date_line(line: str) -> tuple[str | None, str | None]:
    """(source, ISO date) from a byline such as "The Khmer Times, 14 August 2017".

    Either part is None when absent or unreadable; (None, None) when the line
    is not a byline at all.
    """
    byline = read_byline(line)
    if byline is None:
        return None, None
    return byline.source, byline.published


def read_dateline(paragraph: str) -> str | None:
    """Date from a dateline opening the body: "Phnom Penh, 9 January 2018 - ..."."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    return parse_date(match["rest"])
