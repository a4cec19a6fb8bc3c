"""The shortcuts that make reading and summarising cheaper give the plain answers."""

from __future__ import annotations

import functools
import math
import operator
import random
from collections import Counter
from itertools import combinations

import numpy as np

from bot import summary
from bot.extract import boilerplate, text


def _reference_similarity(documents: list[tuple[str, ...]]) -> list[list[float]]:
    """The similarity matrix computed the plain way: dicts, Python sums, fsum per pair."""
    counts = [Counter(document) for document in documents]
    frequency = Counter(term for document in counts for term in document)
    total = len(documents)
    vectors = []
    for document in counts:
        weights = {t: c * math.log(1.0 + total / frequency[t]) for t, c in document.items()}
        scale = 1.0 / (math.sqrt(sum(w * w for w in weights.values())) or 1.0)
        vectors.append({t: scale * w for t, w in weights.items() if frequency[t] > 1})
    matrix = [[0.0] * total for _ in range(total)]
    for i, j in combinations(range(total), 2):
        products = [vectors[i][t] * vectors[j][t] for t in vectors[i] if t in vectors[j]]
        value = math.fsum(products)
        if value >= summary._EDGE_MIN:
            matrix[i][j] = matrix[j][i] = value
    return matrix


def test_similarity_matrix_matches_plain_computation() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{n}" for n in range(40)]
    for _ in range(200):
        size = rng.randint(1, 25)
        documents = [
            tuple(rng.choice(vocabulary[: rng.randint(3, 40)]) for _ in range(rng.randint(1, 15)))
            for _ in range(size)
        ]
        assert summary._similarity_matrix(documents).tolist() == _reference_similarity(documents)


def test_pairs_within_groups_are_all_pairs_of_equal_keys() -> None:
    keys = np.array([1, 1, 1, 4, 6, 6, 9, 9, 9, 9])
    first, second = summary._pairs_within_groups(keys)
    expected = [(a, b) for a, b in combinations(range(len(keys)), 2) if keys[a] == keys[b]]
    assert list(zip(first.tolist(), second.tolist(), strict=True)) == expected


def test_exact_sums_are_fsum() -> None:
    rng = random.Random(3)
    cells = np.array([rng.randrange(6) for _ in range(300)])
    values = np.array([rng.random() * 10 ** rng.randint(-8, 3) for _ in range(300)])
    sums = summary._exact_sums(cells, values, 6)
    for cell in range(6):
        assert sums[cell] == math.fsum(values[cells == cell].tolist())


def test_lexrank_degrees_are_python_row_sums() -> None:
    rng = np.random.default_rng(5)
    matrix = rng.random((17, 17)) * (rng.random((17, 17)) < 0.3)
    # _lexrank sums rows with accumulate: a plain left-to-right running sum (what
    # sum() did up to Python 3.11; 3.12's sum compensates, so reduce it is here).
    rows = np.add.accumulate(matrix, axis=1)[:, -1].tolist()
    assert rows == [functools.reduce(operator.add, row, 0.0) for row in matrix.tolist()]


def test_every_character_normalisation_replaces_is_unprintable() -> None:
    # _is_plain skips the _ODD scan for printable text: sound only if this holds.
    odd = [chr(code) for code in range(0x110000) if text._ODD.match(chr(code))]
    assert odd and not any(char.isprintable() for char in odd)


def _reference_normalize(sample: str) -> str:
    """normalize_text without its shortcuts: every substitution, every line stripped."""
    sample = text._LINE_BREAKS.sub("\n", sample.replace("\r\n", "\n"))
    sample = text._DROPPED.sub("", text._SPACES.sub(" ", sample))
    sample = text.unicodedata.normalize("NFC", sample)
    while "  " in sample:
        sample = sample.replace("  ", " ")
    return (
        "\n".join(line.strip() for line in sample.split("\n")).strip()
        if ("\n" not in sample)
        else "\n".join(line.strip() for line in sample.split("\n"))
    )


def test_normalize_text_shortcuts_change_nothing() -> None:
    pieces = [
        "a",
        "b",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\u00a0",
        "\x1c",
        "\u2028",
        "\u200b",
        "e\u0301",
        "\t",
    ]
    rng = random.Random(11)
    for _ in range(3000):
        sample = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert text.normalize_text(sample) == _reference_normalize(sample), repr(sample)


def test_furniture_flags_agree_with_each_pattern() -> None:
    lines = [
        "Share this:",
        "Leave a Reply",
        "Related",
        "Read more: the talks",
        "Copyright 2017 Khmer Times. All rights reserved.",
        "We use cookies to improve your experience. Accept cookies",
        "The two leaders met in Tokyo on Monday.",
        "Click to share on Twitter (Opens in new window)",
        "",
    ]
    for anywhere_text in (lines, lines[6:]):
        flags = boilerplate._furniture_flags(anywhere_text)
        expected = [
            bool(line)
            and len(line) <= boilerplate._MAX_BOILERPLATE_CHARS
            and any(
                pattern.fullmatch(line) is not None
                for pattern in (
                    boilerplate._LINE_PATTERNS,
                    boilerplate._LINE_PATTERNS_ANYWHERE,
                    boilerplate._STRONG_STARTERS,
                    boilerplate._WEAK_STARTERS,
                )
            )
            for line in anywhere_text
        ]
        assert flags == expected
