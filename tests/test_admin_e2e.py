"""End-to-end: admins grow the knowledge base from Telegram (/addseed, /seeds, /delseed,
/reindex, /stats).

The real Application polls the local Bot API server (tests/botapi) over HTTP; pages are
served by a local aiohttp server, and the one test that needs a "public" host uses an
httpx.MockTransport. Every bad input gets exactly one reply and leaves the database as it was.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio
from telegram.ext import Application

import handlers.addseed
import handlers.admin
from bot import fetch, ingest
from bot.app import stop_application
from bot.facts_text import describe_fact
from bot.ingest import Prepared, prepare, store_prepared
from bot.records import Fact, ParsedArticle, Subscription
from bot.render import TELEGRAM_LIMIT, plain_text, visible_length
from bot.services import SERVICES_KEY
from bot.store import Store
from tests import pages
from tests.botapi import updates as tg
from tests.botapi.server import FakeBotAPI
from tests.conftest import bot_config, start_bot

ADMIN = 42
OTHER = 1001
GROUP = -4001
ARTICLES = Path(__file__).resolve().parent / "articles"
HTML_ARTICLE = (ARTICLES / "phnom-penh-post-2018-01-09-japan-loan.html").read_bytes()
SEED_TEXT = next((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt")).read_text()

TITLE = "Japan and Cambodia sign $90 million loan for ring road"
ARTICLE = f"""{TITLE}

Phnom Penh Post, 9 January 2018

Japanese Foreign Minister Taro Kono visited Phnom Penh on January 8, 2018, and met Prime \
Minister Hun Sen.

The two countries signed a loan agreement worth $90 million for the construction of a ring \
road around the capital.

Hun Sen has visited Japan 21 times since 1993, the ministry said.
"""
PREVIEW_HEAD = [
    "👀 Preview — nothing is stored until you press Publish.",
    "",
    f"📰 {TITLE}",
    "Phnom Penh Post, 9 January 2018",
]
NOT_ARTICLE_HTML = (
    b"<!doctype html><html><head><title>Home</title></head><body>"
    b"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
)
PRIVATE = "Not added: that address is private; I only fetch public pages."
PUBLIC_IP = "93.184.216.34"


# -- helpers ----------------------------------------------------------------------


def store_of(app: Application) -> Store:
    return app.bot_data[SERVICES_KEY].store


def snapshot(app: Application) -> tuple[Any, ...]:
    """Everything a bad input must leave alone: articles, sentences, facts."""
    store = store_of(app)
    articles = [(a.id, a.content_hash, a.summary) for a in store.articles()]
    facts = [(f.id, f.article_id, f.kind) for f in store.facts()]
    return articles, store.db["sentences"].count, facts


async def say(botapi: FakeBotAPI, text: str = "", **kwargs: Any) -> list[str]:
    """Send a message (by the admin unless ``user_id`` says otherwise); the replies as seen."""
    kwargs.setdefault("user_id", ADMIN)
    replies = await botapi.request_reply(tg.message_update(text, **kwargs), timeout=10)
    return [plain_text(reply["text"]) for reply in replies if "text" in reply]


async def press(
    botapi: FakeBotAPI, data: str, message: dict[str, Any], *, user_id: int = ADMIN
) -> tuple[dict[str, Any], list[str]]:
    """Press a button; the answerCallbackQuery parameters and the texts of any edits."""
    update = tg.callback_query_update(data, message=message, user_id=user_id)
    replies = await botapi.request_reply(update, timeout=10, quiet=0.3)
    answer = next(reply for reply in replies if "callback_query_id" in reply)
    answer = {k: v for k, v in answer.items() if k != "callback_query_id"}
    edits = [plain_text(r["text"]) for r in replies if "callback_query_id" not in r]
    return answer, edits


async def preview(botapi: FakeBotAPI, text: str = "", **kwargs: Any) -> tuple[dict, list[str]]:
    """Ask for a preview; the bot's message (with its buttons) and its lines."""
    chat_id = kwargs.get("chat_id", kwargs.get("user_id", ADMIN))
    replies = await say(botapi, text, **kwargs)
    assert len(replies) == 1, replies
    message = botapi.last_message(chat_id)
    assert message is not None
    return message, replies[0].split("\n")


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [(button["text"], button["callback_data"]) for row in rows for button in row]


def audit_rows(app: Application) -> list[tuple[int | None, str, str]]:
    """(user, command, result), oldest first."""
    entries = reversed(store_of(app).audit_entries(200))
    return [(e.user_id, e.command, e.result) for e in entries]


def sticker() -> dict[str, Any]:
    return {
        "file_id": "STICKER-1",
        "file_unique_id": "USTICKER-1",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "type": "regular",
    }


def photo_caption_update(caption: str) -> dict[str, Any]:
    update = tg.message_update("", user_id=ADMIN)
    update["message"]["photo"] = [
        {"file_id": "PHOTO-1", "file_unique_id": "UPHOTO-1", "width": 90, "height": 90}
    ]
    update["message"]["caption"] = caption
    update["message"]["caption_entities"] = [{"type": "bot_command", "offset": 0, "length": 8}]
    return update


def document_update(document: dict[str, Any], caption: str = "", **kwargs: Any) -> dict:
    kwargs.setdefault("user_id", ADMIN)
    return tg.message_update(caption, document=document, **kwargs)


async def document_reply(botapi: FakeBotAPI, document: dict[str, Any]) -> list[str]:
    update = document_update(document, "/addseed")
    replies = await botapi.request_reply(update, timeout=10)
    return [plain_text(reply["text"]) for reply in replies]


def fabricated(number: int) -> ParsedArticle:
    """A stored-article stand-in that needs no extraction (for long lists)."""
    sentence = f"Article number {number} says that two ministers met."
    return ParsedArticle(
        title=f"Filler article {number:02d}",
        body=sentence,
        sentences=[sentence],
        source="Test Wire",
        published=f"2001-01-{number:02d}",
        content_hash=f"filler-{number}",
        body_hash=f"filler-body-{number}",
    )


def store_article(app: Application, text: str = ARTICLE) -> int:
    report = store_prepared(store_of(app), prepare(text), name="test", origin=None)
    assert report.status == "added"
    return report.article_id


@pytest_asyncio.fixture
async def open_bot(botapi: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Application]:
    """tiesbot allowed to fetch from 127.0.0.1 (the test's own web server), 0.5 s timeout."""
    settings = tmp_path / "fetch.yaml"
    settings.write_text("limits:\n  allow_private_urls: true\n  url_timeout_seconds: 0.5\n")
    config = bot_config(botapi, tmp_path, TIESBOT_ADMINS=str(ADMIN), TIESBOT_CONFIG=str(settings))
    application = await start_bot(config)
    try:
        yield application
    finally:
        await stop_application(application)


@pytest_asyncio.fixture
async def site() -> AsyncIterator[str]:
    routes = {
        "/article.html": pages.page(HTML_ARTICLE, "text/html", "utf-8"),
        "/article.txt": pages.page(ARTICLE.encode(), "text/plain", "utf-8"),
        "/moved": pages.redirect("/article.html"),
        "/slow": pages.slow(3),
        "/archive.zip": pages.page(b"PK\x03\x04zip", "application/zip"),
        "/huge": pages.huge,
    }
    async with pages.serve(routes) as base_url:
        yield base_url


# -- the preview and its buttons ------------------------------------------------------


async def test_text_preview_then_publish_announces_once(
    botapi: FakeBotAPI, tiesbot: Application
) -> None:
    store = store_of(tiesbot)
    store.save_subscription(
        Subscription(chat_id=GROUP, time="09:00", timezone="UTC", chat_type="group", articles=True)
    )
    before = snapshot(tiesbot)
    expected = prepare(ARTICLE)

    message, lines = await preview(botapi, "/addseed\n" + ARTICLE)

    assert lines[:6] == [*PREVIEW_HEAD, "From your message · 3 sentences", ""]
    assert lines[6:8] == ["Summary", " ".join(expected.summary)]
    assert f"Facts found ({len(expected.facts)})" in lines
    assert "Agreements (1)" in lines
    for fact in expected.facts:
        assert f"• {describe_fact(fact)}" in lines
    assert lines[-1] == "Publish within 30 min, or Cancel."
    assert buttons(message) == [("✅ Publish", "seed:pub:1"), ("✖ Cancel", "seed:cancel:1")]
    assert snapshot(tiesbot) == before, "a preview stores nothing"

    answer, edits = await press(botapi, "seed:pub:1", message)
    assert answer == {"text": "Published."}
    assert edits == [f"✅ Published as article 2: {TITLE}\n/article_2 shows it."]
    assert "reply_markup" not in botapi.get_message(ADMIN, message["message_id"])
    article = store.article(2)
    assert (article.title, article.source, article.published, article.origin) == (
        TITLE,
        "Phnom Penh Post",
        "2018-01-09",
        "addseed:1",
    )
    assert len(store.facts(article_id=2)) == len(expected.facts)
    assert len(store.sentences(2)) == 3
    posts = await botapi.wait_for("sendMessage", predicate=lambda c: c.chat_id == GROUP)
    assert plain_text(posts[0].params["text"]).startswith(f"📰 New article: {TITLE}")

    published = snapshot(tiesbot)
    answer, edits = await press(botapi, "seed:pub:1", message)
    assert answer == {"text": "Already published as article 2.", "show_alert": True}
    assert edits == []
    assert snapshot(tiesbot) == published
    assert len(botapi.calls_of("sendMessage", ok=True)) == 2  # the preview and one post

    # The same article again is a duplicate, reported with its id.
    assert await say(botapi, "/addseed\n" + ARTICLE) == [
        "Not added: this article is already stored as article 2."
    ]
    assert snapshot(tiesbot) == published
    assert audit_rows(tiesbot) == [
        (ADMIN, "addseed", "preview 1 of your message"),
        (ADMIN, "addseed:publish", "published article 2"),
        (ADMIN, "addseed:publish", "already published"),
        (ADMIN, "addseed", "error: Not added: this article is already stored as article 2."),
    ]


async def test_cancel_and_presses_by_anyone_else(botapi: FakeBotAPI, tiesbot: Application) -> None:
    before = snapshot(tiesbot)
    message, _ = await preview(botapi, "/addseed\n" + ARTICLE)

    answer, edits = await press(botapi, "seed:pub:1", message, user_id=OTHER)
    assert answer == {"text": "Only the admin who sent this can publish it.", "show_alert": True}
    assert edits == []
    answer, _ = await press(botapi, "seed:cancel:1", message, user_id=OTHER)
    assert answer == {"text": "Only the admin who sent this can cancel it.", "show_alert": True}
    assert store_of(tiesbot).preview(1).status == "pending"

    answer, edits = await press(botapi, "seed:cancel:1", message)
    assert answer == {"text": "Cancelled."}
    assert edits == [f"✖ Cancelled: “{TITLE}” was not stored."]
    answer, edits = await press(botapi, "seed:pub:1", message)
    assert answer == {
        "text": "This preview was cancelled; nothing was stored.",
        "show_alert": True,
    }
    assert snapshot(tiesbot) == before
    assert [row for row in audit_rows(tiesbot) if row[0] == OTHER] == [
        (OTHER, "addseed:publish", "refused: not the admin who asked"),
        (OTHER, "addseed:cancel", "refused: not the admin who asked"),
    ]


async def test_an_expired_preview_cannot_be_published(
    botapi: FakeBotAPI, tiesbot: Application
) -> None:
    before = snapshot(tiesbot)
    message, _ = await preview(botapi, "/addseed\n" + ARTICLE)
    store_of(tiesbot).db["previews"].update(1, {"expires_at": "2000-01-01T00:00:00+00:00"})

    answer, edits = await press(botapi, "seed:pub:1", message)
    assert answer == {"text": "This preview expired."}
    assert edits == ["⌛ This preview expired; nothing was stored. Send /addseed again."]
    assert snapshot(tiesbot) == before

    # The expiry job does the same without a press, and takes the buttons away.
    message, _ = await preview(botapi, "/addseed\n" + ARTICLE)
    (job,) = tiesbot.job_queue.get_jobs_by_name("preview:2")
    await job.run(tiesbot)
    assert store_of(tiesbot).preview(2).status == "expired"
    edited = botapi.get_message(ADMIN, message["message_id"])
    assert plain_text(edited["text"]).startswith("⌛ This preview expired")
    assert "reply_markup" not in edited
    answer, _ = await press(botapi, "seed:pub:2", message)
    assert answer == {"text": "This preview expired; send /addseed again.", "show_alert": True}
    assert snapshot(tiesbot) == before


async def test_date_and_source_override_what_is_detected(
    botapi: FakeBotAPI, tiesbot: Application
) -> None:
    message, lines = await preview(
        botapi, '/addseed date=2018-02-01 source="Khmer Times"\n' + ARTICLE
    )
    assert lines[3] == "Khmer Times, 1 February 2018"
    await press(botapi, "seed:pub:1", message)
    article = store_of(tiesbot).article(2)
    assert (article.source, article.published) == ("Khmer Times", "2018-02-01")


# -- every way of adding ------------------------------------------------------------


async def test_a_reply_to_a_message_or_a_forward(botapi: FakeBotAPI, tiesbot: Application) -> None:
    plain = botapi.push_update(
        tg.message_update(ARTICLE, user_id=ADMIN, chat_id=GROUP, chat_type="group")
    )
    message, lines = await preview(
        botapi, "/addseed", reply_to=plain["message"], chat_id=GROUP, chat_type="group"
    )
    assert lines[:6] == [*PREVIEW_HEAD, "From the message you replied to · 3 sentences", ""]

    channel = tg.chat(-1005550001, "channel", title="Phnom Penh Post")
    forwarded = botapi.push_update(
        tg.message_update(
            ARTICLE,
            user_id=ADMIN,
            chat_id=GROUP,
            chat_type="group",
            forward_origin=tg.forward_origin_channel(channel, 77),
        )
    )
    message, lines = await preview(
        botapi, "/addseed", reply_to=forwarded["message"], chat_id=GROUP, chat_type="group"
    )
    assert lines[2] == f"📰 {TITLE}"
    answer, _ = await press(botapi, "seed:pub:2", message)
    assert answer == {"text": "Published."}
    assert store_of(tiesbot).article(2).title == TITLE


async def test_a_document_is_downloaded_with_getfile(
    botapi: FakeBotAPI, tiesbot: Application
) -> None:
    markdown = "# " + ARTICLE
    document = botapi.add_file(
        "DOC-MD", markdown.encode(), file_name="japan-loan.md", mime_type="text/markdown"
    )
    replies = await document_reply(botapi, document)
    assert replies[0].split("\n")[:6] == [*PREVIEW_HEAD, "From japan-loan.md · 3 sentences", ""]
    assert [c.params["file_id"] for c in botapi.calls_of("getFile")] == ["DOC-MD"]
    message = botapi.last_message(ADMIN)
    await press(botapi, "seed:pub:1", message)
    assert store_of(tiesbot).article(2).title == TITLE

    # A document sent earlier, then /addseed as a reply to it.
    page = botapi.add_file("DOC-HTML", HTML_ARTICLE, file_name="loan.html", mime_type="text/html")
    sent = botapi.push_update(document_update(page))
    message, lines = await preview(botapi, "/addseed", reply_to=sent["message"])
    assert lines[4].startswith("From loan.html · ")
    assert [c.params["file_id"] for c in botapi.calls_of("getFile")] == ["DOC-MD", "DOC-HTML"]


async def test_a_url_is_fetched_from_a_local_server(
    botapi: FakeBotAPI, open_bot: Application, site: str
) -> None:
    expected = prepare(HTML_ARTICLE, content_type="text/html; charset=utf-8")
    message, lines = await preview(botapi, f"/addseed {site}/moved")
    assert lines[2] == f"📰 {expected.article.title}"
    assert lines[4].startswith(f"From {site}/article.html · ")
    answer, _ = await press(botapi, "seed:pub:1", message)
    assert answer == {"text": "Published."}
    article = store_of(open_bot).article(2)
    assert (article.title, article.url) == (expected.article.title, f"{site}/article.html")

    # A reply to a message that is only a link fetches it too.
    shared = tg.message_update(f"{site}/article.txt", user_id=ADMIN)
    await botapi.request_reply(shared)  # the free-text handler answers the link as a question
    message, lines = await preview(botapi, "/addseed", reply_to=shared["message"])
    assert lines[2] == f"📰 {TITLE}"


# -- bad input: one clear reply, nothing stored ------------------------------------------


async def test_bad_inputs_get_one_reply_and_change_nothing(
    botapi: FakeBotAPI, tiesbot: Application
) -> None:
    before = snapshot(tiesbot)
    usage = tiesbot.bot_data[SERVICES_KEY].renderer.commands["addseed"]["usage"]
    big = tg.document(file_name="big.txt", mime_type="text/plain", file_size=50 * 1024 * 1024)
    exe = botapi.add_file("EXE", b"MZ\x90\x00", file_name="setup.exe")
    archive = botapi.add_file("ZIP", b"PK\x03\x04", file_name="articles.zip")
    latin1 = botapi.add_file(
        "LATIN1", ARTICLE.encode().replace(b"Hun", b"H\xe9n"), file_name="a.txt"
    )
    empty_page = botapi.add_file("NAV", NOT_ARTICLE_HTML, file_name="home.html")

    assert await say(botapi, "/addseed") == [
        f"Send the article’s text, a file or a link with /addseed.\nUsage: {usage}"
    ]
    replies = await botapi.request_reply(photo_caption_update("/addseed"))
    assert [plain_text(r["text"]) for r in replies] == [
        "Not added: I read text, .txt/.md/.html files and links, not a photo."
    ]
    sticker_message = botapi.push_update(
        tg.message_update("", user_id=ADMIN, extra={"sticker": sticker()})
    )
    assert await say(botapi, "/addseed", reply_to=sticker_message["message"]) == [
        "Not added: I read text, .txt/.md/.html files and links, not a sticker."
    ]
    assert await document_reply(botapi, big) == ["Not added: the file is 50 MB; the limit is 2 MB."]
    assert await document_reply(botapi, exe) == [
        "Not added: I read .txt, .md, .html and .htm files, not .exe files."
    ]
    assert await document_reply(botapi, archive) == [
        "Not added: I read .txt, .md, .html and .htm files, not .zip files."
    ]
    assert botapi.calls_of("getFile") == [], "refused by name and size before downloading"
    position = ARTICLE.encode().index(b"Hun") + 1
    assert await document_reply(botapi, latin1) == [
        f"Not added: the file is not valid UTF-8 text (byte 0xE9 at position {position}). "
        "Save it as UTF-8 and send it again."
    ]
    assert await document_reply(botapi, empty_page) == ["Not added: the page has no article text."]
    assert await say(botapi, "/addseed\n" + SEED_TEXT) == [
        "Not added: this article is already stored as article 1."
    ]
    assert await say(botapi, "/addseed date=2018-13-01 Text") == [
        f"The date must be YYYY-MM-DD, not “2018-13-01”.\nUsage: {usage}"
    ]
    assert await say(botapi, "/addseed ftp://example.com/article.txt") == [
        "Not added: I only fetch http:// and https:// addresses."
    ]
    assert snapshot(tiesbot) == before
    assert store_of(tiesbot).count_pending_previews() == 0


async def test_private_addresses_are_refused_by_default(
    botapi: FakeBotAPI, tiesbot: Application, site: str
) -> None:
    before = snapshot(tiesbot)
    assert await say(botapi, f"/addseed {site}/article.html") == [PRIVATE]
    assert await say(botapi, "/addseed http://localhost/admin") == [PRIVATE]
    assert await say(botapi, "/addseed http://169.254.169.254/latest/meta-data/") == [PRIVATE]
    assert snapshot(tiesbot) == before


async def test_a_redirect_to_a_private_address_is_refused(
    botapi: FakeBotAPI, tiesbot: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    """news.example "resolves" to a public address and redirects to 127.0.0.1."""
    requested: list[str] = []

    def internet(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://127.0.0.1:8080/secret"})

    async def resolve(host: str, port: int) -> list[str]:
        return [PUBLIC_IP] if host == "news.example" else ["127.0.0.1"]

    fake_fetch = functools.partial(
        fetch.fetch_url, transport=httpx.MockTransport(internet), resolver=resolve
    )
    monkeypatch.setattr(handlers.addseed, "fetch_url", fake_fetch)
    before = snapshot(tiesbot)
    assert await say(botapi, "/addseed http://news.example/story") == [PRIVATE]
    assert requested == ["http://news.example/story"]
    assert snapshot(tiesbot) == before


async def test_bad_urls_get_one_reply_each(
    botapi: FakeBotAPI, open_bot: Application, site: str
) -> None:
    before = snapshot(open_bot)
    assert await say(botapi, f"/addseed {site}/slow") == [
        "Not added: the page took longer than 0.5 s."
    ]
    assert await say(botapi, f"/addseed {site}/missing") == ["Not added: the server answered 404."]
    assert await say(botapi, f"/addseed {site}/archive.zip") == [
        "Not added: the page is not HTML or text (application/zip)."
    ]
    assert await say(botapi, f"/addseed {site}/huge") == [
        "Not added: the page is larger than 2 MB."
    ]
    assert snapshot(open_bot) == before


# -- /seeds, /delseed, /reindex, /stats ---------------------------------------------------


async def test_seeds_lists_ten_a_page(botapi: FakeBotAPI, tiesbot: Application) -> None:
    store = store_of(tiesbot)
    for number in range(1, 12):
        store.add_article(fabricated(number), [], [])
    (reply,) = await say(botapi, "/seeds")
    lines = reply.split("\n")
    assert lines[0] == "🗂 Stored articles (12) — page 1 of 2"
    assert lines[1] == (
        "1. New Momentum in Cambodia-Japan Ties — The Khmer Times, 14 August 2017 · seed file"
    )
    assert lines[2] == "12. Filler article 11 — Test Wire, 11 January 2001 · command line"
    assert lines[-1] == "/delseed ID deletes one; /article_ID shows it."
    message = botapi.last_message(ADMIN)
    assert buttons(message) == [("1/2", "seeds:0"), ("▶", "seeds:1")]

    answer, _ = await press(botapi, "seeds:1", message, user_id=OTHER)
    assert answer == {"text": "Only the bot’s admins can use this button.", "show_alert": True}
    answer, edits = await press(botapi, "seeds:1", message)
    assert edits[0].split("\n") == [
        "🗂 Stored articles (12) — page 2 of 2",
        "3. Filler article 02 — Test Wire, 2 January 2001 · command line",
        "2. Filler article 01 — Test Wire, 1 January 2001 · command line",
        "/delseed ID deletes one; /article_ID shows it.",
    ]


async def test_delseed_asks_then_deletes_only_that_article(
    botapi: FakeBotAPI, tiesbot: Application
) -> None:
    store = store_of(tiesbot)
    article_id = store_article(tiesbot)
    seed_sentences, seed_facts = store.sentences(1), store.facts(article_id=1)
    facts = len(store.facts(article_id=article_id))
    before = snapshot(tiesbot)

    (question,) = await say(botapi, f"/delseed {article_id}")
    assert question == (
        f"🗑 Delete article 2, {TITLE}, with its 3 sentences and {facts} facts? "
        "Other articles are not touched."
    )
    message = botapi.last_message(ADMIN)
    assert buttons(message) == [("🗑 Delete", "del:yes:2"), ("✖ Keep", "del:no:2")]
    answer, _ = await press(botapi, "del:yes:2", message, user_id=OTHER)
    assert answer == {"text": "Only the bot’s admins can use this button.", "show_alert": True}
    answer, edits = await press(botapi, "del:no:2", message)
    assert (answer, edits) == ({"text": "Kept."}, ["Kept article 2."])
    assert snapshot(tiesbot) == before

    await say(botapi, "/delseed 2")
    message = botapi.last_message(ADMIN)
    answer, edits = await press(botapi, "del:yes:2", message)
    assert answer == {"text": "Deleted."}
    assert edits == [f"🗑 Deleted article 2, {TITLE} (3 sentences, {facts} facts)."]
    assert [a.id for a in store.articles()] == [1]
    assert store.sentences(2) == [] and store.facts(article_id=2) == []
    assert (store.sentences(1), store.facts(article_id=1)) == (seed_sentences, seed_facts)

    after = snapshot(tiesbot)
    answer, edits = await press(botapi, "del:yes:2", message)
    assert answer == {"text": "Article 2 is already deleted.", "show_alert": True}
    assert await say(botapi, "/delseed 99") == ["There is no article 99."]
    assert await say(botapi, "/delseed two") == ["Usage: /delseed ID — the ids are in /seeds"]
    assert snapshot(tiesbot) == after


async def test_reindex_replaces_facts_with_a_changed_extractor(
    botapi: FakeBotAPI, tiesbot: Application, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = store_of(tiesbot)
    store_article(tiesbot)
    sentences_before = {1: store.sentences(1), 2: store.sentences(2)}
    old = sum(store.count_facts_by_kind().values())

    def improved(article: ParsedArticle) -> list[Fact]:
        return [Fact(kind="pledge", sentence=article.sentences[0], sentence_index=0)]

    monkeypatch.setattr(ingest, "extract_facts", improved)
    monkeypatch.setattr(handlers.admin, "PROGRESS_SECONDS", 0)
    await say(botapi, "/reindex")
    edits = await botapi.wait_for(
        "editMessageText", predicate=lambda c: c.params["text"].startswith("✅")
    )
    progress = [plain_text(c.params["text"]) for c in botapi.calls_of("sendMessage")]
    assert progress == ["🔄 Re-reading facts: 0 of 2 articles…"]
    texts = [plain_text(c.params["text"]) for c in botapi.calls_of("editMessageText")]
    assert texts == [
        "🔄 Re-reading facts: 1 of 2 articles…",
        f"✅ Re-read 2 articles: {old} → 2 facts.\n• 2 pledges",
    ]
    first_sent = botapi.calls_of("sendMessage")[0].result["message_id"]
    assert {c.params["message_id"] for c in edits} == {first_sent}, "one message, edited"
    for article_id in (1, 2):
        facts = store.facts(article_id=article_id)
        assert [(f.kind, f.sentence) for f in facts] == [
            ("pledge", sentences_before[article_id][0])
        ]
        assert store.sentences(article_id) == sentences_before[article_id]


async def test_stats(botapi: FakeBotAPI, tiesbot: Application) -> None:
    store = store_of(tiesbot)
    store.save_subscription(
        Subscription(chat_id=GROUP, time="09:00", timezone="UTC", articles=True)
    )
    store.save_subscription(Subscription(chat_id=OTHER, time="08:00", timezone="UTC"))
    store.claim_send(GROUP, "2024-05-01", "onthisday")
    store.finish_send(GROUP, "2024-05-01", "onthisday", status="sent", message_id=5)
    by_kind = store.count_facts_by_kind()
    (reply,) = await say(botapi, "/stats")
    lines = reply.split("\n")
    assert lines[:3] == ["📊 Statistics", "Articles: 1", f"Facts: {sum(by_kind.values())}"]
    assert len(lines) == 3 + len(by_kind) + 2
    assert lines[3].startswith("• ")
    assert lines[-2:] == [
        "Subscribed chats: 2 (1 with new-article posts)",
        "Reminders and posts sent in the last 7 days: 1",
    ]


# -- who is an admin ------------------------------------------------------------------


@pytest.mark.parametrize("command", ["addseed", "seeds", "delseed 1", "reindex", "stats"])
async def test_non_admins_are_refused_and_audited(
    botapi: FakeBotAPI, tiesbot: Application, command: str
) -> None:
    before = snapshot(tiesbot)
    name = command.split()[0]
    assert await say(botapi, f"/{command}", user_id=OTHER) == [
        f"Only the bot’s admins can use /{name}."
    ]
    assert snapshot(tiesbot) == before
    assert audit_rows(tiesbot) == [(OTHER, name, "refused: not an admin")]


async def test_chat_admins_anonymous_admins_and_forwards_are_not_bot_admins(
    botapi: FakeBotAPI, tiesbot: Application
) -> None:
    before = snapshot(tiesbot)
    botapi.set_member_status(GROUP, OTHER, "administrator")
    refused = ["Only the bot’s admins can use /addseed."]
    in_group = {"chat_id": GROUP, "chat_type": "group"}
    assert await say(botapi, "/addseed\n" + ARTICLE, user_id=OTHER, **in_group) == refused
    assert await say(botapi, "/addseed\n" + ARTICLE, anonymous_admin=True, **in_group) == refused
    forwarded_from_admin = tg.forward_origin_user(tg.user(ADMIN, first_name="Ada"))
    assert (
        await say(
            botapi, "/addseed\n" + ARTICLE, user_id=OTHER, forward_origin=forwarded_from_admin
        )
        == refused
    )
    # Even an admin's forward of a command is not a command the admin typed.
    forwarded_from_other = tg.forward_origin_user(tg.user(OTHER))
    assert await say(botapi, "/addseed\n" + ARTICLE, forward_origin=forwarded_from_other) == [
        "A forwarded /addseed is not run; send the command yourself."
    ]
    assert snapshot(tiesbot) == before
    assert store_of(tiesbot).count_pending_previews() == 0
    assert [row[2] for row in audit_rows(tiesbot)] == [
        "refused: not an admin",
        "refused: not an admin",
        "refused: not an admin",
        "refused: forwarded",
    ]


async def test_a_long_preview_still_fits_one_message(tiesbot: Application) -> None:
    """Fewer facts per kind are shown rather than splitting the preview from its buttons."""
    base = prepare(ARTICLE)
    many = [
        Fact(kind=kind, sentence="x", subject="a very long subject " * 8, countries=["Japan"])
        for kind in ("visit", "agreement", "request", "pledge", "meeting", "anniversary")
        for _ in range(12)
    ]
    markup = handlers.addseed.render_preview(
        tiesbot.bot_data[SERVICES_KEY], Prepared(base.article, many, base.summary), "a file"
    )
    assert visible_length(markup) <= TELEGRAM_LIMIT
    assert "Facts found (72)" in plain_text(markup)
    assert "more" in plain_text(markup).split("\n")[-3]
