"""The answer engine on hand-made facts, through a fake ``Knowledge``.

These pin the behaviour that does not depend on what extraction happens to
produce: bounded look-ups, ordinals, totals versus counted events, both
readings of an anniversary's date, and the not-found reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.answer import Answer, answer_question
from bot.answer.engine import FACT_LIMIT, MAX_FACT_QUERIES, SENTENCE_LIMIT
from bot.errors import NotFound
from bot.records import Actor, Article, Fact, FactQuery, SentenceHit

PUBLISHED = "2019-06-20"


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


@dataclass
class FakeKnowledge:
    """Facts and sentences in lists; matching roughly as the store does; calls recorded."""

    facts: list[Fact]
    sentences: list[str] = field(default_factory=list)
    calls: list[tuple[str, int]] = field(default_factory=list)

    def find_facts(self, query: FactQuery, limit: int) -> list[Fact]:
        self.calls.append(("facts", limit))
        found = []
        for fact in self.facts:
            if query.kinds and fact.kind not in query.kinds:
                continue
            year = int(fact.date[:4]) if fact.date else None
            if query.year_from is not None and (year is None or year < query.year_from):
                continue
            text = " ".join(
                [a.name for a in fact.actors] + fact.countries + [fact.subject or "", fact.kind]
            )
            words = _words(text) | _words(fact.sentence)
            if all(any(w.startswith(q) for w in words) for q in query.words):
                found.append(fact)
        return found[:limit]

    def find_sentences(self, words: str, limit: int) -> list[SentenceHit]:
        self.calls.append(("sentences", limit))
        wanted = _words(words)
        hits = [s for s in self.sentences if wanted & _words(s)]
        found = [SentenceHit(1, "Mekong friends", PUBLISHED, s, s, i) for i, s in enumerate(hits)]
        return found[:limit]

    def article(self, article_id: int) -> Article:
        self.calls.append(("article", 1))
        if article_id != 1:
            raise NotFound(f"There is no article {article_id}.")
        body = " ".join(self.sentences or [f.sentence for f in self.facts])
        return Article(1, "Mekong friends", body, "Test", PUBLISHED, None, "h", "now")


KING = Actor("Sisavath Ong", "King", "Laos")


def visit(date: str, ordinal: int | None, index: int, **extra: object) -> Fact:
    sentence = f"King Sisavath Ong visited Thailand in {date[:4]}."
    return Fact(
        "visit", sentence, date=date, precision="year", actors=[KING],
        countries=["Laos", "Thailand"], ordinal=ordinal, article_id=1, sentence_index=index,
        id=index, **extra,
    )  # fmt: skip


VISITS = [visit("2001", 1, 1), visit("2008", 2, 2), visit("2015", 3, 3)]


def ask(question: str, knowledge: FakeKnowledge) -> Answer:
    answer = answer_question(question, knowledge)
    assert answer.text and len(answer.text) <= 300 and "\n" not in answer.text
    return answer


def test_ordinals_pick_the_right_visit() -> None:
    knowledge = FakeKnowledge(VISITS)
    assert ask("When did Sisavath Ong first visit Thailand?", knowledge).text.startswith("2001")
    assert ask("When was the king's second visit to Thailand?", knowledge).text.startswith("2008")
    assert ask("When was Sisavath Ong's 3rd visit to Thailand", knowledge).text.startswith("2015")
    assert ask("When was his last visit to Thailand?", knowledge).text.startswith("2015")


def test_how_many_counts_events_when_no_total_is_stated() -> None:
    answer = ask("How many times has Sisavath Ong visited Thailand?", FakeKnowledge(VISITS))
    assert answer.text.startswith("3 visits")
    assert "2001" in answer.text and "2015" in answer.text
    assert len(answer.evidence) == 3


def test_a_stated_total_wins_over_counting() -> None:
    total = Fact(
        "visit", "King Sisavath Ong has visited Thailand 11 times.", actors=[KING],
        countries=["Laos", "Thailand"], count=11, article_id=1, sentence_index=4, id=4,
    )  # fmt: skip
    knowledge = FakeKnowledge([*VISITS, total])
    answer = ask("How many times has Sisavath Ong visited Thailand?", knowledge)
    assert answer.text.startswith("11 times")
    assert answer.fact is total


def anniversary(date: str) -> Fact:
    return Fact(
        "anniversary", "This year marks the 50th anniversary of the Friendship Bridge.",
        date=date, precision="year", countries=["Laos", "Thailand"], ordinal=50,
        subject="Friendship Bridge", article_id=1, sentence_index=5, id=5,
    )  # fmt: skip


def test_anniversary_dates_read_either_way() -> None:
    """Stored as the commemorated event (1969) or as the celebration (2019): same answer."""
    for stored in ("1969", "2019"):
        knowledge = FakeKnowledge([anniversary(stored)])
        answer = ask("When was the Friendship Bridge built?", knowledge)
        assert answer.text.startswith("1969"), (stored, answer.text)
        answer = ask("When is the 50th anniversary of the Friendship Bridge?", knowledge)
        assert answer.text.startswith("2019"), (stored, answer.text)


def test_lookups_are_bounded() -> None:
    knowledge = FakeKnowledge(VISITS, ["Nothing here mentions a treaty on rice."])
    ask("When did the Laos Thailand rice treaty get signed in 1999?", knowledge)
    facts = [limit for name, limit in knowledge.calls if name == "facts"]
    sentences = [limit for name, limit in knowledge.calls if name == "sentences"]
    assert 1 <= len(facts) <= MAX_FACT_QUERIES and max(facts) == FACT_LIMIT <= 50
    assert len(sentences) <= 1 and all(limit == SENTENCE_LIMIT <= 50 for limit in sentences)
    assert sum(1 for name, _ in knowledge.calls if name == "article") <= 4


def test_sentence_fallback_cuts_the_value() -> None:
    sentences = [
        "The two governments opened a consulate in Pakse in 2016.",
        "Thai investors pledged $45 million for a solar farm in Savannakhet.",
    ]
    knowledge = FakeKnowledge([], sentences)
    answer = ask("How much did Thai investors pledge for the solar farm?", knowledge)
    assert answer.found and answer.text.startswith("$45 million")
    assert answer.fact is None and answer.evidence[0].sentence == sentences[1]
    answer = ask("Where will the solar farm be?", knowledge)
    assert answer.text.startswith("Savannakhet")
    answer = ask("When was the consulate in Pakse opened?", knowledge)
    assert answer.text.startswith("2016")


def test_nothing_found_suggests_search() -> None:
    answer = ask("What is the tallest mountain in Peru?", FakeKnowledge(VISITS))
    assert not answer.found and answer.fact is None and answer.evidence == []
    assert answer.text == (
        "I couldn’t find that in the articles I have read. Try /search tallest mountain peru."
    )


def test_a_missing_article_does_not_break_the_evidence() -> None:
    orphan = visit("2001", 1, 1)
    orphan.article_id = 99
    answer = ask("When did Sisavath Ong first visit Thailand?", FakeKnowledge([orphan]))
    assert answer.found and answer.evidence[0].title == ""
