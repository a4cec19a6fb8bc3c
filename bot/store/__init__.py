"""The store: all SQL of tiesbot lives in this package."""

from bot.store.core import HIGHLIGHT_END, HIGHLIGHT_START, AddResult, SearchPage, Store, fts_query

__all__ = ["HIGHLIGHT_END", "HIGHLIGHT_START", "AddResult", "SearchPage", "Store", "fts_query"]
