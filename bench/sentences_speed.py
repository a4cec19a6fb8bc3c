"""Time the sentence splitter against pysbd on the seed article.

Run from the repository root: ``.venv/bin/python bench/sentences_speed.py``.
Both splitters get the same input, the seed's normalised text, one paragraph
per line; pysbd is given one line at a time because our splitter always ends a
sentence at a line break, so both do the same job. pysbd is optional (a
test-only dependency); without it only our figure is printed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.extract.sentences import split_sentences  # noqa: E402
from bot.extract.text import normalize_text  # noqa: E402

SEED = ROOT / "seeds" / "khmer-times-2017-08-14-new-momentum-in-cambodia-japan-ties.txt"
ROUNDS = 200


def _ms_per_article(split: Callable[[str], list[str]], text: str) -> tuple[float, int]:
    count = len(split(text))  # warm-up, and the sentence count for the report
    start = time.perf_counter()
    for _ in range(ROUNDS):
        split(text)
    return (time.perf_counter() - start) * 1000 / ROUNDS, count


def _pysbd_splitter() -> Callable[[str], list[str]] | None:
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def split(text: str) -> list[str]:
        return [
            sentence.strip()
            for line in text.splitlines()
            if line.strip()
            for sentence in segmenter.segment(line)
            if sentence.strip()
        ]

    return split


def main() -> None:
    text = normalize_text(SEED.read_text(encoding="utf-8"))
    print(f"seed: {len(text)} characters, {ROUNDS} rounds")
    ours, count = _ms_per_article(split_sentences, text)
    print(f"tiesbot split_sentences: {ours:.3f} ms/article ({count} sentences)")
    pysbd_split = _pysbd_splitter()
    if pysbd_split is None:
        print("pysbd: not installed (.venv/bin/pip install pysbd)")
        return
    theirs, count = _ms_per_article(pysbd_split, text)
    print(f"pysbd:                   {theirs:.3f} ms/article ({count} sentences)")
    print(f"ratio: pysbd takes {theirs / ours:.0f}x as long")


if __name__ == "__main__":
    main()
