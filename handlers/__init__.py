"""Telegram handlers, one module per command family; each is thin.

Every module exposes ``COMMANDS`` (slash commands) and ``HANDLERS`` (other
update handlers). ``MODULES`` fixes the registration order: order matters
where handlers overlap, so the catch-all free-text questions come last.
"""

from __future__ import annotations

from handlers import addseed, admin, articles, ask, facts, inline, reminders, search, start

MODULES = (start, facts, search, articles, reminders, inline, admin, addseed, ask)

__all__ = ["MODULES"]
