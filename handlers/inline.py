"""Inline mode: `@bot words` in any chat offers matching facts and sentences."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.ext import BaseHandler, ContextTypes, InlineQueryHandler

from bot.errors import UsageError
from bot.facts_text import describe_fact
from bot.listing import parse_filter, query_for
from bot.render import truncate_text
from bot.services import services
from handlers.base import Command

MAX_QUERY_CHARS = 200


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Facts first (they are the distilled knowledge), then sentences."""
    svc = services(context)
    query = update.inline_query
    words = query.query.strip()[:MAX_QUERY_CHARS]
    limit = svc.config.limits.inline_results
    try:
        flt = parse_filter(words, "inline")
    except UsageError:
        flt = parse_filter("", "inline")
    facts = svc.store.fact_page(query_for(flt, ()), page_size=limit // 2 or 1).facts
    hits = svc.store.search_sentences(words, page_size=limit - len(facts)).hits if words else []
    titles = {a_id: svc.store.article(a_id).title for a_id in {f.article_id for f in facts}}
    results = []
    for fact in facts:
        markup = svc.renderer.render("inline_fact", fact=fact, title=titles[fact.article_id])
        results.append(
            InlineQueryResultArticle(
                id=f"f{fact.id}",
                title=truncate_text(describe_fact(fact), 100),
                description=truncate_text(fact.sentence, 120),
                input_message_content=InputTextMessageContent(markup),
            )
        )
    for hit in hits:
        markup = svc.renderer.render("inline_sentence", hit=hit)
        results.append(
            InlineQueryResultArticle(
                id=f"s{hit.article_id}:{hit.position}",
                title=truncate_text(hit.sentence, 100),
                description=truncate_text(f"{hit.title}, {hit.published or 'undated'}", 120),
                input_message_content=InputTextMessageContent(markup),
            )
        )
    await query.answer(results[:limit], cache_time=svc.config.limits.inline_cache_seconds)


COMMANDS: list[Command] = []
HANDLERS: list[BaseHandler] = [InlineQueryHandler(inline_query)]
