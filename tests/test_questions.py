"""Question typing: type, kind cues, ordinals, years, names, places and direction."""

from __future__ import annotations

import pytest

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
    parse_question,
)
from bot.answer.words import LAST


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("When did the minister arrive?", WHEN),
        ("what year was the treaty signed", WHEN),
        ("In which year was the bridge opened?", WHEN),
        ("What were the dates of the summit?", WHEN),
        ("Since when have the two countries traded?", WHEN),
        ("Who signed the accord?", WHO),
        ("whom did the envoy meet", WHO),
        ("Which leader opened the embassy?", WHO),
        ("How much was the loan?", HOW_MUCH),
        ("What was the value of the deal?", HOW_MUCH),
        ("What is the grant worth", HOW_MUCH),
        ("How many times has the king travelled abroad?", HOW_MANY),
        ("how often did the ministers meet", HOW_MANY),
        ("What is the number of projects?", HOW_MANY),
        ("Where was the agreement signed?", WHERE),
        ("In which city will the summit be held?", WHERE),
        ("Which country did the president visit first?", WHERE),
        ("What did the government request?", WHAT),
        ("Which projects were approved?", WHICH),
        ("Is there a deal on rice exports?", YES_NO),
        ("Did the two sides sign anything", YES_NO),
        ("Tell me about the railway", ABOUT),
        ("what about the railway?", ABOUT),
        ("railway loan", ABOUT),
        ("What happened in 2013?", ABOUT),
        ("Can you tell me when the railway opens?", WHEN),
        ("do you know who built the dam", WHO),
        ("The railway opened when?", WHEN),
    ],
)
def test_question_type(text: str, expected: str) -> None:
    assert parse_question(text).type == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("When did the premier visit Hanoi?", ("visit",)),
        ("How long was the trip?", ("visit",)),
        ("When was the MoU signed?", ("agreement",)),
        ("How much was the deal worth?", ("agreement",)),
        ("What did Laos ask China for?", ("request",)),
        ("What did Laos ask China to help build?", ("request",)),
        ("What is the export target?", ("pledge",)),
        ("What did the bank pledge?", ("pledge",)),
        ("Who met the foreign minister?", ("meeting",)),
        ("Where was the summit held?", ("meeting",)),
        ("When is the 50th anniversary of relations?", ("anniversary",)),
        ("When were peacekeepers deployed?", ("anniversary",)),
        ("When did the country first send troops abroad?", ("anniversary",)),
        ("Who is the ambassador?", ()),
    ],
)
def test_kind_cues(text: str, kinds: tuple[str, ...]) -> None:
    assert parse_question(text).kinds == kinds


@pytest.mark.parametrize(
    ("text", "ordinal"),
    [
        ("When was the third state visit?", 3),
        ("When was the 3rd state visit?", 3),
        ("who first visited the island", 1),
        ("When was the second summit?", 2),
        ("When was the 60th anniversary?", 60),
        ("When was his last visit?", LAST),
        ("What was the latest agreement?", LAST),
        ("What is the most recent pledge?", LAST),
        ("When was the visit?", None),
    ],
)
def test_ordinals(text: str, ordinal: int | None) -> None:
    assert parse_question(text).ordinal == ordinal


def test_years_and_numbers_are_constraints_not_words() -> None:
    question = parse_question("How much were the two loans signed in 2019 worth?")
    assert question.years == (2019,)
    assert question.numbers == (2,)
    assert "2019" not in question.words
    assert "two" not in question.words
    assert "2019" in question.search_words


def test_names_keep_capitals_and_drop_roles() -> None:
    question = parse_question("When did Prime Minister Arjun Mehra meet President Long?")
    assert question.names == ("Arjun Mehra", "Long")
    assert {"arjun", "mehra", "long"} <= question.entities
    assert "minister" not in question.entities  # a role is a topic word, matched to roles


def test_lower_case_questions_still_find_places() -> None:
    question = parse_question("how many visits has the king paid to south korea")
    assert question.places == ("South Korea",)
    assert question.destination == "South Korea"
    assert tuple(w for w in question.words if w in question.entities) == ("south", "korea")


def test_demonym_before_a_role_is_the_origin() -> None:
    question = parse_question("Who was the first Thai leader to visit Laos?")
    assert question.origin == "Thailand"
    assert question.destination == "Laos"
    assert "thailand" in question.words  # the demonym is searched as its country


def test_from_marks_the_origin() -> None:
    question = parse_question("who first visited vietnam from india")
    assert (question.origin, question.destination) == ("India", "Vietnam")


def test_stop_and_question_words_are_not_content() -> None:
    question = parse_question("  What was the value of the new port terminal?  ")
    assert question.words == ("port", "terminal")
    assert question.type == HOW_MUCH


def test_future_and_anniversary_flags() -> None:
    assert parse_question("Where will the next summit be held?").future
    assert not parse_question("Where was the summit held?").future
    assert parse_question("When is the 30th anniversary?").mentions_anniversary


def test_empty_and_punctuation_only_questions() -> None:
    for text in ("", "   ", "???"):
        question = parse_question(text)
        assert question.type == ABOUT
        assert question.words == ()


@pytest.mark.parametrize(
    "text",
    ["When did Hun Sen make his 3rd state visit to Japan?", "what project did cambodia request"],
)
def test_target_lists_the_content_words(text: str) -> None:
    question = parse_question(text)
    assert question.target == " ".join(question.words)
    assert question.type in (WHEN, WHAT)
