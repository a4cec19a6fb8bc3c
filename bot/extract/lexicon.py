"""Small helpers shared by the extraction grammars: word-list regexes and number words.

A plain ``a|b|c`` alternation of a few hundred gazetteer names makes Python's
regex engine try every alternative at every position, which costs milliseconds
per article. Factoring the list as a trie (``Ja(?:pan(?:ese)?|karta)``) lets the
engine reject a position after one character, so a whole gazetteer is one cheap
pass. Longer entries still win because every optional tail is greedy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Spelled-out numbers as they appear in news copy ("two agreements", "visited
# Japan five times"); anything larger is written in digits by style guides.
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "fifteenth": 15,
    "twentieth": 20,
    "twenty-fifth": 25,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "sixty-fifth": 65,
    "seventieth": 70,
    "seventy-fifth": 75,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}

ORDINAL_PATTERN = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + ")"
)


def trie_pattern(words: Iterable[str]) -> str:
    """Return a non-capturing regex matching any of ``words``, factored as a trie."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(root) or "(?!)"


def _node_pattern(node: dict[str, dict]) -> str:
    end_here = "" in node
    branches = [
        re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char != ""
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end_here:
        return "(?:" + body + ")?"
    return body


def parse_ordinal(text: str) -> int | None:
    """``"3rd"`` -> 3, ``"sixtieth"`` -> 60, anything else -> None."""
    low = text.lower()
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    digits = re.match(r"(\d{1,3})(?:st|nd|rd|th)$", low)
    return int(digits.group(1)) if digits else None


def parse_count(text: str) -> int | None:
    """``"21"`` -> 21, ``"two"`` -> 2 (a bare "a"/"an" is not a count)."""
    low = text.lower().replace(",", "")
    if low.isdigit():
        return int(low)
    if low in ("a", "an"):
        return None
    return NUMBER_WORDS.get(low)
