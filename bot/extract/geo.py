"""Countries, demonyms, organisations and cities found in a sentence.

Facts need to know which countries a sentence involves and where things
happened. Everything is matched case-sensitively ("china" the porcelain, "turkey"
the bird and the modal "may" stay out) in one trie-regex pass per sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bot.extract.frozen import fast_init
from bot.extract.gazetteer import CITY_TABLE, COUNTRY_TABLE, NOT_PLACES, ORG_TABLE
from bot.extract.lexicon import trie_pattern

COUNTRY = "country"
DEMONYM = "demonym"
ORG = "org"
CITY = "city"
NOT_PLACE = "none"


@fast_init
@dataclass(frozen=True)
class GeoMention:
    """One gazetteer hit: ``name`` is canonical; ``country`` the country it points to."""

    start: int
    end: int
    text: str
    kind: str  # country / demonym / org / city
    name: str
    country: str | None


@dataclass(frozen=True)
class _Entry:
    kind: str
    name: str
    country: str | None


def _build_entries() -> Mapping[str, _Entry]:
    entries: dict[str, _Entry] = {}
    for line in COUNTRY_TABLE.strip().splitlines():
        name, demonyms, aliases = (part.strip() for part in line.split("|"))
        entries[name] = _Entry(COUNTRY, name, name)
        for alias in filter(None, aliases.split(",")):
            entries[alias.strip()] = _Entry(COUNTRY, name, name)
        for demonym in filter(None, demonyms.split(",")):
            entries.setdefault(demonym.strip(), _Entry(DEMONYM, name, name))
    for line in ORG_TABLE.strip().splitlines():
        name, aliases, country = (part.strip() for part in line.split("|"))
        for surface in [name, *filter(None, aliases.split(","))]:
            entries[surface.strip()] = _Entry(ORG, name, country or None)
    country = ""
    for line in CITY_TABLE.strip("\n").splitlines():
        if not line.startswith(" "):  # "Country: city, city" (indented lines continue)
            country, line = (part.strip() for part in line.split(":", 1))
        for city in filter(None, (c.strip() for c in line.split(","))):
            entries.setdefault(city, _Entry(CITY, city, country))
    for phrase in NOT_PLACES:
        entries[phrase] = _Entry(NOT_PLACE, phrase, None)
    return MappingProxyType(entries)


ENTRIES: Mapping[str, _Entry] = _build_entries()
COUNTRY_NAMES: frozenset[str] = frozenset(e.name for e in ENTRIES.values() if e.kind == COUNTRY)
# The regex is case-sensitive; "$" is excluded after a hit so "US$" is money.
_GEO_RE = re.compile(r"(" + trie_pattern(ENTRIES) + r")(?![\w$])")
# A place name directly followed by another capitalised word is part of a
# longer proper name ("Bandung Conference", "Phnom Penh Post", "Tokyo Stock
# Exchange"): it does not say where something happened.
_CAPITAL_NEXT = re.compile(r"(?:’s|'s)?\s+[A-Z][a-z]")
_CAPITAL_EXCEPTIONS = re.compile(r"\s+(?:On|In|At|And|But|The)\b")


def find_geo(text: str) -> list[GeoMention]:
    """All countries, demonyms, organisations and cities in ``text``, left to right."""
    found: list[GeoMention] = []
    for match in _GEO_RE.finditer(text):
        start, end = match.span()  # group 1 is the whole match: the lookahead is empty
        if start and (text[start - 1].isalnum() or text[start - 1] in "$_"):
            continue  # inside a word ("Omani" in "Romania" is no match)
        surface = text[start:end]
        entry = ENTRIES.get(surface)
        if entry is None or entry.kind == NOT_PLACE:
            continue
        found.append(GeoMention(start, end, surface, entry.kind, entry.name, entry.country))
    return found


def is_modifier(text: str, mention: GeoMention) -> bool:
    """True when a city/country name is only part of a longer proper noun."""
    rest = text[mention.end : mention.end + 24]
    return bool(_CAPITAL_NEXT.match(rest)) and not _CAPITAL_EXCEPTIONS.match(rest)


def country_of(surface: str) -> str | None:
    """Canonical country for a country name, alias, demonym or city; else None."""
    entry = ENTRIES.get(surface)
    return entry.country if entry is not None and entry.kind != ORG else None


def is_gazetteer_word(word: str) -> bool:
    """True for any gazetteer surface form: such words are never person names."""
    return word in ENTRIES
