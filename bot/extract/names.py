"""Finding the people named in one sentence: titles, honorifics, naming contexts.

"Prime Minister Hun Sen", "Japanese Prime Minister Shinzo Abe", "the then Prime
Minister Nobusuke Kishi", "Mr Abe", "Shinzo Abe’s administration", "Joko
Widodo said". Roles and countries are kept as the text states them ("Japanese
Prime Minister", "Prime Minister of Japan", ", who was the first Japanese
leader", "President X of Vietnam"). Mentions are unresolved here: ``People``
(people.py) maps "Abe" to "Shinzo Abe" and pronouns to people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.geo import COUNTRY, DEMONYM, ENTRIES, GeoMention, find_geo
from bot.extract.lexicon import Folded, tail_trie, trie_pattern
from bot.extract.namewords import (
    FEMALE_WORDS,
    LOWER_ROLES,
    MALE_WORDS,
    MINISTRY_WORDS,
    ROLES,
    STOP_WORDS,
)

# Regexes here start with a literal trie (no leading \b, lookbehind or optional
# group) so the engine can skip most positions; the left context is checked
# afterwards on a short slice.
# Lower-case roles only count in an apposition (", the Japanese leader"); as a
# title before a name they are rare and scanning for them everywhere is costly.
_ANY_ROLE_RE = re.compile(r"(?P<role>" + trie_pattern(ROLES + LOWER_ROLES) + r")(?![\w-])")
_MOD_BEFORE = re.compile(
    r"(?<![\w-])(?P<mod>[Tt]he\s+then|[Tt]hen|[Ff]ormer|[Ee]x|[Aa]cting|[Ii]nterim|[Ll]ate)[\s-]+$"
)
_HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Dr", "Madam", "Madame", "Mme", "Sir", "Dame",
               "Lady", "Lord", "Samdech", "Excellency", "H.E.")  # fmt: skip
_ROLE_TAIL = r"(?![\w-])"  # a role: one of ROLES, not glued to the next word
_HONORIFIC_TAIL = r"\.?\s+(?=[A-Z])"  # an honorific: "Mr", "Mr." before a capital
# Roles and honorifics in one pass: one trie of both word lists, each word
# followed by its own tail. No role contains an honorific (nor the other way
# round) and every role starts with a capital and holds no ".", so no position starts
# both and no match of one can hide a match of the other: the pass finds exactly the
# matches of the two scans. A match ending in whitespace (the honorific's tail) is an
# honorific, any other (a role ends in a letter) a role.
assert not any(h in r or r in h for h in _HONORIFICS for r in ROLES)
assert all(r[0].isupper() and r[-1].isalpha() and "." not in r for r in ROLES)
_TITLE_RE = re.compile(
    tail_trie({**dict.fromkeys(ROLES, _ROLE_TAIL), **dict.fromkeys(_HONORIFICS, _HONORIFIC_TAIL)})
)
_TOKEN = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-Za-zà-öø-ÿ]+)*(?:[’'][A-Z][a-zà-öø-ÿ]+)?"
TOKEN_RE = re.compile(_TOKEN)
_NAME_RE = re.compile(
    _TOKEN + r"(?:\s+(?:(?:bin|binti|van|von|de|da|del|der|al|el|le|dos)\s+)?" + _TOKEN + r"){0,3}"
)
_POSSESSIVE_NOUNS = (
    r"administration|government|cabinet|premiership|presidency|tenure|leadership|visit|"
    r"trip|invitation|term|regime|policy|party|office|counterpart|delegation"
)
# "Shinzo Abe’s administration", "Joko Widodo said": a context that names a person.
# Every alternative starts with a literal (’, ' or a space), so the regex engine only
# tries positions holding one of them and rejects an alternative on its first
# character, with no lookbehind to evaluate at every space.
_NAME_CONTEXT_VERBS = (
    "said", "says", "told", "added", "visited", "visits", "arrived", "met", "meets", "held",
    "signed", "pledged", "hosted", "received", "welcomed", "will", "has", "had", "is", "was",
    "paid", "announced", "urged", "stressed", "noted", "called", "expressed", "thanked",
    "invited", "agreed", "wrote", "led", "flew",
)  # fmt: skip
_NAME_CONTEXT_RE = re.compile(
    r"(?:’s\s+(?:"
    + _POSSESSIVE_NOUNS
    + r")|'s\s+(?:"
    + _POSSESSIVE_NOUNS
    + r")| "
    + trie_pattern(_NAME_CONTEXT_VERBS)
    + r")\b"
)
# (?:TOKEN\s+){1,3}TOKEN$, its first repetition written out so that the regex starts
# with a character class (the engine then only tries positions holding a capital).
_NAME_BEFORE = re.compile(_TOKEN + r"\s+(?:" + _TOKEN + r"\s+){0,2}" + _TOKEN + r"$")
_GAP_BEFORE = re.compile(r"(?:[’']s)?\s+$")
# (?:(?<=\s)|^)((?:[A-Z][\w’'&-]*\s+){1,3})$, written to start with a character class.
_CAPITALS_BEFORE = re.compile(r"([A-Z](?:(?<=\s.)|(?<=^.))[\w’'&-]*\s+(?:[A-Z][\w’'&-]*\s+){0,2})$")
_OF = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?")
_OF_ONLY = re.compile(r"\s+of\s+(?:the\s+)?")
_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s+")
_COMMA_SPACE = re.compile(r",?\s+")
_APPOSITION = re.compile(r"(?:[’']s)?,\s+(?:who\s+(?:is|was|has\s+been)\s+)?(?:the\s+|a\s+)?")
_NATIONAL_ROLE = Folded(re.compile(r"leader|premier|head of (?:state|government)", re.IGNORECASE))


@dataclass
class PersonMention:
    """A person in one sentence; ``name`` is the full name once resolved."""

    start: int
    end: int
    name: str
    role: str | None = None
    country: str | None = None
    gender: str | None = None
    pronoun: bool = False
    possessive: bool = False

    def __init__(
        self,
        start: int,
        end: int,
        name: str,
        role: str | None = None,
        country: str | None = None,
        gender: str | None = None,
        pronoun: bool = False,
        possessive: bool = False,
    ) -> None:
        # Written out, not generated by @dataclass: see bot/extract/native.py.
        self.start = start
        self.end = end
        self.name = name
        self.role = role
        self.country = country
        self.gender = gender
        self.pronoun = pronoun
        self.possessive = possessive


def gender_of(word: str | None) -> str | None:
    if word in MALE_WORDS:
        return "m"
    if word in FEMALE_WORDS:
        return "f"
    return None


def _clean_tokens(raw: str) -> list[str]:
    """Name tokens up to the first word that cannot be part of a name."""
    tokens: list[str] = []
    for token in raw.split():
        bare = token.rstrip(".,")
        if bare in STOP_WORDS or bare in ENTRIES:
            break
        tokens.append(bare)
    return tokens


def _country_before(geo: list[GeoMention], text: str, pos: int) -> str | None:
    """Country of a demonym/country word just before ``pos`` ("Japanese", "Japan's")."""
    gap = _GAP_BEFORE.search(text, max(0, pos - 4), pos)
    if gap is None:
        return None
    for mention in geo:
        if mention.end == gap.start() and mention.kind in (COUNTRY, DEMONYM):
            return mention.country
    return None


def _portfolio_before(text: str, pos: int, role: str) -> tuple[int, str]:
    """ "External Affairs" in "Indian External Affairs Minister": part of the role."""
    if "Minister" not in role:
        return pos, ""
    words = _CAPITALS_BEFORE.search(text, max(0, pos - 40), pos)
    if not words:
        return pos, ""
    kept: list[str] = []
    for word in reversed(words.group(1).split()):
        if word not in MINISTRY_WORDS or word in ("and", "&", "the"):
            break
        kept.insert(0, word)
    if not kept:
        return pos, ""
    portfolio = " ".join(kept)
    return text.rfind(portfolio, 0, pos), portfolio + " "


def _role_suffix(text: str, pos: int, geo: list[GeoMention]) -> tuple[str, str | None, int]:
    """Read "of Japan" / "of Foreign Affairs and ..." after a role; return (extra, country, end)."""
    match = _OF.match(text, pos)
    if not match:
        return "", None, pos
    start = match.end()
    for mention in geo:
        if mention.start == start and mention.kind == COUNTRY:
            return "", mention.country, mention.end
    extra: list[str] = []
    end = start
    for word in _WORD.finditer(text, start, start + 80):
        if word.group(0).rstrip(",") not in MINISTRY_WORDS:
            break
        extra.append(word.group(0).rstrip(","))
        end = word.end()
        if word.group(0).endswith(","):
            break
    if not extra:
        return "", None, pos
    return " of " + " ".join(extra), None, end


def find_named(text: str, geo: list[GeoMention] | None = None) -> list[PersonMention]:
    """People introduced by a title, an honorific or a naming context, unresolved."""
    geo = find_geo(text) if geo is None else geo
    found: list[PersonMention] = []

    def add(
        start: int,
        name_start: int,
        raw: str,
        role: str | None,
        country: str | None,
        gender: str | None,
    ) -> None:
        tokens = _clean_tokens(raw)
        if not tokens:
            return
        name = " ".join(tokens)
        end = text.find(tokens[-1], name_start) + len(tokens[-1])
        if any(start < m.end and m.start < end for m in found):
            return
        possessive = text[end : end + 2] in ("’s", "'s")
        found.append(PersonMention(start, end, name, role, country, gender, False, possessive))

    roles, honorifics = _titles(text)
    for match in roles:
        if _glued(text, match.start()) and not _MOD_BEFORE.search(
            text, max(0, match.start() - 12), match.start()
        ):
            continue  # "Premiership" is no "Premier"; "then-Foreign Minister" is a title
        role = match.group()
        extra, country, pos = _role_suffix(text, match.end(), geo)
        comma = (_COMMA_SPACE if extra or country else _SPACE).match(text, pos)
        if not comma:
            continue
        name = _NAME_RE.match(text, comma.end())
        if not name:
            continue
        modifier = _MOD_BEFORE.search(text, max(0, match.start() - 12), match.start())
        mod = modifier.group("mod").lower().replace("the ", "").strip() if modifier else ""
        start, portfolio = _portfolio_before(text, match.start(), role)
        if modifier and not portfolio:
            start = modifier.start()
        full_role = (
            (f"{mod} " if mod in ("then", "former", "acting", "interim") else "")
            + (portfolio + (role[0].upper() + role[1:] if role.islower() else role))
            + extra
        )
        country = country or _country_before(geo, text, start)
        add(start, name.start(), name.group(0), full_role, country, gender_of(role))
    for match in honorifics:
        if _glued(text, match.start()):
            continue
        name = _NAME_RE.match(text, match.end())
        if name:
            add(
                match.start(), name.start(), name.group(0), None, None, gender_of(_honorific(match))
            )
    for match in _NAME_CONTEXT_RE.finditer(text):
        previous = text.rfind(" ", 0, match.start()) + 1
        if not text[previous : previous + 1].isupper():
            continue  # "ties have", "it is": no capitalised word before the verb
        before = _NAME_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if before is None:
            continue
        raw = before.group(0)
        tokens = raw.split()
        while tokens and (tokens[0] in STOP_WORDS or tokens[0] in ENTRIES):
            tokens.pop(0)
        # Without a title the context must name a person cleanly: every word a name
        # word ("Korea's Export-Import Bank will" names no one).
        if len(tokens) >= 2 and _clean_tokens(" ".join(tokens)) == tokens:
            start = before.start() + raw.index(tokens[0])
            add(start, start, " ".join(tokens), None, None, None)
    found.sort(key=lambda m: m.start)
    return [_with_apposition(text, m, geo) for m in found]


def _titles(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """(role matches, honorific matches) of ``text``, from one scan (see ``_TITLE_RE``)."""
    roles: list[re.Match[str]] = []
    honorifics: list[re.Match[str]] = []
    for match in _TITLE_RE.finditer(text):
        (honorifics if match.group()[-1].isspace() else roles).append(match)
    return roles, honorifics


def _honorific(match: re.Match[str]) -> str:
    """The honorific word of a ``_TITLE_RE`` honorific match ("Mr" of "Mr. ")."""
    word = match.group().rstrip()
    return word if word in _HONORIFICS else word[:-1]


def _glued(text: str, start: int) -> bool:
    """True when a match starts inside a word ("Premiership" is no "Premier")."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_")


def _with_apposition(text: str, mention: PersonMention, geo: list[GeoMention]) -> PersonMention:
    """Role/country from an apposition: ", the Japanese Prime Minister",
    ", who was the first Japanese leader", " of Vietnam"."""
    if mention.country is None:
        of = _OF_ONLY.match(text, mention.end)  # "President Tran Duc Long of Vietnam"
        after_of = of.end() if of else -1
        for place in geo if of else ():
            if place.start == after_of and place.kind == COUNTRY:
                return PersonMention(
                    mention.start,
                    mention.end,
                    mention.name,
                    mention.role,
                    place.country,
                    mention.gender,
                    mention.pronoun,
                    mention.possessive,
                )
    match = _APPOSITION.match(text, mention.end)
    if not match or mention.country is not None:
        return mention
    segment_end = match.end() + 60
    role = _ANY_ROLE_RE.search(text, match.end(), segment_end)
    national = _NATIONAL_ROLE.search(text, match.end(), segment_end)
    hit = role or national
    if hit is None or (
        role is not None
        and _NAME_RE.match(text, role.end() + 1)
        and text[role.end() : role.end() + 1] == " "
    ):
        return mention  # ", Prime Minister Abe and ...": another person, not an apposition
    country = _country_before(geo, text, hit.start())
    if country is None:
        country = _role_suffix(text, hit.end(), geo)[1]
    new_role = mention.role or (role.group(0) if role else None)
    return PersonMention(
        mention.start,
        mention.end,
        mention.name,
        new_role,
        country,
        mention.gender,
        mention.pronoun,
        mention.possessive,
    )


_PREP_BEFORE = re.compile(
    r"(?:\b(?:with|by|to|of|for|from|on|under|at|invited|and|than|about|between|told)"
    r"\s+(?:the\s+)?(?:\w+\s+)?)$"
)


def sentence_subject(text: str, mentions: list[PersonMention]) -> PersonMention | None:
    """The first named person not governed by a preposition: the sentence's subject."""
    for mention in mentions:
        if mention.pronoun:
            continue
        before = text[max(0, mention.start - 30) : mention.start]
        if not _PREP_BEFORE.search(before) and not mention.possessive:
            return mention
    return None


_GOVERNED = re.compile(
    r"(?:\b(?:with|by|to|of|for|from|on|under|at|and|than|about|between|invited|told|met|"
    r"hosted|welcomed|received)\s+(?:the\s+)?(?:\w+\s+)?)$"
)


def nearest_subject(text: str, before: list[PersonMention]) -> PersonMention | None:
    """The last person before a verb that is not the object of a preposition or verb."""
    for person in reversed(before):
        if person.possessive and not person.pronoun:
            continue
        if not _GOVERNED.search(text[max(0, person.start - 30) : person.start]):
            return person
    return before[-1] if before else None
