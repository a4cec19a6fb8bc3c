"""Anniversaries: "the Nth anniversary of X" in year Y is a fact about X at Y - N.

The year Y is the date that governs the anniversary: the nearest date before
it in the sentence ("This year also marks the 25th anniversary of ...", "taken
in April 2015 at the 60th anniversary of ..."), else the publication year. A
date stated for X itself ("relations established on 9 January 1953", "...
who was the first Japanese leader to visit Cambodia in 1957") is used as the
base when it agrees with Y - N, because it is what the text says and can be
more precise. Otherwise the base keeps Y's month but never its day: an
anniversary celebrated on a given day does not tell which day the original
event fell on.
"""

from __future__ import annotations

import re

from bot.extract.clauses import ANNIVERSARY, SentenceView, Trigger, dedupe, phrase
from bot.extract.context import ArticleContext, Extent
from bot.extract.dates import ANCHOR, VAGUE, parse_iso, precision_of, shift_years
from bot.extract.lexicon import Hinted, parse_ordinal
from bot.records import Fact

# \s+ written \s\s* so the regex starts with a character class (see clauses._BOUNDARY)
_SUBJECT_STOPS = re.compile(r"\s\s*(?:in|at|on|to\s+(?:mark|celebrate|express))\s+")
# What an anniversary worth a fact is about: a proper noun ("Bandung Conference"),
# or relations, a visit, a treaty... (countries or people named also qualify).
_NOTABLE = re.compile(
    r"[A-Z]|\b(?:relations|ties|visit|treaty|agreement|partnership|independence|liberation|"
    r"war|summit|conference|friendship|cooperation)\b"
)
_RELATIONS = Hinted(re.compile(r"\b(?:diplomatic\s+)?(?:relations|ties)\b", re.IGNORECASE))
_PARTICIPLE = re.compile(r"\s+(?:established|signed|founded|formed|launched|set\s+up)$")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|when)\b")
_OWNED = re.compile(r"\b(?:his|her|their|its)\s+[\w-]+$", re.IGNORECASE)


def anniversary_facts(view: SentenceView, ctx: ArticleContext) -> tuple[list[Fact], list[Extent]]:
    """Anniversary facts and the sentence spans whose events take the base date."""
    facts: list[Fact] = []
    extents: list[Extent] = []
    text = view.text
    for trig in view.triggers:
        if trig.kind != ANNIVERSARY or trig.match is None:
            continue
        ordinal_text = trig.match.group("ord") or ""
        n = parse_ordinal(ordinal_text) if ordinal_text else int(trig.match.group("years"))
        if not n:
            continue
        stop = text.find(";", trig.end)
        stop = len(text) if stop < 0 else stop
        base, precision, flags = _base_date(view, ctx, trig, n, stop)
        if trig.text.lower().endswith(" of"):
            subject, subject_end = _subject(view, trig)
        else:  # "the 75th anniversary in 2022" of relations named earlier in the sentence
            relations = _RELATIONS.search(text)
            subject, subject_end = (relations.group(0) if relations else ""), trig.end
        named = view.named(trig.start, _actor_stop(text, subject_end, stop))
        actors = list({p.name: ctx.people.actor(p) for p in named}.values())
        if named and _OWNED.search(subject):
            # "the visit ... by his grandfather, the then Prime Minister X" -> "... by X"
            subject = _OWNED.sub(named[-1].name, subject)
        countries = view.countries(trig.end, subject_end) + [a.country or "" for a in actors]
        if not countries and _RELATIONS.search(subject):
            countries = view.countries() or list(ctx.pair)  # relations between the pair
        if not (countries or actors or _NOTABLE.search(subject)):
            continue  # "the 20th anniversary of its founding": nothing about the two countries
        facts.append(
            Fact(
                kind=ANNIVERSARY,
                sentence=text,
                sentence_index=view.index,
                date=base,
                precision=precision,
                actors=actors,
                countries=dedupe(countries),
                ordinal=n,
                subject=subject or None,
                flags=flags,
            )
        )
        extents.append(Extent(trig.start, stop, base, precision))
    return facts, extents


def _subject(view: SentenceView, trig: Trigger) -> tuple[str, int]:
    text = view.text
    cuts = [d.start for d in view.dates if d.start > trig.end]
    value = phrase(text, trig.end, max_words=12, stops=_SUBJECT_STOPS, cut_at=cuts)
    value = _PARTICIPLE.sub("", value)
    end = text.find(value.split()[-1], trig.end) + len(value.split()[-1]) if value else trig.end
    return value, end


def _actor_stop(text: str, subject_end: int, stop: int) -> int:
    """People in the subject and its apposition, up to a relative clause."""
    who = _RELATIVE_CLAUSE.search(text, subject_end, stop)
    return who.start() if who else stop


def _base_date(
    view: SentenceView, ctx: ArticleContext, trig: Trigger, n: int, stop: int
) -> tuple[str | None, str | None, list[str]]:
    """(base date, precision, flags) for "the Nth anniversary" at ``trig``.

    First a stated pair: a date Y and a date exactly N years earlier (the base as
    the text gives it, with its own precision). Else Y is the nearest date before
    the anniversary, else the one after it, else the publication year.
    """
    dated = [
        d for d in view.dates if d.has_date and d.kind not in (VAGUE, ANCHOR) and d.start < stop
    ]
    for span in dated:
        for other in dated:
            base_year = parse_iso(other.date or "0")[0]
            if other is not span and base_year == parse_iso(span.date or "0")[0] - n:
                return other.date, other.precision, []
    before = [d for d in dated if d.end <= trig.start]
    after = [d for d in dated if d.start >= trig.end]
    year = before[-1] if before else (after[0] if after else None)
    if year is not None and year.date is not None:
        base = shift_years(year.date, -n)
        return base, precision_of(base), []
    if ctx.published is None:
        return None, None, ["date_unresolved"]
    return str(ctx.published.year - n), "year", ["date_from_context"]
