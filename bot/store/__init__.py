"""The store: all SQL of tiesbot lives in this package."""

from bot.store.core import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    AddResult,
    SearchPage,
    Store,
    WriteBatch,
    fts_query,
)
from bot.store.previews import Preview

__all__ = [
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "AddResult",
    "WriteBatch",
    "Preview",
    "SearchPage",
    "Store",
    "fts_query",
]
