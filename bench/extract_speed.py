"""Milliseconds per article for fact extraction on the seed, over ``runs`` runs (default 500).

Usage: ``.venv/bin/python bench/extract_speed.py [runs]``. The pipeline must
sustain 200 articles/s on one core, i.e. 5 ms per article for reading and
extraction together. Both are printed: wall time over all runs, and the best
CPU time of five batches (what one uncontended core achieves; wall time on a
shared machine includes other processes).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.extract import extract_facts, read_document  # noqa: E402

SEED = next((ROOT / "seeds").glob("*.txt"))


def _measure(work: Callable[[], object], runs: int) -> tuple[float, float]:
    """(wall ms per run over all runs, best CPU ms per run over five batches)."""
    batch = max(1, runs // 5)
    wall_start = time.perf_counter()
    best = float("inf")
    for _ in range(5):
        cpu_start = time.process_time()
        for _ in range(batch):
            work()
        best = min(best, (time.process_time() - cpu_start) * 1000 / batch)
    wall = (time.perf_counter() - wall_start) * 1000 / (batch * 5)
    return wall, best


def main(runs: int = 500) -> None:
    data = SEED.read_bytes()
    article = read_document(data, filename=SEED.name)
    facts = extract_facts(article)  # warm-up
    extract_wall, extract_cpu = _measure(lambda: extract_facts(article), runs)
    total_wall, total_cpu = _measure(
        lambda: extract_facts(read_document(data, filename=SEED.name)), runs
    )
    print(f"{SEED.name}: {len(article.sentences)} sentences, {len(facts)} facts, {runs} runs")
    print(f"extract_facts:  {extract_wall:.2f} ms/article wall, {extract_cpu:.2f} ms best CPU")
    print(
        f"read + extract: {total_wall:.2f} ms/article wall, {total_cpu:.2f} ms best CPU "
        f"({1000 / total_cpu:.0f} articles/s)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
