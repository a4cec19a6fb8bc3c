"""/reindex: run the current extractor again over the stored articles.

When the extractor improves, stored facts and summaries are stale. The text
itself (title, body, sentences) is kept as stored, because the sentences are
what search results and fact citations point into; only facts and summary are
derived again, through the same ``bot.ingest.analyse`` that ingesting uses,
and swapped per article in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot import ingest
from bot.records import Article, ParsedArticle
from bot.store import Store


@dataclass(frozen=True)
class Reindexed:
    """One article's fact count before and after."""

    article_id: int
    facts_before: int
    facts_after: int


def as_parsed(article: Article, sentences: list[str]) -> ParsedArticle:
    """A stored article in the shape the extractor reads."""
    return ParsedArticle(
        title=article.title,
        body=article.body,
        sentences=sentences,
        source=article.source,
        published=article.published,
        url=article.url,
        content_hash=article.content_hash,
        body_hash=article.body_hash,
    )


def reindex_article(store: Store, article_id: int) -> Reindexed:
    """Extract facts and summary of one article again and replace the old ones."""
    article = store.article(article_id)
    parsed = as_parsed(article, store.sentences(article_id))
    before = len(store.facts(article_id=article_id))
    # Looked up on the module at call time, so a patched extractor is the one used.
    facts, summary = ingest.analyse(parsed)
    store.replace_extraction(article_id, facts, summary)
    return Reindexed(article_id, before, len(facts))
