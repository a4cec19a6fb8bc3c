"""Agreements: MoUs, exchanges of notes, grants, loans, partnerships, treaties, deals.

An agreement needs an instrument noun *and* an act (signed, inked, concluded,
exchanged, agreed, established, upgraded...). "Both sides agreed to cooperate
on certain international issues" has no instrument and yields nothing (a
statement of intent is not an agreement); "advancing the strategic
partnership" has no act and yields nothing.

Instrument words group into deals: only coordination ("... and a memorandum
of understanding on ...") starts a new one, so "exchange of notes on grant
aid" and "a loan agreement under which China will provide a concessional
loan" are one deal each. A definite bare instrument that adds no amount
("The deal was signed by ...") names the previous agreement: its signatories,
date and place are added to it instead of making a new fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.clauses import (
    AGREEMENT,
    SentenceView,
    Trigger,
    date_fields,
    first_money,
    group_reference,
    phrase,
    with_pair,
)
from bot.extract.context import ArticleContext
from bot.extract.dates import VAGUE
from bot.extract.geo import GeoMention
from bot.extract.lexicon import Folded, Hinted, parse_count
from bot.records import Actor, Fact

# Folded regexes below (``Folded``, ``fold=True``) are read only by position or as a
# yes/no, except the acts (see there).
# Folded: acts are read by position, by which group matched, and case-blind.
_ACT = Folded(
    re.compile(
        r"\b(?:(?P<sign>sign(?:ed|ing|s)?|ink(?:ed|s|ing)?|conclud(?:ed|es|ing)|exchang(?:ed|es"
        r"|ing)|struck|finali[sz](?:ed|es)|penned)|(?P<agree>agreed|reached|established|"
        r"upgraded|elevated|forged|launched|approved|extended|granted|provided|awarded|renewed))\b",
        re.IGNORECASE,
    )
)
_SELF_ACTING = Folded(re.compile(r"exchange|exchanged|notes\s+were", re.IGNORECASE))
_NEGATED = Hinted(
    re.compile(
        r"\b(?:not|never|no|failed\s+to|yet\s+to|refused\s+to|without)\s+(?:\w+\s+){0,2}$",
        re.IGNORECASE,
    ),
    fold=True,
)
_NEW_UNIT = Folded(
    re.compile(r"(?:\band\b|;|,)\s+(?:a|an|the|another|two|three|four|five|\d+)\b", re.IGNORECASE)
)
_MODIFIER_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "various",
        "new",
        "signed",
        "sign",
        "of",
        "to",
        "and",
        "on",
        "for",
        "with",
        "in",
        "by",
        "were",
        "was",
        "have",
        "has",
        "had",
        "also",
        "both",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "yesterday",
        "today",
    ]
)
_PURPOSE = Hinted(
    re.compile(
        r"\b(?:to|for)\s+(?:help\s+)?(?:develop|build|construct|finance|fund|upgrade|improve|expand|"
        r"support|promote|establish|boost|strengthen|rehabilitate|repair|modernise|modernize)\w*\s+",
        re.IGNORECASE,
    ),
    fold=True,
)
_COVERING = Hinted(
    re.compile(
        r",?\s+(?:covering|including|in\s+(?:the\s+)?(?:fields?|areas?|sectors?)\s+of)\s+",
        re.IGNORECASE,
    ),
    fold=True,
)
_COMPLEMENT = re.compile(r"\s+(?:on|for|to|in|covering|regarding|concerning)\s+", re.IGNORECASE)
_BARE = re.compile(r"(?:agreements?|deals?|documents?|contracts?|accords?|pacts?)")
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?$")
_WITH_PARTY = re.compile(r"\s+with\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")
_VERB_BEFORE = re.compile(r"\b(?:will|to|would|shall|may)\s+$")
_FORMING = Folded(re.compile(r"sign|ink|establish|upgrad|elevat|forg|launch|agreed", re.IGNORECASE))
_PUNCT = re.compile(r"[,;]")
_DEFINITE = re.compile(r"(?:^|\s)(?:[Tt]he|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose)\s+$")
_COMPLEMENT_START = re.compile(r"\s+(?:on|for|to|in|of)\s")
_PLAIN_WORD = re.compile(r"[\w’'-]+")
_NOTES = re.compile(r"exchanged\s+(?:the\s+)?notes|notes\s+were\s+exchanged")
_WORTH = re.compile(r"\s+(?:of|worth|totall?ing|amounting\s+to)\s+")
_WITH_WORTH = re.compile(r"\s\s*(?:with|worth)\s+")  # \s+: see clauses._BOUNDARY


@dataclass
class _Unit:
    """One deal in a sentence: its instrument words, and where its own text ends."""

    start: int
    end: int  # end of the last instrument word that belongs to this deal
    head_end: int  # end of the first tight cluster ("loan agreement"): the subject's head
    stop: int  # start of the next deal (or sentence end): its amounts lie before this

    def __init__(self, start: int, end: int, head_end: int, stop: int) -> None:
        # Written out, not generated by @dataclass: see bot/extract/native.py.
        self.start = start
        self.end = end
        self.head_end = head_end
        self.stop = stop


def agreement_facts(view: SentenceView, ctx: ArticleContext) -> list[Fact]:
    """Agreement facts for the sentence (back-references update earlier facts instead)."""
    text = view.text
    units = _units(view)
    if not units:
        return []
    acts = list(_ACT.finditer(text))
    facts: list[Fact] = []
    for unit in units:
        start, end = unit.start, unit.end
        head = text[start : unit.head_end].lower()
        if _VERB_BEFORE.search(text, max(0, start - 8), start):
            continue  # "will grant", "to grant": a verb, not an instrument
        act = _nearest(acts, start, end)
        if act is None and not _SELF_ACTING.search(head):
            continue
        if act is not None and _NEGATED.search(text[max(0, act.start() - 25) : act.start()]):
            continue
        if (
            act is not None
            and act.group("agree")
            and _PERFECT.search(text, max(0, act.start() - 12), act.start())
        ):
            continue  # "has provided $4 billion in loans since 1992": a running total
        signing = act is None or bool(act.group("sign"))
        if head in ("document", "documents") and not signing:
            continue
        if head == "partnership" and not _FORMING.match(act.group(0) if act else ""):
            continue
        amount = first_money(view, start, unit.stop) or (
            first_money(view) if len(units) == 1 else None
        )
        span = next(
            (
                view.date_for(t)
                for t in reversed(view.triggers)
                if t.kind == AGREEMENT and start <= t.start < end and view.date_for(t)
            ),
            None,
        )
        date, end_date, precision, flags = date_fields(span)
        if span is not None and span.kind == VAGUE:
            flags.append("date_vague")
        place = view.city(start, unit.stop) or view.city(0, start)
        actors = signatories(view, ctx, act.start() if act else None)
        if (
            amount is None
            and _is_back_reference(text, start, unit.head_end)
            and _complete_previous(ctx, actors, (date, end_date, precision), place)
        ):
            continue
        future = view.future_before(end) and not (act and act.group(0).lower().endswith("ed"))
        countries = with_pair(
            [*view.countries(), *(a.country for a in actors if a.country)], ctx.pair, empty_too=True
        )
        if place is not None and place.country:
            countries.append(place.country)
        facts.append(
            Fact(
                kind=AGREEMENT,
                sentence=text,
                sentence_index=view.index,
                date=date,
                end_date=end_date,
                precision=precision,
                actors=actors,
                countries=list(dict.fromkeys(countries)),
                place=place.name if place else None,
                amount_usd=amount.usd if amount else None,
                amount_text=amount.text if amount else None,
                status="planned" if future else ("signed" if signing else "agreed"),
                count=_unit_count(text, start),
                subject=_subject(view, unit),
                flags=flags,
            )
        )
    return facts


def signatories(view: SentenceView, ctx: ArticleContext, verb: int | None) -> list[Actor]:
    """Named people in the sentence ("signed by X and Y"), or "the two leaders" when
    they are the subject of the verb at ``verb`` ("The two leaders later signed")."""
    found = {p.name: ctx.people.actor(p) for p in view.people if not p.possessive}
    group = group_reference(view.text, 0, verb) if verb is not None else None
    if group is not None and verb is not None and verb - group.end() > 25:
        group = None
    if len(found) < 2 and group is not None:
        for name in ctx.people.pair_of(view.index, group.group("noun")):
            found.setdefault(name, ctx.people.actor_named(name))
    return list(found.values())


def _units(view: SentenceView) -> list[_Unit]:
    groups: list[list[Trigger]] = []
    for trig in (t for t in view.triggers if t.kind == AGREEMENT):
        if groups and not _NEW_UNIT.search(view.text[groups[-1][-1].end : trig.start]):
            groups[-1].append(trig)
        else:
            groups.append([trig])
    units: list[_Unit] = []
    for number, group in enumerate(groups):
        head_end = group[0].end
        for trig in group[1:]:
            if trig.start - head_end > 12 or _PUNCT.search(view.text, head_end, trig.start):
                break
            head_end = trig.end
        stop = groups[number + 1][0].start if number + 1 < len(groups) else len(view.text)
        units.append(_Unit(group[0].start, group[-1].end, head_end, stop))
    return units


def _nearest(acts: list[re.Match[str]], start: int, end: int) -> re.Match[str] | None:
    if not acts:
        return None
    return min(acts, key=lambda a: min(abs(a.start() - end), abs(start - a.end())))


def _is_back_reference(text: str, start: int, head_end: int) -> bool:
    determiner = _DEFINITE.search(text[max(0, start - 8) : start])
    return (
        bool(determiner)
        and len(text[start:head_end].split()) <= 3
        and not _COMPLEMENT_START.match(text, head_end)
    )


def _complete_previous(
    ctx: ArticleContext,
    actors: list[Actor],
    when: tuple[str | None, str | None, str | None],
    place: GeoMention | None,
) -> bool:
    """Add signatories, date and place to the agreement a back-reference names."""
    previous = next((f for f in reversed(ctx.facts) if f.kind == AGREEMENT), None)
    if previous is None:
        return False
    known = {a.name for a in previous.actors}
    previous.actors = [*previous.actors, *[a for a in actors if a.name not in known]]
    if previous.date is None and when[0] is not None:
        previous.date, previous.end_date, previous.precision = when
    if previous.place is None and place is not None:
        previous.place = place.name
    return True


def _unit_count(text: str, start: int) -> int | None:
    """ "Two agreements", "12 agreements", "three cooperation documents"."""
    words = text[max(0, start - 30) : start].split()[-2:]
    for word in reversed(words):
        count = parse_count(word.strip(","))
        if count is not None:
            return count if count > 1 else None
    return None


def _subject(view: SentenceView, unit: _Unit) -> str:
    """ "strategic partnership agreement", "memorandum of understanding on labour
    cooperation"; for a bare "Two agreements were signed ... to develop X", X."""
    text = view.text
    left = text[: unit.start].split()
    modifiers: list[str] = []
    while left and len(modifiers) < 4:
        word = left[-1].strip(',;:“”"')
        if word.lower() in _MODIFIER_STOP or not _PLAIN_WORD.fullmatch(word) or parse_count(word):
            break
        modifiers.insert(0, word)
        left.pop()
    head = _NOTES.sub("exchange of notes", text[unit.start : unit.head_end])
    core = " ".join([*modifiers, head]).strip()
    cuts = [m.start for m in view.money] + [d.start for d in view.dates] + [unit.stop]
    if _BARE.fullmatch(core.lower()):
        covering = _COVERING.search(text, unit.head_end, unit.stop)
        if covering:
            return phrase(text, covering.end(), max_words=20, cut_at=cuts, boundary=False)
        purpose = _PURPOSE.search(text, unit.head_end, unit.stop)
        if purpose:
            return phrase(text, purpose.end(), max_words=20, cut_at=cuts, stops=_WITH_WORTH)
    after = unit.head_end
    party = _WITH_PARTY.match(text, after)  # "a deal with China on a hydropower dam"
    if party:
        after = party.end()
    worth = _WORTH.match(text, after)
    amount = first_money(view, after, after + 40)
    if worth and amount is not None and amount.start <= worth.end() + 12:
        after = amount.end  # "grant aid of ¥200 million for X": skip the amount
    complement = _COMPLEMENT.match(text, after)
    if complement and not any(after <= c < complement.end() + 1 for c in cuts):
        rest = phrase(text, complement.end(), max_words=10, cut_at=cuts, strip_leading=False)
        if rest:
            return f"{core} {complement.group(0).strip()} {rest}"
    return core
