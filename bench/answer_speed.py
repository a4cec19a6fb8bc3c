"""Time ``answer_question`` against a large synthetic database.

Run from the repository root::

    .venv/bin/python bench/answer_speed.py [DB_PATH] [ARTICLES]

The database (default ``/tmp/tiesbot-answer-bench.db``, 100,000 articles) is
built once and reused. Its articles are the seed and the question-answering
test articles, each copied many times with other country pairs, other people
and shifted years, so the full-text indexes hold realistic word frequencies:
country names in most rows, person names in few. The real seed is stored
unchanged as well. Reported: per-question latency percentiles over several
rounds of the dev-set and general questions.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answer import StoreKnowledge, answer_question  # noqa: E402
from bot.answer.words import wordset  # noqa: E402
from bot.extract import extract_facts, read_document  # noqa: E402
from bot.records import Actor, Fact, ParsedArticle  # noqa: E402
from bot.store.core import Store  # noqa: E402

SEED = ROOT / "seeds" / "khmer-times-2017-08-14-new-momentum-in-cambodia-japan-ties.txt"
TEMPLATES = [SEED, *sorted((ROOT / "tests" / "articles").glob("qa-*.txt"))]
COUNTRIES = sorted(
    wordset(
        "Australia Bangladesh Brazil Cambodia Canada China Egypt France Germany India Indonesia "
        "Italy Japan Kenya Laos Malaysia Mexico Mongolia Myanmar Nepal Nigeria Norway Pakistan "
        "Philippines Poland Russia Singapore Spain Sweden Thailand Turkey Vietnam"
    )
)
SYLLABLES = sorted(wordset("an bo chen da el fa gi hu ko la mi no pa ri sa to vu wen ya zu"))
QUESTIONS = (
    "When was Hun Sen's third state visit to Japan?",
    "How many times has Hun Sen visited Japan?",
    "Who was the first Japanese leader to visit Cambodia?",
    "How much were the two agreements worth?",
    "What did Cambodia ask Japan to help build?",
    "When did Japan first send peacekeepers to Cambodia?",
    "What is the trade target?",
    "When was the strategic partnership agreement signed?",
    "Where will the new port terminal be built?",
    "When did Hun Sen first make a state visit to Japan under Abe?",
    "how many visits has hun sen paid to japan",
    "What was the value of the agreements signed?",
    "who first visited cambodia from japan",
    "Where will the next summit be held?",
    "How many beds will the Luang Prabang hospital have?",
    "What is the population of Brazil?",
    "When did Hun Sen visit Brazil?",
    "Tell me about the skytrain",
)
BATCH = 1000


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def _templates() -> list[tuple[ParsedArticle, list[Fact]]]:
    pairs = []
    for path in TEMPLATES:
        parsed = read_document(path.read_bytes(), filename=path.name)
        pairs.append((parsed, extract_facts(parsed)))
    return pairs


def _variant(
    parsed: ParsedArticle, facts: list[Fact], number: int, rng: random.Random
) -> tuple[ParsedArticle, list[Fact]]:
    """A copy with other countries, people and years, consistently across text and facts."""
    names = {a.name for f in facts for a in f.actors}
    countries = {c for f in facts for c in f.countries}
    swap = {old: rng.choice(COUNTRIES) for old in countries}
    swap.update({old: _name(rng) for old in names})
    shift = rng.randint(-10, 5)

    def text(value: str | None) -> str | None:
        if value is None:
            return None
        for old, new in swap.items():
            value = value.replace(old, new)
        return value

    def year(value: str | None) -> str | None:
        if not value or not value[:4].isdigit():
            return value
        return f"{int(value[:4]) + shift:04d}{value[4:]}"

    copy = replace(
        parsed,
        title=f"{text(parsed.title)} ({number})",
        body=text(parsed.body) or "",
        sentences=[text(s) or "" for s in parsed.sentences],
        published=year(parsed.published),
        content_hash=f"bench-{number}",
        body_hash=f"bench-body-{number}",
    )
    new_facts = [
        replace(
            f,
            sentence=text(f.sentence) or "",
            actors=[Actor(text(a.name) or "", a.role, text(a.country)) for a in f.actors],
            countries=[text(c) or "" for c in f.countries],
            place=text(f.place),
            subject=text(f.subject),
            date=year(f.date),
            end_date=year(f.end_date),
        )
        for f in facts
    ]
    return copy, new_facts


def build(store: Store, articles: int) -> None:
    have = store.count_articles()
    if have >= articles:
        return
    rng = random.Random(7)
    templates = _templates()
    if have == 0:
        parsed, facts = templates[0]
        store.add_article(parsed, facts, [])
        have = 1
    store.db.execute("PRAGMA synchronous = OFF")
    started = time.perf_counter()
    for first in range(have, articles, BATCH):
        with store.db.atomic():
            for number in range(first, min(first + BATCH, articles)):
                parsed, facts = templates[number % len(templates)]
                store.add_article(*_variant(parsed, facts, number, rng), [])
        done = min(first + BATCH, articles)
        print(f"\r{done} articles ({time.perf_counter() - started:.0f} s)", end="", flush=True)
    print()


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/tiesbot-answer-bench.db")
    articles = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    store = Store.open(path)
    build(store, articles)
    knowledge = StoreKnowledge(store)
    for question in QUESTIONS:  # warm the page cache
        answer_question(question, knowledge)
    timings: dict[str, list[float]] = {q: [] for q in QUESTIONS}
    for _ in range(5):
        for question in QUESTIONS:
            start = time.perf_counter()
            answer_question(question, knowledge)
            timings[question].append((time.perf_counter() - start) * 1000)
    every = sorted(t for times in timings.values() for t in times)
    p95 = every[int(0.95 * (len(every) - 1))]
    print(f"{store.count_articles()} articles, {len(every)} answers")
    print(f"p50 {statistics.median(every):.1f} ms, p95 {p95:.1f} ms, max {every[-1]:.1f} ms")
    for question, times in sorted(timings.items(), key=lambda kv: -max(kv[1])):
        print(f"  {statistics.median(times):6.1f} ms  {question}")


if __name__ == "__main__":
    main()
