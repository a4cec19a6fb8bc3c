"""Per-article state the rules read and extend while walking the sentences.

It lives for one ``extract_facts`` call (never module-level): the publication
date, the article's country pair, the people registry, and the facts so far,
which later sentences refer back to ("The first visit took place in 2007",
"two days after his visit", "It was his third state visit").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from bot.extract.dates import parse_iso
from bot.extract.frozen import fast_init
from bot.extract.geo import COUNTRY, DEMONYM, GeoMention, country_of, find_geo
from bot.extract.people import People
from bot.records import Actor, Fact


@fast_init
@dataclass(frozen=True)
class Extent:
    """The span of "the Nth anniversary of X ..." and X's computed base date."""

    start: int
    end: int
    date: str | None
    precision: str | None


@fast_init
@dataclass(frozen=True)
class Trip:
    """A journey already reported: who travelled and to which country."""

    actors: list[Actor]
    place_country: str | None


@dataclass
class ArticleContext:
    published: date | None
    pair: tuple[str, ...]
    people: People
    facts: list[Fact] = field(default_factory=list)

    def visits(self) -> list[Fact]:
        return [f for f in self.facts if f.kind == "visit"]

    def last_visit(self, by: str | None = None) -> Fact | None:
        """The latest visit (by ``by`` when given) that is a single dated or main event."""
        for fact in reversed(self.visits()):
            if fact.count is None and (by is None or by in [a.name for a in fact.actors]):
                return fact
        return None

    def last_trip(self, name: str | None) -> Trip | None:
        """Where the visit being discussed went: the latest visit (by ``name`` when
        given), or a meeting ``name`` attended abroad ("met ... in Beijing")."""
        for fact in reversed(self.facts):
            names = [a.name for a in fact.actors]
            if fact.count is not None or (name is not None and name not in names):
                continue
            if fact.kind == "visit" and fact.countries and fact.actors:
                return Trip(fact.actors, fact.countries[-1])
            if fact.kind == "meeting" and name is not None and fact.place:
                person = fact.actors[names.index(name)]
                abroad = country_of(fact.place)
                if abroad and abroad != (person.country or self.people.country_of(name)):
                    return Trip([person], abroad)
        return None

    def main_event(self) -> Fact | None:
        """The event the article reports: its first dated visit (else meeting) near publication."""
        for kind in ("visit", "meeting"):
            for fact in self.facts:
                if fact.kind != kind or fact.count is not None or fact.date is None:
                    continue
                if fact.precision == "year" or fact.status in ("invited",):
                    continue
                if self.published is None or _months_apart(fact.date, self.published) <= 4:
                    return fact
        return None

    def add(self, fact: Fact) -> None:
        """Append a fact, or fold it into an earlier one that describes the same event."""
        if fact.kind in ("visit", "meeting"):
            for old in self.facts:
                if _same_event(old, fact):
                    _fill(old, fact)
                    return
        self.facts.append(fact)


def article_pair(title: str, sentences: list[str], geos: list[list[GeoMention]]) -> tuple[str, ...]:
    """The two countries the article is about: most mentioned, title counting triple."""
    counts: Counter[str] = Counter()
    order: dict[str, int] = {}
    position = 0
    for weight, mentions in [(3, find_geo(title))] + [(1, g) for g in geos]:
        for mention in mentions:
            if mention.kind in (COUNTRY, DEMONYM) and mention.country:
                counts[mention.country] += weight
                order.setdefault(mention.country, position)
                position += 1
    top = [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]]))]
    return tuple(sorted(top[:2], key=lambda name: order[name]))


def _months_apart(value: str, published: date) -> int:
    year, month, _ = parse_iso(value)
    return abs((year * 12 + (month or published.month)) - (published.year * 12 + published.month))


def dates_compatible(a: Fact, b: Fact) -> bool:
    """True when either date is missing or one lies within the other."""
    if a.date is None or b.date is None:
        return True
    a_end, b_end = a.end_date or a.date, b.end_date or b.date
    width = min(len(a.date), len(b.date))
    return a.date[:width] <= b_end[:width] and b.date[:width] <= a_end[:width]


def _same_event(old: Fact, new: Fact) -> bool:
    if old.kind != new.kind or old.count is not None or new.count is not None:
        return False
    if old.status != new.status or not dates_compatible(old, new):
        return False
    if old.ordinal is not None and new.ordinal is not None and old.ordinal != new.ordinal:
        return False
    if old.visit_type and new.visit_type and old.visit_type != new.visit_type:
        return False  # a courtesy call during an official visit is its own event
    old_names = {a.name for a in old.actors}
    new_names = {a.name for a in new.actors}
    if not old_names or old_names != new_names:
        return False
    if new.kind == "visit":
        old_where = old.countries[-1:] if old.countries else [old.place]
        new_where = new.countries[-1:] if new.countries else [new.place]
        return old_where == new_where
    return old.date is not None and new.date is not None or old.sentence_index == new.sentence_index


def _fill(old: Fact, new: Fact) -> None:
    if old.date is None and new.date is not None:
        old.date, old.end_date, old.precision = new.date, new.end_date, new.precision
    for name in ("place", "visit_type", "ordinal", "subject", "amount_usd", "amount_text"):
        if getattr(old, name) is None and getattr(new, name) is not None:
            setattr(old, name, getattr(new, name))
    old.flags = list(
        dict.fromkeys(
            old.flags + [f for f in new.flags if f != "date_unresolved" or old.date is None]
        )
    )
    known = {a.name for a in old.actors}
    old.actors = [*old.actors, *[a for a in new.actors if a.name not in known]]
    old.countries = list(dict.fromkeys(old.countries + new.countries))
