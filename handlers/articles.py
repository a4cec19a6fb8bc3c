"""/article N, /summary N, /latest and /sources: the articles themselves."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.errors import UsageError
from bot.services import Services, services
from bot.summary import key_facts_digest, one_line_summary
from handlers.base import Command, args_text, reply_html

LATEST_COUNT = 5
SOURCES_PAGE_SIZE = 10
_ID_RE = re.compile(r"^#?(\d{1,9})$")


def article_id_arg(text: str, command: str) -> int:
    match = _ID_RE.match(text.strip())
    if match is None:
        raise UsageError(command)
    return int(match[1])


def render_article(svc: Services, article_id: int, *, full: bool) -> str:
    article = svc.store.article(article_id)  # NotFound becomes a one-line reply
    facts = svc.store.facts(article_id=article_id) if full else []
    return svc.renderer.render(
        "article" if full else "summary",
        article=article,
        summary=article.summary,
        facts=facts,
        digest=key_facts_digest(facts) if full else [],
    )


async def article(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Title, source, date, a 3-sentence summary and the article's facts."""
    article_id = article_id_arg(args_text(context), "article")
    await reply_html(update, render_article(services(context), article_id, full=True))


async def article_shortcut(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/article_12 — the tappable form used in lists."""
    article_id = int(context.matches[0][1])
    await reply_html(update, render_article(services(context), article_id, full=True))


async def summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The article's three-sentence summary."""
    article_id = article_id_arg(args_text(context), "summary")
    await reply_html(update, render_article(services(context), article_id, full=False))


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The newest articles with a one-line summary each."""
    svc = services(context)
    if args_text(context):
        raise UsageError("latest")
    articles = svc.store.articles(limit=LATEST_COUNT)
    lines = {a.id: one_line_summary(a.summary) for a in articles}
    await reply_html(update, svc.renderer.render("latest", articles=articles, lines=lines))


def render_sources(svc: Services, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    total = svc.store.count_articles()
    pages = max(1, -(-total // SOURCES_PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    articles = svc.store.articles(limit=SOURCES_PAGE_SIZE, offset=page * SOURCES_PAGE_SIZE)
    markup = svc.renderer.render(
        "sources",
        articles=articles,
        total=total,
        page=page,
        pages=pages,
        page_size=SOURCES_PAGE_SIZE,
    )
    keyboard = None
    if pages > 1:
        row = []
        if page > 0:
            row.append(InlineKeyboardButton("◀", callback_data=f"sources:{page - 1}"))
        row.append(InlineKeyboardButton(f"{page + 1}/{pages}", callback_data=f"sources:{page}"))
        if page < pages - 1:
            row.append(InlineKeyboardButton("▶", callback_data=f"sources:{page + 1}"))
        keyboard = InlineKeyboardMarkup([row])
    return markup, keyboard


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """All articles, newest first, ten a page."""
    text = args_text(context)
    if text and not text.isdigit():
        raise UsageError("sources")
    page = int(text) - 1 if text else 0
    markup, keyboard = render_sources(services(context), page)
    await reply_html(update, markup, keyboard=keyboard)


async def sources_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    markup, keyboard = render_sources(services(context), int(query.data.split(":")[1]))
    try:
        await query.edit_message_text(markup, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


COMMANDS = [
    Command("article", article),
    Command("summary", summary),
    Command("latest", latest),
    Command("sources", sources),
]
HANDLERS: list[BaseHandler] = [
    MessageHandler(filters.Regex(re.compile(r"^/article_(\d{1,9})(?:@\w+)?$")), article_shortcut),
    CallbackQueryHandler(sources_page, pattern=r"^sources:\d+$"),
]
