"""What every handler module shares: the command record and the reply helper."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes

from bot.render import split_message
from bot.services import Services, services

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


@dataclass(frozen=True)
class Command:
    """One slash command: its name, callback and who may use it.

    Its help line, example and usage hint live in config/templates/commands.yaml
    so operators can reword them; a test checks that every command has them.
    """

    name: str
    callback: Callback
    admin: bool = False


def args_text(context: ContextTypes.DEFAULT_TYPE) -> str:
    """The command's arguments as the user typed them (joined by single spaces)."""
    return " ".join(context.args or []).strip()


async def reply_html(
    update: Update,
    markup: str,
    *,
    keyboard: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send ``markup`` to the chat of ``update``, split when too long.

    The keyboard goes on the last piece, where a reader's thumb already is.
    """
    message = update.effective_message
    if message is None:
        return None
    pieces = split_message(markup)
    sent = None
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        sent = await message.reply_html(piece, reply_markup=keyboard if last else None)
    return sent


async def reply_template(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    template: str,
    *,
    keyboard: InlineKeyboardMarkup | None = None,
    **values: Any,
) -> Message | None:
    """Render a template and reply with it."""
    markup = services(context).renderer.render(template, **values)
    return await reply_html(update, markup, keyboard=keyboard)


def get_services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return services(context)
