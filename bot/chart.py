"""The /timeline chart: facts per year, stacked by kind, as a PNG.

matplotlib draws it (headless Agg backend); it is imported only when a chart
is asked for, so start-up and every other command stay fast.
"""

from __future__ import annotations

import io

from bot.records import FACT_KINDS

# One colour per kind, readable on Telegram's light and dark themes.
KIND_COLOURS = {
    "visit": "#2b7bba",
    "agreement": "#2ca25f",
    "request": "#f28e2b",
    "pledge": "#b07aa1",
    "meeting": "#59a14f",
    "anniversary": "#e15759",
}


def timeline_chart(counts: dict[int, dict[str, int]]) -> bytes:
    """A PNG bar chart of ``{year: {kind: count}}``, years in order."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import MaxNLocator

    years = sorted(counts)
    positions = range(len(years))
    figure, axes = plt.subplots(figsize=(max(6.0, min(16.0, 0.45 * len(years) + 3)), 4), dpi=110)
    try:
        bottoms = [0] * len(years)
        for kind in FACT_KINDS:
            heights = [counts[year].get(kind, 0) for year in years]
            if any(heights):
                axes.bar(positions, heights, bottom=bottoms, label=kind, color=KIND_COLOURS[kind])
                bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
        step = max(1, len(years) // 20)
        axes.set_xticks(list(positions)[::step], [str(y) for y in years][::step], rotation=45)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel("facts")
        axes.set_title("Facts per year by kind")
        axes.legend(fontsize="small", frameon=False)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)
