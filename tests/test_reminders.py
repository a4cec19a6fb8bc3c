"""Reminders: on time in every timezone, exactly once, through restarts and faults.

The clock is a parameter (Services.clock), so no test waits for real time:
DST is checked on the real APScheduler trigger the JobQueue builds, and
delivery runs against the local Bot API server with injected faults.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from telegram import Bot

from bot.app import build_application, open_services, start_application, stop_application
from bot.records import Fact, ParsedArticle, Subscription
from bot.reminders import (
    KIND_ON_THIS_DAY,
    deliver_once,
    job_name,
    rebuild_jobs,
    schedule_reminder,
    send_reminder,
)
from tests.conftest import bot_config

UTC = dt.UTC
PHNOM_PENH = "Asia/Phnom_Penh"
TOKYO = "Asia/Tokyo"


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: str) -> None:
        self.now = at(now)

    def __call__(self) -> dt.datetime:
        return self.now


def subscription(
    chat_id: int, timezone: str = PHNOM_PENH, time: str = "09:00", **extra
) -> Subscription:
    return Subscription(chat_id=chat_id, time=time, timezone=timezone, **extra)


def fire_times(job, start: dt.datetime, count: int) -> list[dt.datetime]:
    """The next ``count`` times the job's real trigger fires after ``start``, in UTC."""
    trigger = job.job.trigger
    times, previous, now = [], None, start
    for _ in range(count):
        fire = trigger.get_next_fire_time(previous, now)
        times.append(fire.astimezone(UTC))
        previous, now = fire, fire + dt.timedelta(seconds=1)
    return times


@pytest.fixture
def application(config):
    return build_application(config)


@pytest.mark.parametrize(
    ("timezone", "start", "expected"),
    [
        # Europe/Berlin springs forward on 29 March 2026: 09:00 is 08:00 UTC, then 07:00 UTC.
        ("Europe/Berlin", "2026-03-27T12:00+00:00",
         ["2026-03-28T08:00", "2026-03-29T07:00", "2026-03-30T07:00"]),
        # ... and falls back on 25 October 2026.
        ("Europe/Berlin", "2026-10-23T12:00+00:00",
         ["2026-10-24T07:00", "2026-10-25T08:00", "2026-10-26T08:00"]),
        # America/New_York: 8 March and 1 November 2026.
        ("America/New_York", "2026-03-06T18:00+00:00",
         ["2026-03-07T14:00", "2026-03-08T13:00", "2026-03-09T13:00"]),
        ("America/New_York", "2026-10-30T18:00+00:00",
         ["2026-10-31T13:00", "2026-11-01T14:00", "2026-11-02T14:00"]),
    ],
)  # fmt: skip
def test_dst_changes_keep_the_local_time(application, timezone, start, expected):
    job = schedule_reminder(application.job_queue, subscription(7, timezone), 3600)
    fired = fire_times(job, at(start), 3)
    assert [t.strftime("%Y-%m-%dT%H:%M") for t in fired] == expected
    assert {t.astimezone(ZoneInfo(timezone)).strftime("%H:%M") for t in fired} == {"09:00"}


def test_phnom_penh_and_tokyo_each_at_their_own_nine(application):
    penh = schedule_reminder(application.job_queue, subscription(1, PHNOM_PENH), 3600)
    tokyo = schedule_reminder(application.job_queue, subscription(2, TOKYO), 3600)
    start = at("2026-08-06T20:00+00:00")
    assert fire_times(tokyo, start, 1) == [at("2026-08-07T00:00+00:00")]
    assert fire_times(penh, start, 1) == [at("2026-08-07T02:00+00:00")]
    assert penh.job.misfire_grace_time == 3600 and penh.job.coalesce is True
    assert [j.name for j in application.job_queue.jobs()] == [job_name(1), job_name(2)]


def test_rescheduling_replaces_the_old_job(application):
    schedule_reminder(application.job_queue, subscription(1, time="08:00"), 60)
    job = schedule_reminder(application.job_queue, subscription(1, time="10:30"), 60)
    live = [j for j in application.job_queue.jobs() if not j.removed]
    assert live == [job]
    assert schedule_reminder(application.job_queue, subscription(1, active=False), 60) is None


# -- delivery against the local Bot API server ------------------------------------------


@pytest.fixture
async def bot(botapi):
    bot = Bot(botapi.token, base_url=botapi.base_url)
    await bot.initialize()
    yield bot
    await bot.shutdown()


@pytest.fixture
def svc(botapi, tmp_path):
    services = open_services(bot_config(botapi, tmp_path))
    yield services
    services.store.close()


def add_facts(store, facts: list[Fact], title: str = "Leap day accord") -> None:
    parsed = ParsedArticle(
        title=title,
        body=" ".join(f.sentence for f in facts),
        sentences=[f.sentence for f in facts],
        source="Test Wire",
        published="2016-03-01",
        content_hash=f"c:{title}",
        body_hash=f"b:{title}",
    )
    store.add_article(parsed, facts, [])


async def test_two_chats_in_their_own_timezones_get_their_seventh_of_august(svc, bot, botapi):
    for chat_id, timezone in ((11, PHNOM_PENH), (22, TOKYO)):
        svc.store.save_subscription(subscription(chat_id, timezone))
    # 00:00 UTC is 09:00 in Tokyo but still 07:00 in Phnom Penh: both on 7 August.
    svc.clock = lambda: at("2026-08-07T00:00+00:00")
    for sub in svc.store.subscriptions():
        local_day = svc.clock().astimezone(ZoneInfo(sub.timezone)).date()
        assert local_day == dt.date(2026, 8, 7)
        assert await send_reminder(bot, svc, sub, local_day) == "sent"
    for chat_id in (11, 22):
        [text] = botapi.sent_texts(chat_id)
        assert "9 years ago (2017)" in text and "Hun Sen" in text


async def test_29_february_is_remembered_on_28_february(svc, bot, botapi):
    add_facts(
        svc.store,
        [Fact(kind="agreement", sentence="A fisheries accord was signed on 29 February 2016.",
              date="2016-02-29", precision="day", countries=["Laos", "Thailand"],
              subject="fisheries accord", status="signed", sentence_index=0)],
    )  # fmt: skip
    sub = subscription(5)
    svc.store.save_subscription(sub)
    assert await send_reminder(bot, svc, sub, dt.date(2027, 2, 28)) == "sent"
    assert "11 years ago (2016)" in botapi.sent_texts(5)[0]
    assert await send_reminder(bot, svc, sub, dt.date(2028, 2, 28)) == "nothing"
    assert await send_reminder(bot, svc, sub, dt.date(2028, 2, 29)) == "sent"
    assert len(botapi.sent_texts(5)) == 2


async def test_no_items_no_message_unless_the_chat_wants_the_line(svc, bot, botapi):
    quiet, chatty = subscription(6), subscription(7, nothing_today=True)
    day = dt.date(2026, 3, 3)
    assert await send_reminder(bot, svc, quiet, day) == "nothing"
    assert await send_reminder(bot, svc, chatty, day) == "sent"
    assert botapi.sent_texts(6) == []
    assert botapi.sent_texts(7) == ["📅 Nothing to remember on 3 March."]


async def test_two_jobs_firing_together_post_once(svc, bot, botapi):
    sub = subscription(8)
    svc.store.save_subscription(sub)
    import asyncio

    results = await asyncio.gather(
        *(send_reminder(bot, svc, sub, dt.date(2026, 8, 7)) for _ in range(5))
    )
    assert sorted(results) == ["duplicate"] * 4 + ["sent"]
    assert len(botapi.sent_texts(8)) == 1


async def test_a_crash_between_send_and_log_never_posts_twice(svc, bot, botapi, monkeypatch):
    """We claim before sending: a crash after the send (before 'sent' is written) leaves the
    claim, so the restarted bot does not post again. The other side — resending unconfirmed
    claims — would post twice whenever the crash came after Telegram accepted the message."""
    sub = subscription(9)
    svc.store.save_subscription(sub)

    def crash(*args, **kwargs):
        raise SystemExit("killed after the send")

    monkeypatch.setattr(svc.store, "finish_send", crash)
    with pytest.raises(SystemExit):
        await send_reminder(bot, svc, sub, dt.date(2026, 8, 7))
    monkeypatch.undo()
    assert len(botapi.sent_texts(9)) == 1
    assert svc.store.send_status(9, "2026-08-07", KIND_ON_THIS_DAY) == "claimed"
    assert await send_reminder(bot, svc, sub, dt.date(2026, 8, 7)) == "duplicate"
    assert len(botapi.sent_texts(9)) == 1


async def test_403_deactivates_the_subscription(svc, bot, botapi):
    sub = subscription(10)
    svc.store.save_subscription(sub)
    botapi.block_chat(10)
    assert await send_reminder(bot, svc, sub, dt.date(2026, 8, 7)) == "blocked"
    assert svc.store.subscription(10).active is False
    assert svc.store.subscriptions() == []


async def test_migration_moves_subscription_job_and_send_log(svc, botapi, tmp_path):
    application = build_application(bot_config(botapi, tmp_path))
    await start_application(application)
    try:
        svc_app = application.bot_data["services"]
        old, new = -300, -1000000000300
        sub = subscription(old, chat_type="group")
        svc_app.store.save_subscription(sub)
        schedule_reminder(application.job_queue, sub, 3600)
        svc_app.store.claim_send(old, "2026-08-06", KIND_ON_THIS_DAY)
        botapi.inject("sendMessage", chat_id=old, migrate_to_chat_id=new)
        outcome = await send_reminder(
            application.bot, svc_app, sub, dt.date(2026, 8, 7), job_queue=application.job_queue
        )
        assert outcome == "sent"
        assert svc_app.store.subscription(old) is None
        assert svc_app.store.subscription(new).chat_type == "supergroup"
        assert {row["chat_id"] for row in svc_app.store.send_log()} == {new}
        assert svc_app.store.send_status(new, "2026-08-06", KIND_ON_THIS_DAY) == "claimed"
        names = {j.name for j in application.job_queue.jobs() if not j.removed}
        assert names == {job_name(new)}
        assert len(botapi.sent_texts(new)) == 1 and botapi.sent_texts(old) == []
    finally:
        await stop_application(application)


async def test_429_is_waited_out_and_sent_once(svc, botapi, tmp_path):
    application = build_application(bot_config(botapi, tmp_path))  # with AIORateLimiter
    await start_application(application)
    try:
        svc_app = application.bot_data["services"]
        sub = subscription(12)
        botapi.inject("sendMessage", chat_id=12, retry_after=0.2)
        outcome = await send_reminder(application.bot, svc_app, sub, dt.date(2026, 8, 7))
        assert outcome == "sent"
        assert [c.status for c in botapi.calls_of("sendMessage")] == [429, 200]
        assert len(botapi.sent_texts(12)) == 1
    finally:
        await stop_application(application)


async def test_network_errors_are_retried_with_backoff(svc, bot, botapi):
    sub = subscription(13)
    botapi.inject("sendMessage", chat_id=13, status=500, description="Internal Server Error")
    # 500 is a definitive answer (nothing was posted): PTB raises NetworkError for 5xx.
    assert await send_reminder(bot, svc, sub, dt.date(2026, 8, 7)) == "sent"
    assert len(botapi.sent_texts(13)) == 1


# -- restarts ------------------------------------------------------------------------------


async def restart(botapi, tmp_path, clock: Clock):
    application = build_application(bot_config(botapi, tmp_path), clock=clock)
    await start_application(application)
    return application


async def test_restart_after_the_time_sends_the_missed_reminder_once(botapi, tmp_path):
    clock = Clock("2026-08-07T08:00+07:00")  # before 09:00 in Phnom Penh
    application = await restart(botapi, tmp_path, clock)
    application.bot_data["services"].store.save_subscription(subscription(21))
    await stop_application(application)

    clock.now = at("2026-08-07T10:30+07:00")  # down over 09:00; back within the 6 h grace
    application = await restart(botapi, tmp_path, clock)
    try:
        await botapi.wait_for("sendMessage", predicate=lambda c: c.chat_id == 21)
    finally:
        await stop_application(application)
    assert len(botapi.sent_texts(21)) == 1

    clock.now = at("2026-08-07T11:00+07:00")  # a second restart the same day: nothing more
    application = await restart(botapi, tmp_path, clock)
    try:
        assert not [j for j in application.job_queue.jobs() if j.name.startswith("catchup:")]
    finally:
        await stop_application(application)
    assert len(botapi.sent_texts(21)) == 1


async def test_restart_before_the_time_only_schedules(botapi, tmp_path):
    clock = Clock("2026-08-07T08:59+07:00")
    application = await restart(botapi, tmp_path, clock)
    try:
        svc = application.bot_data["services"]
        svc.store.save_subscription(subscription(22))
        assert rebuild_jobs(application) == 1
        names = [j.name for j in application.job_queue.jobs() if not j.removed]
        assert names == [job_name(22)]
    finally:
        await stop_application(application)


async def test_missed_beyond_the_grace_period_is_not_sent_late(botapi, tmp_path):
    clock = Clock("2026-08-07T08:00+07:00")
    application = await restart(botapi, tmp_path, clock)
    application.bot_data["services"].store.save_subscription(subscription(23))
    await stop_application(application)
    clock.now = at("2026-08-07T15:30+07:00")  # 6.5 h late
    application = await restart(botapi, tmp_path, clock)
    try:
        assert not [j for j in application.job_queue.jobs() if j.name.startswith("catchup:")]
    finally:
        await stop_application(application)
    assert botapi.sent_texts(23) == []


async def test_deliver_once_keys_on_chat_day_and_kind(svc, bot, botapi):
    assert await deliver_once(bot, svc, 30, "2026-08-07", "article:1", "hello") == "sent"
    assert await deliver_once(bot, svc, 30, "2026-08-07", "article:1", "hello") == "duplicate"
    assert await deliver_once(bot, svc, 30, "2026-08-07", "article:2", "other") == "sent"
    assert await deliver_once(bot, svc, 30, "2026-08-08", "article:1", "hello") == "sent"
    assert botapi.sent_texts(30) == ["hello", "other", "hello"]
