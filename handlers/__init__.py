"""Telegram handlers, one module per command family; each is thin.

Every module exposes ``COMMANDS`` (slash commands) and ``HANDLERS`` (other
update handlers). ``MODULES`` fixes the registration order: order matters
where handlers overlap (free-text questions must come last).
"""

from __future__ import annotations

from handlers import search, start

MODULES = (start, search)

__all__ = ["MODULES"]
