"""Word-level helpers shared by question typing, fact scoring and sentence ranking.

Questions and facts are compared as *stems* of folded words: "visited",
"visits" and "visit" must count as one word, and so must "signers" and
"signing". A full stemmer is not needed because the stems are used two
ways only — compared with each other (both sides go through the same
function) and sent to the fact index as prefixes, where a slightly short stem
("agre" for agreement) still finds the right rows.

Places are looked up case-blind in the extraction gazetteer so that a
question typed in lower case ("visits to laos") still names a country.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from bot.extract.geo import CITY, COUNTRY, DEMONYM, ENTRIES
from bot.listing import fold


def wordset(words: str) -> frozenset[str]:
    """A set from a whitespace-separated word list (keeps long lists readable)."""
    return frozenset(words.split())


_TOKEN_RE = re.compile(r"[a-z0-9]+")
_POSSESSIVE_RE = re.compile(r"'s\b")
_SURFACE_RE = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?", re.UNICODE)

# Irregular past forms people use in questions ("who met", "when was it sent").
_IRREGULAR = MappingProxyType(
    {
        "met": "meet", "sent": "send", "built": "build", "paid": "pay", "made": "make",
        "took": "take", "went": "go", "held": "hold", "sought": "seek", "gave": "give",
        "said": "say", "came": "come", "began": "begin", "won": "win", "led": "lead",
        "spent": "spend", "lent": "lend", "bought": "buy", "sold": "sell",
    }
)  # fmt: skip
_MIN_STEM = 4
# An inflection after a stem of at least _MIN_STEM letters; the lazy stem takes the
# longest suffix ("meetings" -> "meet", not "meeting").
_SUFFIX_RE = re.compile(r"([a-z0-9]{4,}?)(?:ations|ation|ments|ment|ings|ing|ers|er|es|ed|s)")

# Words that carry no topic: function words, question words, auxiliaries and
# politeness. They are never searched for and never counted as overlap.
STOP_WORDS = wordset(
    """a an the of to in on at by for from with about into onto over under than as and or nor
    but so if then that this these those there here it its it's they them their he him his she
    her hers we us our you your i me my mine what which who whom whose when where why how
    is are was were be been being am do does did done doing has have had having can could
    will would shall should may might must ever also just only still yet already very much many
    any some all each both either neither other another such same own not no yes please tell
    know let show give me s t ok okay hey hi hello well now ago since per via up down out off
    again further once whether while during before after between among until"""
)  # fmt: skip
# Verbs and nouns that say what kind of answer is wanted, not what it is about
# ("how many *times*", "what was the *value*", "which *country*").
GENERIC_WORDS = wordset(
    """time times year years date dates day days month months number numbers amount amounts
    value values total sum cost costs price size place places city cities country countries
    location venue thing things kind type name names happen happened happens take took taken
    make made makes go went gone come came get got pay paid hold held say said mean means
    new old recent recently latest last next first second third fourth fifth often usually
    leader leaders person people official officials someone somebody anyone anything something
    info information detail details anything everything article articles news
    much long big large describe explain summarise summarize project projects build built
    construct constructed located situated"""
)  # fmt: skip
# Titles that name a role, not a person ("President Park" is Park).
ROLE_WORDS = wordset(
    """prime minister president premier chancellor king queen emperor sultan ambassador
    secretary foreign deputy vice chairman chair governor mayor general leader pm mr mrs ms
    dr prince princess crown state official envoy spokesman spokeswoman spokesperson"""
)  # fmt: skip
NUMBER_WORDS = MappingProxyType(
    {
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
        "dozen": 12,
    }
)  # fmt: skip
ORDINALS = MappingProxyType(
    {
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
        "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
        "fifteenth": 15, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
        "sixtieth": 60, "seventieth": 70, "eightieth": 80, "hundredth": 100,
    }
)  # fmt: skip
LAST = -1  # the ordinal of "last", "latest", "most recent"
_ORDINAL_DIGITS = re.compile(r"(\d{1,3})(?:st|nd|rd|th)")


@dataclass(frozen=True)
class Place:
    """A gazetteer name found in free text: canonical name, country, kind, and the
    folded words it covers (so the caller can drop them from other lists)."""

    name: str
    country: str | None
    kind: str  # country / demonym / city
    words: tuple[str, ...]


def _lower_gazetteer() -> Mapping[str, Place]:
    table: dict[str, Place] = {}
    for surface, entry in ENTRIES.items():
        if entry.kind not in (COUNTRY, DEMONYM, CITY):
            continue
        words = tuple(tokens(surface))
        if not words or (len(words) == 1 and (len(words[0]) < 4 or words[0] in STOP_WORDS)):
            continue  # "us", "uk", "chad"-like short words read as English when lower-cased
        table.setdefault(" ".join(words), Place(entry.name, entry.country, entry.kind, words))
    return MappingProxyType(table)


def tokens(text: str) -> list[str]:
    """Folded word tokens: lower case, accents and possessive "'s" removed."""
    if text.isascii():  # the common case, without the cost of Unicode decomposition
        return _TOKEN_RE.findall(_POSSESSIVE_RE.sub("", text.lower()))
    return _TOKEN_RE.findall(fold(text))


def surface_tokens(text: str) -> list[str]:
    """Word tokens with their original case (for spotting capitalised names)."""
    return [re.sub(r"[’']s$", "", t) for t in _SURFACE_RE.findall(text)]


_PLACES = _lower_gazetteer()
# First word of each place name -> the most words a name starting with it has.
_PLACE_STARTS = MappingProxyType(
    {
        first: max(len(k.split()) for k in _PLACES if k.split()[0] == first)
        for first in {k.split()[0] for k in _PLACES}
    }
)


@lru_cache(maxsize=1 << 14)  # a pure function of one word; news vocabulary is small
def stem(word: str, *, keep_e: bool = False) -> str:
    """A crude stem, good enough to equate inflections and to use as a prefix.

    ``keep_e`` keeps a final "e" ("state", not "stat"): as a search prefix the
    longer form matches fewer unrelated words ("status", "station")."""
    word = _IRREGULAR.get(word, word)
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    for _ in range(2):  # "agreements" -> "agreement" -> "agree"
        match = _SUFFIX_RE.fullmatch(word)
        if match is None:
            break
        word = match.group(1)
    if not keep_e and word.endswith("e") and len(word) > _MIN_STEM:
        word = word[:-1]
    return word


def stems(text: str) -> set[str]:
    """The stems of every non-stop word of ``text``."""
    return {stem(t) for t in tokens(text) if t not in STOP_WORDS}


def content_stems(text: str, stem_of: Callable[[str], str] = stem) -> set[str]:
    """Stems of ``text``'s non-stop words plus the countries its demonyms and cities
    name ("Chinese" also counts as "china"), so both sides compare alike."""
    words = tokens(text)
    found = {stem_of(t) for t in words if t not in STOP_WORDS}
    for _, place in find_places(words):
        found.update(stem_of(w) for w in _name_tokens(place.name))
        if place.kind != CITY and place.country:
            found.update(stem_of(w) for w in _name_tokens(place.country))
    return found


@lru_cache(maxsize=1024)  # gazetteer names only: a bounded set
def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(tokens(name))


class StemCache:
    """``content_stems`` remembered for the texts of one question.

    The same fact sentences are scored after every relaxed query and again
    with their titles; one cache per question (never a module-level one for
    texts) keeps that repetition cheap without any text outliving the
    question. Single words go through ``stem``'s own bounded cache."""

    def __init__(self) -> None:
        self._texts: dict[str, frozenset[str]] = {}

    def __call__(self, text: str) -> frozenset[str]:
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = frozenset(content_stems(text))
        return found


def country_of_place(name: str) -> str | None:
    """The country a place name belongs to, case-blind ("hanoi" → "Vietnam"), lower-cased."""
    found = find_places(tokens(name))
    if len(found) != 1:
        return None
    place = found[0][1]
    return (place.country or place.name).casefold()


def find_places(words: list[str]) -> list[tuple[int, Place]]:
    """Gazetteer names among folded ``words`` (longest match first), with positions."""
    found: list[tuple[int, Place]] = []
    starts = _PLACE_STARTS
    free = 0  # the first word not inside a name already found
    for i in [i for i, word in enumerate(words) if word in starts]:
        if i < free:
            continue
        for size in range(min(starts[words[i]], len(words) - i), 0, -1):
            place = _PLACES.get(" ".join(words[i : i + size]))
            if place is not None:
                found.append((i, place))
                free = i + size
                break
    return found


def ordinal_of(word: str) -> int | None:
    """'third' -> 3, '3rd' -> 3, 'last'/'latest' -> LAST, anything else -> None."""
    if word in ("last", "latest"):
        return LAST
    if word in ORDINALS:
        return ORDINALS[word]
    match = _ORDINAL_DIGITS.fullmatch(word)
    return int(match.group(1)) if match else None


def number_of(word: str) -> int | None:
    """'21' -> 21, 'two' -> 2; years are not counts, so four-digit numbers are None."""
    if word.isdigit() and len(word) <= 3:
        return int(word)
    return NUMBER_WORDS.get(word)
