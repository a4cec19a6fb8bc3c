"""Turning the chosen fact into one answer line: the asked-for value first, then context.

The value comes from the fact's fields, rendered with ``bot.facts_text`` so
an answer reads like every other list the bot prints ("7–9 August 2017",
"more than $75 million"). The context after the dash is the fact's one-line
description, so the asker can see which event the value belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answer.questions import (
    ABOUT,
    HOW_MANY,
    HOW_MUCH,
    WHAT,
    WHEN,
    WHERE,
    WHICH,
    WHO,
    YES_NO,
    Question,
)
from bot.answer.scoring import ACCEPT, Scored
from bot.answer.values import extract_value, find_count, nearest_place
from bot.answer.words import stem, stems, tokens
from bot.facts_text import (
    describe_fact,
    fact_label,
    format_amount,
    format_date_span,
    narrate_first,
)
from bot.partial_date import PartialDate, parse_partial_date
from bot.records import Actor, Fact

MAX_CHARS = 300
DASH = " — "
_COUNTED_KINDS = ("visit", "meeting")  # tallies of these read "6 times"
_MAX_LISTED = 5
_YEAR_RE = re.compile(r"\b(1[5-9]\d\d|2[01]\d\d)\b")


@dataclass(frozen=True)
class Composed:
    """An answer line and the facts whose sentences support it."""

    text: str
    facts: list[Fact]


def fit(text: str, limit: int = MAX_CHARS) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—-")
    return cut + "…"


def compose(
    question: Question, best: Scored, ranked: list[Scored], published: str | None = None
) -> Composed | None:
    """The answer line for ``best``, or None when its fields cannot answer this type.

    ``published`` is the date of the fact's article (it places anniversaries)."""
    fact = best.fact
    if question.type == HOW_MANY:
        return _how_many(question, best, ranked)
    if question.type == YES_NO and question.kinds and fact.kind not in question.kinds:
        return None  # "is there an agreement…" is not answered yes by a request
    value = _value(question, fact, published)
    if not value or not value.strip():
        return None
    context = describe_fact(fact)
    if question.type == WHO and question.ordinal == 1:
        context = narrate_first(fact) or context
        if fact.date and context != describe_fact(fact):
            context += f" ({format_date_span(fact.date, fact.end_date, fact.precision)})"
    if question.type in (YES_NO, ABOUT):
        return Composed(fit(value), [fact])
    return Composed(fit(value + DASH + context), [fact])


def _value(question: Question, fact: Fact, published: str | None) -> str | None:
    kind = question.type
    if kind == WHEN:
        return _when(question, fact, published)
    if kind == HOW_MUCH:
        return format_amount(fact)
    if kind == WHO:
        return _who(question, fact)
    if kind == WHERE:
        return _where(question, fact)
    if kind in (WHAT, WHICH):
        return _what(question, fact)
    if kind == YES_NO:
        return "Yes" + DASH + describe_fact(fact)
    return describe_fact(fact)


def _when(question: Question, fact: Fact, published: str | None) -> str | None:
    """The event's date; for an anniversary, the commemorated event unless the
    question asks about the anniversary itself."""
    if fact.count is not None or not fact.date:
        return None
    if fact.kind == "anniversary" and fact.ordinal:
        dates = anniversary_dates(fact, published)
        if dates is not None:
            event, celebration = dates
            if question.mentions_anniversary:
                return f"{_render(celebration)} ({_render(event)} + {fact.ordinal} years)"
            return _render(event)
    return format_date_span(fact.date, fact.end_date, fact.precision)


def anniversary_dates(fact: Fact, published: str | None) -> tuple[PartialDate, PartialDate] | None:
    """(commemorated event, celebration) of an anniversary fact.

    Extraction stores the commemorated event's date (the "30th anniversary"
    marked in 2022 is stored as 1992), and that is the reading unless the
    text says otherwise: a fact stored at the celebration's date (as an
    earlier convention did) is recognised because its year, not the year
    plus the ordinal, is the one the sentence or the publication date names.
    A wrong reading would answer 1962 or 2022 to "when were relations set up".
    """
    stored = parse_partial_date(fact.date, fact.precision)
    if stored is None or not fact.ordinal:
        return None
    years = {int(y) for y in _YEAR_RE.findall(fact.sentence)}
    if published and published[:4].isdigit():
        years.add(int(published[:4]))
    later = stored.minus_years(-fact.ordinal)
    if later.year in years or stored.year not in years:
        return stored, later
    return stored.minus_years(fact.ordinal), stored


def _render(value: PartialDate) -> str:
    iso = f"{value.year:04d}"
    if value.month:
        iso += f"-{value.month:02d}" + (f"-{value.day:02d}" if value.day else "")
    return format_date_span(iso, None, value.precision)


def _who(question: Question, fact: Fact) -> str | None:
    """The actor the question does not already name (the one from the asked country
    first); else a person the sentence names ("invited by President Park")."""
    asked = {w for name in question.names for w in tokens(name)}
    others = [a for a in fact.actors if not set(tokens(a.name)) & asked]
    if not others:
        return extract_value(question, fact.sentence, None)
    if question.origin:
        others.sort(key=lambda a: (a.country or "").casefold() != question.origin.casefold())
    return ", ".join(_person(actor) for actor in others[:3])


def _person(actor: Actor) -> str:
    details = [d for d in (actor.role, actor.country) if d]
    if actor.role and actor.country and actor.country.casefold() in actor.role.casefold():
        details = [actor.role]
    return f"{actor.name} ({', '.join(details)})" if details else actor.name


def _where(question: Question, fact: Fact) -> str | None:
    """The place nearest the asked-about words in the sentence, else the fact's place."""
    nearest = nearest_place(question, fact.sentence)
    if nearest:
        return nearest
    if fact.place:
        return fact.place
    asked = {p.casefold() for p in question.places}
    countries = [c for c in fact.countries if c.casefold() not in asked]
    return countries[0] if countries else None


def _what(question: Question, fact: Fact) -> str | None:
    """The subject, unless the question already says it ("the trade target") — then
    the figure or date the fact adds is the answer."""
    subject = (fact.subject or "").strip()
    asked = {stem(w) for w in question.words}
    informative = bool(subject) and not stems(subject) & asked
    amount = format_amount(fact)
    if informative:
        return subject
    if amount:
        return amount
    if fact.date:
        return format_date_span(fact.date, fact.end_date, fact.precision)
    return subject or None


def _how_many(question: Question, best: Scored, ranked: list[Scored]) -> Composed | None:
    """A stated total when there is one ("6 times"); otherwise the matching events counted."""
    fact = best.fact
    if fact.count is not None:
        if fact.kind in _COUNTED_KINDS:
            value = "once" if fact.count == 1 else f"{fact.count} times"
        else:
            value = f"{fact.count} {fact_label(fact).lower()}"
        return Composed(fit(value + DASH + describe_fact(fact)), [fact])
    if stated := find_count(question, fact.sentence):  # "signed 12 agreements"
        return Composed(fit(stated + DASH + describe_fact(fact)), [fact])
    kinds = question.kinds or (fact.kind,)
    events: dict[str, Fact] = {}
    for scored in ranked:
        fact = scored.fact
        if scored.score < ACCEPT or fact.kind not in kinds or fact.count is not None:
            continue
        key = fact.date or fact.sentence
        events.setdefault(key, fact)
    if not events:
        return None
    facts = sorted(events.values(), key=lambda f: f.date or "")
    label = fact_label(facts[0]).lower()
    noun = label if len(facts) != 1 else label.rstrip("s")
    if len(facts) != 1 and not noun.endswith("s"):
        noun += "s"
    dates = [format_date_span(f.date, f.end_date, f.precision) for f in facts if f.date]
    listed = "; ".join(dates[:_MAX_LISTED]) + ("…" if len(dates) > _MAX_LISTED else "")
    text = f"{len(facts)} {noun} in the articles I have read"
    if listed:
        text += f": {listed}"
    return Composed(fit(text), facts[:_MAX_LISTED])
