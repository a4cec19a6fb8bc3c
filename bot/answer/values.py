"""Cutting the asked-for value out of a sentence: a date, an amount, a count, a place, a person.

A news sentence often holds several values of one type ("a metro line in Ho
Chi Minh City and a port in Da Nang", "in 2019 ... in 2022"); the one meant is
the one nearest the words the question is about, and a value *after* those
words is preferred ("a port in Da Nang"). The recognisers are the
extraction ones (dates, money, gazetteer, people), so a value reads the same
whether it came from a fact or from a sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

from bot.answer.questions import HOW_MANY, HOW_MUCH, WHEN, WHERE, WHO, Question
from bot.answer.words import ORDINALS, STOP_WORDS, number_of, stem, tokens
from bot.extract.dates import find_dates
from bot.extract.geo import CITY, COUNTRY, find_geo, is_modifier
from bot.extract.money import find_money
from bot.extract.people import find_named
from bot.facts_text import format_date_span

T = TypeVar("T")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
_COUNT_TOKEN_RE = re.compile(r"\d+(?:,\d{3})*|[A-Za-z]+(?:-[A-Za-z]+)*")
_ORDINAL_WORD = {number: word for word, number in ORDINALS.items()}
_BEFORE_WEIGHT = 2.0  # a value before the topic words counts as twice as far away


def extract_value(question: Question, sentence: str, published: str | None) -> str | None:
    """The value the question type asks for, as written or rendered; None when absent."""
    anchors = anchor_positions(question, sentence)
    if question.type == WHEN:
        spans = [s for s in find_dates(sentence, _as_date(published)) if s.date]
        span = nearest(anchors, spans, lambda s: s.start)
        return format_date_span(span.date, span.end_date, span.precision) if span else None
    if question.type == HOW_MUCH:
        money = nearest(anchors, find_money(sentence), lambda m: m.start)
        return money.text if money else None
    if question.type == HOW_MANY:
        return find_count(question, sentence)
    if question.type == WHERE:
        return nearest_place(question, sentence)
    if question.type == WHO:
        asked = {w for name in question.names for w in tokens(name)}
        people = [p for p in find_named(sentence) if not set(tokens(p.name)) & asked]
        person = nearest(anchors, people, lambda p: p.start)
        if person is None:
            return None
        return f"{person.name} ({person.role})" if person.role else person.name
    return None


def anchor_positions(question: Question, sentence: str) -> list[int]:
    """Character offsets of the question's topic words (and its ordinal) in ``sentence``."""
    wanted = {stem(w) for w in question.words if w not in question.entities}
    wanted |= {stem(c) for c in question.cues}
    ordinal = _ORDINAL_WORD.get(question.ordinal or 0)
    if ordinal:
        wanted.add(ordinal)
    positions = []
    for match in _WORD_RE.finditer(sentence):
        word = tokens(match.group(0))
        if word and (stem(word[0]) in wanted or word[0] in wanted):
            positions.append(match.start())
    return positions


def nearest_place(question: Question, sentence: str) -> str | None:
    """The city or country nearest the topic words, other than those the question names.

    None when the sentence does not contain the topic words: without them
    there is no telling which of its places is meant."""
    anchors = anchor_positions(question, sentence)
    asked = {p.casefold() for p in question.places}
    places = [
        m
        for m in find_geo(sentence)
        if m.kind in (CITY, COUNTRY)
        and not is_modifier(sentence, m)
        and m.name.casefold() not in asked
    ]
    if not anchors:
        return None
    place = nearest(anchors, places, lambda m: m.start)
    return place.name if place else None


def find_count(question: Question, sentence: str) -> str | None:
    """'6 times', '12 agreements', 'eight times': a number followed (within two words)
    by a word the question uses ("how many *times*", "how many *beds*"), nearest the topic."""
    asked = {stem(w) for w in tokens(question.text) if w not in STOP_WORDS}
    asked |= {stem(c) for c in question.cues}
    words = list(_COUNT_TOKEN_RE.finditer(sentence))
    candidates: list[tuple[int, str]] = []
    for i, match in enumerate(words):
        number = match.group(0).lower().replace(",", "")
        if number_of(number) is None or number in ("one",):
            continue
        for j in (i + 1, i + 2):
            noun = words[j].group(0) if j < len(words) else ""
            if noun and stem(noun.lower()) in asked:
                candidates.append((match.start(), sentence[match.start() : words[j].end()]))
                break
    best = nearest(anchor_positions(question, sentence), candidates, lambda c: c[0])
    return best[1] if best else None


def nearest(anchors: list[int], items: list[T], position: Callable[[T], int]) -> T | None:
    """The item closest to an anchor (one after it preferred); the first without anchors."""
    if not items:
        return None
    if not anchors:
        return items[0]

    def distance(item: T) -> float:
        start = position(item)
        return min(start - a if start >= a else (a - start) * _BEFORE_WEIGHT for a in anchors)

    return min(items, key=distance)


def _as_date(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published) if published else None
    except ValueError:
        return None
