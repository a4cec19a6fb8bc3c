"""Reading the filter of /visits, /agreements and /timeline into a store query.

A filter is typed by people on phones, so it is read forgivingly: a year, a
range of years ("2007-2017", "2007 to 2017"), or words that the store matches
as prefixes against names, countries, places and subjects, blind to case and
accents ("hun sen", "Abe", "japan", "Kishi", "japanese").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.errors import UsageError
from bot.records import FactQuery

MIN_YEAR, MAX_YEAR = 1000, 2200
_RANGE_RE = re.compile(r"^(\d{1,9})\s*(?:-|–|—|to|\.\.)\s*(\d{1,9})$")
_YEAR_RE = re.compile(r"^\d+$")
_TOKEN_RE = re.compile(r"[a-z0-9]+")

# Demonyms people type instead of country names ("japanese visits").
_DEMONYMS = {
    "japanese": "japan", "cambodian": "cambodia", "chinese": "china", "vietnamese": "vietnam",
    "korean": "korea", "thai": "thailand", "lao": "laos", "laotian": "laos",
    "indonesian": "indonesia", "indian": "india", "american": "united states",
    "australian": "australia", "british": "united kingdom", "french": "france",
    "german": "germany", "russian": "russia", "malaysian": "malaysia",
    "singaporean": "singapore", "filipino": "philippines", "philippine": "philippines",
    "burmese": "myanmar", "khmer": "cambodia",
}  # fmt: skip


@dataclass(frozen=True)
class FactFilter:
    """Years (inclusive) and words a fact must match; empty means everything."""

    year_from: int | None = None
    year_to: int | None = None
    words: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return self.year_from is None and not self.words


def fold(text: str) -> str:
    """Lower case, accents removed, "'s" dropped: the form filters compare."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[’']s\b", "", plain)


def parse_filter(text: str, command: str) -> FactFilter:
    """Read '2013', '2007-2017', '2007 to 2017' or words; a bad year raises UsageError."""
    text = " ".join(text.split())
    if not text:
        return FactFilter()
    if match := _RANGE_RE.match(text):
        start, end = sorted((int(match[1]), int(match[2])))
        _check_year(start, command)
        _check_year(end, command)
        return FactFilter(start, end)
    if _YEAR_RE.match(text):
        year = int(text) if len(text) <= 6 else -1
        _check_year(year, command)
        return FactFilter(year, year)
    words = tuple(_TOKEN_RE.findall(fold(text)))
    if not words:
        raise UsageError(command)
    return FactFilter(words=words)


def _check_year(year: int, command: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UsageError(command, f"{year} is not a year I can list.")


def query_for(flt: FactFilter, kinds: tuple[str, ...], **options: bool | None) -> FactQuery:
    """The store query for a filter: demonyms become country names ("japanese" → japan)."""
    words = tuple(word for w in flt.words for word in _DEMONYMS.get(w, w).split())
    return FactQuery(
        kinds=kinds, year_from=flt.year_from, year_to=flt.year_to, words=words, **options
    )


VISIT_KINDS = ("visit",)
AGREEMENT_KINDS = ("agreement", "request", "pledge")
