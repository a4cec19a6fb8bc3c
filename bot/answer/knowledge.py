"""Where answers come from: a narrow read-only interface over the article store.

The engine needs three look-ups only — facts matching a query, sentences
matching words, and an article's title and date for the evidence line — so it
depends on this Protocol rather than on ``Store``. Tests can hand it a few
facts in a dict, and the engine can never issue an unbounded query: every
call carries a limit.
"""

from __future__ import annotations

from typing import Protocol

from bot.records import Article, Fact, FactQuery, SentenceHit
from bot.store.core import Store


class Knowledge(Protocol):
    """Read-only access to what the bot has read."""

    def find_facts(self, query: FactQuery, limit: int) -> list[Fact]:
        """At most ``limit`` facts matching ``query``."""
        ...

    def find_sentences(self, words: str, limit: int) -> list[SentenceHit]:
        """At most ``limit`` sentences matching ``words``, best first."""
        ...

    def article(self, article_id: int) -> Article:
        """One article; raises ``NotFound`` when there is none."""
        ...


class StoreKnowledge:
    """``Knowledge`` backed by the SQLite store: one store call per look-up."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def find_facts(self, query: FactQuery, limit: int) -> list[Fact]:
        # The engine never reads the total, so the store need not count.
        return self.store.fact_page(query, page=0, page_size=max(1, limit), count=False).facts

    def find_sentences(self, words: str, limit: int) -> list[SentenceHit]:
        return self.store.question_sentences(words, max(1, limit))

    def article(self, article_id: int) -> Article:
        return self.store.article(article_id)
