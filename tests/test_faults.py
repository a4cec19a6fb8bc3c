"""Faults: the real bot against a local Bot API server that misbehaves on purpose.

Each test breaks one thing the way Telegram (or the network to it) does — 429 with
retry_after, 5xx, slow answers, timeouts, 403 for a chat, 400 "upgraded to a supergroup",
dropped connections, a dropped getUpdates — and checks what the user sees: the reply or
the reminder arrives exactly once, a blocked chat's subscription is turned off, a migrated
one moves. Afterwards the bot must still answer.

Timeouts and dropped connections are ambiguous (the call may have reached Telegram): a
reminder is then *not* resent (at most once, as bot/reminders.py documents), and an ordinary
reply is not repeated either. PTB's read timeout is shortened here so a timeout costs 1 s.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from telegram.ext import Application

import bot.app as app_module
from bot.app import stop_application
from bot.ingest import prepare, store_prepared
from bot.records import Subscription
from bot.reminders import announce_article, job_name
from bot.services import SERVICES_KEY, Services
from bot.store import Store
from bot.transport import RetryingRequest
from tests.botapi.server import Call, FakeBotAPI
from tests.botapi.updates import message_update
from tests.conftest import bot_config, start_bot

TIMEOUT = 1.0  # PTB's read timeout for Bot API calls in this module
USER = 1001
SEARCH = "/search skytrain"
SKYTRAIN_REPLY_START = "🔎 <b>1</b> sentence matches “skytrain”"
NEW_GROUP = -1_002_007


@pytest.fixture(autouse=True)
def short_timeouts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        app_module, "RetryingRequest", functools.partial(RetryingRequest, read_timeout=TIMEOUT)
    )


@pytest_asyncio.fixture
async def quick_bot(botapi: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Application]:
    application = await start_bot(bot_config(botapi, tmp_path))
    try:
        yield application
    finally:
        await stop_application(application)


def services(application: Application) -> Services:
    return application.bot_data[SERVICES_KEY]


def attempts(botapi: FakeBotAPI, chat_id: int) -> list[Call]:
    return [c for c in botapi.calls_of("sendMessage") if c.chat_id == chat_id]


def delivered(botapi: FakeBotAPI, chat_id: int) -> int:
    return sum(c.ok for c in attempts(botapi, chat_id))


async def until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait for a state the bot reaches on its own (a job, a background task)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.02)


async def still_serves(botapi: FakeBotAPI, user_id: int = USER) -> None:
    """A command after the fault gets its one reply."""
    [reply] = await botapi.request_reply(message_update("/start", user_id=user_id), timeout=10)
    assert reply["text"].startswith("👋 <b>Hello")


def no_errors(caplog: pytest.LogCaptureFixture) -> None:
    """Faults are warnings: nothing was logged as an error (no "unhandled error")."""
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


# -- replies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "statuses"),
    [
        ({"retry_after": 0.2}, [429, 200]),
        ({"status": 500}, [500, 200]),
        ({"status": 502}, [502, 200]),
        ({"status": 503, "times": 2}, [503, 503, 200]),
        ({"delay": 0.2}, [200]),
    ],
    ids=["429", "500", "502", "503-twice", "slow"],
)
async def test_a_reply_arrives_exactly_once_despite(
    quick_bot, botapi, caplog, fault: dict[str, Any], statuses: list[int]
):
    botapi.inject("sendMessage", chat_id=USER, **fault)
    replies = await botapi.request_reply(message_update(SEARCH), timeout=10, quiet=0.3)
    assert len(replies) == 1 and replies[0]["text"].startswith(SKYTRAIN_REPLY_START)
    assert [c.status for c in attempts(botapi, USER)] == statuses
    no_errors(caplog)
    await still_serves(botapi)


@pytest.mark.parametrize(
    "fault",
    [{"delay": 2 * TIMEOUT}, {"drop_connection": True}],
    ids=["timeout", "dropped-connection"],
)
async def test_an_ambiguous_failure_is_not_repeated(quick_bot, botapi, caplog, fault):
    """The send may have reached Telegram: the bot does not ask twice, and carries on."""
    caplog.set_level(logging.WARNING)
    botapi.inject("sendMessage", chat_id=USER, **fault)
    botapi.push_update(message_update(SEARCH))
    await botapi.wait_for("sendMessage", predicate=lambda c: c.chat_id == USER, timeout=10)
    await asyncio.sleep(TIMEOUT)  # time for a resend, if the bot made one
    assert len(attempts(botapi, USER)) == 1
    assert delivered(botapi, USER) <= 1
    warnings = [r.getMessage() for r in caplog.records if r.name == "handlers.errors"]
    assert len(warnings) == 1 and "Telegram error" in warnings[0]
    no_errors(caplog)
    botapi.clear()
    await still_serves(botapi)


async def test_a_chat_that_blocked_the_bot_does_not_stop_the_others(quick_bot, botapi, caplog):
    botapi.block_chat(USER)
    botapi.push_update(message_update(SEARCH))
    [refused] = await botapi.wait_for("sendMessage", predicate=lambda c: c.chat_id == USER)
    assert refused.status == 403 and delivered(botapi, USER) == 0
    await still_serves(botapi, user_id=2002)
    botapi.unblock_chat(USER)
    await still_serves(botapi)
    no_errors(caplog)


@pytest.mark.parametrize(
    "fault",
    [{"drop_connection": True}, {"status": 502}, {"retry_after": 0.2}],
    ids=["dropped-connection", "502", "429"],
)
async def test_polling_recovers_from_a_broken_get_updates(quick_bot, botapi, fault):
    injection = botapi.inject("getUpdates", **fault)
    # An update ends the long poll in progress, so the next getUpdates is the broken one.
    await still_serves(botapi)
    await botapi.wait_for("getUpdates", predicate=lambda c: not c.ok, timeout=10)
    assert injection.hits == 1
    replies = await botapi.request_reply(message_update(SEARCH), timeout=10, quiet=0.3)
    assert len(replies) == 1 and replies[0]["text"].startswith(SKYTRAIN_REPLY_START)
    searched = [c for c in attempts(botapi, USER) if "skytrain" in c.params["text"]]
    assert [c.status for c in searched] == [200]


# -- reminders and new-article posts --------------------------------------------------------

# One chat per fault, all in the same broadcast.
BROADCAST_FAULTS: dict[int, dict[str, Any]] = {
    2001: {},
    2002: {"retry_after": 0.2},
    2003: {"status": 500},
    2004: {"delay": 0.2},
    2005: {"drop_connection": True},
    2006: {"blocked": True},
    -2007: {"migrate_to_chat_id": NEW_GROUP},
    2008: {"delay": 2 * TIMEOUT},
}
SENT_ONCE = [2001, 2002, 2003, 2004, 2005]


def arm(botapi: FakeBotAPI) -> None:
    for chat_id, fault in BROADCAST_FAULTS.items():
        if fault.get("blocked"):
            botapi.block_chat(chat_id, "Forbidden: bot was blocked by the user")
        elif fault:
            botapi.inject("sendMessage", chat_id=chat_id, **fault)


def subscriptions(time: str, *, articles: bool) -> list[Subscription]:
    return [
        Subscription(
            chat_id=chat_id,
            time=time,
            timezone="Asia/Phnom_Penh",
            chat_type="group" if chat_id < 0 else "private",
            articles=articles,
        )
        for chat_id in BROADCAST_FAULTS
    ]


async def bot_with(botapi: FakeBotAPI, tmp_path: Path, subs: list[Subscription]) -> Application:
    """The bot started on a database that already holds ``subs``."""
    config = bot_config(botapi, tmp_path)
    store = Store.open(config.database)
    for subscription in subs:
        store.save_subscription(subscription)
    store.close()
    return await start_bot(config)


def finished(svc: Services) -> bool:
    rows = svc.store.send_log()
    return len(rows) == len(BROADCAST_FAULTS) and all(r["status"] != "claimed" for r in rows)


async def assert_outcomes(botapi: FakeBotAPI, application: Application, kind: str) -> None:
    """Exactly once where Telegram answered; off when blocked; moved when migrated."""
    svc = services(application)
    # The server records the timed-out call once it gives up on it too.
    await botapi.wait_for("sendMessage", predicate=lambda c: c.chat_id == 2008, timeout=5)
    for chat_id in SENT_ONCE:
        assert delivered(botapi, chat_id) == 1, chat_id
    statuses = {(r["chat_id"], r["kind"]): (r["status"], r["detail"]) for r in svc.store.send_log()}
    assert statuses == {
        **{(chat_id, kind): ("sent", None) for chat_id in SENT_ONCE},
        (2006, kind): ("failed", "forbidden"),
        (NEW_GROUP, kind): ("sent", None),
        (2008, kind): ("failed", "timed out"),
    }
    # Blocked: turned off and unscheduled; nothing delivered.
    assert delivered(botapi, 2006) == 0
    assert svc.store.subscription(2006).active is False
    jobs = {j.name for j in application.job_queue.jobs() if not j.removed}
    assert job_name(2006) not in jobs
    # Migrated: one post, in the new supergroup, whose subscription and job took over.
    assert delivered(botapi, -2007) == 0 and delivered(botapi, NEW_GROUP) == 1
    assert svc.store.subscription(-2007) is None
    assert svc.store.subscription(NEW_GROUP).active is True
    assert job_name(NEW_GROUP) in jobs and job_name(-2007) not in jobs
    # Timed out: asked once and never again (at most once).
    assert len(attempts(botapi, 2008)) == 1 and delivered(botapi, 2008) <= 1


async def test_reminders_caught_up_at_start_arrive_once_under_faults(botapi, tmp_path, caplog):
    arm(botapi)
    # 09:00 reminders, the bot starting at 10:00: every chat is caught up at once.
    application = await bot_with(botapi, tmp_path, subscriptions("09:00", articles=False))
    try:
        await until(lambda: finished(services(application)))
        await assert_outcomes(botapi, application, "onthisday")
        await still_serves(botapi)
    finally:
        await stop_application(application)

    # A restart the same day sends nothing again, not even where the send timed out.
    botapi.clear()
    application = await start_bot(bot_config(botapi, tmp_path))
    try:
        await still_serves(botapi)
        assert botapi.calls_of("sendMessage") == [c for c in botapi.calls if c.chat_id == USER]
    finally:
        await stop_application(application)
    no_errors(caplog)


async def test_a_new_article_post_arrives_once_under_faults(botapi, tmp_path, caplog):
    arm(botapi)
    application = await bot_with(botapi, tmp_path, subscriptions("23:00", articles=True))
    try:
        svc = services(application)
        text = (Path(__file__).parent / "articles").glob("*.txt").__next__().read_text()
        article_id = store_prepared(svc.store, prepare(text), name="t", origin=None).article_id
        kind = f"article:{article_id}"
        outcomes = await announce_article(
            application.bot, svc, article_id, job_queue=application.job_queue
        )
        assert outcomes == {"sent": 6, "blocked": 1, "failed": 1}
        await assert_outcomes(botapi, application, kind)
        again = await announce_article(
            application.bot, svc, article_id, job_queue=application.job_queue
        )
        assert again == {"duplicate": 7}  # the blocked chat is no longer subscribed
        assert len(botapi.calls_of("sendMessage", ok=True)) == 6
        await still_serves(botapi)
    finally:
        await stop_application(application)
    no_errors(caplog)
