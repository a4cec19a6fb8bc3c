"""/start and /help: what the bot is, and every command with an example."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, ContextTypes

from bot.services import services
from handlers.base import Command, reply_template

START_EXAMPLES = ("start", "help")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user and show three commands worth trying first."""
    svc = services(context)
    names = [c.name for c in svc.commands if not c.admin and c.name not in START_EXAMPLES]
    examples = [svc.renderer.commands[name]["example"] for name in names[:3]]
    user = update.effective_user
    await reply_template(
        update,
        context,
        "start",
        name=user.first_name if user else None,
        articles=svc.store.count_articles(),
        examples=examples,
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List every command from the same registry that feeds set_my_commands."""
    svc = services(context)
    user = update.effective_user
    is_admin = user is not None and user.id in svc.config.admins
    await reply_template(
        update,
        context,
        "help",
        names=[c.name for c in svc.commands if not c.admin],
        admin_names=[c.name for c in svc.commands if c.admin] if is_admin else [],
    )


COMMANDS = [Command("start", start), Command("help", help_command)]
HANDLERS: list[BaseHandler] = []
