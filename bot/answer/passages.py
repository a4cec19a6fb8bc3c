"""The fallback when no stored fact fits: answer from the best matching sentence.

Extraction cannot catch everything a reader may ask about, but full-text
search still finds the sentence. The store ranks by BM25 over words; here the
hits are re-ranked by what the question needs — its content words, its
ordinal, and the presence of the *kind* of value asked for (a date for
"when", money for "how much", a number for "how many", a place for
"where") — and the value is cut from the sentence (``values``).

A sentence such as "The first took place in 2019." names nothing; the words
around it in the article do. So the few best hits are scored again with
their neighbourhood in the article body as weaker evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.answer.questions import HOW_MANY, HOW_MUCH, WHEN, WHERE, WHO, Question
from bot.answer.scoring import StemsOf, word_weight
from bot.answer.values import extract_value
from bot.answer.words import LAST, ORDINALS, content_stems, stem, tokens
from bot.records import SentenceHit

ACCEPT = 2.5
TITLE_WEIGHT, CONTEXT_WEIGHT = 0.3, 0.35
RESCORE = 3  # how many of the best hits are looked at again with their neighbourhood
_VALUE_TYPES = (WHEN, HOW_MUCH, HOW_MANY, WHERE, WHO)
_ORDINAL_WORD = {number: word for word, number in ORDINALS.items()}


@dataclass(frozen=True)
class Passage:
    """A sentence hit, its score and the value cut from it (None: quote the sentence)."""

    hit: SentenceHit
    score: float
    value: str | None


def rank_passages(
    question: Question,
    hits: Iterable[SentenceHit],
    context: Callable[[SentenceHit], str] | None = None,
    stems_of: StemsOf = content_stems,
) -> list[Passage]:
    """Hits re-scored for this question, best first.

    ``context`` gives the text around a hit in its article; it is asked for
    the ``RESCORE`` best hits only, so it may cost a look-up.
    """
    ranked = sorted((score_passage(question, hit, "", stems_of) for hit in hits), key=_order)
    if context is None:
        return ranked
    again = [score_passage(question, p.hit, context(p.hit), stems_of) for p in ranked[:RESCORE]]
    return sorted(again + ranked[RESCORE:], key=_order)


def score_passage(
    question: Question, hit: SentenceHit, around: str = "", stems_of: StemsOf = content_stems
) -> Passage:
    """How well one sentence (with its title and neighbourhood) answers ``question``."""
    sentence_stems = stems_of(hit.sentence)
    title_stems = stems_of(hit.title)
    around_stems = stems_of(around)
    total = matched = missing = 0.0
    for word in question.words:
        weight = word_weight(question, word)
        total += weight
        word_stem = stem(word)
        if word_stem in sentence_stems:
            matched += weight
        elif word_stem in around_stems:
            matched += weight * CONTEXT_WEIGHT
        elif word_stem in title_stems:
            matched += weight * TITLE_WEIGHT
        elif word in question.entities:
            missing += 1
    only_places = all(w in question.entities for w in question.words) and not question.names
    scale = 2.0 if only_places else 4.0  # countries alone say which article, not which sentence
    # A name or place the question states that is not even near the sentence rules it out.
    score = scale * (matched / total if total else 0.3) - 3.0 * min(missing, 2)
    cues = sentence_stems & {stem(c) for c in question.cues}
    score += 0.5 * min(len(cues), 3)
    if question.ordinal and question.ordinal != LAST:
        word = _ORDINAL_WORD.get(question.ordinal, "")
        score += 2.0 if word and word in tokens(hit.sentence) else -2.5
    if question.type not in _VALUE_TYPES:
        return Passage(hit, score, None)
    if score + 1.0 < ACCEPT:  # cannot pass even with a value: skip the costly search
        return Passage(hit, score - 3.0, None)
    value = extract_value(question, hit.sentence, hit.published)
    return Passage(hit, score + (1.0 if value else -3.0), value)


def _order(passage: Passage) -> tuple[float, int, int]:
    return (-passage.score, passage.hit.article_id, passage.hit.position)
