"""What the fact rules share: one analysed sentence, its triggers and their date windows.

A sentence often carries several events ("X invited Y to visit this year to
mark the 60th anniversary of the visit by Z, who ... in 1957"). Every trigger
word (visit, met, signed agreement, anniversary of, requested, pledged...) opens
a window that runs to the next trigger; a date belongs to the trigger whose
forward window it falls in, and only unclaimed dates are borrowed backwards.
That one rule keeps "in 1957" with Z's visit and "this year" with Y's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from bot.extract.dates import ANCHOR, VAGUE, DateSpan
from bot.extract.geo import CITY, COUNTRY, DEMONYM, ORG, GeoMention, is_modifier
from bot.extract.lexicon import Folded, Hinted, trie_pattern
from bot.extract.money import Money, find_money
from bot.extract.names import PersonMention

VISIT, MEETING, AGREEMENT, PLEDGE, REQUEST, ANNIVERSARY = (
    "visit", "meeting", "agreement", "pledge", "request", "anniversary",
)  # fmt: skip

# Cheap substring tests run on every lower-cased sentence: a kind's trigger
# regexes only run when one of its stems occurs.
_KIND_STEMS: dict[str, tuple[str, ...]] = {
    VISIT: ("visit", "trip", "tour", "arriv", "courtesy", "hosted", "welcomed", "received",
            "travel", "flew", "fly", "flies", "flying", "head", "landed", "touched down",
            "the first", "the second", "the third", "the fourth", "the fifth"),
    MEETING: ("met", "meet", "talks", "discussions", "summit", "selfie", "photo", "picture",
              "shook", "sat down"),
    AGREEMENT: ("memorand", "mou", "moc", "notes", "agreement", "accord", "treat", "grant",
                "loan", "partnership", "deal", "contract", "protocol", "letter", "documents",
                "pact"),
    PLEDGE: ("pledg", "promis", "vow", "offer", "will", "commit", "aim", "target", "agreed to"),
    REQUEST: ("request", "asked", "sought", "seek", "appeal", "applied", "called on", "calls on"),
    ANNIVERSARY: ("anniversar", "years of"),
}  # fmt: skip


_STEM_KIND = {stem: kind for kind, stems in _KIND_STEMS.items() for stem in stems}
_STEMS = re.compile(trie_pattern(_STEM_KIND))


def candidate_kinds(text: str, low: str | None = None) -> dict[str, list[tuple[int, int]]]:
    """Where each kind's trigger stems occur in the sentence (a cheap pre-filter):
    kind -> merged windows in which its trigger regex is worth running.

    ``low`` is ``text.lower()`` when the caller already has it (one lower-casing
    per sentence for every stage that reads it)."""
    windows: dict[str, list[tuple[int, int]]] = {}
    stem_kind = _STEM_KIND
    for hit in _STEMS.finditer(text.lower() if low is None else low):
        start, end = hit.span()
        kind = stem_kind[hit.group()]
        start = start - 40 if start > 40 else 0
        end += 40
        spans = windows.get(kind)
        if spans is None:
            windows[kind] = [(start, end)]
        elif start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return windows


_TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        VISIT,
        re.compile(
            r"\b(?:courtesy\s+(?:call|visit)s?|visit(?:s|ed|ing)?|trip|tour(?=\s+(?:of|to)\b)|"
            r"arriv(?:e|ed|es|ing|al)|(?:travel(?:s|led|ed|ling|ing)?|fl(?:y|ies|ying|ew)|"
            r"head(?:s|ed|ing)?)\s+to|landed\s+in|"
            r"touched\s+down\s+in|hosted|welcomed|received)\b",
            re.IGNORECASE,
        ),
    ),
    (
        VISIT,  # "The first took place in 2019": an ordinal standing for the visits just named
        re.compile(
            r"^The\s+(?:first|second|third|fourth|fifth)(?:\s+one)?(?=\s+(?:took\s+place|came|"
            r"happened|was\s+in)\b)"
        ),
    ),
    (
        MEETING,
        re.compile(
            r"\b(?:met(?:\s+with)?|meets?\s+with|meeting\s+(?:with|between)|(?:held|hold|holds|"
            r"holding)\s+(?:\w+\s+){0,2}(?:talks|meetings?|discussions)|talks\s+with|summit\s+"
            r"(?:with|between)|(?:selfie|photo|photograph|picture)s?(?:\s+\w+)?\s+with|shook\s+"
            r"hands\s+with|sat\s+down\s+with)\b",
            re.IGNORECASE,
        ),
    ),
    (
        AGREEMENT,
        re.compile(
            r"\b(?:(?:memorand(?:um|a)|mo[uc]s?)(?:\s+of\s+(?:understanding|cooperation|"
            r"agreement))?|exchange\s+of\s+notes|notes\s+were\s+exchanged|exchanged\s+(?:the\s+)?"
            r"notes|agreements?|accords?|treat(?:y|ies)|grant(?:\s+aid)?|loans?|partnership|"
            r"deals?|contracts?|protocols?|letters?\s+of\s+intent|documents|pacts?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        PLEDGE,
        re.compile(
            r"\b(?:pledg(?:e|ed|es|ing)|promis(?:ed|es|ing)|vow(?:ed|s)?|offer(?:ed|s)?|"
            r"will\s+(?:also\s+|further\s+)?(?:provide|give|fund|finance|extend|offer|build|"
            r"donate|grant|invest)|"
            r"commit(?:ted|s)?(?=\s+(?:\$|US\$|USD|\d|funds|money))|(?:(?:is|are|was|were|remains?|"
            r"be)\s+(?:fully\s+|firmly\s+|also\s+)?committed|commitment)\s+to|aim(?:s|ed|ing)?\s+to"
            r"|set\s+(?:a|the)\s+target|agreed\s+to\s+(?:increase|boost|raise|double|triple|expand"
            r"|lift|reach))\b",
            re.IGNORECASE,
        ),
    ),
    (
        REQUEST,
        re.compile(
            r"\b(?:request(?:ed|s|ing)?|asked\s+(?:\w+\s+){0,3}?(?:for|to)|sought|seek(?:s|ing)?|"
            r"appeal(?:ed|s)?\s+(?:to\s+\w+\s+)?for|applied\s+for|call(?:ed|s)?\s+on\s+(?:\w+\s+)"
            r"{1,3}to\s+(?:provide|fund|finance|help|support|assist))\b",
            re.IGNORECASE,
        ),
    ),
    (
        ANNIVERSARY,
        re.compile(
            r"\b(?P<ord>\d{1,3}(?:st|nd|rd|th)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
            r"ninety)-(?:first|second|third|fifth)|tenth|twentieth|thirtieth|fortieth|fiftieth|"
            r"sixtieth|seventieth|eightieth|ninetieth|hundredth)\s+anniversary(?:\s+of\b)?|\b(?P<years>"
            r"\d{1,3})\s+years\s+of\s+(?:diplomatic\s+)?(?:relations|ties|friendship|cooperation|"
            r"partnership)\b",
            re.IGNORECASE,
        ),
    ),
)


@dataclass
class Trigger:
    """A word or phrase that can open a fact, with its position in the sentence."""

    kind: str
    start: int
    end: int
    text: str
    match: re.Match[str] | None = None  # over the lower-cased sentence for most kinds

    def __init__(
        self, kind: str, start: int, end: int, text: str, match: re.Match[str] | None = None
    ) -> None:
        # Written out, not generated by @dataclass: see bot/extract/native.py.
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.match = match


@dataclass
class SentenceView:
    """One sentence with everything the rules read from it, computed once."""

    index: int
    text: str
    published: date | None
    future_marks: list[int]  # positions of "will", "is scheduled to"...
    dates: list[DateSpan]
    reads_money: bool  # a trigger of a rule that reads amounts (agreement, pledge, request)
    geo: list[GeoMention]
    people: list[PersonMention]
    triggers: list[Trigger] = field(init=False)
    assigned: dict[int, DateSpan | None] = field(init=False)  # trigger start -> date
    # (start, end) of a trigger -> its window; the rules ask for the same ones again
    # and again. Valid because ``triggers`` is set once, before any rule runs.
    _windows: dict[tuple[int, int], tuple[int, int]] = field(init=False, repr=False, compare=False)
    _money: list[Money] | None = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        index: int,
        text: str,
        published: date | None,
        future_marks: list[int],
        dates: list[DateSpan],
        reads_money: bool,
        geo: list[GeoMention],
        people: list[PersonMention],
    ) -> None:
        # Written out, not generated by @dataclass: see bot/extract/native.py.
        self.index = index
        self.text = text
        self.published = published
        self.future_marks = future_marks
        self.dates = dates
        self.reads_money = reads_money
        self.geo = geo
        self.people = people
        self.triggers = []
        self.assigned = {}
        self._windows = {}
        self._money = None

    @property
    def money(self) -> list[Money]:
        """The sentence's amounts, found when a rule first reads them: many sentences
        with an instrument word ("the loans will benefit ...") never get that far.

        Kept in a field rather than by ``functools.cached_property``, which needs an
        instance ``__dict__``: compiled by mypyc the class has none, and the
        amounts were found again at every read."""
        if self._money is None:
            self._money = find_money(self.text) if self.reads_money else []
        return self._money

    def future_before(self, position: int) -> bool:
        """Is the sentence up to ``position`` about something still to come?"""
        return any(mark < position for mark in self.future_marks)

    def named(self, start: int = 0, end: int | None = None) -> list[PersonMention]:
        """Named (not pronoun) people whose mention starts in [start, end)."""
        stop = len(self.text) if end is None else end
        return [p for p in self.people if not p.pronoun and start <= p.start < stop]

    def persons(self, start: int = 0, end: int | None = None) -> list[PersonMention]:
        stop = len(self.text) if end is None else end
        return [p for p in self.people if start <= p.start < stop]

    def window(self, trigger: Trigger) -> tuple[int, int]:
        """From the end of the previous trigger to the start of the next one."""
        key = (trigger.start, trigger.end)
        window = self._windows.get(key)
        if window is None:
            before = [t.end for t in self.triggers if t.end <= trigger.start]
            after = [t.start for t in self.triggers if t.start >= trigger.end]
            window = (max(before) if before else 0, min(after) if after else len(self.text))
            self._windows[key] = window
        return window

    def date_for(self, trigger: Trigger) -> DateSpan | None:
        return self.assigned.get(trigger.start)

    def countries(self, start: int = 0, end: int | None = None) -> list[str]:
        """Countries named in [start, end) by name, demonym or national agency."""
        stop = len(self.text) if end is None else end
        found: list[str] = []
        for mention in self.geo:
            if (
                start <= mention.start < stop
                and mention.country
                and mention.kind in (COUNTRY, DEMONYM, ORG)
                and mention.country not in found
            ):
                found.append(mention.country)
        return found

    def city(self, start: int = 0, end: int | None = None) -> GeoMention | None:
        """First city in [start, end) that says where ("in Phnom Penh", "to Tokyo")."""
        stop = len(self.text) if end is None else end
        for mention in self.geo:
            if mention.kind != CITY or not start <= mention.start < stop:
                continue
            if is_modifier(self.text, mention):
                continue
            if _PLACE_BEFORE.search(self.text[max(0, mention.start - 24) : mention.start]):
                return mention
        return None


_PLACE_BEFORE = Folded(
    re.compile(
        r"\b(?:in|at|to|from|near|visit(?:ed|ing|s)?|arrived\s+in)\s+(?:the\s+)?$", re.IGNORECASE
    )
)
_GROUP = Hinted(
    re.compile(
        r"\b(?:the\s+two|both)\s+(?P<noun>leaders|presidents|prime\s+ministers|foreign\s+ministers)"
        r"\b",
        re.IGNORECASE,
    ),
    fold=True,
)


def group_reference(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """ "the two leaders", "both presidents" in [start, end)."""
    return _GROUP.search(text, start, len(text) if end is None else end)


# The case-insensitive trigger regexes run over the lower-cased sentence when it is
# ASCII (see ``Folded``): a trigger's text is sliced from the sentence, and the
# rules that read groups of its match (the anniversary's ordinal or number of
# years) ignore their case. Each entry: (kind, regex, lower-case twin or None).
_TRIGGER_SCANS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (kind, pattern, Folded(pattern).folded if pattern.flags & re.IGNORECASE else None)
    for kind, pattern in _TRIGGERS
)


def find_triggers(
    text: str, kinds: dict[str, list[tuple[int, int]]], low: str | None = None
) -> list[Trigger]:
    """Trigger phrases in the windows ``candidate_kinds`` found, left to right.

    A kind's windows are disjoint (``candidate_kinds`` merges the ones that touch)
    and its two regexes never match the same text, so no match is found twice."""
    found: list[Trigger] = []
    # One lower-casing for every twin; other text goes to the case-insensitive regexes.
    ascii_low = (low if low is not None else text.lower()) if text.isascii() else None
    limit = len(text)
    for kind, pattern, twin in _TRIGGER_SCANS:
        windows = kinds.get(kind)
        if not windows:
            continue
        if twin is not None and ascii_low is not None:
            finditer, scanned = twin.finditer, ascii_low
        else:
            finditer, scanned = pattern.finditer, text
        for start, end in windows:
            for match in finditer(scanned, start, end if end < limit else limit):
                first, last = match.span()
                found.append(Trigger(kind, first, last, text[first:last], match))
    if len(found) > 1:
        found.sort(key=_trigger_order)
    kept: list[Trigger] = []
    for trigger in found:
        if kept and trigger.start < kept[-1].end and trigger.kind == kept[-1].kind:
            continue
        kept.append(trigger)
    return kept


def _trigger_order(trigger: Trigger) -> tuple[int, int]:
    return trigger.start, -trigger.end


def assign_dates(view: SentenceView) -> None:
    """Give each trigger the date in its forward window, else the nearest unclaimed before.

    A date introduced by "since" ("the first visit since 2013", "since taking office
    in March", "has provided $4 billion since 1992") is a reference point or the
    start of a period, never the date of the event itself.
    """
    usable = [d for d in view.dates if d.kind != ANCHOR or d.has_date]
    if not usable:  # no date to give: every trigger gets None
        view.assigned.update(dict.fromkeys(t.start for t in view.triggers))
        return
    since = {d.start for d in usable if d.prep == "since" or _SINCE.search(view.text[: d.start])}
    claimed: set[int] = set()

    def allowed(span: DateSpan, trigger: Trigger) -> bool:
        return span.start not in since or trigger.kind == ANNIVERSARY

    for trigger in view.triggers:
        _, stop = view.window(trigger)
        ahead = [d for d in usable if trigger.end <= d.start < stop and allowed(d, trigger)]
        if ahead:
            view.assigned[trigger.start] = ahead[0]
            claimed.add(ahead[0].start)
    for trigger in view.triggers:
        if trigger.start in view.assigned:
            continue
        behind = [
            d
            for d in usable
            if d.end <= trigger.start and d.start not in claimed and allowed(d, trigger)
        ]
        view.assigned[trigger.start] = behind[-1] if behind else None


_SINCE = Hinted(re.compile(r"\bsince\s+(?:[\w’'-]+\s+){1,3}$", re.IGNORECASE), fold=True)


def first_money(view: SentenceView, start: int = 0, end: int | None = None) -> Money | None:
    stop = len(view.text) if end is None else end
    for amount in view.money:
        if start <= amount.start < stop:
            return amount
    return None


def date_fields(span: DateSpan | None) -> tuple[str | None, str | None, str | None, list[str]]:
    """(date, end_date, precision, flags) for a fact from its chosen date span."""
    if span is None:
        return None, None, None, []
    if span.kind == VAGUE:
        return None, None, None, []
    flags: list[str] = []
    if span.unresolved:
        flags.append("date_unresolved")
    if span.approximate:
        flags.append("date_approximate")
    if span.target:
        flags.append("target_date")
    return span.date, span.end_date, span.precision, flags


# ",|;|:|\(|\s+(?:which|...)\b" written to start with one character class, so that
# the regex engine only tries positions holding punctuation or a space (the phrase
# searches run over the rest of the sentence); a punctuation mark is the whole match.
_BOUNDARY = re.compile(
    r"[,;:(\s](?:(?<=[,;:(])|\s*(?:which|who|that|when|while|under|with|during|as|after|"
    r"before|because|since|so|but|worth|accounting|to\s+mark|to\s+express|said|says)\b)"
)


def phrase(
    text: str,
    start: int,
    *,
    max_words: int = 14,
    stops: re.Pattern[str] | None = None,
    cut_at: list[int] | None = None,
    boundary: bool = True,
    strip_leading: bool = True,
) -> str:
    """The noun-phrase-like run of words from ``start`` to the first clause boundary.

    ``boundary=False`` keeps commas (for lists: "covering energy, semiconductors
    and a metro line"); ``strip_leading=False`` keeps a leading article.
    """
    end = len(text)
    for pattern in (_BOUNDARY if boundary else _HARD_BOUNDARY, stops):
        if pattern is not None:
            hit = pattern.search(text, start)
            if hit:
                end = min(end, hit.start())
    for position in cut_at or []:
        if start <= position < end:
            end = position
    words = text[start:end].strip().rstrip(".").split()[:max_words]
    while strip_leading and words and words[0].lower() in _LEADING:
        words.pop(0)
    while words and words[-1].lower().strip(",") in _TRAILING:
        words.pop()
    return " ".join(words).rstrip(",")


_LEADING = frozenset(["the", "a", "an", "its", "their", "his", "her"])
_TRAILING = frozenset(["the", "a", "an", "and", "of", "in", "to", "for", "on", "by", "at", "with"])
_HARD_BOUNDARY = re.compile(
    r"[;:(\s](?:(?<=[;:(])|\s*(?:which|who|that|said|says)\b)"
)  # as _BOUNDARY


def with_pair(countries: list[str], pair: tuple[str, ...], *, empty_too: bool) -> list[str]:
    """Complete a deal's parties from the article's country pair.

    One party of the pair named ("Japan will provide ...") means a deal with the
    other one; none named ("The two sides signed ...") means the pair when
    ``empty_too``. A third country named alone is left as it is.
    """
    found = list(dict.fromkeys(countries))
    if len(found) == 1 and found[0] in pair or (not found and empty_too):
        found = list(dict.fromkeys([*found, *pair]))
    return found


def dedupe(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out
