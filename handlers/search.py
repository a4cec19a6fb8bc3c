"""/search WORDS: matching sentences, five a page, with ◀ ▶ buttons."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes

from bot.errors import UsageError
from bot.services import services
from handlers.base import Command, args_text, reply_html

CALLBACK_PREFIX = "search"
MAX_CALLBACK_BYTES = 64
_WORDS_RE = re.compile(r"\w+")


def normalise_words(text: str) -> str:
    """The words a search really uses, cut to fit Telegram's 64-byte callback data.

    FTS only ever matches word tokens, so dropping punctuation changes no
    result; keeping the query this short lets every page button carry it.
    """
    words: list[str] = []
    budget = MAX_CALLBACK_BYTES - len(f"{CALLBACK_PREFIX}:9999:".encode())
    for word in _WORDS_RE.findall(text):
        candidate = " ".join([*words, word])
        if len(candidate.encode()) > budget:
            break
        words.append(word)
    return " ".join(words)


def page_keyboard(words: str, page: int, pages: int) -> InlineKeyboardMarkup | None:
    if pages <= 1:
        return None
    buttons = []
    if page > 0:
        buttons.append(
            InlineKeyboardButton("◀", callback_data=f"{CALLBACK_PREFIX}:{page - 1}:{words}")
        )
    buttons.append(
        InlineKeyboardButton(
            f"{page + 1}/{pages}", callback_data=f"{CALLBACK_PREFIX}:{page}:{words}"
        )
    )
    if page < pages - 1:
        buttons.append(
            InlineKeyboardButton("▶", callback_data=f"{CALLBACK_PREFIX}:{page + 1}:{words}")
        )
    return InlineKeyboardMarkup([buttons])


def render_page(
    context: ContextTypes.DEFAULT_TYPE, words: str, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    svc = services(context)
    result = svc.store.search_sentences(words, page=page, page_size=svc.config.limits.page_size)
    markup = svc.renderer.render("search", words=words, page=result)
    return markup, page_keyboard(words, result.page, result.pages)


async def search(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the first page of sentences matching the words."""
    words = normalise_words(args_text(context))
    if not words:
        raise UsageError("search")
    markup, keyboard = render_page(context, words, 0)
    await reply_html(update, markup, keyboard=keyboard)


async def search_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show another page of a search in the same message."""
    query = update.callback_query
    await query.answer()
    _, page_text, words = query.data.split(":", 2)
    page = int(page_text) if page_text.isdigit() else 0
    markup, keyboard = render_page(context, words, page)
    try:
        await query.edit_message_text(markup, reply_markup=keyboard)
    except BadRequest as exc:
        # Pressing the current page's button changes nothing; Telegram says so.
        if "not modified" not in str(exc).lower():
            raise


COMMANDS = [Command("search", search)]
HANDLERS: list[BaseHandler] = [
    # Pages fit the 4 digits normalise_words budgets for; a longer number is forged
    # (a client may send any callback data) and would overflow SQLite's OFFSET.
    CallbackQueryHandler(search_page, pattern=rf"^{CALLBACK_PREFIX}:\d{{1,4}}:")
]
