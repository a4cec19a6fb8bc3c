"""Tests of the local Bot API server itself, driven by the real PTB Bot and Application.

If these pass, end-to-end tests built on FakeBotAPI exercise PTB exactly as production does:
real HTTP, real long polling, PTB's own error mapping and rate limiter.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from tests.botapi import fixtures
from tests.botapi import updates as tg
from tests.botapi.fixtures import running_app
from tests.botapi.html import TelegramHTMLError, parse_telegram_html, validate_telegram_html
from tests.botapi.server import FakeBotAPI, RateLimits

# PTB itself warns whenever it builds a RetryAfter (its retry_after type will change in v23).
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*retry_after.*:telegram.warnings.PTBDeprecationWarning"
)

#: The ``botapi`` fixture, imported explicitly so this file does not depend on a conftest.
botapi = fixtures.botapi

CHAT = 1001


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start: an HTML reply, the kind of markup the real bot sends."""
    name = update.effective_user.first_name if update.effective_user else "there"
    await update.effective_message.reply_text(f"<b>Hello</b>, {name}!", parse_mode=ParseMode.HTML)


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/echo words: the trivial echo handler."""
    await update.effective_message.reply_text(" ".join(context.args or []) or "(nothing)")


async def _menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/menu: a message with an inline keyboard, for callback queries."""
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("One", callback_data="pick:1")]])
    await update.effective_message.reply_text("Pick one", reply_markup=keyboard)


async def _on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the query and edit the message, as button handlers do."""
    query = update.callback_query
    await query.answer("Picked")
    await query.edit_message_text(f"You picked {query.data.split(':')[1]}")


async def _on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Download the document through getFile + the file endpoint, reply with what was read."""
    file = await update.effective_message.document.get_file()
    data = await file.download_as_bytearray()
    await update.effective_message.reply_text(f"{len(data)} bytes: {data.decode()}")


async def _on_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer an inline query with one article."""
    query = update.inline_query
    await query.answer(
        [
            InlineQueryResultArticle(
                id="1", title=query.query, input_message_content=InputTextMessageContent("x")
            )
        ]
    )


def _build_app(server: FakeBotAPI, **rate_limiter: Any) -> Application:  # type: ignore[type-arg]
    """The Application under test, pointed at the fake server."""
    builder = server.application_builder()
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(**rate_limiter))
    app = builder.build()
    app.add_handler(CommandHandler("start", _start))
    app.add_handler(CommandHandler("echo", _echo))
    app.add_handler(CommandHandler("menu", _menu))
    app.add_handler(CallbackQueryHandler(_on_button))
    app.add_handler(MessageHandler(filters.Document.ALL, _on_document))
    app.add_handler(InlineQueryHandler(_on_inline))
    return app


def _bot(server: FakeBotAPI, token: str | None = None) -> Bot:
    """A bare Bot for checking single methods."""
    return Bot(token or server.token, base_url=server.base_url, base_file_url=server.file_base_url)


# --------------------------------------------------------------------------- Application


async def test_application_replies_over_real_http(botapi: FakeBotAPI) -> None:
    async with running_app(_build_app(botapi)):
        replies = await botapi.request_reply(tg.message_update("/start"))
        assert [r["text"] for r in replies] == ["<b>Hello</b>, Alice!"]
        assert botapi.sent_texts(CHAT) == ["Hello, Alice!"]
        # "/cmd@BotName" is addressed to this bot, so PTB's CommandHandler takes it too.
        replies = await botapi.request_reply(
            tg.message_update(
                f"/echo@{botapi.bot_username} hi there",
                chat_type="group",
                chat_id=-4001,
            )
        )
        assert replies[0]["text"] == "hi there"
        assert replies[0]["chat_id"] == -4001
    assert botapi.stats.count("getMe") == 1
    assert botapi.calls_of("deleteWebhook"), "PTB bootstraps polling with deleteWebhook"
    assert botapi.allowed_updates == list(Update.ALL_TYPES)
    assert botapi.pending_updates == [], "the final getUpdates confirmed every update"


async def test_reply_references_the_user_message(botapi: FakeBotAPI) -> None:
    async def quote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("quoted", do_quote=True)

    app = botapi.application_builder().build()
    app.add_handler(CommandHandler("quote", quote))
    async with running_app(app):
        update = tg.message_update("/quote")
        replies = await botapi.request_reply(update)
    user_message_id = update["message"]["message_id"]
    assert replies[0]["reply_parameters"]["message_id"] == user_message_id
    sent = botapi.last_message(CHAT)
    assert sent is not None
    assert sent["message_id"] == user_message_id + 1, "one id sequence per chat"
    assert sent["reply_to_message"]["message_id"] == user_message_id


async def test_callback_query_answer_and_edit(botapi: FakeBotAPI) -> None:
    async with running_app(_build_app(botapi)):
        await botapi.request_reply(tg.message_update("/menu"))
        menu = botapi.last_message(CHAT)
        assert menu is not None
        assert menu["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "pick:1"
        update = tg.callback_query_update("pick:1", message=menu)
        replies = await botapi.request_reply(update)
    methods = [c.method for c in botapi.calls if c.method.startswith(("answer", "edit"))]
    assert methods == ["answerCallbackQuery", "editMessageText"]
    assert replies[0]["callback_query_id"] == update["callback_query"]["id"]
    assert replies[0]["text"] == "Picked"
    edited = botapi.get_message(CHAT, menu["message_id"])
    assert edited is not None
    assert edited["text"] == "You picked 1"
    assert "reply_markup" not in edited, "editMessageText without markup removes the keyboard"


async def test_document_download_round_trip(botapi: FakeBotAPI) -> None:
    doc = botapi.add_file(
        "doc-1", b"hello", file_path="documents/a.txt", file_name="a.txt", mime_type="text/plain"
    )
    async with running_app(_build_app(botapi)):
        replies = await botapi.request_reply(tg.message_update(document=doc))
    assert replies[0]["text"] == "5 bytes: hello"
    assert botapi.calls_of("getFile", ok=True)[0].params == {"file_id": "doc-1"}


async def test_inline_query_is_answered(botapi: FakeBotAPI) -> None:
    async with running_app(_build_app(botapi)):
        replies = await botapi.request_reply(tg.inline_query_update("ties"))
    assert replies[0]["results"][0]["title"] == "ties"


async def test_rate_limiter_retries_an_injected_429(botapi: FakeBotAPI) -> None:
    injection = botapi.inject("sendMessage", retry_after=0.2)
    async with running_app(_build_app(botapi, max_retries=2)):
        replies = await botapi.request_reply(tg.message_update("/echo again"))
    assert replies[0]["text"] == "again"
    assert [c.status for c in botapi.calls_of("sendMessage")] == [429, 200]
    assert injection.hits == 1
    assert botapi.calls_of("sendMessage")[0].error == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 0.2",
        "parameters": {"retry_after": 0.2},
    }


async def test_shutdown_is_prompt_during_a_long_poll(botapi: FakeBotAPI) -> None:
    app = _build_app(botapi)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=30, allowed_updates=Update.ALL_TYPES)
    await botapi.request_reply(tg.message_update("/echo x"))
    await asyncio.wait_for(_until(lambda: botapi.active_polls == 1), 2)
    started = time.monotonic()
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
    assert time.monotonic() - started < 1.0
    await asyncio.wait_for(_until(lambda: botapi.active_polls == 0), 1)


async def test_server_stop_ends_pending_long_polls() -> None:
    server = await FakeBotAPI().start()
    async with _bot(server) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await asyncio.wait_for(_until(lambda: server.active_polls == 1), 2)
        started = time.monotonic()
        await server.stop()
        assert await asyncio.wait_for(poll, 2) == ()
        assert time.monotonic() - started < 1.0


async def _until(condition: Any) -> None:
    """Yield to the loop until ``condition()`` holds; callers bound it with wait_for."""
    while not condition():
        await asyncio.sleep(0.005)


# --------------------------------------------------------------------------- HTML


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("é<br>", 'Unsupported start tag "br" at byte offset 2'),
        ("<a href='x'", "Unclosed start tag at byte offset 0"),
    ],
)
def test_html_rejects_what_telegram_rejects(text: str, error: str) -> None:
    with pytest.raises(TelegramHTMLError) as info:
        validate_telegram_html(text)
    assert str(info.value) == error
    assert isinstance(info.value, ValueError)


def test_html_accepts_telegram_markup() -> None:
    text = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
        '<strike>k</strike><del>d</del><a href="https://x.org/?a=1&amp;b=2">l</a>'
        '<code>c</code><pre><code class="language-python">p</code></pre>'
        '<tg-spoiler>t</tg-spoiler><span class="tg-spoiler">p</span>'
        "<blockquote expandable>q</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &lt;&gt;&amp;&quot;&#65;&#x42;'
    )
    parsed = parse_telegram_html(text)
    assert parsed.text == 'bsieunskdlcptpq👍 <>&"AB'
    kinds = {e["type"] for e in parsed.entities}
    assert kinds >= {"bold", "italic", "underline", "strikethrough", "text_link", "code", "pre"}
    assert {"spoiler", "expandable_blockquote", "custom_emoji"} <= kinds
    assert {"type": "pre", "offset": 11, "length": 1, "language": "python"} in parsed.entities
    # Telegram keeps unknown entities literally; strict mode flags them as the bug they are.
    assert validate_telegram_html("a &nbsp; b & c") == "a &nbsp; b & c"
    with pytest.raises(ValueError, match="nbsp"):
        validate_telegram_html("a &nbsp; b", strict_entities=True)


async def test_send_message_validation(botapi: FakeBotAPI) -> None:
    async with _bot(botapi) as bot:
        # PTB strips "Bad Request: " and lower-cases the rest of the description.
        with pytest.raises(BadRequest, match="Can't parse entities: can't find end tag"):
            await bot.send_message(CHAT, "<b>x", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match='unsupported start tag "script"'):
            await bot.send_message(CHAT, "<script>", parse_mode=ParseMode.HTML)
        # Without parse_mode the same text is fine.
        assert (await bot.send_message(CHAT, "<b>x")).text == "<b>x"
        with pytest.raises(BadRequest, match="Message text is empty"):
            await bot.send_message(CHAT, "<b> </b>", parse_mode=ParseMode.HTML)
        with pytest.raises(BadRequest, match="Message is too long"):
            await bot.send_message(CHAT, "x" * 4097)
        assert len((await bot.send_message(CHAT, "<i>é</i>" * 4096, parse_mode="HTML")).text)
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await bot.send_message(
                CHAT,
                "k",
                reply_markup=InlineKeyboardMarkup(
                    [[InlineKeyboardButton("b", callback_data="x" * 65)]]
                ),
            )
        message = await bot.send_message(CHAT, "<b>bold</b>", parse_mode=ParseMode.HTML)
        assert message.text_html == "<b>bold</b>"
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text("<b>bold</b>", CHAT, message.message_id, parse_mode="HTML")
        edited = await bot.edit_message_text("bold", CHAT, message.message_id)
        assert edited.text == "bold" and not edited.entities
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("x", CHAT, 999)
        assert await bot.delete_message(CHAT, message.message_id)
        with pytest.raises(BadRequest, match="Message to delete not found"):
            await bot.delete_message(CHAT, message.message_id)
        with pytest.raises(BadRequest, match="Query is too old"):
            await bot.answer_callback_query("nope")
        with pytest.raises(BadRequest, match="Wrong parameter action"):
            await bot.send_chat_action(CHAT, "dancing")  # type: ignore[arg-type]
    failed = [c for c in botapi.calls if not c.ok]
    assert all(c.status == 400 for c in failed)


async def test_answer_inline_query_limits(botapi: FakeBotAPI) -> None:
    query_id = botapi.push_update(tg.inline_query_update("q"))["inline_query"]["id"]
    results = [
        InlineQueryResultArticle(str(i), "t", InputTextMessageContent("m")) for i in range(51)
    ]
    async with _bot(botapi) as bot:
        with pytest.raises(BadRequest, match="Results_too_much"):
            await bot.answer_inline_query(query_id, results)
        assert await bot.answer_inline_query(query_id, results[:50])


# --------------------------------------------------------------------------- faults


async def test_injected_errors_map_to_ptb_exceptions(botapi: FakeBotAPI) -> None:
    async with _bot(botapi) as bot:
        botapi.inject("sendMessage", status=403, chat_id=CHAT)
        with pytest.raises(Forbidden, match="bot was blocked by the user"):
            await bot.send_message(CHAT, "x")
        botapi.inject("sendMessage", migrate_to_chat_id=-1005)
        with pytest.raises(ChatMigrated) as migrated:
            await bot.send_message(-5, "x")
        assert migrated.value.new_chat_id == -1005
        botapi.inject("sendMessage", status=500, times=2)
        for _ in range(2):
            with pytest.raises(NetworkError, match="Internal Server Error"):
                await bot.send_message(CHAT, "x")
        botapi.inject("*", retry_after=3)
        # (Matching the message avoids PTB's deprecation warning on RetryAfter.retry_after.)
        with pytest.raises(RetryAfter, match="Retry in 3 seconds"):
            await bot.get_chat(CHAT)
        botapi.inject("sendMessage", drop_connection=True)
        with pytest.raises(NetworkError, match="disconnected"):
            await bot.send_message(CHAT, "x")
        botapi.inject("sendMessage", delay=0.2)
        started = time.monotonic()
        await bot.send_message(CHAT, "slow")
        assert time.monotonic() - started >= 0.2
        # Only the chat the fault names is affected.
        botapi.inject("sendMessage", status=403, chat_id=42)
        assert (await bot.send_message(CHAT, "fine")).text == "fine"
    assert botapi.stats.injected == 7
    assert botapi.stats.dropped_connections == 1
    assert [c.status for c in botapi.calls_of("sendMessage")] == [
        403,
        400,
        500,
        500,
        0,
        200,
        200,
    ]


async def test_blocked_and_removed_chats(botapi: FakeBotAPI) -> None:
    async with _bot(botapi) as bot:
        botapi.block_chat(CHAT)
        for _ in range(2):
            with pytest.raises(Forbidden, match="blocked by the user"):
                await bot.send_message(CHAT, "x")
        botapi.unblock_chat(CHAT)
        assert await bot.send_message(CHAT, "x")
        botapi.push_update(tg.my_chat_member_update(-4001, "member", "kicked"))
        with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
            await bot.send_message(-4001, "x")
        botapi.push_update(tg.migrate_message_update(-4002, -1004002))
        with pytest.raises(ChatMigrated) as migrated:
            await bot.send_message(-4002, "x")
        assert migrated.value.new_chat_id == -1004002


async def test_enforced_flood_limits() -> None:
    limits = RateLimits(overall_per_second=30, group_per_minute=2, private_burst=3)
    async with FakeBotAPI(enforce_limits=True, limits=limits) as server, _bot(server) as bot:
        for _ in range(3):
            await bot.send_message(CHAT, "burst")
        with pytest.raises(RetryAfter, match="Retry in 1 seconds"):
            await bot.send_message(CHAT, "one too many")
        for _ in range(2):
            await bot.send_message(-4001, "group")
        with pytest.raises(RetryAfter, match="Retry in 60 seconds"):
            await bot.send_message(-4001, "group")
        assert await bot.send_chat_action(CHAT, "typing"), "chat actions are not messages"
    assert server.stats.rate_limited == 2


async def test_overall_flood_limit() -> None:
    limits = RateLimits(overall_per_second=5, private_burst=100)
    async with FakeBotAPI(enforce_limits=True, limits=limits) as server, _bot(server) as bot:
        results = await asyncio.gather(
            *(bot.send_message(CHAT + i, "x") for i in range(8)), return_exceptions=True
        )
    assert sum(isinstance(r, RetryAfter) for r in results) == 3
    assert server.stats.rate_limited == 3


# --------------------------------------------------------------------------- protocol


async def test_tokens_and_unknown_methods(botapi: FakeBotAPI) -> None:
    async with _bot(botapi) as bot:
        with pytest.raises(EndPointNotFound):
            await bot.do_api_request("frobnicate")
    with pytest.raises(InvalidToken):
        async with _bot(botapi, token="999:wrong"):
            pass
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{botapi.base_url}{botapi.token}/frobnicate")
        assert response.status_code == 404
        assert response.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found: method not found",
        }
        response = await client.get(f"{botapi.base_url}999:wrong/getMe")
        assert response.status_code == 401
        assert response.json()["description"] == "Unauthorized"


async def test_json_form_and_query_bodies_are_accepted(botapi: FakeBotAPI) -> None:
    base = f"{botapi.base_url}{botapi.token}"
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": "1"}]]}
    async with httpx.AsyncClient() as client:
        as_json = await client.post(
            f"{base}/sendMessage", json={"chat_id": CHAT, "text": "j", "reply_markup": markup}
        )
        as_form = await client.post(
            f"{base}/SENDMESSAGE", data={"chat_id": str(CHAT), "text": "123"}
        )
        as_query = await client.get(f"{base}/sendMessage", params={"chat_id": CHAT, "text": "q"})
    assert as_json.json()["result"]["reply_markup"] == markup
    assert as_form.json()["result"]["text"] == "123", "text stays a string"
    assert as_query.json()["result"]["message_id"] == 3
    assert [c.method for c in botapi.calls] == ["sendMessage"] * 3
    assert botapi.calls[1].params == {"chat_id": CHAT, "text": "123"}


async def test_ptb_sends_form_data_and_multipart(botapi: FakeBotAPI) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="1")]])
    async with _bot(botapi) as bot:
        await bot.send_message(CHAT, "t", reply_markup=markup, disable_notification=True)
        photo = await bot.send_photo(CHAT, b"\x89PNG data", caption="<i>c</i>", parse_mode="HTML")
        doc = await bot.send_document(CHAT, b"text", filename="notes.txt", caption="d")
        downloaded = await (await bot.get_file(doc.document.file_id)).download_as_bytearray()
    sent = botapi.calls_of("sendMessage")[0].params
    assert sent["chat_id"] == CHAT and sent["disable_notification"] is True
    assert sent["reply_markup"] == markup.to_dict()
    assert photo.caption == "c" and photo.photo[-1].file_size == 9
    assert [u.data for u in botapi.uploads] == [b"\x89PNG data", b"text"]
    assert doc.document.file_name == "notes.txt"
    assert bytes(downloaded) == b"text"
    assert [p.get("caption") for p in botapi.sent_messages(CHAT)] == [None, "<i>c</i>", "d"]


async def test_get_updates_semantics(botapi: FakeBotAPI) -> None:
    async with _bot(botapi) as bot:
        first = botapi.push_update(tg.message_update("one"))
        botapi.push_update(tg.message_update("two"))
        botapi.push_update(tg.chat_member_update(-4001, "left", "member"))
        got = await bot.get_updates(limit=1)
        assert [u.message.text for u in got] == ["one"]
        # Default allowed_updates: chat_member is not delivered, and is dropped.
        got = await bot.get_updates(offset=first["update_id"] + 1)
        assert [u.message.text for u in got] == ["two"]
        assert len(botapi.discarded_updates) == 1
        started = time.monotonic()
        assert await bot.get_updates(offset=got[-1].update_id + 1, timeout=0.3) == ()
        assert 0.25 <= time.monotonic() - started < 1.0
        # A pushed update ends a waiting long poll at once.
        poll = asyncio.create_task(bot.get_updates(timeout=10, allowed_updates=["message"]))
        await asyncio.wait_for(_until(lambda: botapi.active_polls == 1), 2)
        botapi.push_update(tg.message_update("three"))
        assert [u.message.text for u in await asyncio.wait_for(poll, 2)] == ["three"]
        assert botapi.allowed_updates == ["message"]
        # Only one poll at a time: a second bot instance terminates the first one's with 409.
        # (A single PTB Bot cannot overlap polls: its getUpdates pool has one connection.)
        confirmed = botapi.pending_updates[-1]["update_id"] + 1
        older = asyncio.create_task(bot.get_updates(offset=confirmed, timeout=10))
        await asyncio.wait_for(_until(lambda: botapi.active_polls == 1), 2)
        async with _bot(botapi) as second_instance:
            assert await second_instance.get_updates(offset=confirmed, timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await asyncio.wait_for(older, 2)
        assert await bot.set_webhook("https://example.org/hook")
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()
        assert (await bot.get_webhook_info()).url == "https://example.org/hook"
        assert await bot.delete_webhook(drop_pending_updates=True)
        assert (await bot.get_webhook_info()).pending_update_count == 0


async def test_commands_and_profile(botapi: FakeBotAPI) -> None:
    scope = BotCommandScopeAllGroupChats()
    async with _bot(botapi) as bot:
        assert await bot.set_my_commands([BotCommand("start", "Start")])
        assert await bot.set_my_commands(
            [BotCommand("ask", "Frage")], scope=scope, language_code="de"
        )
        assert [c.command for c in await bot.get_my_commands()] == ["start"]
        assert await bot.get_my_commands(scope=scope) == ()
        assert [c.command for c in await bot.get_my_commands(scope=scope, language_code="de")] == [
            "ask"
        ]
        assert await bot.delete_my_commands()
        assert await bot.get_my_commands() == ()
        with pytest.raises(BadRequest, match="Bot_command_invalid"):
            await bot.set_my_commands([BotCommand("Bad-Name", "x")])
        assert await bot.set_my_description("Reads news")
        assert await bot.set_my_short_description("News")
        assert (await bot.get_my_description()).description == "Reads news"
        assert await bot.log_out() and await bot.close()


async def test_chats_and_members(botapi: FakeBotAPI) -> None:
    group = -1001234567890
    botapi.push_update(tg.message_update("hi", chat_type="supergroup", chat_username="ties"))
    botapi.set_member_status(group, 7, "creator")
    botapi.set_member_status(group, 8, "kicked")
    async with _bot(botapi) as bot:
        chat = await bot.get_chat("@ties")
        assert chat.id == group and chat.type == "supergroup"
        assert (await bot.get_chat_member(group, 7)).status == "creator"
        assert (await bot.get_chat_member(group, 8)).status == "kicked"
        assert (await bot.get_chat_member(group, CHAT)).status == "member"
        assert (await bot.get_chat_member(group, 123)).status == "administrator"
        admins = await bot.get_chat_administrators(group)
        assert [(a.user.id, a.status) for a in admins] == [(7, "creator"), (123, "administrator")]
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.get_chat("@nobody")
        private = await bot.get_chat(CHAT)
        assert private.type == "private" and private.first_name == "Alice"


async def test_builders_parse_as_ptb_updates(botapi: FakeBotAPI) -> None:
    group = -4001
    sent = tg.message(
        "menu", chat_id=CHAT, from_=botapi.bot_user, message_id=None
    )  # a message as the bot would have sent it
    builders = [
        tg.message_update("/start@tiesbot_test_bot now"),
        tg.message_update("hello", chat_type="group", anonymous_admin=True),
        tg.message_update("fwd", forward_origin=tg.forward_origin_hidden_user("Ann")),
        tg.message_update("fwd", forward_origin=tg.forward_origin_user(tg.user(5))),
        tg.message_update("no sender", chat_type="group", from_=tg.MISSING),
        tg.edited_message_update("edited", message_id=1),
        tg.channel_post_update("post", username="tieschannel"),
        tg.callback_query_update("pick:1", message=sent),
        tg.inline_query_update("q"),
        tg.my_chat_member_update(group, "left", "administrator"),
        tg.chat_member_update(group, "member", "restricted"),
        tg.migrate_message_update(group, -1004001),
        tg.migrate_message_update(group, -1004001, direction="from"),
    ]
    async with _bot(botapi) as bot:
        await bot.initialize()
        for raw in builders:
            pushed = botapi.push_update(raw)
            update = Update.de_json(pushed, bot)
            assert update.update_id == pushed["update_id"]
            assert update.effective_user or update.effective_chat
    command = Update.de_json(builders[0], None).message
    assert command.entities[0].length == len("/start@tiesbot_test_bot")
    anonymous = Update.de_json(builders[1], None).message
    assert anonymous.from_user.username == "GroupAnonymousBot"
    assert anonymous.sender_chat.id == group
    assert Update.de_json(builders[4], None).message.from_user is None
    assert sent["message_id"] is not None, "push_update numbers nested messages too"
    migrate = Update.de_json(builders[11], None).message
    assert migrate.migrate_to_chat_id == -1004001


async def test_wait_for_and_stats(botapi: FakeBotAPI) -> None:
    async with _bot(botapi) as bot:
        waiter = asyncio.create_task(botapi.wait_for("sendMessage", count=2, timeout=2))
        await bot.send_message(CHAT, "a")
        await bot.send_message(-4001, "b")
        calls = await waiter
        assert [c.params["text"] for c in calls] == ["a", "b"]
        only_group = await botapi.wait_for("sendMessage", predicate=lambda c: c.chat_id < 0)
        assert len(only_group) == 1
        with pytest.raises(TimeoutError, match="sendPhoto"):
            await botapi.wait_for("sendPhoto", timeout=0.05)
    summary = botapi.stats.summary()
    assert summary["methods"]["sendMessage"]["count"] == 2
    assert summary["methods"]["sendMessage"]["p95_ms"] >= 0
    botapi.clear()
    assert botapi.calls == [] and botapi.stats.total_calls == 0
    assert botapi.last_message(-4001) is not None, "clear() keeps chat state"
