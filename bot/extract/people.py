"""People named in an article: names, stated roles, countries, and who "he" is.

News introduces a person once with a title ("Prime Minister Hun Sen",
"Japanese Prime Minister Shinzo Abe", "Mr Abe") and then shortens the name or
switches to pronouns. ``find_named`` (names.py) reads one sentence; ``People``
holds the per-article registry that maps "Abe" to "Shinzo Abe", remembers
roles and countries the text states (or that the facts imply: a visitor to
Japan in a Cambodia-Japan story is Cambodian), maps a definite description
("the Cambodian leader") to the one person named with that country and a
fitting role, and resolves pronouns by simple salience:

- a pronoun after a named person in the same sentence refers to the sentence's
  subject when the subject precedes it, else to the nearest named person;
- a pronoun in a fronted phrase ("During his visit, Prime Minister X said")
  refers to the subject that follows the comma (cataphora);
- otherwise it refers to the last subject of a previous sentence (quoted
  sentences do not change who the main actor is).

No names are hard-coded: only titles, honorifics and a stop list are data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import attrgetter

from bot.extract.geo import ENTRIES, GeoMention
from bot.extract.lexicon import Folded
from bot.extract.names import (
    TOKEN_RE,
    PersonMention,
    find_named,
    gender_of,
    sentence_subject,
)
from bot.extract.namewords import STOP_WORDS
from bot.records import Actor

# (?<![A-Za-z])(?P<p>[Hh](?:e|im|is|er|ers)|[Ss]he)(?![A-Za-z]), written to start with
# one character class so the regex engine only tries positions holding h, H, s or S.
_PRONOUN_RE = re.compile(
    r"(?P<p>[HhSs](?<![A-Za-z].)(?:(?<=[Hh])(?:e|im|is|er|ers)|(?<=[Ss])he))(?![A-Za-z])"
)
# \b[Tt]he..., written to start with a character class (the word boundary checked
# after the first character) so that the regex engine only tries positions holding "t".
_DESCRIPTION_RE = Folded(
    re.compile(
        r"[Tt](?<!\w.)he\s+(?P<who>[A-Z][\w-]+)\s+(?P<noun>leader|premier|prime\s+minister|"
        r"president|king|queen|head\s+of\s+(?:state|government)|foreign\s+minister)\b",
        re.IGNORECASE,
    )
)
_START = attrgetter("start")
_DESCRIPTION_HINTS = ("leader", "premier", "minister", "president", "king", "queen", "head of")
_HEAD_ROLE = re.compile(
    r"Prime Minister|President|King|Queen|Premier|Chancellor|Emperor|"
    r"Sultan|State Counsellor|Leader"
)


_ROLE_NOUNS = {
    "leader": _HEAD_ROLE,
    "head of state": _HEAD_ROLE,
    "head of government": _HEAD_ROLE,
    "premier": re.compile(r"Prime Minister|Premier"),
    "prime minister": re.compile(r"Prime Minister|Premier"),
    "president": re.compile(r"President"),
    "king": re.compile(r"King"),
    "queen": re.compile(r"Queen"),
    "foreign minister": re.compile(r"Foreign|External"),
}


@dataclass
class _Known:
    name: str
    role: str | None
    country: str | None
    gender: str | None
    first_seen: int
    last_seen: int


@dataclass
class People:
    """Per-article registry of people and the salience used to resolve pronouns."""

    known: dict[str, _Known] = field(default_factory=dict)
    main: str | None = None
    _named: list[list[PersonMention]] = field(default_factory=list)
    _geos: list[list[GeoMention]] = field(default_factory=list)
    _token_cache: frozenset[str] | None = None
    _candidates: dict[str, list[_Known]] = field(default_factory=dict)
    _candidates_for: int = -1
    _token_count: int = -1

    @classmethod
    def from_sentences(cls, sentences: list[str], geos: list[list[GeoMention]]) -> People:
        """First pass: every full name the article introduces, with stated role/country."""
        people = cls(_geos=geos)
        for index, (sentence, geo) in enumerate(zip(sentences, geos, strict=True)):
            named = find_named(sentence, geo)
            people._named.append(named)
            for mention in named:
                if len(mention.name.split()) >= 2:
                    people._learn(mention, index)
        for index, named in enumerate(people._named):
            for mention in named:
                if len(mention.name.split()) < 2 and not people._lookup(mention.name, index):
                    people._learn(mention, index)  # only ever called "Mr Abe": keep as is
        return people

    def _learn(self, mention: PersonMention, index: int) -> None:
        known = self.known.get(mention.name)
        if known is None:
            self.known[mention.name] = _Known(
                mention.name, mention.role, mention.country, mention.gender, index, -1
            )
            return
        known.role = known.role or mention.role
        known.country = known.country or mention.country
        known.gender = known.gender or mention.gender

    def _lookup(self, name: str, index: int) -> _Known | None:
        """The registered person a (possibly shortened) name refers to at sentence ``index``:
        the most recently seen match, else the first one introduced."""
        if self._candidates_for != len(self.known):
            self._candidates.clear()
            self._candidates_for = len(self.known)
        candidates = self._candidates.get(name)
        if candidates is None:
            tokens = name.split()
            candidates = [
                k
                for k in self.known.values()
                if k.name == name or _contains(k.name.split(), tokens)
            ]
            self._candidates[name] = candidates
        if not candidates:
            return None
        seen = [k for k in candidates if k.last_seen >= 0 and k.first_seen <= index]
        if seen:
            return max(seen, key=lambda k: k.last_seen)
        return min(candidates, key=lambda k: k.first_seen)

    def resolve(
        self,
        index: int,
        text: str,
        *,
        pronouns: bool = True,
        descriptions: bool | None = None,
        low: str | None = None,
    ) -> list[PersonMention]:
        """Named, bare-surname and pronoun mentions of sentence ``index``, resolved.

        Every sentence must pass through here in order (it moves the salience);
        ``pronouns=False`` skips pronouns and descriptions ("the Cambodian leader")
        for a sentence no rule will read. ``descriptions`` (default: as ``pronouns``)
        asks for the descriptions alone: they move the salience, pronouns do not, so
        a caller that will not read the mentions may skip pronouns but not them.
        ``low`` is ``text.lower()`` when the caller already has it.
        """
        mentions: list[PersonMention] = []
        if descriptions is None:
            descriptions = pronouns
        described = self._described(index, text, low) if descriptions else []
        for raw in self._named[index] + self._bare(index, text) + described:
            known = self._lookup(raw.name, index)
            if known is not None:
                # What _learn does for a registered name (``known`` is self.known[known.name]).
                known.role = known.role or raw.role
                known.country = known.country or raw.country
                known.gender = known.gender or raw.gender
                known.last_seen = index
                mentions.append(
                    PersonMention(
                        raw.start,
                        raw.end,
                        known.name,
                        raw.role,
                        raw.country,
                        raw.gender or known.gender,
                        False,
                        raw.possessive,
                    )
                )
            else:
                mentions.append(raw)
        if len(mentions) > 1:
            mentions.sort(key=_START)
        subject = sentence_subject(text, mentions) if mentions else None
        resolved = list(mentions)
        for match in _PRONOUN_RE.finditer(text) if pronouns else ():
            target = self._pronoun_target(text, match, mentions, subject)
            if target is not None:
                word = match.group("p").lower()
                resolved.append(
                    PersonMention(
                        match.start(),
                        match.end(),
                        target,
                        None,
                        None,
                        gender_of(word),
                        True,
                        word in ("his", "her"),
                    )
                )
        if subject is not None and not text.lstrip().startswith(("“", '"', "‘")):
            self.main = subject.name
        if len(resolved) > len(mentions):  # pronouns were added after the sorted mentions
            resolved.sort(key=_START)
        return resolved

    def _bare(self, index: int, text: str) -> list[PersonMention]:
        """Known surnames used without a title ("Abe said")."""
        words = self._name_words()
        if not any(map(text.__contains__, words)):
            return []
        taken = self._named[index]
        found: list[PersonMention] = []
        for match in TOKEN_RE.finditer(text):
            word = match.group()
            if word in words:
                start, end = match.span()
                if taken and any(m.start <= start < m.end for m in taken):
                    continue
                possessive = text[end : end + 2] in ("’s", "'s")
                found.append(PersonMention(start, end, word, possessive=possessive))
        return found

    def _name_words(self) -> frozenset[str]:
        """Words of the multi-word names known so far ("Shinzo", "Abe") that can be
        bare mentions: a whole ``TOKEN_RE`` word (so no "bin" or "van"), never a
        stop word or a gazetteer name."""
        if self._token_cache is None or self._token_count != len(self.known):
            self._token_cache = frozenset(
                t
                for k in self.known.values()
                if len(k.name.split()) > 1
                for t in k.name.split()
                if t not in STOP_WORDS and t not in ENTRIES and TOKEN_RE.fullmatch(t)
            )
            self._token_count = len(self.known)
        return self._token_cache

    def _pronoun_target(
        self,
        text: str,
        match: re.Match[str],
        mentions: list[PersonMention],
        subject: PersonMention | None,
    ) -> str | None:
        gender = gender_of(match.group("p").lower())
        before = [m for m in mentions if m.end <= match.start() and _fits(m.gender, gender)]
        if before:
            if (
                subject is not None
                and subject.end <= match.start()
                and _fits(subject.gender, gender)
            ):
                return subject.name
            return before[-1].name
        if (
            subject is not None
            and subject.start > match.start()
            and "," in text[match.end() : subject.start]
        ):
            return subject.name
        if self.main is not None:
            main = self.known.get(self.main)
            if main is None or _fits(main.gender, gender):
                return self.main
        return None

    def actor(self, mention: PersonMention) -> Actor:
        """The Actor for a mention: role/country as stated there, else elsewhere in the text."""
        known = self.known.get(mention.name)
        role = mention.role or (known.role if known else None)
        country = mention.country or (known.country if known else None)
        return Actor(mention.name, role, country)

    def _described(self, index: int, text: str, low: str | None = None) -> list[PersonMention]:
        """ "the Cambodian leader", "the Japanese prime minister": the one person already
        named with that country and a fitting role, as a mention of that person."""
        found: list[PersonMention] = []
        low = text.lower() if low is None else low
        if not any(map(low.__contains__, _DESCRIPTION_HINTS)):
            return found
        for match in _DESCRIPTION_RE.finditer(text):
            country = next(
                (g.country for g in self._geos[index] if g.start == match.start("who")), None
            )
            want = _ROLE_NOUNS.get(" ".join(match.group("noun").lower().split()))
            if country is None or want is None:
                continue
            fits = {
                k.name
                for k in self.known.values()
                if k.first_seen <= index
                and k.country == country
                and k.role
                and want.search(k.role)
                and not k.role.startswith(("then", "former"))
            }
            if len(fits) == 1:
                found.append(PersonMention(match.start(), match.end(), fits.pop()))
        return found

    def pair_of(self, index: int, noun: str) -> list[str]:
        """ "the two leaders", "both presidents": the two people already named, one per
        country, whose role fits the noun; empty unless exactly two countries fit."""
        want = {
            "leaders": _HEAD_ROLE,
            "presidents": re.compile(r"President"),
            "prime ministers": re.compile(r"Prime Minister"),
            "foreign ministers": re.compile(r"Foreign|External"),
        }.get(noun.lower())
        if want is None:
            return []
        chosen: dict[str, str] = {}
        for known in sorted(self.known.values(), key=lambda k: k.first_seen):
            if (
                known.first_seen <= index
                and known.country
                and known.role
                and want.search(known.role)
                and not known.role.startswith(("then", "former"))
            ):
                chosen.setdefault(known.country, known.name)
        return list(chosen.values()) if len(chosen) == 2 else []

    def actor_named(self, name: str) -> Actor:
        """The Actor for a registered name, with the role/country the article gives it."""
        known = self.known.get(name)
        return Actor(name, known.role if known else None, known.country if known else None)

    def country_of(self, name: str) -> str | None:
        known = self.known.get(name)
        return known.country if known else None

    def infer_country(self, name: str, country: str) -> None:
        """Record a country the text implies (a visitor to Japan in a Cambodia-Japan story)."""
        known = self.known.get(name)
        if known is not None and known.country is None:
            known.country = country


def _fits(have: str | None, want: str | None) -> bool:
    return have is None or want is None or have == want


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    if n == 1:  # most shortened names are one word ("Abe")
        return needle[0] in haystack
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))
