"""End to end: /visits, /agreements, /timeline (and its chart), articles, questions, inline mode.

Every reply goes through the local Bot API server, which rejects invalid
Telegram HTML and texts over 4096 characters, like the real one.
"""

from __future__ import annotations

import json

import pytest

from bot.ingest import ingest_file
from tests.botapi.html import validate_telegram_html
from tests.botapi.updates import (
    callback_query_update,
    inline_query_update,
    message_update,
)

GROUP = {"chat_type": "group", "chat_id": -3030, "chat_title": "Analysts"}


async def ask(botapi, text: str, **kwargs) -> str:
    [reply] = await botapi.request_reply(message_update(text, **kwargs))
    return reply["text"]


async def test_visits_newest_first_with_totals_once(tiesbot, botapi):
    text = await ask(botapi, "/visits")
    lines = text.split("\n")
    assert lines[0] == "✈️ <b>Visits</b> (5)"
    assert lines[1].startswith("• <b>7–9 August 2017</b> Hun Sen → Japan · state visit · 3rd · ")
    assert lines[2].startswith("• <b>2017</b> Shinzo Abe → Cambodia · <i>invited</i> · ")
    assert lines[-2:] == ["<b>In total</b>", "• Hun Sen → Japan: 21 visits · /article_1"]
    assert text.count("21 visits") == 1


@pytest.mark.parametrize(
    ("argument", "first_line", "years"),
    [
        ("2013", "✈️ <b>Visits</b> — 2013 (1)", ["2013"]),
        (
            "2007-2017",
            "✈️ <b>Visits</b> — 2007-2017 (4)",
            ["7–9 August 2017", "2017", "2013", "2007"],
        ),
        ("hun sen", "✈️ <b>Visits</b> — hun sen (4)", ["7–9 August 2017", "2017", "2013", "2007"]),
        ("Kishi", "✈️ <b>Visits</b> — Kishi (1)", ["1957"]),
        ("Abe", "✈️ <b>Visits</b> — Abe (1)", ["2017"]),
        ("japanese", "✈️ <b>Visits</b> — japanese (5)", None),
    ],
)
async def test_visits_filters_are_forgiving(tiesbot, botapi, argument, first_line, years):
    text = await ask(botapi, f"/visits {argument}")
    assert text.split("\n")[0] == first_line
    if years is not None:
        dated = [line.split("</b>")[0][len("• <b>") :] for line in text.split("\n")[1:]
                 if line.startswith("• <b>")]  # fmt: skip
        assert dated == years


@pytest.mark.parametrize("argument", ["99999", "0", "1999-99999"])
async def test_visits_bad_year_gets_a_usage_hint(tiesbot, botapi, argument):
    text = await ask(botapi, f"/visits {argument}")
    assert text.endswith(
        "Usage: /visits [YEAR | YEAR-YEAR | name or country] — for example /visits 2007-2017"
    )


async def test_agreements_with_amounts_status_and_signed_total(tiesbot, botapi):
    text = await ask(botapi, "/agreements")
    assert text.startswith("🤝 <b>Agreements, requests and pledges</b> (5)")
    assert "Request: skytrain — <b>$800 million</b> · no decision" in text
    assert "<b>more than $244 million</b> · signed" in text
    assert "Pledge: trade value target — <b>$2 billion</b> · committed" in text
    assert text.endswith("Signed, with amounts: <b>$244 million</b> (1 agreement)")


async def test_timeline_pages_and_chart(tiesbot, botapi):
    text = await ask(botapi, "/timeline")
    assert text.startswith(
        "🗓 <b>Timeline</b> (12) — page 1 of 2\n• <b>April 1955</b> 60th anniversary"
    )
    message = botapi.last_message(1001)
    next_button = message["reply_markup"]["inline_keyboard"][0][-1]
    [edit] = [
        r for r in await botapi.request_reply(
            callback_query_update(next_button["callback_data"], message=message)
        ) if "text" in r
    ]  # fmt: skip
    assert "page 2 of 2" in edit["text"] and "7–9 August 2017" in edit["text"]

    [photo] = await botapi.request_reply(message_update("/timeline chart"))
    assert photo["caption"] == "📊 Facts per year by kind, 1955–2030."
    [upload] = botapi.uploads
    assert upload.data.startswith(b"\x89PNG\r\n\x1a\n") and len(upload.data) > 5000


async def test_article_summary_latest_sources(tiesbot, botapi):
    article = await ask(botapi, "/article 1")
    assert article.startswith(
        "📰 <b>New Momentum in Cambodia-Japan Ties</b>\n<i>The Khmer Times, 14 August 2017</i>\n\n"
        "<b>Summary</b>\nDuring his state visit to Japan on August 7-9"
    )
    assert "<b>Facts (15)</b>" in article
    assert await ask(botapi, "/article_1") == article
    summary = await ask(botapi, "/summary 1")
    assert summary.endswith("/article_1 shows its facts.")
    assert (await ask(botapi, "/latest")).startswith("🆕 <b>Latest articles</b>")
    sources = await ask(botapi, "/sources")
    assert sources == (
        "📚 <b>Articles</b> (1)\n1. <b>New Momentum in Cambodia-Japan Ties</b> — "
        "<i>The Khmer Times, 14 August 2017</i> /article_1"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/article abc", "Usage: /article N — for example /article 1 (numbers are in /sources)"),
        ("/article 99", "There is no article 99."),
        ("/summary", "Usage: /summary N — for example /summary 1"),
        ("/sources x", "Usage: /sources [PAGE]"),
        ("/ask", "Usage: /ask QUESTION — for example /ask What is the trade target?"),
        ("/search", "Usage: /search WORDS — for example /search skytrain"),
    ],
)
async def test_bad_arguments_get_one_line(tiesbot, botapi, text, expected):
    assert await ask(botapi, text) == expected


async def test_ask_and_plain_questions(tiesbot, botapi):
    answer = await ask(botapi, "/ask How many times has Hun Sen visited Japan?")
    first, *evidence = answer.split("\n")
    assert first.startswith("💡 <b>21 times")
    assert "“Mr Hun Sen has visited Japan 21 times.”" in evidence
    assert await ask(botapi, "How many times has Hun Sen visited Japan?") == answer
    unknown = await ask(botapi, "Who rules the moon?")
    assert unknown.startswith("🤔 I couldn’t find that") and "/search" in unknown


async def test_groups_answer_only_when_addressed(tiesbot, botapi):
    botapi.push_update(message_update("What is the trade target?", **GROUP))
    text = "@tiesbot_test_bot What is the trade target?"
    mention_entity = [{"type": "mention", "offset": 0, "length": len("@tiesbot_test_bot")}]
    mention = await ask(botapi, text, entities=mention_entity, **GROUP)
    assert "$2 billion" in mention.split("\n")[0]
    assert len(botapi.sent_messages(-3030)) == 1  # the unaddressed message got no reply
    bot_message = botapi.last_message(-3030)
    reply = await ask(botapi, "And the skytrain?", reply_to=bot_message, **GROUP)
    assert "skytrain" in reply.lower()


async def test_inline_query_offers_facts_and_sentences(tiesbot, botapi):
    [answer] = await botapi.request_reply(inline_query_update("skytrain"))
    results = answer["results"]
    results = json.loads(results) if isinstance(results, str) else results
    assert 1 <= len(results) <= 50
    assert results[0]["id"].startswith("f")
    assert "skytrain" in results[0]["title"].lower()
    assert any(r["id"].startswith("s") for r in results)
    assert answer["cache_time"] == 300
    for result in results:
        content = result["input_message_content"]
        validate_telegram_html(content["message_text"])
        assert len(result["id"].encode()) <= 64


HOSTILE = (
    "Ambassador <script>alert(1)</script> & Co <b>signed\n\n"
    "Tokyo Gazette, 9 January 2018\n\n"
    "Prime Minister <b>Tanaka Ichiro visited Laos on 8 January & signed a memorandum of "
    "understanding worth $5 million with <i>Laos</i>.\n\n"
    + "The long sentence "
    + "goes on and on & on <tag> " * 240
    + "finally ends.\n\n"
    "Leaders said the ties were strong & growing <script>x</script>.\n"
)


async def test_hostile_article_text_is_escaped_and_split(tiesbot, botapi, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE)
    svc = tiesbot.bot_data["services"]
    report = ingest_file(svc.store, path, max_bytes=10_000_000)
    assert report.status == "added", report.message
    article_id = report.article_id
    for command in (f"/article {article_id}", f"/summary {article_id}", "/latest", "/sources",
                    "/search long sentence", "/search tag", "/timeline", "/agreements",
                    "/visits", "/search script"):  # fmt: skip
        replies = await botapi.request_reply(message_update(command))
        for reply in replies:
            text = reply.get("text") or ""
            plain = validate_telegram_html(text)
            assert len(plain) <= 4096
            assert "<script>" not in text and "&lt;script&gt;" in text or "script" not in plain
    # The server rejects invalid HTML with a 400; none was refused.
    assert not [c for c in botapi.calls if c.method == "sendMessage" and not c.ok]
