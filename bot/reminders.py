"""Daily "on this day" reminders and new-article posts: jobs, send log, delivery.

Each subscribed chat has one JobQueue job named ``reminder:<chat_id>`` that
fires at the chat's local time in its own zoneinfo timezone (APScheduler's
cron trigger keeps 09:00 at 09:00 across DST changes). Jobs are rebuilt from
the database at start, so nothing lives only in memory.

Exactly-once delivery rests on the send log's unique key (chat, local date,
kind): a post is *claimed* (committed) before it is sent, so a restart, a
second job or a kill -9 can never post it twice. The price is at-most-once
in one narrow window: a crash after the claim and before Telegram answers
loses that post; we choose that side because a duplicate is visible to every
member of a group while a rare miss is not, and because Telegram offers no
idempotency key that would let a resend be safe. The window stays narrow in a
broadcast too: a post is claimed only once one of ``SENDS_IN_FLIGHT`` send
slots is free, so a kill -9 loses at most that many, not every chat queued
behind the rate limiter.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ContextTypes, Job, JobQueue

from bot.anniversaries import items_for_day
from bot.records import Subscription
from bot.render import split_message
from bot.services import SERVICES_KEY, Services, services

log = logging.getLogger(__name__)

KIND_ON_THIS_DAY = "onthisday"
NETWORK_ATTEMPTS = 3
BACKOFF_SECONDS = 0.5
MAX_RETRY_AFTER_SECONDS = 120


def job_name(chat_id: int) -> str:
    return f"reminder:{chat_id}"


def reminder_time(subscription: Subscription) -> dt.time:
    """The subscription's local time, carrying its timezone for the cron trigger."""
    hour, minute = (int(part) for part in subscription.time.split(":"))
    return dt.time(hour, minute, tzinfo=ZoneInfo(subscription.timezone))


def scheduled_today(subscription: Subscription, now: dt.datetime) -> dt.datetime:
    """When today's reminder (in the chat's own calendar) is due, as an aware datetime."""
    zone = ZoneInfo(subscription.timezone)
    local = now.astimezone(zone)
    due = reminder_time(subscription).replace(tzinfo=None)
    return dt.datetime.combine(local.date(), due, tzinfo=zone)


def schedule_reminder(
    job_queue: JobQueue, subscription: Subscription, grace_seconds: int
) -> Job | None:
    """(Re)create the chat's daily job; the old one is removed first."""
    unschedule_reminder(job_queue, subscription.chat_id)
    if not subscription.active:
        return None
    return job_queue.run_daily(
        reminder_job,
        time=reminder_time(subscription),
        name=job_name(subscription.chat_id),
        chat_id=subscription.chat_id,
        # A job delayed (busy loop, suspended host) still runs within the grace
        # period; several missed runs collapse into one.
        job_kwargs={"misfire_grace_time": grace_seconds, "coalesce": True},
    )


def unschedule_reminder(job_queue: JobQueue, chat_id: int) -> None:
    for job in job_queue.get_jobs_by_name(job_name(chat_id)):
        job.schedule_removal()


def grace_seconds(svc: Services) -> int:
    return int(svc.config.limits.reminder_grace_hours * 3600)


def rebuild_jobs(application: Application, now: dt.datetime | None = None) -> int:
    """Schedule every active subscription, and today's missed reminders within grace.

    Runs in post_init. A reminder whose time passed while the bot was down
    (and less than the grace period ago) goes out right after start; the send
    log tells which ones already went.
    """
    svc: Services = application.bot_data[SERVICES_KEY]
    now = now or svc.clock()
    grace = grace_seconds(svc)
    count = 0
    for subscription in svc.store.subscriptions():
        schedule_reminder(application.job_queue, subscription, grace)
        count += 1
        due = scheduled_today(subscription, now)
        late = (now - due).total_seconds()
        local_date = due.date().isoformat()
        if (
            0 <= late <= grace
            and svc.store.send_status(subscription.chat_id, local_date, KIND_ON_THIS_DAY) is None
        ):
            application.job_queue.run_once(
                catch_up_job,
                when=0,
                chat_id=subscription.chat_id,
                data=local_date,
                name=f"catchup:{subscription.chat_id}",
            )
    log.info("scheduled %d reminder job(s)", count)
    return count


async def reminder_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The daily job: today's items for one chat, in the chat's own calendar."""
    svc = services(context)
    chat_id = context.job.chat_id
    subscription = svc.store.subscription(chat_id)
    if subscription is None or not subscription.active:
        context.job.schedule_removal()
        return
    today = svc.clock().astimezone(ZoneInfo(subscription.timezone)).date()
    await send_reminder(context.bot, svc, subscription, today, job_queue=context.job_queue)


async def catch_up_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A reminder missed during downtime, for the local date it was due."""
    svc = services(context)
    subscription = svc.store.subscription(context.job.chat_id)
    if subscription is None or not subscription.active:
        return
    day = dt.date.fromisoformat(context.job.data)
    await send_reminder(context.bot, svc, subscription, day, job_queue=context.job_queue)


def render_reminder(svc: Services, day: dt.date, *, nothing_line: bool) -> str | None:
    """The reminder text for ``day``; None when there is nothing to say.

    A thousand chats due in the same minute share one rendering: the text is
    cached per day until the stored facts change.
    """
    key = (day, nothing_line, svc.store.version())
    if key not in svc.reminder_texts:
        if len(svc.reminder_texts) > 64:
            svc.reminder_texts.clear()
        items = items_for_day(svc.store.facts_for_calendar_day(day.month, day.day), day)
        text = None
        if items or nothing_line:
            sources = item_sources(svc, items)
            text = svc.renderer.render("onthisday", items=items, day=day, sources=sources)
        svc.reminder_texts[key] = text
    return svc.reminder_texts[key]


def item_sources(svc: Services, items: list) -> dict[int, object]:
    """The articles the items come from, by id, for their source lines."""
    return {item.article_id: svc.store.article(item.article_id) for item in items}


async def send_reminder(
    bot: Bot,
    svc: Services,
    subscription: Subscription,
    day: dt.date,
    *,
    job_queue: JobQueue | None = None,
) -> str:
    """Post ``day``'s reminder to one chat at most once; returns what happened."""
    markup = render_reminder(svc, day, nothing_line=subscription.nothing_today)
    if markup is None:
        return "nothing"
    return await deliver_once(
        bot,
        svc,
        subscription.chat_id,
        day.isoformat(),
        KIND_ON_THIS_DAY,
        markup,
        job_queue=job_queue,
    )


async def deliver_once(
    bot: Bot,
    svc: Services,
    chat_id: int,
    local_date: str,
    kind: str,
    markup: str,
    *,
    job_queue: JobQueue | None = None,
) -> str:
    """Claim (chat, date, kind), send, and record the outcome.

    - already claimed: nothing is sent ("duplicate");
    - 403 Forbidden (blocked, kicked): the subscription is deactivated ("blocked");
    - the group became a supergroup: subscription, job and send log move to the
      new id and the post goes there ("sent");
    - 429: python-telegram-bot's rate limiter waits and retries; if it still
      fails we wait retry_after ourselves (bounded);
    - connection errors: retried with backoff; if they persist the claim is
      given back so a later start can catch up ("failed").
    """
    # Claim only when a slot is free: a claim must not wait in the rate
    # limiter's queue, where a kill would lose it unsent.
    async with svc.send_slots:
        return await _claim_and_send(
            bot, svc, chat_id, local_date, kind, markup, job_queue=job_queue
        )


async def _claim_and_send(
    bot: Bot,
    svc: Services,
    chat_id: int,
    local_date: str,
    kind: str,
    markup: str,
    *,
    job_queue: JobQueue | None,
) -> str:
    """deliver_once after a send slot is taken."""
    store = svc.store
    if not store.claim_send(chat_id, local_date, kind):
        log.info("chat %s: %s for %s already sent; skipping", chat_id, kind, local_date)
        return "duplicate"
    target = chat_id
    for attempt in range(1, NETWORK_ATTEMPTS + 2):
        try:
            message_id = await _send_pieces(bot, target, markup)
        except ChatMigrated as exc:
            new_id = exc.new_chat_id
            log.info("chat %s migrated to %s; moving its subscription", target, new_id)
            move_chat(store, job_queue, target, new_id, grace=grace_seconds(svc))
            target = new_id
            continue
        except Forbidden as exc:
            log.info("chat %s refuses messages (%s); deactivating", target, exc.message)
            store.set_subscription_active(target, False)
            if job_queue is not None:
                unschedule_reminder(job_queue, target)
            store.finish_send(target, local_date, kind, status="failed", detail="forbidden")
            return "blocked"
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after)
            if wait > MAX_RETRY_AFTER_SECONDS or attempt > NETWORK_ATTEMPTS:
                store.release_send(target, local_date, kind)
                log.warning("chat %s: flood limit for %ss; giving up for now", target, wait)
                return "failed"
            await asyncio.sleep(wait)
            continue
        except TimedOut:
            # The request may have reached Telegram: resending could post twice.
            store.finish_send(target, local_date, kind, status="failed", detail="timed out")
            log.warning("chat %s: send timed out; not resending (at most once)", target)
            return "failed"
        except BadRequest as exc:
            store.finish_send(target, local_date, kind, status="failed", detail=exc.message[:200])
            log.warning("chat %s: Telegram refused the reminder: %s", target, exc.message)
            if "chat not found" in exc.message.lower():
                store.set_subscription_active(target, False)
            return "failed"
        except NetworkError as exc:
            if attempt >= NETWORK_ATTEMPTS:
                store.release_send(target, local_date, kind)
                log.warning("chat %s: network error, giving up: %s", target, exc.message)
                return "failed"
            await asyncio.sleep(BACKOFF_SECONDS * 2 ** (attempt - 1))
            continue
        store.finish_send(target, local_date, kind, status="sent", message_id=message_id)
        return "sent"
    store.release_send(target, local_date, kind)
    return "failed"


def _seconds(value: float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


async def _send_pieces(bot: Bot, chat_id: int, markup: str) -> int:
    message_id = 0
    for piece in split_message(markup):
        message = await bot.send_message(chat_id, piece)
        message_id = message.message_id
    return message_id


def move_chat(store, job_queue: JobQueue | None, old_id: int, new_id: int, *, grace: int) -> None:
    """A group upgraded to a supergroup: move its subscription, send log and job."""
    if not store.migrate_chat(old_id, new_id):
        return
    if job_queue is not None:
        unschedule_reminder(job_queue, old_id)
        subscription = store.subscription(new_id)
        if subscription is not None:
            schedule_reminder(job_queue, subscription, grace)


async def announce_article(
    bot: Bot,
    svc: Services,
    article_id: int,
    *,
    job_queue: JobQueue | None = None,
    now: dt.datetime | None = None,
    render: Callable[[int], str] | None = None,
) -> dict[str, int]:
    """Post a new article's title, summary and key facts to chats that opted in."""
    now = now or svc.clock()
    markup = render(article_id) if render else render_article_post(svc, article_id)
    outcomes: dict[str, int] = {}
    sends: list[Awaitable[str]] = []
    for subscription in svc.store.subscriptions(articles=True):
        local_date = now.astimezone(ZoneInfo(subscription.timezone)).date().isoformat()
        sends.append(
            deliver_once(
                bot,
                svc,
                subscription.chat_id,
                local_date,
                f"article:{article_id}",
                markup,
                job_queue=job_queue,
            )
        )
    for outcome in await asyncio.gather(*sends):
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def render_article_post(svc: Services, article_id: int) -> str:
    from bot.summary import key_facts_digest

    article = svc.store.article(article_id)
    facts = svc.store.facts(article_id=article_id)
    return svc.renderer.render(
        "article_post", article=article, summary=article.summary, digest=key_facts_digest(facts)
    )
