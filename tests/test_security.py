"""Security: the token never reaches a log, admin paths refuse spoofed senders, and /addseed
never fetches a private address — not directly, not after a redirect.

Logs are captured in full (DEBUG, including httpx, httpcore, telegram and apscheduler)
across start, errors and shutdown, both from ``python -m bot run`` as a process and
in-process with ``bot.logs.setup_logging``.
"""

from __future__ import annotations

import asyncio
import functools
import io
import logging
import os
import signal
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from aiohttp import web
from telegram.ext import Application

import handlers.addseed
import handlers.search
from bot import fetch
from bot.app import registered_commands, stop_application
from bot.logs import setup_logging
from bot.services import SERVICES_KEY
from tests import pages
from tests.botapi import updates as tg
from tests.botapi.server import FakeBotAPI
from tests.conftest import ARTICLES, ROOT, bot_config, start_bot

TOKEN = "987654:SECRETtokenXYZ"
SECRET = "SECRETtokenXYZ"
ADMIN = 42
OTHER = 1001
GROUP = -4001
PUBLIC_IP = "93.184.216.34"
PRIVATE = "Not added: that address is private; I only fetch public pages."
ARTICLE = (
    "Japan and Cambodia sign a loan for a ring road\n\nPhnom Penh Post, 9 January 2018\n\n"
    "Japanese Foreign Minister Taro Kono visited Phnom Penh on January 8, 2018. The two "
    "countries signed a loan agreement worth $90 million for a ring road.\n"
)
NOISY = ("httpx", "httpcore", "telegram", "apscheduler", "aiohttp", "asyncio")


def assert_no_token(text: str) -> None:
    assert TOKEN not in text
    assert SECRET not in text
    assert SECRET.lower() not in text.lower()


# -- the token in logs --------------------------------------------------------------------


@pytest.fixture
def log_buffer() -> Iterator[io.StringIO]:
    """What bot.logs.setup_logging's handler writes, with every library at DEBUG."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in NOISY})
    buffer = io.StringIO()
    setup_logging("DEBUG", TOKEN)
    root.handlers[0].setStream(buffer)  # type: ignore[attr-defined]
    for name in NOISY:  # an operator debugging the network: the harshest case
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield buffer
    finally:
        root.handlers[:], root.level = saved[0], saved[1]
        for name, level in saved[2].items():
            logging.getLogger(name).setLevel(level)


async def test_in_process_logs_never_show_the_token(tmp_path, log_buffer, monkeypatch):
    def crash(*args: Any, **kwargs: Any) -> None:
        # An exception that carries the request URL, as httpx's own errors do.
        raise RuntimeError(f"POST {botapi.base_url}{TOKEN}/sendMessage failed")

    monkeypatch.setattr(handlers.search, "render_page", crash)
    async with FakeBotAPI(token=TOKEN) as botapi:
        application = await start_bot(bot_config(botapi, tmp_path))
        try:
            [apology] = await botapi.request_reply(tg.message_update("/search japan"))
            assert "something went wrong" in apology["text"]
            botapi.inject("sendMessage", status=500, times=3)  # more than the retries
            botapi.push_update(tg.message_update("/start"))
            await botapi.wait_for("sendMessage", count=3, ok=False)
            botapi.inject("getUpdates", drop_connection=True)
            await botapi.request_reply(tg.message_update("/help"), timeout=10)
        finally:
            await stop_application(application)
    text = log_buffer.getvalue()
    assert_no_token(text)
    # The capture saw what could have leaked: request URLs, tracebacks, Telegram errors.
    assert "HTTP Request: POST http://127.0.0.1" in text and "/bot<token>/getMe" in text
    assert "unhandled error" in text and "Traceback" in text
    assert "answered 500" in text and "Internal Server Error" in text


def cli_env(tmp_path: Path, botapi: FakeBotAPI, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TIESBOT_", "TELEGRAM_"))}
    settings = tmp_path / "debug.yaml"
    settings.write_text("log_level: DEBUG\n")
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TIESBOT_API_URL=botapi.base_url,
        TIESBOT_DATABASE=str(tmp_path / "cli.db"),
        TIESBOT_CONFIG=str(settings),
        **extra,
    )
    return env


async def run_cli(tmp_path: Path, botapi: FakeBotAPI) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=cli_env(tmp_path, botapi),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def test_the_running_bot_never_logs_the_token(tmp_path):
    async with FakeBotAPI(token=TOKEN) as botapi:
        process = await run_cli(tmp_path, botapi)
        try:
            await botapi.wait_for("deleteWebhook", timeout=60)  # polling starts next
            botapi.inject("sendMessage", status=500, times=3)
            botapi.push_update(tg.message_update("/start"))
            await botapi.wait_for("sendMessage", count=3, ok=False, timeout=10)
            botapi.block_chat(OTHER + 1)
            botapi.push_update(tg.message_update("/start", user_id=OTHER + 1))
            await botapi.wait_for("sendMessage", count=4, ok=False, timeout=10)
            botapi.inject("getUpdates", drop_connection=True)
            await botapi.request_reply(tg.message_update("/help"), timeout=10)
        finally:
            process.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(process.communicate(), 30)
    log = stderr.decode()
    assert_no_token(log)
    assert "DEBUG" in log and "Application started" in log
    assert "answered 500" in log and "forbidden" in log
    assert "Application.stop() complete" in log or "Application is stopping" in log


async def test_a_rejected_token_is_reported_without_it(tmp_path):
    async with FakeBotAPI() as botapi:  # knows another token: getMe answers 401
        process = await run_cli(tmp_path, botapi)
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
    log = stderr.decode()
    assert process.returncode == 2
    assert_no_token(log)
    assert log.splitlines()[-1] == (
        "error: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped)."
    )


# -- admin-only paths ---------------------------------------------------------------------

ADMIN_COMMANDS = [c.name for c in registered_commands() if c.admin]
ARGUMENTS = {"addseed": "\n" + ARTICLE, "delseed": " 1", "seeds": "", "reindex": "", "stats": ""}
CHANNEL = tg.chat(-100777, "channel", title="Some channel")
NOT_ADMIN = "Only the bot’s admins can use /{}."

# Who pretends to be an admin, and what the bot answers (None: the update is ignored).
SPOOFS: dict[str, tuple[dict[str, Any], str | None]] = {
    "a user": ({"user_id": OTHER}, NOT_ADMIN),
    "a group's own administrator": (
        {"user_id": OTHER, "chat_id": GROUP, "chat_type": "group"},
        NOT_ADMIN,
    ),
    "a forward of the admin's message": (
        {"user_id": OTHER, "forward_origin": tg.forward_origin_user(tg.user(ADMIN))},
        NOT_ADMIN,
    ),
    "the admin forwarding someone's command": (
        {"user_id": ADMIN, "forward_origin": tg.forward_origin_user(tg.user(OTHER))},
        "A forwarded /{} is not run; send the command yourself.",
    ),
    "an anonymous group admin": (
        {"anonymous_admin": True, "chat_id": GROUP, "chat_type": "group"},
        NOT_ADMIN,
    ),
    "the admin's id, posting as a channel": (
        {"from_": tg.user(ADMIN), "sender_chat": CHANNEL, "chat_id": GROUP, "chat_type": "group"},
        NOT_ADMIN,
    ),
    "a message without a sender": (
        {"from_": tg.MISSING, "chat_id": GROUP, "chat_type": "group"},
        NOT_ADMIN,
    ),
}


def snapshot(app: Application) -> tuple[Any, ...]:
    """Articles, sentences, facts and previews: what an admin command could change."""
    query = app.bot_data[SERVICES_KEY].store.db.execute
    return tuple(
        query(sql).fetchall()
        for sql in (
            "SELECT id, content_hash, summary FROM articles ORDER BY id",
            "SELECT id, article_id, text FROM sentences ORDER BY id",
            "SELECT id, article_id, kind FROM facts ORDER BY id",
            "SELECT id, status FROM previews ORDER BY id",
        )
    )


def audit(app: Application) -> list[tuple[Any, ...]]:
    return [
        (e.user_id, e.command, e.result)
        for e in reversed(app.bot_data[SERVICES_KEY].store.audit_entries())
    ]


async def answered(botapi: FakeBotAPI, update: dict[str, Any]) -> list[str]:
    """The bot's replies to ``update``, or [] once a later update has been answered."""
    chat_id = next(iter(update.values()))["chat"]["id"]
    start = len(botapi.calls)
    botapi.push_update(update)
    # Updates are handled in order: once this one is answered, the spoof was handled too.
    await botapi.request_reply(tg.message_update("/start", user_id=7), timeout=10)
    return [
        c.params["text"]
        for c in botapi.calls[start:]
        if c.ok and c.method == "sendMessage" and c.chat_id == chat_id
    ]


@pytest.mark.parametrize("spoof", SPOOFS)
async def test_admin_commands_refuse_a_spoofed_sender(tiesbot, botapi, spoof):
    fields, reply = SPOOFS[spoof]
    if fields.get("chat_id") == GROUP and "user_id" in fields:
        botapi.set_member_status(GROUP, fields["user_id"], "administrator")
    before = snapshot(tiesbot)
    for name in ADMIN_COMMANDS:
        replies = await answered(botapi, tg.message_update(f"/{name}{ARGUMENTS[name]}", **fields))
        assert replies == [reply.format(name)], name
    assert snapshot(tiesbot) == before
    assert [row[1:] for row in audit(tiesbot)] == [
        (name, "refused: forwarded" if "forwarded" in reply else "refused: not an admin")
        for name in ADMIN_COMMANDS
    ]


@pytest.mark.parametrize(
    "update",
    [
        tg.channel_post_update("/stats"),
        tg.channel_post_update(f"/addseed\n{ARTICLE}"),
        tg.edited_message_update(f"/addseed\n{ARTICLE}", message_id=1, user_id=OTHER),
        tg.edited_message_update("/reindex", message_id=1, user_id=ADMIN),
    ],
    ids=["channel-stats", "channel-addseed", "edited-by-a-user", "edited-by-the-admin"],
)
async def test_channel_posts_and_edits_never_run_an_admin_command(tiesbot, botapi, update):
    before = snapshot(tiesbot)
    assert await answered(botapi, update) == []
    assert snapshot(tiesbot) == before
    assert audit(tiesbot) == []


async def test_admin_buttons_refuse_everyone_else(tiesbot, botapi):
    [preview] = await botapi.request_reply(
        tg.message_update(f"/addseed\n{ARTICLE}", user_id=ADMIN), timeout=10
    )
    assert preview["text"].startswith("👀")
    message = botapi.last_message(ADMIN)
    before = snapshot(tiesbot)
    for data in ("seed:pub:1", "del:yes:1", "seeds:0"):
        for user_id in (OTHER, tg.ANONYMOUS_ADMIN["id"]):
            update = tg.callback_query_update(data, message=message, user_id=user_id)
            replies = await botapi.request_reply(update, timeout=10, quiet=0.2)
            [alert] = [r for r in replies if "callback_query_id" in r]
            assert alert["show_alert"] is True and "Only" in alert["text"]
            assert [r for r in replies if "callback_query_id" not in r] == []
    assert snapshot(tiesbot) == before  # preview still pending, article 1 still there


# -- /addseed and private addresses -------------------------------------------------------


@pytest_asyncio.fixture
async def intranet() -> AsyncIterator[tuple[str, list[str]]]:
    """A page on 127.0.0.1 (an admin panel, say) and the paths anyone requested from it."""
    hits: list[str] = []

    async def panel(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.Response(text=ARTICLE, content_type="text/plain")

    async with pages.serve({"/admin": panel, "/": panel}) as base:
        yield base, hits


async def test_addseed_refuses_a_private_address_by_default(tiesbot, botapi, intranet):
    base, hits = intranet
    port = base.rsplit(":", 1)[1]
    before = snapshot(tiesbot)
    for url in (f"{base}/admin", f"http://localhost:{port}/admin", f"http://[::1]:{port}/"):
        replies = await botapi.request_reply(
            tg.message_update(f"/addseed {url}", user_id=ADMIN), timeout=10
        )
        assert [r["text"] for r in replies] == [PRIVATE], url
    assert hits == []
    assert snapshot(tiesbot) == before


class Internet:
    """Public hosts are simulated; anything else goes to the real (local) network, so a
    followed redirect to the intranet would show up in its hits."""

    DNS = {
        "news.example": [PUBLIC_IP],
        "mirror.example": [PUBLIC_IP],
        "intranet.example": ["10.0.0.5"],
        "split.example": [PUBLIC_IP, "127.0.0.1"],
    }

    def __init__(self, redirects: dict[str, str]) -> None:
        self.redirects = redirects
        self.requested: list[str] = []
        self.public = httpx.MockTransport(self.answer)
        self.local = httpx.AsyncHTTPTransport()

    async def resolve(self, host: str, port: int) -> list[str]:
        return self.DNS.get(host, ["127.0.0.1"])

    def answer(self, request: httpx.Request) -> httpx.Response:
        self.requested.append(str(request.url))
        target = self.redirects.get(str(request.url))
        if target is not None:
            return httpx.Response(302, headers={"Location": target})
        page = (ARTICLES / "phnom-penh-post-2018-01-09-japan-loan.html").read_bytes()
        return httpx.Response(200, content=page, headers={"Content-Type": "text/html"})

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host in self.DNS and request.url.host != "intranet.example":
            return await self.public.handle_async_request(request)
        return await self.local.handle_async_request(request)


def fetch_through(world: Internet, monkeypatch) -> None:
    """Make /addseed fetch through ``world``: its transport and its DNS."""
    transport = httpx.AsyncHTTPTransport()
    transport.handle_async_request = world.handle_async_request  # type: ignore[method-assign]
    monkeypatch.setattr(
        handlers.addseed,
        "fetch_url",
        functools.partial(fetch.fetch_url, transport=transport, resolver=world.resolve),
    )


@pytest.mark.parametrize(
    "chain",
    [
        ["http://news.example/story", "{intranet}/admin"],
        ["http://news.example/story", "http://mirror.example/copy", "{intranet}/admin"],
        ["http://news.example/story", "http://intranet.example/"],
        ["http://news.example/story", "http://split.example/"],
        ["http://news.example/story", "http://169.254.169.254/latest/meta-data/"],
        ["http://news.example/story", "http://[::ffff:127.0.0.1]/"],
    ],
    ids=["intranet", "two-hops", "private-dns", "mixed-dns", "metadata", "mapped-ipv6"],
)
async def test_addseed_refuses_a_redirect_to_a_private_address(
    tiesbot, botapi, intranet, monkeypatch, chain
):
    base, hits = intranet
    urls = [url.format(intranet=base) for url in chain]
    world = Internet(dict(zip(urls, urls[1:], strict=False)))
    fetch_through(world, monkeypatch)
    before = snapshot(tiesbot)
    replies = await botapi.request_reply(
        tg.message_update(f"/addseed {urls[0]}", user_id=ADMIN), timeout=10
    )
    assert [r["text"] for r in replies] == [PRIVATE]
    assert world.requested == urls[:-1]  # every public hop, never the private one
    assert hits == []
    assert snapshot(tiesbot) == before


async def test_the_fake_internet_does_reach_the_intranet_when_allowed(
    botapi, tmp_path, intranet, monkeypatch
):
    """The control for the test above: with private URLs allowed, the same redirect is
    followed and the intranet is hit — so a refusal there is the policy, not the set-up."""
    base, hits = intranet
    urls = ["http://news.example/story", f"{base}/admin"]
    world = Internet({urls[0]: urls[1]})
    fetch_through(world, monkeypatch)
    settings = tmp_path / "open.yaml"
    settings.write_text("limits:\n  allow_private_urls: true\n")
    config = bot_config(botapi, tmp_path, TIESBOT_ADMINS=str(ADMIN), TIESBOT_CONFIG=str(settings))
    application = await start_bot(config)
    try:
        [reply] = await botapi.request_reply(
            tg.message_update(f"/addseed {urls[0]}", user_id=ADMIN), timeout=10
        )
    finally:
        await stop_application(application)
    assert reply["text"].startswith("👀")
    assert hits == ["/admin"]
