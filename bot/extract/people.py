"""People named in an article: names, stated roles, countries, and who "he" is.

News introduces a person once with a title ("Prime Minister Hun Sen",
"Japanese Prime Minister Shinzo Abe", "Mr Abe") and then shortens the name or
switches to pronouns. ``find_named`` reads one sentence; ``People`` holds the
per-article registry that maps "Abe" to "Shinzo Abe", remembers roles and
countries the text states, and resolves pronouns by simple salience:

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

from bot.extract.geo import COUNTRY, DEMONYM, ENTRIES, GeoMention, find_geo
from bot.extract.lexicon import trie_pattern
from bot.records import Actor

_ROLES = (
    "Prime Minister", "Deputy Prime Minister", "Senior Minister", "President",
    "Vice President", "Vice-President", "King", "Queen", "Emperor", "Empress", "Crown Prince",
    "Crown Princess", "Prince", "Princess", "Sultan", "Chancellor", "Premier", "Vice Premier",
    "Chairman", "Chairwoman", "Chairperson", "Speaker", "Secretary-General",
    "Secretary General", "Secretary of State", "State Secretary", "Secretary",
    "State Counsellor", "State Councillor", "General Secretary", "Minister", "Deputy Minister",
    "Vice Minister", "State Minister", "Minister of State", "Ambassador", "Governor", "Mayor",
    "Senator", "General", "Senior General", "Lieutenant General", "Admiral", "Chief Minister",
    "Director-General", "Director General", "Chief Executive", "Special Envoy", "Envoy",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Finance Minister",
    "Trade Minister", "Commerce Minister", "Economy Minister", "Interior Minister",
    "Industry Minister", "Tourism Minister", "Health Minister", "Education Minister",
    "Transport Minister", "Agriculture Minister", "Energy Minister", "Planning Minister",
    "Investment Minister", "Labour Minister", "Justice Minister", "Information Minister",
    "Environment Minister", "Deputy Foreign Minister", "Vice Foreign Minister",
    "Senate President", "National Assembly President", "National Assembly Chairman",
    "Supreme Leader", "Party Chief", "Leader",
)  # fmt: skip
_LOWER_ROLES = (
    "prime minister",
    "president",
    "foreign minister",
    "minister",
    "king",
    "queen",
    "premier",
    "ambassador",
    "envoy",
    "leader",
    "deputy prime minister",
)
# Regexes here start with a literal trie (no leading \b, lookbehind or optional
# group) so the engine can skip most positions; the left context is checked
# afterwards on a short slice.
_ROLE_RE = re.compile(r"(?P<role>" + trie_pattern(_ROLES + _LOWER_ROLES) + r")(?![\w-])")
_MOD_BEFORE = re.compile(
    r"(?<![\w-])(?P<mod>[Tt]he\s+then|then|[Ff]ormer|ex|[Aa]cting|[Ii]nterim|[Ll]ate)[\s-]+$"
)
# Words that may follow "Minister of" before the person's name begins.
_MINISTRY_WORDS = frozenset(
    "Foreign Affairs International Cooperation Trade Commerce Economy Economic Finance "
    "Defence Defense National Planning Investment Industry Health Education Agriculture "
    "Interior Home Justice Tourism Transport Public Works Labour Labor Culture Information "
    "Environment Energy Mines Mining Science Technology External Development Rural Land "
    "Water Resources Posts Telecommunications Social Youth Sports Fisheries Forestry Natural "
    "Handicraft Communications Religion Veterans Security Affairs State Planning Commerce "
    "Industrial Fine Arts Women’s Women's and & the Office Council Cabinet".split()
)
_HONORIFIC_RE = re.compile(
    r"(?P<hon>"
    + trie_pattern(("Mr", "Mrs", "Ms", "Miss", "Dr", "Madam", "Madame", "Mme", "Sir", "Dame",
                    "Lady", "Lord", "Samdech", "Excellency", "H.E."))
    + r")\.?\s+(?=[A-Z])"
)  # fmt: skip
_TOKEN = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-Za-zà-öø-ÿ]+)*(?:[’'][A-Z][a-zà-öø-ÿ]+)?"
_TOKEN_RE = re.compile(_TOKEN)
_NAME_RE = re.compile(
    _TOKEN + r"(?:\s+(?:(?:bin|binti|van|von|de|da|del|der|al|el|le|dos)\s+)?" + _TOKEN + r"){0,3}"
)
_POSSESSIVE_NOUNS = (
    r"administration|government|cabinet|premiership|presidency|tenure|leadership|visit|"
    r"trip|invitation|term|regime|policy|party|office|counterpart|delegation"
)
# "Shinzo Abe’s administration", "Joko Widodo said": a context that names a person.
_NAME_CONTEXT_RE = re.compile(
    r"(?:[’']s\s+(?:"
    + _POSSESSIVE_NOUNS
    + r")|\s(?:said|says|told|added|visited|visits|arrived|met|meets|"
    r"held|signed|pledged|hosted|received|welcomed|will|has|had|is|was|paid|announced|"
    r"urged|stressed|noted|called|expressed|thanked|invited|agreed|wrote|led|flew))\b"
)
_NAME_BEFORE = re.compile(r"(?:" + _TOKEN + r"\s+){1,3}" + _TOKEN + r"$")
_PRONOUN_RE = re.compile(r"(?P<p>[Hh](?:e|im|is|er|ers)|[Ss]he)(?![A-Za-z])")
_STOP = frozenset(
    "The A An In On At For From To Of By With During Since After Before And But Or If As It "
    "Its He She His Her They Their We Our This That These Those Both Also While When Under "
    "Over Posted Building Cambodia-Japan Japanese Free Open Strategy Initiative Conference "
    "Summit Agreement Forum Bank Fund Agency University Airport Port Province City District "
    "Street Road Bridge Hall Palace House Office Committee Commission Organisation "
    "Organization Association Union Nations Republic Kingdom State States National "
    "International Foreign Affairs Cooperation Development Economic Trade Investment Pacific "
    "Indo-Pacific War World Cold Expo Exhibition Games Times Post News Daily Xinhua Reuters "
    "AFP Kyodo Bernama Antara Facebook Twitter Google Leave Reply Log Out Change Logo "
    "Connecting Ministry Embassy Council Assembly Parliament Senate Government Party Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
    "July August September October November December Mr Mrs Ms Dr Minister President Prime "
    "King Queen Prince Princess Emperor Secretary General Ambassador Governor Mayor Leader "
    "Deputy Vice Premier Chairman Speaker Envoy Crown Samdech Excellency Madam Sir Lady Lord "
    "Asean ASEAN UN Unesco Day Year New Old East West North South Central Southeast Asia "
    "Asian European Africa African Middle Gulf Sea Ocean River Island Islands Mekong".split()
)
_MALE = frozenset("Mr Sir Lord King Prince Emperor Sultan Samdech he him his".split())
_FEMALE = frozenset(
    "Mrs Ms Miss Madam Madame Mme Dame Lady Queen Princess Empress she her hers".split()
)
_HEAD_ROLE = re.compile(
    r"Prime Minister|President|King|Queen|Premier|Chancellor|Emperor|"
    r"Sultan|State Counsellor|Leader"
)
_GAP_BEFORE = re.compile(r"(?:[’']s)?\s+$")
_CAPITALS_BEFORE = re.compile(r"(?:(?<=\s)|^)((?:[A-Z][\w’'&-]*\s+){1,3})$")
_OF = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?")
_OF_ONLY = re.compile(r"\s+of\s+(?:the\s+)?")
_WORD = re.compile(r"\S+")
_SPACE = re.compile(r"\s+")
_COMMA_SPACE = re.compile(r",?\s+")
_APPOSITION = re.compile(r"(?:[’']s)?,\s+(?:who\s+(?:is|was|has\s+been)\s+)?(?:the\s+|a\s+)?")
_NATIONAL_ROLE = re.compile(r"leader|premier|head of (?:state|government)", re.IGNORECASE)


@dataclass(frozen=True)
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


@dataclass
class _Known:
    name: str
    role: str | None
    country: str | None
    gender: str | None
    first_seen: int
    last_seen: int


def _gender(word: str | None) -> str | None:
    if word in _MALE:
        return "m"
    if word in _FEMALE:
        return "f"
    return None


def _clean_tokens(raw: str) -> list[str]:
    """Name tokens up to the first word that cannot be part of a name."""
    tokens: list[str] = []
    for token in raw.split():
        bare = token.rstrip(".,")
        if bare in _STOP or bare in ENTRIES:
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
        if word not in _MINISTRY_WORDS or word in ("and", "&", "the"):
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
        if word.group(0).rstrip(",") not in _MINISTRY_WORDS:
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

    for match in _ROLE_RE.finditer(text):
        if _glued(text, match.start()):
            continue
        role = match.group("role")
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
        add(start, name.start(), name.group(0), full_role, country, _gender(role))
    for match in _HONORIFIC_RE.finditer(text):
        if _glued(text, match.start()):
            continue
        name = _NAME_RE.match(text, match.end())
        if name:
            add(match.start(), name.start(), name.group(0), None, None, _gender(match.group("hon")))
    for match in _NAME_CONTEXT_RE.finditer(text):
        previous = text.rfind(" ", 0, match.start()) + 1
        if not text[previous : previous + 1].isupper():
            continue  # "ties have", "it is": no capitalised word before the verb
        before = _NAME_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if before is None:
            continue
        raw = before.group(0)
        tokens = raw.split()
        while tokens and (tokens[0] in _STOP or tokens[0] in ENTRIES):
            tokens.pop(0)
        if len(tokens) >= 2:
            start = before.start() + raw.index(tokens[0])
            add(start, start, " ".join(tokens), None, None, None)
    found.sort(key=lambda m: m.start)
    return [_with_apposition(text, m, geo) for m in found]


def _glued(text: str, start: int) -> bool:
    """True when a match starts inside a word ("Premiership" is no "Premier")."""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_")


def _with_apposition(text: str, mention: PersonMention, geo: list[GeoMention]) -> PersonMention:
    """Role/country from ", the Japanese Prime Minister" or ", who was the first Japanese leader"."""
    if mention.country is None:
        of = _OF_ONLY.match(text, mention.end)  # "President Tran Duc Long of Vietnam"
        for place in geo if of else ():
            if place.start == of.end() and place.kind == COUNTRY:
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
    role = _ROLE_RE.search(text, match.end(), segment_end)
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
        of = _role_suffix(text, hit.end(), geo)
        country = of[1]
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


@dataclass
class People:
    """Per-article registry of people and the salience used to resolve pronouns."""

    known: dict[str, _Known] = field(default_factory=dict)
    main: str | None = None
    _named: list[list[PersonMention]] = field(default_factory=list)
    _token_cache: frozenset[str] | None = None
    _candidates: dict[str, list[_Known]] = field(default_factory=dict)
    _candidates_for: int = -1
    _token_count: int = -1

    @classmethod
    def from_sentences(cls, sentences: list[str], geos: list[list[GeoMention]]) -> People:
        """First pass: every full name the article introduces, with stated role/country."""
        people = cls()
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

    def resolve(self, index: int, text: str, *, pronouns: bool = True) -> list[PersonMention]:
        """Named, bare-surname and pronoun mentions of sentence ``index``, resolved.

        Every sentence must pass through here in order (it moves the salience);
        ``pronouns=False`` skips resolving pronouns for a sentence no rule will read.
        """
        mentions: list[PersonMention] = []
        for raw in self._named[index] + self._bare(index, text):
            known = self._lookup(raw.name, index)
            if known is not None:
                self._learn(
                    PersonMention(0, 0, known.name, raw.role, raw.country, raw.gender), index
                )
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
        mentions.sort(key=lambda m: m.start)
        subject = _subject(text, mentions)
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
                        _gender(word),
                        True,
                        word in ("his", "her"),
                    )
                )
        if subject is not None and not text.lstrip().startswith(("“", '"', "‘")):
            self.main = subject.name
        return sorted(resolved, key=lambda m: m.start)

    def _bare(self, index: int, text: str) -> list[PersonMention]:
        """Known surnames used without a title ("Abe said")."""
        taken = self._named[index]
        tokens = self._tokens()
        found: list[PersonMention] = []
        if not any(token in text for token in tokens):
            return found
        for match in _TOKEN_RE.finditer(text):
            word = match.group(0)
            if (
                word in tokens
                and word not in _STOP
                and word not in ENTRIES
                and not any(m.start <= match.start() < m.end for m in taken)
            ):
                possessive = text[match.end() : match.end() + 2] in ("’s", "'s")
                found.append(PersonMention(match.start(), match.end(), word, possessive=possessive))
        return found

    def _tokens(self) -> frozenset[str]:
        """Words of the multi-word names known so far ("Shinzo", "Abe")."""
        if self._token_cache is None or self._token_count != len(self.known):
            self._token_cache = frozenset(
                t for k in self.known.values() if len(k.name.split()) > 1 for t in k.name.split()
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
        gender = _gender(match.group("p").lower())
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
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


_PREP_BEFORE = re.compile(
    r"(?:\b(?:with|by|to|of|for|from|on|under|at|invited|and|than|about|between|told)"
    r"\s+(?:the\s+)?(?:\w+\s+)?)$"
)


def _subject(text: str, mentions: list[PersonMention]) -> PersonMention | None:
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
