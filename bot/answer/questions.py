"""What a question asks for, read with rules rather than a model.

Questions to the bot are short and formulaic ("When did X visit Y?", "How
much were the agreements worth?"), so a reading in three parts is enough:

- the *type* (when / who / how much / how many / where / what / which /
  yes-no / about), which decides which field of a fact is the answer;
- the *constraints* a fact must meet: fact kinds named by cue words ("signed"
  → agreement), an ordinal ("third", "3rd", "last"), years, and the direction
  of a visit ("to Laos", "Thai leader");
- the *content words* left over (names, places, topics), which retrieval
  matches and scoring counts.

Everything is case-blind except name spotting, which uses capitals when the
asker typed them and degrades gracefully when they did not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

from bot.answer.words import (
    GENERIC_WORDS,
    LAST,
    ROLE_WORDS,
    STOP_WORDS,
    find_places,
    number_of,
    ordinal_of,
    stem,
    surface_tokens,
    tokens,
    wordset,
)

WHEN, WHO, HOW_MUCH, HOW_MANY = "when", "who", "how much", "how many"
WHERE, WHAT, WHICH, YES_NO, ABOUT = "where", "what", "which", "yes-no", "about"
QUESTION_TYPES = (WHEN, WHO, HOW_MUCH, HOW_MANY, WHERE, WHAT, WHICH, YES_NO, ABOUT)


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


# Cue words (compared as stems) that point at a fact kind.
KIND_CUES = MappingProxyType(
    {
        "visit": _stems("visit visits visited visiting trip trips travel travelled traveled"),
        "agreement": _stems(
            "agreement agreements sign signed signing mou mous memorandum deal deals worth "
            "accord accords treaty treaties contract contracts pact pacts loan loans"
        ),
        "request": _stems("ask asked asking request requested requests seek sought appeal"),
        "pledge": _stems(
            "target targets pledge pledged pledges commit committed commitment goal goals "
            "promise promised vow vowed aim aims"
        ),
        "meeting": _stems("meet met meeting meetings summit summits talks"),
        "anniversary": _stems(
            "anniversary anniversaries peacekeeper peacekeepers peacekeeping commemorate "
            "commemorated jubilee establish established establishment"
        ),
    }
)
_HELP_OBJECTS = _stems("build develop construct fund finance")  # "help build" is a request
_SEND = _stems("send sent")  # "first sent troops" is remembered as an anniversary
_AUX = wordset(
    "is are was were am be been do does did has have had can could will would should shall "
    "may might must"
)
_FILLERS = (
    ("can", "you", "tell", "me"), ("could", "you", "tell", "me"), ("would", "you", "tell", "me"),
    ("do", "you", "know"), ("does", "anyone", "know"), ("i", "want", "to", "know"),
    ("i", "would", "like", "to", "know"), ("i", "wonder"), ("please", "tell", "me"),
    ("tell", "me"), ("please",), ("so",), ("and",), ("but",), ("ok",), ("okay",), ("hey",),
    ("hi",), ("bot",), ("then",), ("also",), ("now",),
)  # fmt: skip
_ABOUT_OPENERS = (
    ("tell", "me", "about"), ("what", "about"), ("how", "about"), ("anything", "about"),
    ("anything", "on"), ("info", "on"), ("info", "about"), ("information", "about"),
    ("information", "on"), ("details", "of"), ("details", "on"), ("details", "about"),
    ("news", "about"), ("news", "on"), ("describe",), ("explain",), ("summarise",),
    ("summarize",), ("about",),
)  # fmt: skip
# The noun after "what"/"which" that turns it into another type ("what year").
_HEAD_TYPES = MappingProxyType(
    {
        **dict.fromkeys(
            ("year", "years", "date", "dates", "month", "months", "day", "days", "time", "when"),
            WHEN,
        ),
        **dict.fromkeys(
            ("leader", "leaders", "person", "people", "minister", "president", "official",
             "officials", "king", "premier", "pm", "diplomat", "envoy", "ambassador", "prime"),
            WHO,
        ),
        **dict.fromkeys(
            ("city", "cities", "country", "countries", "place", "province", "town", "location",
             "venue", "capital", "where"),
            WHERE,
        ),
        **dict.fromkeys(("value", "worth", "amount", "cost", "price", "sum", "size"), HOW_MUCH),
        **dict.fromkeys(("number", "count"), HOW_MANY),
    }
)  # fmt: skip
_SKIP_AFTER_WH = frozenset(_AUX | {"the", "a", "an", "total", "exact", "s"})
_ORIGIN_NOUNS = frozenset(ROLE_WORDS | {"side", "government", "company", "companies", "troops"})
_HAPPEN = wordset("happened happens happen occurred took")
_FUTURE = wordset("will next upcoming planned plans plan future shall soon")
_TO_WORDS = frozenset(("to", "visit", "visits", "visited", "visiting", "toured", "in", "into"))


@dataclass(frozen=True)
class Question:
    """A typed question: what is asked, about what, under which constraints."""

    text: str
    type: str  # one of QUESTION_TYPES
    target: str  # the content words as typed, for messages and debugging
    kinds: tuple[str, ...] = ()  # fact kinds named by cue words
    ordinal: int | None = None  # 1, 2, 3...; LAST for "last"/"latest"
    years: tuple[int, ...] = ()
    numbers: tuple[int, ...] = ()  # counts in the question ("the two agreements")
    names: tuple[str, ...] = ()  # capitalised names as typed ("Arjun Mehra")
    places: tuple[str, ...] = ()  # canonical gazetteer names ("India")
    origin: str | None = None  # country a visitor comes from ("Indian leader")
    destination: str | None = None  # where a visit goes ("visit Thailand")
    words: tuple[str, ...] = ()  # folded content words; places in canonical form
    entities: frozenset[str] = frozenset()  # the words among ``words`` that name something
    cues: tuple[str, ...] = ()  # the kind cue words as typed, for sentence search
    mentions_anniversary: bool = False
    future: bool = False  # "will", "next", "upcoming": about something still to come
    typed: tuple[str, ...] = ()  # place and ordinal words as typed ("chinese", "first")

    @cached_property
    def name_words(self) -> frozenset[str]:
        """The folded words of the people named ("arjun", "mehra")."""
        return frozenset(w for name in self.names for w in tokens(name))

    @cached_property
    def search_words(self) -> tuple[str, ...]:
        """Words for full-text sentence search, the most telling first: names, topics,
        years, cues, then places and ordinals as typed (the text may say "Chinese"
        where the question's canonical form is "china")."""
        names = [w for w in self.words if w in self.name_words]
        topics = [w for w in self.words if w not in self.entities]
        years = [str(year) for year in self.years]
        return tuple(dict.fromkeys([*names, *topics, *years, *self.cues, *self.typed]))


def parse_question(text: str) -> Question:
    """Read a free-text question (any case, with or without '?')."""
    clean = " ".join(text.split()).strip(" ?!.")
    folded = tokens(clean)
    start = _skip_fillers(folded)
    qtype = _question_type(folded, start)
    places = find_places(folded)
    place_at = {i + k: place for i, place in places for k in range(len(place.words))}
    kinds, cues = _kind_cues(folded)
    ordinal = next((o for w in folded if (o := ordinal_of(w)) is not None), None)
    if ordinal is None and "most" in folded and "recent" in folded:
        ordinal = LAST
    years = tuple(int(w) for w in folded if len(w) == 4 and w.isdigit() and 1800 <= int(w) <= 2200)
    numbers = tuple(n for w in folded if (n := number_of(w)) is not None)
    place_words = {w for _, place in places for w in place.words}
    names = _names(clean, place_words)
    name_words = {w for name in names for w in tokens(name)}
    words: list[str] = []
    entities: set[str] = set(name_words)
    cue_set = {stem(c) for c in cues}
    for i, word in enumerate(folded):
        if i in place_at:
            place = place_at[i]
            if i == 0 or place_at.get(i - 1) is not place:
                canonical = tokens(place.name)
                words += canonical
                entities.update(canonical)
        elif word in name_words or _is_content(word, cue_set):
            words.append(word)
    origin, destination = _direction(folded, places)
    return Question(
        text=clean,
        type=qtype,
        target=" ".join(dict.fromkeys(words)),
        kinds=kinds,
        ordinal=ordinal,
        years=years,
        numbers=numbers,
        names=names,
        places=tuple(dict.fromkeys(p.name for _, p in places)),
        origin=origin,
        destination=destination,
        words=tuple(dict.fromkeys(words)),
        entities=frozenset(entities),
        cues=cues,
        mentions_anniversary=any(w.startswith("anniversar") for w in folded),
        future=bool(_FUTURE & set(folded)),
        typed=tuple(w for i, w in enumerate(folded) if i in place_at or ordinal_of(w)),
    )


def _is_content(word: str, cue_stems: set[str]) -> bool:
    if word in STOP_WORDS or word in GENERIC_WORDS or stem(word) in cue_stems:
        return False
    if word.isdigit() or number_of(word) is not None or ordinal_of(word) is not None:
        return False
    return len(word) > 1


def _skip_fillers(words: list[str]) -> int:
    """Index of the first word after polite openers ("can you tell me", "so")."""
    i = 0
    moved = True
    while moved:
        moved = False
        for filler in _FILLERS:
            n = len(filler)
            if tuple(words[i : i + n]) == filler and words[i + n : i + n + 1] != ["about"]:
                i += n
                moved = True
                break
    return i


def _question_type(words: list[str], start: int) -> str:
    """The question type: from the opening words, else from a question word anywhere."""
    rest = words[start:]
    for opener in _ABOUT_OPENERS:
        if tuple(rest[: len(opener)]) == opener or (
            start and tuple(words[start - 1 : start - 1 + len(opener)]) == opener
        ):
            return ABOUT
    first = rest[0] if rest else ""
    found = _wh_at(words, start)
    if found is None and first in _AUX:
        return YES_NO
    if found is None:
        for i in range(start + 1, len(words)):
            if (found := _wh_at(words, i)) is not None:
                break
    return found or ABOUT


def _wh_at(words: list[str], i: int) -> str | None:
    """The question type when a question word sits at ``i``."""
    word = words[i] if i < len(words) else ""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if word == "how":
        if nxt == "much" or nxt in ("large", "big"):
            return HOW_MUCH
        if nxt in ("many", "often"):
            return HOW_MANY
        if nxt == "long" and words[i + 2 : i + 3] == ["ago"]:
            return WHEN
        return None
    if word == "since" and nxt == "when":
        return WHEN
    if word in ("when", "where"):
        return WHEN if word == "when" else WHERE
    if word in ("who", "whom", "whose"):
        return WHO
    if word in ("what", "which"):
        if nxt in _HAPPEN:  # "what happened in 2019": tell the event, not one field of it
            return ABOUT
        j = i + 1
        while j < len(words) and words[j] in _SKIP_AFTER_WH:
            j += 1
        for k in (j, j + 1):
            head = words[k] if k < len(words) else ""
            if head in _HEAD_TYPES and (k == j or words[j] not in STOP_WORDS):
                return _HEAD_TYPES[head]
        if "worth" in words[i:]:
            return HOW_MUCH
        return WHAT if word == "what" else WHICH
    return None


def _kind_cues(words: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Fact kinds the question's cue words point at, and those words."""
    kinds: list[str] = []
    cues: list[str] = []
    word_stems = [stem(w) for w in words]
    for i, word_stem in enumerate(word_stems):
        for kind, cue_stems in KIND_CUES.items():
            if word_stem in cue_stems:
                kinds.append(kind)
                cues.append(words[i])
        if words[i] == "help" and i + 1 < len(words) and word_stems[i + 1] in _HELP_OBJECTS:
            kinds.append("request")
            cues += ["help", words[i + 1]]
        if word_stem in _SEND and "first" in words[max(0, i - 2) : i]:
            kinds.append("anniversary")
            cues.append(words[i])
    return tuple(dict.fromkeys(kinds)), tuple(dict.fromkeys(cues))


def _names(text: str, place_words: set[str]) -> tuple[str, ...]:
    """Runs of capitalised words that are not question words, roles or places.

    A capitalised common word is a name only inside the question ("Long's
    visit"); at its start the capital says nothing ("Long ago...")."""
    runs: list[list[str]] = []
    current: list[str] = []
    surface = surface_tokens(text)
    for i, token in enumerate(surface):
        low = tokens(token)
        word = low[0] if low else ""
        is_name = (
            token[:1].isupper()
            and bool(word)
            and word not in STOP_WORDS
            and word not in ROLE_WORDS
            and word not in place_words
            and not find_places([word])
            and ordinal_of(word) is None
            and not (i == 0 and (word in GENERIC_WORDS or word in _AUX))
        )
        if is_name:
            current.append(token)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return tuple(" ".join(run) for run in runs)


def _direction(words: list[str], places: list) -> tuple[str | None, str | None]:
    """Where a visit comes from and goes to, when the question says so."""
    origin = destination = None
    for i, place in places:
        before = words[i - 1] if i else ""
        after = words[i + len(place.words)] if i + len(place.words) < len(words) else ""
        country = place.country or place.name
        if before == "from" or (place.kind == "demonym" and after in _ORIGIN_NOUNS):
            origin = origin or country
        elif before in _TO_WORDS:
            destination = destination or place.name
    return origin, destination
