"""/subscribe, /unsubscribe, /settings, /onthisday, /anniversaries, and the
chat-membership updates that keep subscriptions true to where the bot is."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from telegram import ChatMember, ChatMemberUpdated, Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, ChatMemberHandler, ContextTypes, MessageHandler, filters

from bot.anniversaries import parse_day, round_anniversaries
from bot.errors import UsageError
from bot.records import Subscription
from bot.reminders import (
    grace_seconds,
    item_sources,
    move_chat,
    render_reminder,
    schedule_reminder,
    scheduled_today,
    unschedule_reminder,
)
from bot.services import services
from handlers.base import Command, args_text, reply_html, reply_template

_TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.h]([0-5]\d)$")
ADMIN_STATUSES = {ChatMember.ADMINISTRATOR, ChatMember.OWNER}
GROUP_ANONYMOUS_BOT = 1087968824


def parse_time(text: str) -> str | None:
    match = _TIME_RE.match(text)
    return f"{int(match[1]):02d}:{match[2]}" if match else None


def parse_timezone(text: str) -> str | None:
    if "/" not in text and text.upper() not in {"UTC", "GMT"}:
        return None
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return text


async def may_manage(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Private chats manage themselves; in groups only administrators may.

    An anonymous administrator posts as the group itself (sender_chat is the
    chat, from is GroupAnonymousBot): only admins can do that, so it counts.
    """
    chat = update.effective_chat
    message = update.effective_message
    if chat.type == ChatType.PRIVATE:
        return True
    if message and message.sender_chat and message.sender_chat.id == chat.id:
        return True
    user = update.effective_user
    if user is None or user.id == GROUP_ANONYMOUS_BOT:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ADMIN_STATUSES


def local_now(context: ContextTypes.DEFAULT_TYPE, timezone: str) -> dt.datetime:
    return services(context).clock().astimezone(ZoneInfo(timezone))


def next_run_text(context: ContextTypes.DEFAULT_TYPE, subscription: Subscription) -> str:
    now = local_now(context, subscription.timezone)
    due = scheduled_today(subscription, now)
    if due <= now:
        due += dt.timedelta(days=1)
    return f"{due:%d %B, %H:%M} {subscription.timezone}".lstrip("0")


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Subscribe this chat: /subscribe [HH:MM] [Area/City] [articles]."""
    svc = services(context)
    existing = svc.store.subscription(update.effective_chat.id)
    time = existing.time if existing else svc.config.reminder_time
    timezone = existing.timezone if existing else svc.config.timezone
    articles = existing.articles if existing else False
    for word in context.args or []:
        if parsed := parse_time(word):
            time = parsed
        elif parsed := parse_timezone(word):
            timezone = parsed
        elif word.lower() in {"articles", "news"}:
            articles = True
        else:
            raise UsageError("subscribe", f"I don’t understand “{word[:40]}”.")
    if not await may_manage(update, context):
        await reply_template(update, context, "not_chat_admin")
        return
    chat = update.effective_chat
    subscription = Subscription(
        chat_id=chat.id,
        time=time,
        timezone=timezone,
        chat_type=chat.type,
        title=chat.title or chat.username or chat.first_name,
        articles=articles,
        nothing_today=existing.nothing_today if existing else False,
        active=True,
        subscribed_by=update.effective_user.id if update.effective_user else None,
    )
    svc.store.save_subscription(subscription)
    schedule_reminder(context.job_queue, subscription, grace_seconds(svc))
    await reply_template(
        update,
        context,
        "subscribed",
        sub=subscription,
        next_run=next_run_text(context, subscription),
    )


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop this chat's reminders (the settings are kept for a later /subscribe)."""
    if not await may_manage(update, context):
        await reply_template(update, context, "not_chat_admin")
        return
    svc = services(context)
    chat_id = update.effective_chat.id
    was = svc.store.subscription(chat_id)
    svc.store.set_subscription_active(chat_id, False)
    unschedule_reminder(context.job_queue, chat_id)
    await reply_template(update, context, "unsubscribed", was_subscribed=bool(was and was.active))


SWITCHES = {"on": True, "yes": True, "true": True, "off": False, "no": False, "false": False}


async def settings(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show the chat's settings, or change one: /settings time 08:30."""
    svc = services(context)
    chat_id = update.effective_chat.id
    subscription = svc.store.subscription(chat_id)
    args = context.args or []
    if not args or subscription is None:
        if args and subscription is None:
            raise UsageError("subscribe", "This chat has no reminders yet.")
        await reply_template(update, context, "settings", sub=subscription, changed=False)
        return
    if len(args) != 2:
        raise UsageError("settings")
    key, value = args[0].lower(), args[1]
    if key == "time" and (parsed := parse_time(value)):
        subscription.time = parsed
    elif key in {"timezone", "tz"} and (parsed := parse_timezone(value)):
        subscription.timezone = parsed
    elif key in {"articles", "news"} and value.lower() in SWITCHES:
        subscription.articles = SWITCHES[value.lower()]
    elif key in {"empty", "nothing"} and value.lower() in SWITCHES:
        subscription.nothing_today = SWITCHES[value.lower()]
    else:
        raise UsageError("settings", f"I can’t set “{key[:20]}” to “{value[:40]}”.")
    if not await may_manage(update, context):
        await reply_template(update, context, "not_chat_admin")
        return
    svc.store.save_subscription(subscription)
    schedule_reminder(context.job_queue, subscription, grace_seconds(svc))
    await reply_template(update, context, "settings", sub=subscription, changed=True)


async def on_this_day(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """What the reminder for a date says: /onthisday [YYYY-MM-DD | MM-DD]."""
    svc = services(context)
    subscription = svc.store.subscription(update.effective_chat.id)
    timezone = subscription.timezone if subscription else svc.config.timezone
    day = parse_day(args_text(context), local_now(context, timezone).date())
    await reply_html(update, render_reminder(svc, day, nothing_line=True))


async def anniversaries(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Round anniversaries of a year: /anniversaries [YEAR]."""
    svc = services(context)
    text = args_text(context)
    if text and not re.fullmatch(r"\d{4}", text):
        raise UsageError("anniversaries")
    year = int(text) if text else local_now(context, svc.config.timezone).year
    if not 1 <= year <= 9999:
        raise UsageError("anniversaries")
    items = round_anniversaries(svc.store.facts(), year)
    await reply_template(
        update, context, "anniversaries", items=items, year=year, sources=item_sources(svc, items)
    )


async def chat_migrated(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A group became a supergroup: its subscription, job and send log move along."""
    message = update.effective_message
    svc = services(context)
    if message.migrate_to_chat_id:
        move_chat(
            svc.store,
            context.job_queue,
            message.chat.id,
            message.migrate_to_chat_id,
            grace=grace_seconds(svc),
        )


def _was_member(change: ChatMemberUpdated) -> tuple[bool, bool]:
    def present(member: ChatMember) -> bool:
        return member.status in {ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER} or (
            member.status == ChatMember.RESTRICTED and getattr(member, "is_member", False)
        )

    return present(change.old_chat_member), present(change.new_chat_member)


async def bot_membership(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Removed from a chat: stop its reminders. Added to a group: say hello."""
    change = update.my_chat_member
    was, now = _was_member(change)
    svc = services(context)
    chat = change.chat
    if was and not now:
        svc.store.set_subscription_active(chat.id, False)
        unschedule_reminder(context.job_queue, chat.id)
    elif now and not was:
        if chat.type == ChatType.PRIVATE:
            return  # a user (re)starting the bot sends /start themselves
        # A chat that had reminders stays off until an admin subscribes again.
        markup = svc.renderer.render("greeting")
        await context.bot.send_message(chat.id, markup)


COMMANDS = [
    Command("onthisday", on_this_day),
    Command("anniversaries", anniversaries),
    Command("subscribe", subscribe),
    Command("unsubscribe", unsubscribe),
    Command("settings", settings),
]
HANDLERS: list[BaseHandler] = [
    MessageHandler(filters.StatusUpdate.MIGRATE, chat_migrated),
    ChatMemberHandler(bot_membership, ChatMemberHandler.MY_CHAT_MEMBER),
]
