"""/addseed: an admin adds an article (text, reply, document or URL) after a preview.

Usage: ``/addseed [date=YYYY-MM-DD] [source=NAME] TEXT | URL``, or /addseed as
a reply to the article (forwarded messages too), or as the caption of a
.txt/.md/.html file. The bot reads and analyses it, refuses duplicates, and
answers with a preview under ✅ Publish / ✖ Cancel. Nothing is stored until
Publish; only the admin who asked can press, and only the first press counts.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot, Document, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.config import Limits
from bot.errors import ArticleError, DuplicateArticle, NotFound, UsageError
from bot.fetch import fetch_url
from bot.ingest import Prepared
from bot.intake import (
    check_document,
    check_size,
    command_arguments,
    duplicate_message,
    lone_url,
    parse_seed_request,
    prepare_seed,
)
from bot.previews import (
    CANCELLED,
    CLOSED,
    DUPLICATE,
    EXPIRED,
    NOT_YOURS,
    PUBLISHED,
    Outcome,
    cancel,
    facts_by_kind,
    open_preview,
    publish,
)
from bot.reminders import announce_article
from bot.render import TELEGRAM_LIMIT, visible_length
from bot.services import Services, services
from bot.store import Preview
from handlers.admin import admin_command, audit, edit_quietly, is_bot_admin
from handlers.base import reply_html

log = logging.getLogger(__name__)

# Facts shown per kind, tried in turn until the preview fits one message.
FACTS_PER_KIND = (5, 3, 1, 0)
_CAPTION_COMMAND = re.compile(r"^/addseed(?:@(\w+))?(?:\s|$)", re.IGNORECASE)
# Message contents that are not articles, named in the refusal.
_MEDIA = (
    ("photo", "a photo"),
    ("sticker", "a sticker"),
    ("video", "a video"),
    ("animation", "an animation"),
    ("voice", "a voice message"),
    ("audio", "an audio file"),
    ("video_note", "a video message"),
    ("location", "a location"),
    ("contact", "a contact"),
    ("poll", "a poll"),
)
_TOASTS = {
    PUBLISHED: "Published.",
    DUPLICATE: "Already stored; nothing added.",
    CANCELLED: "Cancelled.",
    EXPIRED: "This preview expired.",
}


@dataclass(frozen=True)
class SeedInput:
    """What an admin handed over, before it is read."""

    data: bytes | str
    label: str  # shown in the preview: a file name, a URL, "your message"
    filename: str | None = None  # for format detection only
    content_type: str | None = None
    url: str | None = None


def media_kind(message: Message) -> str | None:
    """'a photo', 'a sticker'... when the message carries something unreadable."""
    return next((label for field, label in _MEDIA if getattr(message, field, None)), None)


def refuse_media(kind: str) -> ArticleError:
    return ArticleError(f"Not added: I read text, .txt/.md/.html files and links, not {kind}.")


async def download(bot: Bot, document: Document, limits: Limits) -> SeedInput:
    """A document's bytes via getFile, refused by name and size before downloading."""
    check_document(document.file_name, document.file_size, limits.max_document_bytes)
    try:
        file = await bot.get_file(document.file_id)
    except BadRequest as exc:  # e.g. "file is too big" when the size was not announced
        reason = exc.message
        raise ArticleError(f"Not added: Telegram did not give me the file ({reason}).") from None
    check_size(file.file_size, limits.max_document_bytes)
    data = bytes(await file.download_as_bytearray())
    check_size(len(data), limits.max_document_bytes)
    return SeedInput(data, document.file_name or "the file", document.file_name, document.mime_type)


async def fetch(url: str, limits: Limits) -> SeedInput:
    fetched = await fetch_url(url, limits)
    return SeedInput(
        fetched.data, fetched.final_url, content_type=fetched.content_type, url=fetched.final_url
    )


async def read_input(
    message: Message, text: str, url: str | None, bot: Bot, limits: Limits
) -> SeedInput:
    """The article from the command's own message, else from the message it replies to."""
    if message.document is not None:
        return await download(bot, message.document, limits)
    if kind := media_kind(message):
        raise refuse_media(kind)
    if url:
        return await fetch(url, limits)
    if text:
        return SeedInput(text, "your message")
    reply = message.reply_to_message
    if reply is not None:
        if reply.document is not None:
            return await download(bot, reply.document, limits)
        if kind := media_kind(reply):
            raise refuse_media(kind)
        if shared := lone_url(reply.text):
            return await fetch(shared, limits)
        if reply.text or reply.caption:
            return SeedInput(reply.text or reply.caption or "", "the message you replied to")
    raise UsageError("addseed", "Send the article’s text, a file or a link with /addseed.")


def preview_keyboard(preview_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("✅ Publish", callback_data=f"seed:pub:{preview_id}"),
                InlineKeyboardButton("✖ Cancel", callback_data=f"seed:cancel:{preview_id}"),
            ]
        ]
    )


def render_preview(svc: Services, prepared: Prepared, label: str) -> str:
    """The preview, with fewer facts per kind if needed to fit one message: the
    buttons and the later "Published" edit belong to a single message."""
    for per_kind in FACTS_PER_KIND:
        markup = svc.renderer.render(
            "preview",
            article=prepared.article,
            summary=prepared.summary,
            groups=facts_by_kind(prepared.facts),
            facts_total=len(prepared.facts),
            per_kind=per_kind,
            label=label,
            ttl=svc.config.limits.preview_ttl_minutes,
        )
        if visible_length(markup) <= TELEGRAM_LIMIT:
            break
    return markup


def _title(preview: Preview) -> str:
    return ((preview.payload or {}).get("article") or {}).get("title", "")


def render_outcome(svc: Services, status: str, preview: Preview, article_id: int | None) -> str:
    """The text that replaces a decided preview (its buttons go with it)."""
    return svc.renderer.render(
        "preview_closed", state=status, title=_title(preview), article_id=article_id
    )


def closed_note(preview: Preview) -> str:
    """The alert for a press on a preview that was decided before."""
    return {
        PUBLISHED: f"Already published as article {preview.article_id}.",
        DUPLICATE: f"Already stored as article {preview.article_id}; nothing was added.",
        CANCELLED: "This preview was cancelled; nothing was stored.",
    }.get(preview.status, "This preview expired; send /addseed again.")


def expiry_job_name(preview_id: int) -> str:
    return f"preview:{preview_id}"


async def addseed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """Read an article from text, a reply, a document or a URL and show its preview."""
    svc = services(context)
    message = update.effective_message
    request = parse_seed_request(command_arguments(message.text or message.caption or ""))
    limits = svc.config.limits
    seed = await read_input(message, request.text, request.url, context.bot, limits)
    prepared = prepare_seed(
        seed.data,
        name=seed.filename,
        content_type=seed.content_type,
        url=seed.url,
        date=request.date,
        source=request.source,
    )
    duplicate = svc.store.duplicate_of(prepared.article)
    if duplicate is not None:
        raise DuplicateArticle(duplicate_message(duplicate), duplicate.article_id)
    preview = open_preview(
        svc.store,
        prepared,
        admin_id=update.effective_user.id,
        chat_id=update.effective_chat.id,
        name=seed.label,
        ttl_minutes=limits.preview_ttl_minutes,
    )
    sent = await reply_html(
        update, render_preview(svc, prepared, seed.label), keyboard=preview_keyboard(preview.id)
    )
    if sent is not None:
        svc.store.set_preview_message(preview.id, sent.message_id)
    if context.job_queue is not None:
        context.job_queue.run_once(
            expire_preview,
            when=timedelta(minutes=limits.preview_ttl_minutes),
            data=preview.id,
            chat_id=preview.chat_id,
            name=expiry_job_name(preview.id),
        )
    return f"preview {preview.id} of {seed.label}"[:300]


ADDSEED = admin_command("addseed", addseed)


async def addseed_caption(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/addseed as the caption of a document (or of a photo, which is refused)."""
    match = _CAPTION_COMMAND.match(update.effective_message.caption or "")
    addressed = match[1] if match else None
    if addressed and addressed.lower() != (context.bot.username or "").lower():
        return  # /addseed@another_bot
    await ADDSEED.callback(update, context)


async def preview_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """✅ Publish / ✖ Cancel under a preview: the first press of its admin decides."""
    query = update.callback_query
    svc = services(context)
    _, action, id_text = query.data.split(":")
    verb, decide = ("publish", publish) if action == "pub" else ("cancel", cancel)
    command = f"addseed:{verb}"
    try:
        outcome = (
            decide(svc.store, int(id_text), user_id=query.from_user.id)
            if is_bot_admin(update, svc.config)
            else None
        )
    except NotFound:
        audit(svc, update, command, "no such preview")
        await query.answer("This preview no longer exists.", show_alert=True)
        return
    if outcome is None or outcome.status == NOT_YOURS:
        audit(svc, update, command, "refused: not the admin who asked")
        await query.answer(f"Only the admin who sent this can {verb} it.", show_alert=True)
        return
    audit(svc, update, command, _audit_line(outcome))
    if outcome.status == CLOSED:
        await query.answer(closed_note(outcome.preview), show_alert=True)
        return
    if context.job_queue is not None:
        for job in context.job_queue.get_jobs_by_name(expiry_job_name(outcome.preview.id)):
            job.schedule_removal()
    await query.answer(_TOASTS[outcome.status])
    markup = render_outcome(svc, outcome.status, outcome.preview, outcome.article_id)
    await edit_quietly(query.edit_message_text, markup)
    if outcome.status == PUBLISHED and outcome.article_id is not None:
        # Posting to every opted-in chat may take a while; the admin need not wait.
        context.application.create_task(
            announce_article(context.bot, svc, outcome.article_id, job_queue=context.job_queue),
            update=update,
        )


def _audit_line(outcome: Outcome) -> str:
    if outcome.status == CLOSED:
        return f"already {outcome.preview.status}"
    if outcome.article_id is not None:
        return f"{outcome.status} article {outcome.article_id}"
    return outcome.status


async def expire_preview(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A preview's time is up: close it and take its buttons away."""
    svc = services(context)
    try:
        preview = svc.store.preview(context.job.data)
    except NotFound:
        return
    if not svc.store.close_preview(preview.id, EXPIRED) or preview.message_id is None:
        return
    markup = render_outcome(svc, EXPIRED, preview, None)
    try:
        await context.bot.edit_message_text(
            markup, chat_id=preview.chat_id, message_id=preview.message_id
        )
    except BadRequest as exc:  # the admin deleted the preview message meanwhile
        log.info("preview %s expired; its message could not be edited: %s", preview.id, exc)


COMMANDS = [ADDSEED]
HANDLERS: list[BaseHandler] = [
    MessageHandler(
        filters.UpdateType.MESSAGE & filters.CaptionRegex(_CAPTION_COMMAND), addseed_caption
    ),
    # Ids as the bot writes them; longer digit runs are forged and would overflow SQLite.
    CallbackQueryHandler(preview_pressed, pattern=r"^seed:(pub|cancel):\d{1,9}$"),
]
