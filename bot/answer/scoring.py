"""How well a stored fact answers a typed question: a small, explainable sum.

Retrieval is deliberately loose (prefix matches, relaxed queries), so the
ranking has to do the judging. Each term below is one reason a person would
give for "this is the fact the question is about":

- *coverage*: the question's content words found in the fact's fields (full
  weight), only in its sentence, or only nearby — a neighbouring sentence,
  another retrieved fact of the same article, its title (less weight); names
  count most, topic words less, countries least (they are in every fact);
- the fact *kind* named by a cue word ("signed" → agreement);
- the *ordinal* ("third state visit") — a wrong ordinal is strong evidence
  against, since "first" and "third" visits share every other word;
- the field the question type needs (a date for "when", an amount for "how
  much"): a fact without it cannot answer, whatever else matches;
- names and places the question states but the fact never mentions, and the
  direction of a visit ("to Laos" is not "from Laos").

Numbers are hand-set, not learned; the dev-set tests pin their behaviour.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field

from bot.anniversaries import NOT_HAPPENED
from bot.answer.questions import (
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
from bot.answer.words import LAST, ORDINALS, content_stems, country_of_place, stem, tokens
from bot.records import Fact

FIELD_WEIGHT, SENTENCE_WEIGHT, CONTEXT_WEIGHT = 1.0, 0.6, 0.35
NAME_WEIGHT, TOPIC_WEIGHT, PLACE_WEIGHT = 2.0, 1.5, 1.0
NEUTRAL_COVERAGE = 0.5  # a question with no content words ("what was the value?")
ACCEPT = 2.5  # below this a fact is not trusted to answer
ORDINAL_VETO = -6.0  # the score of a fact whose ordinal contradicts the question's
_CONTEXT_WINDOW = 2  # sentences either side that may carry the fact's subject
_ORDINAL_WORD = {number: word for word, number in ORDINALS.items()}
StemsOf = Callable[[str], Set[str]]
# (article id, sentence index) -> the texts around that fact (see ``neighbour_texts``).
Contexts = Mapping[tuple[int | None, int | None], tuple[str, ...]]
_NEAR = 60  # characters: how close an ordinal word must be to the fact's actor or date
_EVENT_KINDS = frozenset({"visit", "meeting"})
_DONE = frozenset({"made", "held", "paid", "completed", "took place", "happened"})


@dataclass
class Scored:
    """A fact with its score and the parts that made it, for tie-breaks and tests."""

    fact: Fact
    score: float
    coverage: float
    answerable: bool
    reasons: dict[str, float] = field(default_factory=dict)


def fact_field_text(fact: Fact) -> str:
    """The words a fact's fields say, the same set the store indexes."""
    parts = [a.name for a in fact.actors] + [a.role or "" for a in fact.actors]
    parts += [a.country or "" for a in fact.actors] + list(fact.countries)
    parts += [fact.place or "", fact.subject or "", fact.visit_type or "", fact.kind]
    parts.append(fact.amount_text or "")
    return " ".join(p for p in parts if p)


def answer_value_present(question: Question, fact: Fact) -> bool:
    """True when the fact holds the field the question type asks for."""
    if question.type == WHEN:
        return fact.count is None and fact.date is not None
    if question.type == HOW_MUCH:
        return fact.amount_usd is not None or bool(fact.amount_text)
    if question.type == WHO:
        return bool(fact.actors)
    if question.type == WHERE:
        return bool(fact.place or fact.countries)
    if question.type in (WHAT, WHICH):
        return bool(fact.subject or fact.amount_text or fact.amount_usd is not None)
    return True


def rank(question: Question, scored: list[Scored]) -> list[Scored]:
    """Best first, "the last visit" favouring the newest; ties go to dated, newer facts."""
    if question.ordinal == LAST:
        _prefer_latest(scored)
    scored.sort(key=lambda s: (s.score, s.fact.date or "", -(s.fact.id or 0)), reverse=True)
    return scored


@dataclass(frozen=True)
class _Fixed:
    """What a fact's score owes to the fact alone, whatever its context."""

    tiers: tuple[float | None, ...]  # per question word: field or sentence weight, None: neither
    missing: tuple[tuple[str, float], ...]  # entity stems the fact lacks, with their penalties
    head: dict[str, float]  # the reasons between "coverage" and "missing", in order
    tail: dict[str, float]  # the reasons after "missing", in order
    answerable: bool


class FactScorer:
    """Facts scored against one question, remembering per fact what no context changes.

    A fact is scored after the query that found it, again against the whole
    pool, and again with its article's title. Only coverage and the missing
    names and places depend on that context; the rest — the stems of its
    fields and sentence, kind, cue, ordinal, names, direction, year, tense —
    is worked out once per fact. The scores are those of the plain reading
    (same terms, added in the same order)."""

    def __init__(self, question: Question, stems_of: StemsOf = content_stems) -> None:
        self.question = question
        self.stems_of = stems_of
        self._words = tuple((stem(w), word_weight(question, w)) for w in question.words)
        self._entities = tuple((stem(w), w in question.name_words) for w in question.entities)
        self._cues = frozenset(stem(c) for c in question.cues)
        # Countries alone say which article, not which fact: they earn half as much.
        only_places = bool(question.words) and all(w in question.entities for w in question.words)
        self._scale = 2.0 if only_places and not question.names else 4.0
        self._fixed: dict[int, tuple[Fact, _Fixed]] = {}

    def score_each(
        self,
        facts: Iterable[Fact],
        contexts: Contexts,
        titles: Mapping[int, str] | None = None,
    ) -> list[Scored]:
        """``facts`` scored, unranked; ``contexts``: ``neighbour_texts`` of the pool."""
        titles = titles or {}
        return [
            self.score(
                fact, contexts.get(_key(fact), ()) + (titles.get(fact.article_id or -1, ""),)
            )
            for fact in facts
        ]

    def score(self, fact: Fact, context: Iterable[str] = ()) -> Scored:
        fixed = self._fixed_part(fact)
        around = [self.stems_of(text) for text in context]
        total = matched = 0.0
        for (word_stem, weight), tier in zip(self._words, fixed.tiers, strict=True):
            total += weight
            if tier is not None:
                matched += weight * tier
            elif any(word_stem in stems for stems in around):
                matched += weight * CONTEXT_WEIGHT
        coverage = matched / total if total else NEUTRAL_COVERAGE
        penalty = 0.0
        for entity_stem, cost in fixed.missing:
            if not any(entity_stem in stems for stems in around):
                penalty += cost
        reasons = {"coverage": self._scale * coverage}
        reasons.update(fixed.head)
        reasons["missing"] = -min(penalty, 4.0)
        reasons.update(fixed.tail)
        return Scored(fact, sum(reasons.values()), coverage, fixed.answerable, reasons)

    def _fixed_part(self, fact: Fact) -> _Fixed:
        found = self._fixed.get(id(fact))
        if found is not None and found[0] is fact:
            return found[1]
        fixed = self._fixed_of(fact)
        self._fixed[id(fact)] = (fact, fixed)  # the fact is kept, so its id stays its own
        return fixed

    def _fixed_of(self, fact: Fact) -> _Fixed:
        question = self.question
        field_stems = self.stems_of(fact_field_text(fact))
        sentence_stems = self.stems_of(fact.sentence)
        tiers = tuple(
            FIELD_WEIGHT
            if word_stem in field_stems
            else SENTENCE_WEIGHT
            if word_stem in sentence_stems
            else None
            for word_stem, _ in self._words
        )
        # A name or place the question states that the fact never mentions is evidence
        # against it; a place counts only when the fact says where it belongs.
        located = bool(fact.countries or fact.place)
        missing = tuple(
            (
                entity_stem,
                (2.0 if fact.actors else 0.75)  # an agreement rarely names its signers
                if is_name
                else (2.0 if located else 0.5),
            )
            for entity_stem, is_name in self._entities
            if entity_stem not in field_stems and entity_stem not in sentence_stems
        )
        head: dict[str, float] = {}
        kind_ok = not question.kinds or fact.kind in question.kinds
        if question.kinds:
            head["kind"] = 1.0 if kind_ok else -1.5
        if self._cues and (field_stems | sentence_stems) & self._cues:
            head["cue"] = 0.75
        ordinal = _ordinal_score(question, fact)
        head["ordinal"] = ordinal if kind_ok or ordinal < 0 else ordinal / 2
        # "first" and "second" visits share every other word: a stated other ordinal vetoes.
        answerable = answer_value_present(question, fact) and ordinal > ORDINAL_VETO
        if question.type == HOW_MANY:
            head["answer"] = 1.0 if fact.count is not None else 0.0
        elif question.type in (WHEN, HOW_MUCH, WHO):
            head["answer"] = 0.5 if answerable else -3.0
        elif question.type in (WHERE, WHAT, WHICH):
            head["answer"] = 0.5 if answerable else -1.0
        if fact.count is not None and question.type not in (HOW_MANY, HOW_MUCH):
            head["total"] = -2.0  # "6 times" is a tally, not an event with a date or place
        tail = {
            "names": _name_score(question, fact),
            "direction": _direction_score(question, fact),
            "year": _year_score(question, fact),
            "tense": _tense_score(question, fact),
        }
        if question.numbers and fact.count in question.numbers:
            tail["number"] = 0.5
        return _Fixed(tiers, missing, head, tail, answerable)


def word_weight(question: Question, word: str) -> float:
    """Names say the most, topic words less, countries least (they are everywhere)."""
    if word in question.name_words:
        return NAME_WEIGHT
    return PLACE_WEIGHT if word in question.entities else TOPIC_WEIGHT


def _tense_score(question: Question, fact: Fact) -> float:
    """ "Where will the next summit be held" is not about a summit already held, and
    "when did the king visit" is not answered by an invitation."""
    status = (fact.status or "").casefold()
    if question.future and fact.kind in _EVENT_KINDS and status in _DONE:
        return -1.5
    if not question.future and question.type != YES_NO and status in NOT_HAPPENED:
        return -0.75
    return 0.0


def _ordinal_score(question: Question, fact: Fact) -> float:
    wanted = question.ordinal
    if wanted is None or wanted == LAST:
        return 0.0
    if fact.kind == "anniversary" and not question.mentions_anniversary:
        return 0.0  # an anniversary's ordinal counts years, not occurrences
    if fact.ordinal is not None:
        return 2.0 if fact.ordinal == wanted else ORDINAL_VETO
    word = _ORDINAL_WORD.get(wanted, "")
    found = [m.start() for m in re.finditer(rf"\b{word}\b", fact.sentence, re.I)] if word else []
    if not found:
        return -0.5
    # A sentence may tell of several events; the ordinal belongs to the one it stands near.
    marks = [a.name for a in fact.actors] + [(fact.date or "")[:4]]
    spots = [fact.sentence.find(mark) for mark in marks if mark]
    near = any(abs(f - p) <= _NEAR for f in found for p in spots if p >= 0)
    return 1.0 if near else 0.25


def _name_score(question: Question, fact: Fact) -> float:
    """People the question names should be the fact's actors (or at least in its sentence)."""
    if not question.names:
        return 0.0
    actor_words = set(tokens(" ".join(a.name for a in fact.actors)))
    sentence_words = set(tokens(fact.sentence))
    score = 0.0
    for name in question.names:
        words = set(tokens(name))
        if words and words <= actor_words:
            score += 0.5
        elif fact.actors and not words & actor_words:
            score -= 0.75 if words & sentence_words else 1.0
    return score


def _direction_score(question: Question, fact: Fact) -> float:
    """A visit question's "to X" / "from X" against the fact's actors and places.

    A visit to a city counts as one to its country and back ("visit Hanoi" is
    not contradicted by a visit to Vietnam), but a different destination is
    strong evidence against: "visit Brazil" is not answered by a visit to Vietnam."""
    if fact.kind != "visit" or not (question.origin or question.destination):
        return 0.0
    homes = {a.country.casefold() for a in fact.actors if a.country}
    goes = {c.casefold() for c in fact.countries if c.casefold() not in homes}
    if fact.place:
        goes.add(fact.place.casefold())
    score = 0.0
    if question.destination:
        want = question.destination.casefold()
        country = (country_of_place(question.destination) or "").casefold()
        if want in goes:
            score += 0.5
        elif goes and homes and want in homes:
            score -= 1.5
        elif goes and country not in goes and not any(country_of_place(g) == want for g in goes):
            score -= 2.0
    if question.origin:
        want = question.origin.casefold()
        if want in homes:
            score += 0.5
        elif homes:
            score -= 1.5
    return score


def _year_score(question: Question, fact: Fact) -> float:
    if not question.years:
        return 0.0
    year = (fact.date or "")[:4]
    if not year.isdigit():
        return 0.0
    return 1.0 if int(year) in question.years else -2.0


def _key(fact: Fact) -> tuple[int | None, int | None]:
    return (fact.article_id, fact.sentence_index)


def neighbour_texts(pool: list[Fact]) -> dict[tuple[int | None, int | None], tuple[str, ...]]:
    """For each fact, the sentences of other retrieved facts just before or after it,
    and the people and places the article's other retrieved facts name.

    News prose states the subject once and then says "the first visit took
    place in 2019" or "during the visit, two agreements were signed": the
    fact from that sentence lacks the names the question uses. What was
    already retrieved (no extra query) restores that context.
    """
    by_article: dict[int, dict[int, str]] = {}
    people: dict[int, set[str]] = {}
    for fact in pool:
        if fact.article_id is None:
            continue
        if fact.sentence_index is not None:
            by_article.setdefault(fact.article_id, {})[fact.sentence_index] = fact.sentence
        names = people.setdefault(fact.article_id, set())
        names.update(a.name for a in fact.actors)
        names.update(fact.countries)
    named = {article_id: " ".join(sorted(names)) for article_id, names in people.items()}
    context: dict[tuple[int | None, int | None], tuple[str, ...]] = {}
    for fact in pool:
        if fact.article_id is None:
            continue
        sentences = by_article.get(fact.article_id, {})
        index = fact.sentence_index
        near = (
            [
                sentences[i]
                for i in range(index - _CONTEXT_WINDOW, index + _CONTEXT_WINDOW + 1)
                if i != index and i in sentences
            ]
            if index is not None
            else []
        )
        context[_key(fact)] = (*near, named.get(fact.article_id, ""))
    return context


def _prefer_latest(scored: list[Scored]) -> None:
    """For "the last visit": the newest dated fact that could answer gets a bonus."""
    dated = [s for s in scored if s.fact.date and s.fact.count is None and s.score > 0]
    if dated:
        latest = max(dated, key=lambda s: s.fact.date or "")
        latest.score += 2.0
        latest.reasons["ordinal"] = 2.0
