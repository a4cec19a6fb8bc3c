"""Meetings: who met whom ("met", "held talks with", "a selfie with"), where and when.

A meeting needs a named person and a counterpart (another person, or a country:
"met Cambodian officials"). "The two leaders" / "both presidents" stand for
the two people already named, one per country, whose role fits (see
``People.pair_of``). A meeting told as part of a visit ("made an official visit
to Thailand on November 15-17, holding talks with ...") happened during that
visit and takes its dates, flagged ``date_from_context``.
"""

from __future__ import annotations

import re

from bot.extract.clauses import MEETING, SentenceView, Trigger, date_fields, group_reference, phrase
from bot.extract.context import ArticleContext
from bot.extract.lexicon import Folded
from bot.extract.names import nearest_subject
from bot.records import Actor, Fact

_EVENT = re.compile(
    r"\b(?:on\s+the\s+(?:sidelines|margins)\s+of|during|at)\s+(?:the\s+)?"
    r"(?=(?:\d{1,3}(?:st|nd|rd|th)\s+anniversary|[A-Z][\w-]*(?:\s+[A-Z0-9][\w-]*)*\s+"
    r"(?:Summit|Conference|Forum|Meeting|Dialogue|Congress|Assembly|Expo|Games|Festival|"
    r"Ceremony|Celebrations?|Talks)\b|(?:ASEAN|APEC|G20|G7|UN|EU)\b))",
)
_DURING_VISIT = Folded(
    re.compile(
        r"^[^;]*?(?:,\s*(?:holding|meeting|where|during\s+which)|\s+and\s+"
        r"(?:held|met|hold))\b",
        re.IGNORECASE,
    )
)
_AND = re.compile(r"\s*(?:,|and)\s*")
_EVENT_STOPS = re.compile(r"\s\s*(?:in|on|at|to)\s+")  # \s+: see clauses._BOUNDARY


def meeting_facts(
    view: SentenceView, ctx: ArticleContext, visits: list[tuple[Trigger, Fact]]
) -> list[Fact]:
    """Meeting facts for the sentence; ``visits`` are the sentence's own visit facts."""
    facts: list[Fact] = []
    text = view.text
    for trig in view.triggers:
        if trig.kind != MEETING:
            continue
        _, win_end = view.window(trig)
        actors = _participants(view, ctx, trig, win_end)
        counterpart = view.countries(trig.end, win_end)
        if not actors or (len(actors) < 2 and not counterpart):
            continue
        date, end_date, precision, flags = date_fields(view.date_for(trig))
        place = view.city(trig.end) or view.city(0, trig.start)
        host_visit = _enclosing_visit(text, trig, visits)
        if date is None and not flags and host_visit is not None and host_visit.date:
            date, end_date, precision = host_visit.date, host_visit.end_date, host_visit.precision
            flags.append("date_from_context")
        countries = [a.country for a in actors] + counterpart
        facts.append(
            Fact(
                kind=MEETING,
                sentence=text,
                sentence_index=view.index,
                date=date,
                end_date=end_date,
                precision=precision,
                actors=actors,
                countries=[c for c in dict.fromkeys(countries) if c],
                place=place.name if place else (host_visit.place if host_visit else None),
                status="planned" if view.future_before(trig.end) else "held",
                subject=_event(text, trig.end),
                flags=flags,
            )
        )
    return facts


def _participants(
    view: SentenceView, ctx: ArticleContext, trig: Trigger, win_end: int
) -> list[Actor]:
    """The subject side (one person, or "X and Y") and everyone named after the verb."""
    text = view.text
    before = [p for p in view.persons(0, trig.start) if not (p.pronoun and p.possessive)]
    subject = nearest_subject(text, before)
    lead = []
    if subject is not None:  # "X and Y met": both sides before the verb
        lead = [p for p in before if p is subject or _AND.fullmatch(text, p.end, subject.start)]
    others = [p for p in view.persons(trig.end, win_end) if not (p.pronoun and p.possessive)]
    actors = {p.name: ctx.people.actor(p) for p in lead + others}
    if len(actors) < 2:
        group = group_reference(text, 0, win_end)
        for name in ctx.people.pair_of(view.index, group.group("noun")) if group else []:
            actors.setdefault(name, ctx.people.actor_named(name))
    return list(actors.values())


def _enclosing_visit(text: str, trig: Trigger, visits: list[tuple[Trigger, Fact]]) -> Fact | None:
    """The visit this meeting is told as part of, if the sentence says so."""
    for visit_trigger, fact in reversed(visits):
        if visit_trigger.end <= trig.start and _DURING_VISIT.match(
            text[visit_trigger.end : trig.end]
        ):
            return fact
    return None


def _event(text: str, start: int) -> str | None:
    """The occasion: "on the sidelines of the ASEAN Summit" -> "ASEAN Summit"."""
    match = _EVENT.search(text, start)
    if not match:
        return None
    value = phrase(text, match.end(), stops=_EVENT_STOPS)
    return value or None
