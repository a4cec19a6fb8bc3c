"""The one error handler: domain errors become short replies, the rest is logged.

- ``UsageError``: the command's usage line from the templates.
- other ``TiesbotError`` (ArticleError, NotFound, Unauthorized, ...): its one-line message.
- ``Forbidden``/``BadRequest`` while replying: logged; there is no one to tell.
- anything else: logged with the update, answered with a generic apology
  that reveals nothing about the internals.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, TelegramError
from telegram.ext import ContextTypes

from bot.errors import TiesbotError, UsageError
from bot.services import services
from handlers.base import reply_html

log = logging.getLogger(__name__)


def _describe(update: object) -> str:
    if isinstance(update, Update):
        chat = update.effective_chat
        user = update.effective_user
        message = update.effective_message
        text = (message.text or message.caption or "")[:80] if message else ""
        return (
            f"update {update.update_id} chat={chat.id if chat else None} "
            f"user={user.id if user else None} text={text!r}"
        )
    return repr(update)[:200]


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first, then answer briefly where there is someone to answer."""
    error = context.error
    if isinstance(error, TiesbotError):
        log.info("%s: %s", _describe(update), error.message)
    elif isinstance(error, Forbidden):
        log.warning("%s: forbidden: %s", _describe(update), error)
        return
    elif isinstance(error, NetworkError | TelegramError):
        log.warning("%s: Telegram error: %s", _describe(update), error)
        return
    else:
        log.error("%s: unhandled error", _describe(update), exc_info=error)

    if not isinstance(update, Update) or update.effective_message is None:
        return
    if update.callback_query is not None:
        # The button may have expired; the reply below still explains.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    renderer = services(context).renderer
    if isinstance(error, UsageError):
        markup = renderer.usage(error.command)
        if error.detail:
            markup = renderer.render("error", message=error.detail) + "\n" + markup
    elif isinstance(error, TiesbotError):
        markup = renderer.render("error", message=error.message)
    else:
        markup = renderer.render("crash")
    try:
        await reply_html(update, markup)
    except TelegramError as exc:
        log.warning("%s: could not send the error reply: %s", _describe(update), exc)
