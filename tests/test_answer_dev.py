"""The dev set: questions over the seed article, through the real reading pipeline.

The seed is read, its facts extracted and both stored in a fresh in-memory
store, exactly as ingestion does; answers must contain the gold value. The
paraphrases check that the answers do not hang on one wording.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import Answer, StoreKnowledge, answer_question
from bot.extract import extract_facts, read_document
from bot.store.core import Store

SEED = (
    Path(__file__).resolve().parent.parent
    / "seeds"
    / "khmer-times-2017-08-14-new-momentum-in-cambodia-japan-ties.txt"
)


@pytest.fixture(scope="module")
def knowledge() -> StoreKnowledge:
    store = Store.open(":memory:")
    parsed = read_document(SEED.read_bytes(), filename=SEED.name)
    store.add_article(parsed, extract_facts(parsed), [])
    return StoreKnowledge(store)


def check(answer: Answer, *golds: str) -> None:
    """Found, one non-empty plain line of at most 300 characters, holding every gold."""
    assert answer.found, answer.text
    assert answer.text.strip() and "\n" not in answer.text and len(answer.text) <= 300
    for gold in golds:
        assert gold.casefold() in answer.text.casefold(), answer.text
    assert answer.evidence, "an answer must say which sentence it rests on"
    assert answer.evidence[0].title


def test_third_state_visit_date(knowledge: StoreKnowledge) -> None:
    answer = answer_question("When was Hun Sen's third state visit to Japan?", knowledge)
    check(answer, "2017")
    assert "7–9 August" in answer.text or "August 7–9" in answer.text
    assert answer.kind == "when"


DEV_SET = [
    ("How many times has Hun Sen visited Japan?", "21"),
    ("Who was the first Japanese leader to visit Cambodia?", "Nobusuke Kishi"),
    ("How much were the two agreements worth?", "$244 million"),
    ("What did Cambodia ask Japan to help build?", "skytrain"),
    ("When did Japan first send peacekeepers to Cambodia?", "1992"),
    ("What is the trade target?", "$2 billion"),
    ("When was the strategic partnership agreement signed?", "2013"),
    ("Where will the new port terminal be built?", "Sihanoukville"),
    ("When did Hun Sen first make a state visit to Japan under Abe?", "2007"),
]


@pytest.mark.parametrize(("question", "gold"), DEV_SET)
def test_dev_set(knowledge: StoreKnowledge, question: str, gold: str) -> None:
    check(answer_question(question, knowledge), gold)


PARAPHRASES = [
    ("When did Hun Sen make his 3rd state visit to Japan?", ("2017", "August")),
    ("what were the dates of hun sen's third state visit to japan", ("7–9 August 2017",)),
    ("how many visits has hun sen paid to japan", ("21",)),
    ("How often has Hun Sen been to Japan", ("21",)),
    ("Which Japanese leader first visited Cambodia?", ("Kishi",)),
    ("who first visited cambodia from japan", ("Nobusuke Kishi",)),
    ("What was the value of the agreements signed?", ("$244 million",)),
    ("how much were the agreements worth   ", ("$244 million",)),
    ("what project did cambodia request", ("skytrain",)),
    ("What did Cambodia request Japan's help to build", ("skytrain",)),
    ("In which year did Japan first send peacekeepers to Cambodia?", ("1992",)),
    ("What year did Japanese peacekeepers first go to Cambodia", ("1992",)),
    ("What is the bilateral trade target?", ("$2 billion",)),
    ("In what year was the strategic partnership agreement signed", ("2013",)),
    ("where is the terminal port going to be built", ("Sihanoukville",)),
    ("When was Hun Sen's first state visit to Japan?", ("2007",)),
    ("When was Hun Sen's second visit to Japan?", ("2013",)),
    ("When was Hun Sen's last visit to Japan?", ("2017",)),
    ("Who did Hun Sen meet in Jakarta?", ("Abe",)),
    ("How much will the skytrain cost?", ("$800 million",)),
]


@pytest.mark.parametrize(("question", "golds"), PARAPHRASES)
def test_paraphrases(knowledge: StoreKnowledge, question: str, golds: tuple[str, ...]) -> None:
    check(answer_question(question, knowledge), *golds)


def test_answer_types_are_reported(knowledge: StoreKnowledge) -> None:
    assert answer_question("Tell me about the skytrain", knowledge).kind == "about"
    assert answer_question("Is there an agreement on flood protection?", knowledge).found
    assert answer_question("how much were the agreements worth", knowledge).kind == "how much"


@pytest.mark.parametrize(
    "question",
    [
        "What is the population of Brazil?",
        "When did Hun Sen visit Brazil?",
        "Who won the World Cup in 2018?",
        "How much did France lend to Peru?",
    ],
)
def test_unanswerable(knowledge: StoreKnowledge, question: str) -> None:
    answer = answer_question(question, knowledge)
    assert not answer.found, answer.text
    assert "/search" in answer.text and answer.fact is None and not answer.evidence
