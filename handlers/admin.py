"""Admin commands: the gate every one passes, and /seeds, /delseed, /reindex, /stats.

Admins are the Telegram user ids in ``config.admins`` and nothing else:
being a chat administrator, posting anonymously as a group, or forwarding an
admin's message grants nothing. Every call of an admin command, refused or
not, is written to the audit table with what came of it. /addseed lives in
handlers/addseed.py and uses the same gate.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatID
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes

from bot.config import Config
from bot.errors import NotFound, TiesbotError, Unauthorized, UsageError
from bot.reindex import reindex_article
from bot.services import Services, services
from handlers.base import Command, args_text, reply_html, reply_template

# An admin command returns one line for the audit table ("preview 3", "deleted article 7").
AdminCallback = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[str | None]]

SEEDS_PAGE_SIZE = 10
# Seconds between /reindex progress edits: often enough to show life, rarely
# enough to stay far below Telegram's edit limits.
PROGRESS_SECONDS = 1.0
_ID_RE = re.compile(r"^#?(\d{1,9})$")
NOT_ADMIN_BUTTON = "Only the bot’s admins can use this button."


def is_bot_admin(update: Update, config: Config) -> bool:
    """The sender is a configured admin, speaking as themselves.

    GroupAnonymousBot (an anonymous group admin) and messages sent on behalf
    of a chat carry no user we could check, so they are refused.
    """
    user = update.effective_user
    message = update.effective_message
    if user is None or user.is_bot or user.id == ChatID.ANONYMOUS_ADMIN:
        return False
    if update.callback_query is None and message is not None and message.sender_chat is not None:
        return False
    return user.id in config.admins


def _arguments(update: Update) -> str:
    if update.callback_query is not None:
        return update.callback_query.data or ""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    if message is not None and message.document is not None:
        text = f"{text} [document {message.document.file_name or '?'}]".strip()
    return text[:300]


def audit(svc: Services, update: Update, command: str, result: str) -> None:
    """One audit row: who, where, which command with what, and the result."""
    user = update.effective_user
    chat = update.effective_chat
    svc.store.audit(
        user_id=user.id if user else None,
        chat_id=chat.id if chat else None,
        command=command,
        arguments=_arguments(update),
        result=result,
    )


def admin_command(name: str, callback: AdminCallback) -> Command:
    """The Command for an admin callback: refuse non-admins, audit every call."""

    async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.edited_message is not None:
            return  # an edited command is not a new request
        svc = services(context)
        message = update.effective_message
        if not is_bot_admin(update, svc.config):
            audit(svc, update, name, "refused: not an admin")
            raise Unauthorized(f"Only the bot’s admins can use /{name}.")
        if message is not None and message.forward_origin is not None:
            # The command was typed by whoever is named in the forward, not by the sender.
            audit(svc, update, name, "refused: forwarded")
            raise Unauthorized(f"A forwarded /{name} is not run; send the command yourself.")
        try:
            result = await callback(update, context)
        except TiesbotError as exc:
            audit(svc, update, name, f"error: {exc.message}")
            raise
        except Exception as exc:
            audit(svc, update, name, f"failed: {type(exc).__name__}")
            raise
        audit(svc, update, name, result or "ok")

    guarded.__name__ = callback.__name__
    guarded.__doc__ = callback.__doc__
    return Command(name, guarded, admin=True)


async def admin_button(update: Update, context: ContextTypes.DEFAULT_TYPE, command: str) -> bool:
    """True for a bot admin's press; anyone else gets an alert (and an audit row)."""
    svc = services(context)
    if is_bot_admin(update, svc.config):
        return True
    audit(svc, update, command, "refused: not an admin")
    await update.callback_query.answer(NOT_ADMIN_BUTTON, show_alert=True)
    return False


async def edit_quietly(
    edit: Callable[..., Awaitable[object]],
    markup: str,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """Call ``query.edit_message_text`` or ``message.edit_text``; an edit that
    changes nothing (a button pressed twice) is not an error."""
    try:
        await edit(markup, reply_markup=keyboard)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


# -- /seeds -------------------------------------------------------------------


def render_seeds(svc: Services, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    total = svc.store.count_articles()
    pages = max(1, -(-total // SEEDS_PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    articles = svc.store.articles(limit=SEEDS_PAGE_SIZE, offset=page * SEEDS_PAGE_SIZE)
    markup = svc.renderer.render("seeds", articles=articles, total=total, page=page, pages=pages)
    if pages == 1:
        return markup, None
    row = []
    if page > 0:
        row.append(InlineKeyboardButton("◀", callback_data=f"seeds:{page - 1}"))
    row.append(InlineKeyboardButton(f"{page + 1}/{pages}", callback_data=f"seeds:{page}"))
    if page < pages - 1:
        row.append(InlineKeyboardButton("▶", callback_data=f"seeds:{page + 1}"))
    return markup, InlineKeyboardMarkup([row])


async def seeds(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Stored articles with their ids, newest first, ten a page."""
    text = args_text(context)
    if text and not text.isdigit():
        raise UsageError("seeds")
    page = int(text) - 1 if text else 0
    markup, keyboard = render_seeds(services(context), page)
    await reply_html(update, markup, keyboard=keyboard)
    return f"page {page + 1}"


async def seeds_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """◀ ▶ on a /seeds list: the same message shows another page."""
    query = update.callback_query
    if not await admin_button(update, context, "seeds"):
        return
    await query.answer()
    markup, keyboard = render_seeds(services(context), int(query.data.split(":")[1]))
    await edit_quietly(query.edit_message_text, markup, keyboard)


# -- /delseed -----------------------------------------------------------------


async def delseed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Ask before deleting one article with its sentences and facts."""
    match = _ID_RE.match(args_text(context))
    if match is None:
        raise UsageError("delseed")
    svc = services(context)
    article = svc.store.article(int(match[1]))  # NotFound: "There is no article N."
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("🗑 Delete", callback_data=f"del:yes:{article.id}"),
                InlineKeyboardButton("✖ Keep", callback_data=f"del:no:{article.id}"),
            ]
        ]
    )
    await reply_template(
        update,
        context,
        "delseed",
        keyboard=keyboard,
        state="confirm",
        article=article,
        sentences=len(svc.store.sentences(article.id)),
        facts=len(svc.store.facts(article_id=article.id)),
    )
    return f"asked to confirm deleting article {article.id}"


async def delete_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """🗑 Delete / ✖ Keep under a /delseed question."""
    query = update.callback_query
    if not await admin_button(update, context, "delseed"):
        return
    svc = services(context)
    _, answer, id_text = query.data.split(":")
    article_id = int(id_text)
    if answer == "no":
        audit(svc, update, "delseed", f"kept article {article_id}")
        await query.answer("Kept.")
        markup = svc.renderer.render("delseed", state="kept", article_id=article_id)
        await edit_quietly(query.edit_message_text, markup)
        return
    try:
        article = svc.store.article(article_id)
        sentences = len(svc.store.sentences(article_id))
        facts = len(svc.store.facts(article_id=article_id))
        svc.store.delete_article(article_id)
    except NotFound:
        audit(svc, update, "delseed", f"article {article_id} already deleted")
        await query.answer(f"Article {article_id} is already deleted.", show_alert=True)
        return
    audit(svc, update, "delseed", f"deleted article {article_id}")
    await query.answer("Deleted.")
    markup = svc.renderer.render(
        "delseed", state="deleted", article=article, sentences=sentences, facts=facts
    )
    await edit_quietly(query.edit_message_text, markup)


# -- /reindex -----------------------------------------------------------------


async def reindex(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Extract facts and summaries again for every article, editing one progress message."""
    if args_text(context):
        raise UsageError("reindex")
    svc = services(context)
    render = svc.renderer.render
    ids = svc.store.article_ids()
    before = sum(svc.store.count_facts_by_kind().values())
    message = await reply_template(
        update, context, "reindex", finished=False, done=0, total=len(ids)
    )
    last_edit = time.monotonic()
    for number, article_id in enumerate(ids, 1):
        reindex_article(svc.store, article_id)
        await asyncio.sleep(0)  # let jobs and other tasks run between articles
        if message and number < len(ids) and time.monotonic() - last_edit >= PROGRESS_SECONDS:
            progress = render("reindex", finished=False, done=number, total=len(ids))
            await edit_quietly(message.edit_text, progress)
            last_edit = time.monotonic()
    by_kind = svc.store.count_facts_by_kind()
    after = sum(by_kind.values())
    if message:
        markup = render(
            "reindex", finished=True, total=len(ids), before=before, after=after, by_kind=by_kind
        )
        await edit_quietly(message.edit_text, markup)
    return f"re-read {len(ids)} article(s): {before} -> {after} facts"


# -- /stats -------------------------------------------------------------------


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Articles, facts by kind, subscribed chats and posts sent this week."""
    if args_text(context):
        raise UsageError("stats")
    svc = services(context)
    subscriptions = svc.store.subscriptions()
    by_kind = svc.store.count_facts_by_kind()
    await reply_template(
        update,
        context,
        "stats",
        articles=svc.store.count_articles(),
        by_kind=by_kind,
        facts=sum(by_kind.values()),
        chats=len(subscriptions),
        article_chats=sum(s.articles for s in subscriptions),
        sent=svc.store.count_sent_since(7),
        previews=svc.store.count_pending_previews(),
    )
    return "ok"


COMMANDS = [
    admin_command("seeds", seeds),
    admin_command("delseed", delseed),
    admin_command("reindex", reindex),
    admin_command("stats", stats),
]
HANDLERS: list[BaseHandler] = [
    CallbackQueryHandler(seeds_page, pattern=r"^seeds:\d+$"),
    # Ids as /delseed accepts them; longer digit runs are forged and would overflow SQLite.
    CallbackQueryHandler(delete_pressed, pattern=r"^del:(yes|no):\d{1,9}$"),
]
