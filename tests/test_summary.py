"""Extractive summaries: informative, distinct, in article order, never boilerplate."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.records import Actor, Fact
from bot.summary import is_boilerplate, key_facts_digest, one_line_summary, summarize

try:
    from bot.extract.sentences import split_sentences
except ImportError:  # the splitter is written in parallel; a plain regex stands in
    split_sentences = None

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.txt"))

# The seed's key facts, in my own words: what a reader should learn from it.
KEY_FACTS = (
    "Prime Minister Hun Sen paid a state visit to Japan from 7 to 9 August 2017.",
    "It was his third state visit while Shinzo Abe led Japan.",
    "Cambodia and Japan signed a strategic partnership agreement in 2013.",
    "Two agreements worth more than $244 million were signed for flood protection in "
    "Phnom Penh and a port terminal in Sihanoukville.",
    "Cambodia asked Japan to help build a skytrain costing $800 million.",
    "Both countries aim to raise their bilateral trade to $2 billion.",
    "Nobusuke Kishi became the first Japanese leader to visit Cambodia in 1957.",
    "2017 marks 25 years since Japan sent peacekeeping forces to Cambodia.",
)
# One pattern per key fact: a sentence of the article matching it conveys that fact.
KEY_FACT_ANCHORS = (
    r"August 7-9|7.9 August",
    r"third state visit",
    r"partnership agreement in 2013",
    r"\$244 million",
    r"\$800 million",
    r"\$2 billion",
    r"1957",
    r"25th anniversary",
)
_STOP = frozenset(
    re.findall(
        r"\w+",
        "a an and the of to in on for from by with was is are were has have its his their it "
        "this that both two as at be also more than under while",
    )
)
_EVENT_WORDS = re.compile(
    r"\b(visit|agree|sign|partner|anniversar|invest|trade|request|pledge|peacekeep|loan|"
    r"infrastructure|skytrain)\w*",
    re.IGNORECASE,
)
_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def seed_sentences() -> list[str]:
    """The seed's body as sentences, comment-form furniture included (to test defence)."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = "\n\n".join(lines[2:])  # without the title and the dateline
    if split_sentences is not None:
        return split_sentences(body)
    return [
        sentence
        for paragraph in body.split("\n\n")
        for sentence in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", paragraph.strip())
        if sentence
    ]


def content_units(sentences: list[str]) -> set[str]:
    """Distinct content units: numbers and amounts, months, names, event words.

    Deliberately independent of ``bot.summary``'s own scoring, so the
    comparison below is not the summariser grading itself.
    """
    units: set[str] = set()
    for sentence in sentences:
        units.update(n.rstrip(".,") for n in re.findall(r"\$?\d[\d,.-]*", sentence))
        units.update(m.lower() for m in _MONTHS.findall(sentence))
        units.update(m.lower() for m in _EVENT_WORDS.findall(sentence))
        words = re.findall(r"[A-Za-z][\w’'-]*", sentence)
        names = (w.lower().removesuffix("’s") for w in words[1:] if w[0].isupper())
        units.update(n for n in names if n not in _STOP)
    return units


def _rouge_tokens(text: str) -> list[str]:
    words = re.findall(r"[a-z]+|\d+", text.lower())
    return [w for w in words if w not in _STOP]


def rouge1_recall(summary: list[str], reference: tuple[str, ...]) -> float:
    """Share of the reference's content words that the summary contains (clipped counts)."""
    ours = Counter(_rouge_tokens(" ".join(summary)))
    theirs = Counter(_rouge_tokens(" ".join(reference)))
    return sum((ours & theirs).values()) / sum(theirs.values())


def key_facts_covered(summary: list[str]) -> int:
    text = " ".join(summary)
    return sum(1 for anchor in KEY_FACT_ANCHORS if re.search(anchor, text))


def test_seed_summary_is_three_article_sentences_in_order_without_boilerplate():
    sentences = seed_sentences()
    summary = summarize(sentences)
    assert len(summary) == 3
    positions = [sentences.index(s) for s in summary]
    assert positions == sorted(positions)
    for sentence in summary:
        assert not is_boilerplate(sentence)
        for marker in ("Leave a Reply", "commenting using", "Log Out", "Click to share", "%s"):
            assert marker not in sentence


def test_seed_summary_beats_lead_3():
    """Why our three sentences beat the article's first three.

    Lead-3 is the classic baseline because agency copy puts who, what, when
    and how much in its first sentences. This seed is an opinion piece that
    does not: its first three sentences are atmosphere — "Japan is an old
    friend of Cambodia", relations "continuously enhanced", "strategic
    convergence, political trust and the personal friendship" — with no date,
    no number, no amount and no event. The facts (the 7–9 August state visit,
    the 1957 first visit by a Japanese leader, the $244 million agreements,
    the $800 million skytrain request, the $2 billion trade target) sit in the
    middle. Measured three ways, independently of the summariser's scoring:

    - key facts conveyed (a hand-written list of the seed's 8 key facts, each
      recognised in the text by an anchor): Lead-3 conveys none; ours must
      convey at least two and more than Lead-3;
    - distinct content units (numbers, amounts, months, names, event words):
      more than Lead-3;
    - ROUGE-1 recall against the key facts written in our own words: more
      than Lead-3.

    (At the time of writing: 3 of 8 key facts vs 0, 21 content units vs 3,
    ROUGE-1 recall 0.40 vs 0.06.)
    """
    sentences = seed_sentences()
    ours, lead = summarize(sentences), sentences[:3]
    assert key_facts_covered(lead) == 0
    assert key_facts_covered(ours) >= 2
    assert len(content_units(ours)) > len(content_units(lead))
    assert rouge1_recall(ours, KEY_FACTS) > rouge1_recall(lead, KEY_FACTS)


def test_seed_summary_is_fast():
    """About 2 ms on the development VM; the bound only catches an accidental blow-up."""
    sentences = seed_sentences()
    best = min(_elapsed(summarize, sentences) for _ in range(5))
    assert best < 0.025


def _elapsed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


# A generic agency story of another country pair, written for this test: the lead
# is informative here, and so are an agreement and a trade figure further down;
# the atmosphere, the weather, the quote and the fragment must not be picked.
AGENCY_STORY = [
    "Officials in both capitals have long described the relationship as warm.",
    "Indonesian President Joko Widodo arrived in Seoul on 27 July for a three-day state visit, "
    "the first by an Indonesian leader since 2017.",
    "He was welcomed at the presidential office by President Yoon Suk Yeol.",
    "The weather in Seoul was hot and humid.",
    "The two leaders signed six memorandums of understanding worth $2.3 billion on batteries, "
    "shipbuilding and health care.",
    "“We are old friends and we will stay close,” Widodo told reporters.",
    "South Korea also pledged a $500 million loan for the new capital city in East Kalimantan.",
    "Analysts said the mood of the talks was cordial.",
    "Trade between the two countries reached $26 billion in 2022, according to the trade "
    "ministry in Jakarta.",
    "Both sides agreed to mark the 50th anniversary of diplomatic relations in 2023 with "
    "cultural events.",
    "Many people watched.",
]


def test_agency_story():
    summary = summarize(AGENCY_STORY)
    assert len(summary) == 3
    assert summary[0] == AGENCY_STORY[1]  # the informative lead
    assert AGENCY_STORY[4] in summary  # the agreements and their value
    for dull in (0, 3, 5, 7, 10):
        assert AGENCY_STORY[dull] not in summary
    positions = [AGENCY_STORY.index(s) for s in summary]
    assert positions == sorted(positions)


def test_one_line_summary():
    assert one_line_summary(AGENCY_STORY) == AGENCY_STORY[1]
    assert one_line_summary([]) == ""
    assert one_line_summary(["Leave a Reply"]) == ""


FLOOD = (
    "Japan signed a $244 million loan agreement with Cambodia for flood protection in Phnom Penh."
)
TRADE = "The two countries also agreed to expand bilateral trade to $2 billion within five years."
PORT = "A second agreement covers a new container terminal at the port of Sihanoukville."


@pytest.mark.parametrize(
    "sentences",
    [[], [FLOOD], [FLOOD, TRADE], [FLOOD, TRADE, PORT]],
    ids=["none", "one", "two", "three"],
)
def test_short_articles_come_back_whole_and_in_order(sentences):
    assert summarize(sentences) == sentences


def test_k():
    assert summarize([FLOOD, TRADE, PORT], k=0) == []
    assert summarize([FLOOD, TRADE, PORT], k=-1) == []
    assert len(summarize([FLOOD, TRADE, PORT], k=1)) == 1
    assert summarize([FLOOD, TRADE, PORT], k=10) == [FLOOD, TRADE, PORT]


def test_exact_repeats_are_used_once():
    article = [FLOOD, FLOOD, TRADE, "  " + TRADE.upper() + " ", PORT, PORT]
    assert summarize(article) == [FLOOD, TRADE, PORT]


def test_near_repeats_are_not_both_chosen():
    reworded = FLOOD.replace("in Phnom Penh", "in the capital, Phnom Penh")
    summary = summarize([FLOOD, reworded, TRADE], k=2)
    assert TRADE in summary
    assert not (FLOOD in summary and reworded in summary)
    # and the quota is not filled with the repeat
    assert len(summarize([FLOOD, reworded, TRADE], k=3)) == 2


def test_boilerplate_and_blanks_are_never_used():
    furniture = [
        "Leave a Reply",
        "You are commenting using your Twitter account.",
        "Log Out /  Change )",
        "Click to share on Facebook (Opens in new window)",
        "Google photo",
        "",
        "   ",
    ]
    assert summarize(furniture) == []
    assert summarize([*furniture, FLOOD]) == [FLOOD]


def test_deterministic_and_input_untouched():
    sentences = seed_sentences()
    copy = list(sentences)
    first = summarize(sentences)
    assert summarize(sentences) == first
    assert summarize(tuple(sentences)) == first
    assert sentences == copy


def test_same_summary_under_any_hash_seed():
    """Sets drive the similarity sums; the result must not depend on their order."""
    sentences = seed_sentences()
    script = "import json, sys; from bot.summary import summarize; " + (
        "print(json.dumps(summarize(json.load(sys.stdin))))"
    )
    results = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=json.dumps(sentences),
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
        )
        results.add(done.stdout)
    assert len(results) == 1
    assert json.loads(results.pop()) == summarize(sentences)


HUN_SEN = Actor("Hun Sen", "Prime Minister", "Cambodia")


def test_key_facts_digest():
    facts = [
        Fact("visit", "s1", actors=[HUN_SEN], countries=["Cambodia", "Japan"], count=21),
        Fact(
            "visit",
            "s2",
            date="2017-08-07",
            end_date="2017-08-09",
            precision="day",
            actors=[HUN_SEN],
            countries=["Cambodia", "Japan"],
            visit_type="state",
            ordinal=3,
        ),
        Fact(
            "agreement",
            "s3",
            date="2017-08",
            precision="month",
            countries=["Cambodia", "Japan"],
            amount_usd=244e6,
            amount_text="more than $244 million",
            status="signed",
        ),
        Fact(
            "request",
            "s4",
            countries=["Cambodia", "Japan"],
            subject="skytrain",
            amount_usd=800e6,
            amount_text="$800 million",
            status="pending",
        ),
        Fact(
            "anniversary",
            "s5",
            date="2015-04",
            precision="month",
            ordinal=60,
            subject="Bandung Conference",
        ),  # fmt: skip
    ]
    assert key_facts_digest(facts, limit=4) == [
        "Agreement (signed): Cambodia–Japan, more than $244 million, August 2017",
        "State visit: Hun Sen → Japan, 7–9 August 2017 (3rd)",
        "Request (pending): Cambodia–Japan, skytrain, $800 million",
        "60th anniversary: Bandung Conference, April 2015",
    ]
    assert key_facts_digest(facts)[-1] == "Visits: Hun Sen → Japan, 21 in total"
    assert key_facts_digest([]) == []
    assert key_facts_digest(facts, limit=0) == []


def test_key_facts_digest_gives_identical_lines_once():
    fact = Fact("meeting", "s", actors=[HUN_SEN], countries=["Cambodia", "Japan"])
    same = Fact("meeting", "other sentence", actors=[HUN_SEN], countries=["Cambodia", "Japan"])
    assert key_facts_digest([fact, same]) == ["Meeting: Hun Sen (Cambodia–Japan)"]
