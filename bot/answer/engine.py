"""Answering a free-text question from stored facts, falling back to sentences.

The order matters. Facts first, because their fields hold the value already
normalised ("4–6 December 2022", "$3.5 billion") and say which event it
belongs to. Only when no fact scores well enough is the sentence index
searched, and a value cut from the best sentence. When neither is good
enough the bot says so and suggests /search, rather than guessing: a wrong
date stated confidently is worse than no answer.

Cost is bounded by construction: at most ``MAX_FACT_QUERIES`` fact look-ups of
``FACT_LIMIT`` rows, one sentence look-up of ``SENTENCE_LIMIT`` rows and a few
article look-ups by id (the titles of the best facts' articles, the bodies
around the best sentences; each article once), then plain Python scoring.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.answer.compose import DASH, fit
from bot.answer.compose import compose as compose_fact
from bot.answer.knowledge import Knowledge
from bot.answer.passages import ACCEPT as PASSAGE_ACCEPT
from bot.answer.passages import Passage, rank_passages
from bot.answer.questions import Question, parse_question
from bot.answer.scoring import ACCEPT as FACT_ACCEPT
from bot.answer.scoring import Contexts, FactScorer, neighbour_texts, rank
from bot.answer.words import StemCache, stem, tokens
from bot.errors import NotFound
from bot.records import Article, Fact, FactQuery, SentenceHit

FACT_LIMIT = 25
SENTENCE_LIMIT = 12
MAX_FACT_QUERIES = 4
CONFIDENT = 5.0  # a fact scoring this well ends the search for more
SENTENCE_WORDS = 6  # the most telling words only: more make the all-words match fail
MAX_EVIDENCE = 3
TITLED = 3  # the best facts whose article titles are fetched to check the countries
SURE = 4.5  # a fact scoring this well is answered without consulting sentences
MARGIN = 1.0  # by how much a sentence must beat a weaker fact
NEIGHBOURHOOD = 250  # characters either side of a sentence that give it context
_MIN_PREFIX = 3
NOT_FOUND = "I couldn’t find that in the articles I have read. Try /search {words}."


@dataclass(frozen=True)
class Evidence:
    """A sentence the answer rests on, with the article it comes from."""

    sentence: str
    article_id: int
    title: str
    published: str | None


@dataclass
class Answer:
    """One plain-text answer line (the value first) and what supports it."""

    text: str
    found: bool
    kind: str  # the question type: when / who / how much / ...
    fact: Fact | None = None
    evidence: list[Evidence] = field(default_factory=list)


def answer_question(question: str, knowledge: Knowledge) -> Answer:
    """Answer ``question`` from what ``knowledge`` holds; never raises for odd input.

    A fact that scores well is answered at once. A weaker one is weighed
    against the best sentence, which wins only by a clear margin: facts say
    which event a value belongs to, a sentence only where it was read.
    """
    typed = parse_question(question)
    if not (typed.words or typed.kinds or typed.years):
        return _not_found(typed)
    articles = _Articles(knowledge)
    stems_of = StemCache()
    scorer = FactScorer(typed, stems_of)
    pool, contexts = _gather_facts(typed, knowledge, scorer)
    first = scorer.score_each(pool, contexts)
    # The best few again, now that their articles' titles can vouch for their countries.
    best_first = sorted(first, key=lambda s: s.score, reverse=True)[:TITLED]
    top = {s.fact.article_id for s in best_first if s.fact.article_id is not None}
    titles = {article_id: articles.title(article_id) for article_id in top}
    again = [f for f in pool if f.article_id in top]
    rest = [s for s in first if s.fact.article_id not in top]
    ranked = rank(typed, scorer.score_each(again, contexts, titles) + rest)
    fact_answer = None
    best = next((s for s in ranked if s.answerable), None)
    if best is not None and best.score >= FACT_ACCEPT:
        composed = compose_fact(typed, best, ranked, articles.published(best.fact.article_id))
        if composed is not None:
            fact_answer = Answer(
                composed.text, True, typed.type, best.fact, _evidence(composed.facts, articles)
            )
            if best.score >= SURE:
                return fact_answer
    words = " ".join(typed.search_words[:SENTENCE_WORDS])
    hits = knowledge.find_sentences(words, SENTENCE_LIMIT)
    passages = rank_passages(typed, hits, articles.around, stems_of)
    passage = passages[0] if passages and passages[0].score >= PASSAGE_ACCEPT else None
    if passage and (fact_answer is None or best is None or passage.score > best.score + MARGIN):
        return _passage_answer(typed, passage)
    return fact_answer or _not_found(typed)


def fact_queries(question: Question) -> list[FactQuery]:
    """Store queries from narrow to broad: every word, then fewer, then without kinds.

    Words are grouped in units (a whole name, a topic word, a place) ordered
    by how much they say: the first name, topics, other names, places last —
    in a store about two countries "Laos" matches nearly every fact. Units
    are dropped from the end one at a time. Words are sent as prefixes of
    their stems ("agreements" → "agree") so inflections match.
    """
    taken: set[str] = set()
    names: list[list[str]] = []
    for name in question.names:
        unit = [w for w in tokens(name) if w in question.words and w not in taken]
        taken.update(unit)
        if unit:
            names.append(unit)
    places = [[w] for w in question.words if w in question.entities and w not in taken]
    topics = [[w] for w in question.words if w not in question.entities and w not in taken]
    units = [
        words
        for unit in names[:1] + topics + names[1:] + places
        if (words := _usable([_prefix(w) for w in unit]))
    ]
    years = (min(question.years), max(question.years)) if question.years else (None, None)
    plans = [(question.kinds, units[:size], years) for size in range(len(units), 0, -1)]
    if question.kinds:
        plans.append((question.kinds, [], years))
        plans.append(((), units[: 1 + len(topics)], (None, None)))
    queries: list[FactQuery] = []
    for kinds, chosen, (year_from, year_to) in plans or [((), [], years)]:
        words = tuple(w for unit in chosen for w in unit)
        if not kinds and not words and year_from is None:
            continue
        query = FactQuery(kinds=kinds, words=words, year_from=year_from, year_to=year_to)
        if query not in queries:
            queries.append(query)
    return queries


def _gather_facts(
    question: Question, knowledge: Knowledge, scorer: FactScorer
) -> tuple[list[Fact], Contexts]:
    """Run the planned queries until one yields a confident match or the budget ends.

    Only the facts a query adds are scored to decide whether to go on; the
    caller scores the whole pool once at the end, with every fact's context
    (returned too: the pool's ``neighbour_texts``)."""
    pool: dict[int | tuple[int | None, str], Fact] = {}
    contexts: Contexts = {}
    for query in fact_queries(question)[:MAX_FACT_QUERIES]:
        new: list[Fact] = []
        for fact in knowledge.find_facts(query, FACT_LIMIT):
            key = fact.id if fact.id is not None else (fact.article_id, fact.sentence)
            if key not in pool:
                pool[key] = fact
                new.append(fact)
        if new:  # else the pool, and so its contexts, are as before
            contexts = neighbour_texts(list(pool.values()))
        scored = rank(question, scorer.score_each(new, contexts))
        if scored and scored[0].score >= CONFIDENT:
            break
    return list(pool.values()), contexts


def _prefix(word: str) -> str:
    """The longest common start of a word and its stem: a safe FTS prefix."""
    word_stem = stem(word, keep_e=True)
    i = 0
    while i < min(len(word), len(word_stem)) and word[i] == word_stem[i]:
        i += 1
    return word[:i] if i >= _MIN_PREFIX else word


def _usable(words: list[str]) -> list[str]:
    return list(dict.fromkeys(w for w in words if len(w) >= _MIN_PREFIX or w.isdigit()))


class _Articles:
    """Article look-ups for one question, each article fetched at most once."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.cache: dict[int, Article | None] = {}

    def get(self, article_id: int | None) -> Article | None:
        if article_id is None:
            return None
        if article_id not in self.cache:
            try:
                self.cache[article_id] = self.knowledge.article(article_id)
            except NotFound:
                self.cache[article_id] = None
        return self.cache[article_id]

    def title(self, article_id: int | None) -> str:
        article = self.get(article_id)
        return article.title if article else ""

    def published(self, article_id: int | None) -> str | None:
        article = self.get(article_id)
        return article.published if article else None

    def around(self, hit: SentenceHit) -> str:
        """The text either side of a sentence in its article body."""
        article = self.get(hit.article_id)
        body = article.body if article else ""
        at = body.find(hit.sentence)
        if at < 0:
            return ""
        end = at + len(hit.sentence)
        return body[max(0, at - NEIGHBOURHOOD) : at] + " " + body[end : end + NEIGHBOURHOOD]


def _evidence(facts: list[Fact], articles: _Articles) -> list[Evidence]:
    return [
        Evidence(
            fact.sentence,
            fact.article_id,
            articles.title(fact.article_id),
            articles.published(fact.article_id),
        )
        for fact in facts[:MAX_EVIDENCE]
        if fact.article_id is not None
    ]


def _passage_answer(question: Question, passage: Passage) -> Answer:
    hit = passage.hit
    text = f"{passage.value}{DASH}{hit.sentence}" if passage.value else hit.sentence
    evidence = [Evidence(hit.sentence, hit.article_id, hit.title, hit.published)]
    return Answer(fit(text), True, question.type, None, evidence)


def _not_found(question: Question) -> Answer:
    words = " ".join(question.search_words[:4]) or "<words>"
    return Answer(fit(NOT_FOUND.format(words=words)), False, question.type)
