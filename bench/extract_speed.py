"""Milliseconds per article for fact extraction on the seed (reading excluded and included).

Usage: ``.venv/bin/python bench/extract_speed.py [runs]`` (default 500). The
pipeline must sustain 200 articles/s on one core, i.e. 5 ms per article for
reading and extraction together; this prints both so a regression is obvious.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.extract import extract_facts, read_document  # noqa: E402

SEED = next((ROOT / "seeds").glob("*.txt"))


def main(runs: int = 500) -> None:
    data = SEED.read_bytes()
    article = read_document(data, filename=SEED.name)
    extract_facts(article)  # warm-up: regex compilation happens at import, caches here
    start = time.perf_counter()
    for _ in range(runs):
        extract_facts(article)
    extract_ms = (time.perf_counter() - start) * 1000 / runs
    start = time.perf_counter()
    for _ in range(runs):
        extract_facts(read_document(data, filename=SEED.name))
    total_ms = (time.perf_counter() - start) * 1000 / runs
    facts = len(extract_facts(article))
    print(f"{SEED.name}: {len(article.sentences)} sentences, {facts} facts")
    print(f"extract_facts: {extract_ms:.2f} ms/article ({1000 / extract_ms:.0f} articles/s)")
    print(f"read + extract: {total_ms:.2f} ms/article ({1000 / total_ms:.0f} articles/s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
