"""Fuzzing through the real handlers: random commands, buttons, inline queries and articles.

The real Application runs in-process on an offline Bot API (``OfflineBotAPI``) that answers
like Telegram and checks every payload the bot sends the way Telegram would: valid HTML,
1–4096 characters after entity parsing, captions ≤ 1024, callback data ≤ 64 bytes, inline
results well formed. A payload Telegram would refuse is a failure, and so is any exception
that reaches the error handler as "unhandled" (the generic apology) or any ERROR logged.
Input the bot refuses (a usage line, a domain error) must leave the database as it was.

One Application and one database serve the whole module: hypothesis drives hundreds of
updates through it in a few seconds, and the articles the article fuzzer stores become
material for the command fuzzer.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import itertools
import json
import logging
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram import Update

import handlers.addseed
from bot import fetch
from bot.app import build_application, registered_commands, start_application, stop_application
from bot.config import load_config
from bot.console import OfflineRefusal, OfflineRequest
from bot.errors import ArticleError
from bot.ingest import prepare, store_prepared
from bot.records import FACT_KINDS, Subscription
from bot.services import SERVICES_KEY, Services
from bot.store import Store
from tests.botapi import updates as tg
from tests.botapi.html import TelegramHTMLError, parse_telegram_html, utf16_len
from tests.conftest import ARTICLES, E2E_NOW

ADMIN = 42
USER = 1001
GROUP = -4001
SUPERGROUP = -1001234567890
BOT_NAME = "tiesbot_fuzz_bot"
BOT_USER = {"id": 777, "is_bot": True, "first_name": "Tiesbot", "username": BOT_NAME}
APOLOGY = "something went wrong"
PUBLIC_IP = "93.184.216.34"
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # the same examples every run: no flaky shrinking across runs
    derandomize=True,
)


class Refused(OfflineRefusal):
    """What Telegram would answer 400 to."""


class OfflineBotAPI(OfflineRequest):
    """The Bot API without a network: answers like Telegram and checks what the bot sends.

    Every payload Telegram would refuse is answered with a 400 (so the bot takes the same
    path as in production) and written to ``problems`` (so the test fails).
    """

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.texts: list[str] = []
        self.files: dict[str, bytes] = {}
        self.message_ids = itertools.count(100_000)

    def download(self, file_path: str) -> bytes:
        return self.files.get(file_path, b"")

    def answer(self, name: str, params: dict[str, Any]) -> Any:
        try:
            return self._answer(name, params)
        except Refused as exc:
            self.problems.append(f"{name}: {exc}")
            raise

    def _answer(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getMe":
            return {**BOT_USER, "can_join_groups": True, "supports_inline_queries": True}
        if name in ("sendMessage", "editMessageText"):
            text = self.check_html(params.get("text"), params.get("parse_mode"), 4096)
            self.check_markup(params.get("reply_markup"))
            self.texts.append(str(params.get("text")))
            if params.get("inline_message_id"):
                return True
            return self.message(params, text=text)
        if name == "sendPhoto":
            caption = self.check_html(params.get("caption") or "", params.get("parse_mode"), 1024)
            return self.message(params, caption=caption, photo=[self.photo()])
        if name == "answerCallbackQuery":
            if len(str(params.get("text") or "")) > 200:
                raise Refused("MESSAGE_TOO_LONG")
            return True
        if name == "answerInlineQuery":
            self.check_inline(params.get("results"))
            return True
        if name == "getChatMember":
            status = "administrator" if params.get("user_id") == ADMIN else "member"
            return tg.chat_member(tg.user(int(params["user_id"])), status)
        if name == "getFile":
            file_id = str(params["file_id"])
            size = len(self.files.get(file_id, b""))
            return {"file_id": file_id, "file_unique_id": "u" + file_id, "file_size": size,
                    "file_path": file_id}  # fmt: skip
        return True

    def check_html(self, text: Any, parse_mode: Any, limit: int, *, empty_ok: bool = False) -> str:
        if parse_mode != "HTML":
            raise Refused(f"parse_mode {parse_mode!r}, not HTML")
        try:
            plain = parse_telegram_html(str(text)).text
        except TelegramHTMLError as exc:
            raise Refused(f"can't parse entities: {exc} in {str(text)[:300]!r}") from None
        if not plain and not empty_ok and limit == 4096:
            raise Refused("message text is empty")
        if len(plain) > limit:
            raise Refused(f"message is too long ({len(plain)} > {limit})")
        return plain

    def check_markup(self, markup: Any) -> None:
        if isinstance(markup, str):
            markup = json.loads(markup)
        for row in (markup or {}).get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise Refused(f"BUTTON_DATA_INVALID {data!r}")

    def check_inline(self, results: Any) -> None:
        if isinstance(results, str):
            results = json.loads(results)
        if len(results) > 50:
            raise Refused("RESULTS_TOO_MUCH")
        ids = [str(r["id"]) for r in results]
        if len(set(ids)) != len(ids) or not all(1 <= len(i.encode()) <= 64 for i in ids):
            raise Refused(f"RESULT_ID_INVALID {ids}")
        for result in results:
            content = result["input_message_content"]
            self.check_html(content["message_text"], content.get("parse_mode"), 4096)
            if not result.get("title"):
                raise Refused("inline result without a title")

    def message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message_id = params.get("message_id") or next(self.message_ids)
        return {"message_id": message_id, "date": 0, "chat": tg.chat(chat_id),
                "from": BOT_USER, **content}  # fmt: skip

    @staticmethod
    def photo() -> dict[str, Any]:
        return {"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}


class Recorder(logging.Handler):
    """Every record of interest: ERROR anywhere, and the error handler's domain errors."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.name == "handlers.errors":
            self.records.append(record)


@dataclass
class Harness:
    """One offline Application on its own event loop, fed one update at a time."""

    loop: asyncio.AbstractEventLoop
    application: Any
    api: OfflineBotAPI
    log: Recorder
    update_ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def svc(self) -> Services:
        return self.application.bot_data[SERVICES_KEY]

    def process(self, data: dict[str, Any]) -> list[str]:
        """Feed one update; the texts the bot sent. Fails on any problem or ERROR."""
        self.api.problems.clear()
        self.api.texts.clear()
        self.log.records.clear()
        data["update_id"] = next(self.update_ids)
        update = Update.de_json(data, self.application.bot)
        self.loop.run_until_complete(self.application.process_update(update))
        errors = [f"{r.name}: {r.getMessage()}" for r in self.log.records if r.levelno >= 40]
        assert errors == [], (errors, data)
        assert self.api.problems == [], (self.api.problems, data)
        assert not any(APOLOGY in text for text in self.api.texts), data
        return list(self.api.texts)

    @property
    def refused(self) -> bool:
        """Whether the last update ended in a domain error (a usage line, "no article 9")."""
        return any(
            r.name == "handlers.errors" and r.levelno == logging.INFO for r in self.log.records
        )


def db_state(store: Store) -> tuple[Any, ...]:
    """Everything but the audit log: articles, sentences, facts, chats, sends, previews."""
    query = store.db.execute
    return (
        query("SELECT id, content_hash FROM articles ORDER BY id").fetchall(),
        query("SELECT count(*), total(id) FROM sentences").fetchone(),
        query("SELECT count(*), total(id) FROM facts").fetchone(),
        query("SELECT * FROM subscriptions ORDER BY chat_id").fetchall(),
        query("SELECT count(*) FROM send_log").fetchone(),
        query("SELECT id, status FROM previews ORDER BY id").fetchall(),
    )


def page(request: httpx.Request) -> httpx.Response:
    """The "internet" /addseed sees: one article, a redirect, and errors."""
    path = request.url.path
    if path.startswith("/r"):
        return httpx.Response(302, headers={"Location": "http://127.0.0.1/private"})
    if path.startswith("/article"):
        text = (ARTICLES / "phnom-penh-post-2018-01-09-japan-loan.html").read_bytes()
        return httpx.Response(200, content=text, headers={"Content-Type": "text/html"})
    return httpx.Response(404, text="nope", headers={"Content-Type": "text/plain"})


async def public_dns(host: str, port: int) -> list[str]:
    return ["127.0.0.1"] if host == "localhost" else [PUBLIC_IP]


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    folder = tmp_path_factory.mktemp("fuzz")
    config = load_config(
        {"TIESBOT_DATABASE": str(folder / "fuzz.db"), "TIESBOT_ADMINS": str(ADMIN)}
    )
    api = OfflineBotAPI()
    loop = asyncio.new_event_loop()
    recorder = Recorder()
    root = logging.getLogger()
    errors_log = logging.getLogger("handlers.errors")
    level = errors_log.level
    root.addHandler(recorder)
    errors_log.setLevel(logging.INFO)
    application = build_application(config, request=api, clock=lambda: E2E_NOW)
    with pytest.MonkeyPatch.context() as patch:
        # /addseed URL: the real fetch, over a fake internet and a fake DNS; never the network.
        fake_fetch = functools.partial(
            fetch.fetch_url, transport=httpx.MockTransport(page), resolver=public_dns
        )
        patch.setattr(handlers.addseed, "fetch_url", fake_fetch)
        try:
            loop.run_until_complete(start_application(application))
            svc: Services = application.bot_data[SERVICES_KEY]
            for path in sorted(ARTICLES.glob("*.txt")):
                store_prepared(svc.store, prepare(path.read_bytes()), name=path.name, origin=None)
            svc.store.save_subscription(
                Subscription(chat_id=USER, time="09:00", timezone="Asia/Phnom_Penh")
            )
            yield Harness(loop, application, api, recorder)
        finally:
            loop.run_until_complete(stop_application(application))
            loop.close()
            root.removeHandler(recorder)
            errors_log.setLevel(level)


# -- strategies ---------------------------------------------------------------------------

COMMANDS = [command.name for command in registered_commands()]
WRITING_COMMANDS = {"subscribe", "unsubscribe", "settings", "addseed", "reindex"}
ODD_WORDS = [
    "", "0", "1", "2", "-1", "07", "#3", "999999999", "99999999999999999999", "1e9", "½", "٣",
    "2026-08-07", "08-07", "02-30", "2026-02-29", "2024-02-29", "7 August", "1957", "0000",
    "25:99", "08:30", "23:59", "7h05", "Asia/Tokyo", "Mars/Base", "UTC", "../../etc/passwd",
    "Europe/Berlin", "articles", "news", "on", "off", "time", "timezone", "tz", "empty",
    "chart", "japan", "cambodia", "hun", "sen", "visit", "2017", "2010-2020", "2020-2010",
    "since", "before", "<b>", "</i>", "<a href='x'>", "&amp;", "&lt;", "&#0;", "&#xD800;", '"',
    "'", "*", "-", "NEAR(", "AND", "OR", "NOT", "a*", "^", ":", "::", "\\", "%", "_", "🙂",
    "👨‍👩‍👧", "\u200b", "\u202e", "\u0301", "\x00", "\x7f", "\ufeff", "𝕏", "ß", "İ",
    "date=2019-02-30", "date=2018-01-09", "source=<b>X</b>", "source=",
    "https://news.example/article", "http://news.example/r", "http://127.0.0.1/admin",
    "http://[::1]/", "http://localhost/x", "ftp://news.example/a", "https://", "http://%zz/",
]  # fmt: skip
WORD = st.one_of(
    st.sampled_from(ODD_WORDS),
    st.text(max_size=24),
    st.integers(-(10**12), 10**20).map(str),
)
SEPARATOR = st.sampled_from([" ", " ", "  ", "\n", "\t", " \n "])
SUFFIX = st.sampled_from(["", "", "", f"@{BOT_NAME}", "@OtherBot", f"@{BOT_NAME.upper()}", "@"])
NAME = st.one_of(
    st.sampled_from(COMMANDS),
    st.sampled_from(COMMANDS),
    st.sampled_from(["article_1", "article_2", "article_99999", "article_0", "Search", "START"]),
    st.text(string.ascii_letters + string.digits + "_", min_size=1, max_size=33),
)
HUGE = st.builds(
    lambda unit, count: unit * count,
    st.sampled_from(["a", "word ", "<b>", "🙂", "&amp; ", "日本 ", "\n"]),
    st.integers(10_000, 12_000),
)


@st.composite
def command_texts(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from(["/", "//search x", " /search japan", "@" + BOT_NAME + " hi"]))
    head = f"/{draw(NAME)}{draw(SUFFIX)}"
    if draw(st.integers(0, 24)) == 0:
        return head + " " + draw(HUGE)
    words = draw(st.lists(WORD, max_size=6))
    return head + "".join(draw(SEPARATOR) + word for word in words)


@st.composite
def entities(draw: st.DrawFn, text: str) -> list[dict[str, Any]] | None:
    """None: what Telegram computes (a bot_command for a leading /cmd); else odd entities."""
    if not text or draw(st.integers(0, 5)):
        return None
    found: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        kind = draw(st.sampled_from(["bot_command", "mention", "bold", "url", "hashtag"]))
        offset = utf16_len(text[:start])
        found.append({"type": kind, "offset": offset, "length": utf16_len(text[start:end])})
    return found


SENDERS = ["private", "admin", "group", "group_admin", "anonymous_admin", "no_from",
           "channel_post", "edited", "forwarded", "reply_in_group", "document"]  # fmt: skip


@st.composite
def command_updates(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(command_texts())
    kind = draw(st.sampled_from(SENDERS))
    extra: dict[str, Any] = {
        "entities": draw(entities(text)),
        "message_id": draw(st.integers(1, 10**6)),
    }
    in_group = {"chat_type": "group", "chat_id": GROUP}
    if kind == "private":
        return tg.message_update(text, user_id=draw(st.sampled_from([USER, 5005])), **extra)
    if kind == "admin":
        return tg.message_update(text, user_id=ADMIN, **extra)
    if kind == "group":
        return tg.message_update(text, user_id=USER, **in_group, **extra)
    if kind == "group_admin":
        return tg.message_update(text, user_id=ADMIN, chat_type="supergroup", chat_id=SUPERGROUP,
                                 **extra)  # fmt: skip
    if kind == "anonymous_admin":
        return tg.message_update(text, anonymous_admin=True, **in_group, **extra)
    if kind == "no_from":
        return tg.message_update(text, from_=tg.MISSING, **in_group, **extra)
    if kind == "channel_post":
        return tg.channel_post_update(text, **extra)
    if kind == "edited":
        user = draw(st.sampled_from([USER, ADMIN]))
        return tg.edited_message_update(text, user_id=user, **extra)
    if kind == "forwarded":
        origin = tg.forward_origin_user(tg.user(ADMIN))
        return tg.message_update(text, user_id=USER, forward_origin=origin, **extra)
    if kind == "reply_in_group":
        bot_message = {"message_id": 5, "date": 0, "chat": tg.chat(GROUP), "from": BOT_USER,
                       "text": "earlier answer"}  # fmt: skip
        return tg.message_update(text, user_id=USER, reply_to=bot_message, **in_group, **extra)
    # A document with the text as its caption (/addseed FILE), from the admin.
    file_id = f"f{draw(st.integers(0, 10**9))}"
    name = draw(st.sampled_from(["a.txt", "b.md", "c.html", "d.pdf", "noext", "e.HTM"]))
    document = tg.document(file_id, file_name=name, file_size=draw(st.integers(0, 3000)))
    extra["entities"] = None
    captions = ["/addseed", f"/addseed@{BOT_NAME}", "/addseed date=2019-02-30 source=X", text]
    caption = draw(st.sampled_from([*captions, "/addseed@OtherBot"]))
    update = tg.message_update(caption, user_id=ADMIN, document=document, **extra)
    update["_file"] = (file_id, draw(st.binary(max_size=3000)))
    return update


CALLBACK_PREFIXES = ["search:", "list:visits:", "list:agreements:", "list:timeline:", "seeds:",
                     "sources:", "del:no:", "del:yes:", "seed:pub:", "seed:cancel:", "list:",
                     "search:x:", ""]  # fmt: skip
PAGE = st.one_of(
    st.sampled_from(["0", "1", "2", "3", "9999", "10000", "9223372036854775808", "1" * 30]),
    st.integers(0, 10**25).map(str),
)
CALLBACK_TAILS = st.one_of(
    PAGE,
    st.builds(lambda page, words: f"{page}:{words}", PAGE, WORD),
    st.text(max_size=40),
)


@st.composite
def callback_updates(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(st.sampled_from(CALLBACK_PREFIXES)) + draw(CALLBACK_TAILS)
    if data.startswith("del:yes:") and not data.removeprefix("del:yes:").startswith("1000"):
        data = "del:yes:1000" + data.removeprefix("del:yes:")  # never delete the corpus
    data = data.encode()[:64].decode(errors="ignore")
    user = draw(st.sampled_from([USER, ADMIN, 5005]))
    if draw(st.booleans()):
        chat_id = draw(st.sampled_from([USER, GROUP]))
        message = {"message_id": draw(st.integers(1, 10**6)), "date": 0,
                   "chat": tg.chat(chat_id), "from": BOT_USER, "text": "a list"}  # fmt: skip
        return tg.callback_query_update(data, message=message, user_id=user)
    return tg.callback_query_update(data, inline_message_id="inline-1", user_id=user)


COMMAND_RE = re.compile(r"^/([A-Za-z0-9_]+)")


def may_write(update: dict[str, Any]) -> bool:
    """Whether the update asks for a change (which the bot may then refuse)."""
    query = update.get("callback_query")
    if query is not None:
        return query["data"].startswith(("seed:pub:", "del:yes:"))
    message = update.get("message") or update.get("edited_message") or {}
    command = COMMAND_RE.match(message.get("text") or message.get("caption") or "")
    return command is not None and command[1].lower() in WRITING_COMMANDS


def feed(harness: Harness, update: dict[str, Any]) -> None:
    """Process one update; refused input must leave the database as it was."""
    file = update.pop("_file", None)
    if file is not None:
        harness.api.files[file[0]] = file[1]
    before = db_state(harness.svc.store)
    harness.process(update)
    if harness.refused or not may_write(update):
        assert db_state(harness.svc.store) == before, update


# -- the fuzzers ----------------------------------------------------------------------------


@settings(FUZZ, max_examples=520)
@given(update=command_updates())
def test_random_commands(harness: Harness, update: dict[str, Any]) -> None:
    feed(harness, update)


@settings(FUZZ, max_examples=150)
@given(update=callback_updates())
def test_random_button_presses(harness: Harness, update: dict[str, Any]) -> None:
    feed(harness, update)


@settings(FUZZ, max_examples=80)
@given(
    query=st.one_of(st.sampled_from(ODD_WORDS), st.text(max_size=300), HUGE.map(lambda t: t[:300])),
    offset=st.sampled_from(["", "0", "50", "x"]),
)
def test_random_inline_queries(harness: Harness, query: str, offset: str) -> None:
    feed(harness, tg.inline_query_update(query, offset=offset))


# -- article files ---------------------------------------------------------------------------

NAMES = ["Hun Sen", "Shinzo Abe", "Joko Widodo", "Xi Jinping", "Thongloun Sisoulith", "Ms. X"]
PLACES = ["Japan", "Cambodia", "Phnom Penh", "Tokyo", "Laos", "Thailand", "Atlantis"]
DATES = ["7 August 2017", "31 February 2019", "2019-13-45", "August 2017", "1 January 10000",
         "29 February 2024", "29 February 2023", "0 May 2020", "May 32, 2018", "2017",
         "yesterday", "14/08/2017", "2018-01-09", "1 Jan 1900", "12 December 1999"]  # fmt: skip
SENTENCE_PARTS = st.sampled_from([
    "{name} visited {place} on {date}.",
    "The two countries signed an agreement worth ${n} million on {date}.",
    "{place} pledged {n} billion yen to {place2}.",
    "{name} has visited {place} {n} times since {date}.",
    "{place} requested {place2}'s assistance to build a skytrain.",
    "This year marks the {n}th anniversary of diplomatic relations between {place} and {place2}.",
    "{name} met {name2} on the sidelines of the summit in {place} on {date}.",
    "Analysts said trade rose by {n} percent.",
    "<script>alert('{name}')</script>", "&nbsp;&amp;&lt;b&gt;", "<b>{name}</b>",
    "Read more: https://example.com/{n}", "\u202e{name}\u202c", "{name} 🙂 {place}.",
])  # fmt: skip


@st.composite
def structured_articles(draw: st.DrawFn) -> str:
    def sentence() -> str:
        return draw(SENTENCE_PARTS).format(
            name=draw(st.sampled_from(NAMES)),
            name2=draw(st.sampled_from(NAMES)),
            place=draw(st.sampled_from(PLACES)),
            place2=draw(st.sampled_from(PLACES)),
            date=draw(st.sampled_from(DATES)),
            n=draw(st.integers(-5, 10**15)),
        )

    title = draw(st.one_of(st.text(min_size=1, max_size=120), st.just(sentence())))
    dateline = draw(st.sampled_from(["", "Test Wire, "])) + draw(st.sampled_from(DATES))
    paragraphs = [" ".join(sentence() for _ in range(draw(st.integers(1, 6))))
                  for _ in range(draw(st.integers(0, 8)))]  # fmt: skip
    shape = draw(st.sampled_from(["text", "markdown", "html", "html-broken"]))
    if shape == "text":
        return "\n\n".join([title, dateline, *paragraphs])
    if shape == "markdown":
        return "\n\n".join([f"# {title}", f"*{dateline}*", *paragraphs])
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    page_html = (f"<html><head><title>{title}</title></head><body><h1>{title}</h1>"
                 f"<time>{dateline}</time>{body}</body></html>")  # fmt: skip
    if shape == "html-broken":
        cut = draw(st.integers(0, len(page_html)))
        page_html = page_html[:cut] + draw(st.sampled_from(["<div", "</p></p>", "<!--", "&#"]))
    return page_html


ARTICLE_DATA = st.one_of(
    st.binary(max_size=4000),
    st.text(max_size=4000),
    structured_articles(),
    structured_articles().map(lambda text: text.encode("utf-16")),
    structured_articles().map(lambda text: text.encode("latin-1", errors="replace")),
)


def check_stored(store: Store, article_id: int, prepared: Any) -> None:
    """The whole article is there: row, every sentence, every fact, pointing at it."""
    article = store.article(article_id)
    assert article.title == prepared.article.title and article.title.strip()
    assert store.sentences(article_id) == prepared.article.sentences
    assert all(sentence.strip() for sentence in prepared.article.sentences)
    facts = store.facts(article_id=article_id)
    assert len(facts) == len(prepared.facts)
    assert all(f.article_id == article_id and f.kind in FACT_KINDS for f in facts)
    if article.published is not None:
        dt.date.fromisoformat(article.published)


@settings(FUZZ, max_examples=220)
@given(
    data=ARTICLE_DATA,
    name=st.sampled_from([None, "a.txt", "b.md", "c.html", "d.htm", "e.pdf", "noext"]),
    content_type=st.sampled_from(
        [
            None,
            "text/plain",
            "text/html",
            "text/markdown",
            "application/pdf",
            "text/plain; charset=latin-1",
            "text/html; charset=utf-16",
        ]
    ),  # fmt: skip
    date=st.sampled_from([None, None, "2018-01-09", "2019-02-30", "9999-99-99", "yesterday"]),
)
def test_random_article_files(
    harness: Harness,
    data: bytes | str,
    name: str | None,
    content_type: str | None,
    date: str | None,
) -> None:
    store = harness.svc.store
    before = db_state(store)
    try:
        prepared = prepare(data, name=name, content_type=content_type, date=date)
    except ArticleError as exc:
        assert exc.message.strip()
        assert db_state(store) == before
        return
    report = store_prepared(store, prepared, name="fuzz", origin=None)
    if report.status != "added":
        assert report.status in {"duplicate", "near_duplicate"}
        assert db_state(store) == before
        return
    check_stored(store, report.article_id, prepared)
    # What users then see of it must still be valid Telegram HTML.
    for text in (f"/article {report.article_id}", f"/summary {report.article_id}", "/latest"):
        assert harness.process(tg.message_update(text, user_id=USER))
    word = next((w for w in prepared.article.title.split() if w.isalnum()), "x")
    harness.process(tg.message_update(f"/search {word}", user_id=USER))
    harness.process(tg.inline_query_update(word))


def test_the_fuzzed_database_is_intact(harness: Harness) -> None:
    conn = harness.svc.store.db.conn
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    for fts in ("sentences_fts", "facts_listing_fts", "facts_signed_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
