"""End to end: the real Application polling a local Bot API server (no internet).

/start, /help and /search in private and group chats, with and without
@BotName, and the start-up calls (getMe, setMyCommands, getUpdates).
"""

from __future__ import annotations

import yaml

from bot.app import registered_commands
from bot.config import PROJECT_ROOT
from tests.botapi.updates import message_update

BOT = "tiesbot_test_bot"
GROUP = {"chat_type": "group", "chat_id": -1001, "chat_title": "Ties watchers"}
COMMAND_TEXTS = yaml.safe_load((PROJECT_ROOT / "config/templates/commands.yaml").read_text())

PEACEKEEPING_REPLY = (
    "🔎 <b>2</b> sentences match “peacekeeping”:\n\n"
    "1. Japan’s contribution to <b>peacekeeping</b> and peace building in Cambodia was "
    "significant.\n"
    "   <i>— New Momentum in Cambodia-Japan Ties, 14 August 2017</i> /article_1\n\n"
    "2. This year also marks 25th anniversary of Japan sending its <b>peacekeeping</b> forces "
    "to Cambodia under the framework of the United Nations.\n"
    "   <i>— New Momentum in Cambodia-Japan Ties, 14 August 2017</i> /article_1"
)
SKYTRAIN_REPLY = (
    "🔎 <b>1</b> sentence matches “skytrain”:\n\n"
    "1. Cambodia has also requested Japan’s assistance to develop a <b>skytrain</b>, with an "
    "investment capital of $800 million.\n"
    "   <i>— New Momentum in Cambodia-Japan Ties, 14 August 2017</i> /article_1"
)


async def test_start_up_calls_getme_setmycommands_and_polls(tiesbot, botapi):
    methods = [call.method for call in botapi.calls]
    assert methods[0] == "getMe"
    assert "setMyCommands" in methods
    await botapi.wait_for("getUpdates")
    [set_commands] = botapi.calls_of("setMyCommands")
    published = [c["command"] for c in set_commands.params["commands"]]
    assert published == [c.name for c in registered_commands() if not c.admin]
    assert botapi.allowed_updates is not None and "my_chat_member" in botapi.allowed_updates


async def test_start_in_private(tiesbot, botapi):
    [reply] = await botapi.request_reply(message_update("/start"))
    assert reply["text"] == (
        "👋 <b>Hello, Alice!</b> I read news articles about the relations between countries "
        "and answer from the facts I find in them — visits, agreements, pledges, anniversaries "
        "— always with the sentence I got them from.\n\n"
        "I know 1 article so far.\n\n"
        "Try:\n"
        "• <code>/visits hun sen</code>\n"
        "• <code>/agreements japan</code>\n"
        "• <code>/timeline chart</code>\n\n"
        "/help lists everything I can do."
    )
    assert reply["parse_mode"] == "HTML"
    assert reply["link_preview_options"] == {"is_disabled": True}


async def test_help_lists_every_public_command_with_an_example(tiesbot, botapi):
    [reply] = await botapi.request_reply(message_update("/help"))
    text = reply["text"]
    assert text.startswith("<b>What I can do</b>\n\n/start — What this bot is and how to begin\n")
    for command in registered_commands():
        entry = f"/{command.name} — {COMMAND_TEXTS[command.name]['description']}"
        example = f"e.g. <code>{COMMAND_TEXTS[command.name]['example']}</code>"
        if command.admin:
            assert entry not in text
        else:
            assert entry in text and example in text


async def test_help_shows_admin_commands_to_admins_only(tiesbot, botapi):
    [reply] = await botapi.request_reply(message_update("/help", user_id=42, chat_id=42))
    admin_commands = [c.name for c in registered_commands() if c.admin]
    assert "<b>Admins</b>" in reply["text"]
    for name in admin_commands:
        assert f"/{name} — " in reply["text"]


async def test_search_in_private(tiesbot, botapi):
    [reply] = await botapi.request_reply(message_update("/search peacekeeping"))
    assert reply["text"] == PEACEKEEPING_REPLY


async def test_search_in_a_group_with_and_without_the_bot_name(tiesbot, botapi):
    [plain] = await botapi.request_reply(message_update("/search skytrain", **GROUP))
    [named] = await botapi.request_reply(message_update(f"/search@{BOT} skytrain", **GROUP))
    assert plain["text"] == named["text"] == SKYTRAIN_REPLY
    assert plain["chat_id"] == -1001


async def test_commands_for_another_bot_are_ignored(tiesbot, botapi):
    botapi.push_update(message_update("/search@SomeOtherBot skytrain", **GROUP))
    [reply] = await botapi.request_reply(message_update("/search skytrain", **GROUP))
    assert reply["text"] == SKYTRAIN_REPLY  # the only reply is to the second message
    assert len(botapi.sent_messages(-1001)) == 1


async def test_search_without_words_gets_its_usage_line(tiesbot, botapi):
    [reply] = await botapi.request_reply(message_update("/search"))
    assert reply["text"] == "Usage: /search WORDS — for example /search skytrain"


async def test_hostile_search_text_is_answered_without_error(tiesbot, botapi):
    for text in ['"', "AND", "*", "-", "NEAR(", "<b>", "🙂", 'NEAR( "x', "a OR", "&amp;"]:
        [reply] = await botapi.request_reply(message_update(f"/search {text}"))
        assert "something went wrong" not in reply["text"]
        assert reply["text"].startswith(("No sentence matches", "Usage: /search", "🔎"))


async def test_search_pages_with_buttons(tiesbot, botapi):
    from tests.botapi.updates import callback_query_update

    [reply] = await botapi.request_reply(message_update("/search japan"))
    keyboard = reply["reply_markup"]["inline_keyboard"][0]
    assert [b["text"] for b in keyboard][-1] == "▶"
    assert all(len(b["callback_data"].encode()) <= 64 for b in keyboard)
    message = botapi.last_message(1001)
    [edit, *_] = [
        r
        for r in await botapi.request_reply(
            callback_query_update(keyboard[-1]["callback_data"], message=message)
        )
        if "text" in r
    ]
    assert "page 2 of" in edit["text"]
    assert edit["text"].split("\n\n")[1].startswith("6. ")
