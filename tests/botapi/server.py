"""A local Telegram Bot API server for end-to-end tests, served by aiohttp on 127.0.0.1.

The tests run the real PTB ``Application`` against it over real HTTP with long polling, so the
whole stack (request encoding, error mapping, rate limiter, retries, handlers) is exercised
without the internet. The server keeps just enough state to answer like Telegram: the bot's
messages per chat (so edits, "message is not modified" and deletes behave), chats and members
seen in pushed updates, uploaded and registered files, commands, and callback/inline query ids.

What PTB 22 sends: ``application/x-www-form-urlencoded`` for every call without files and
``multipart/form-data`` when it uploads, never JSON. Every value is a string: numbers and
booleans are JSON-encoded (``"123"``, ``"true"``), objects and arrays are JSON text
(``reply_markup='{"inline_keyboard": ...}'``). :func:`decode_params` turns them back into JSON
values; JSON bodies and query strings are accepted too, as Telegram accepts them.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import math
import socket
import statistics
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import updates as build
from .html import TelegramHTMLError, parse_telegram_html

if TYPE_CHECKING:
    from telegram.ext import ApplicationBuilder

__all__ = [
    "BotAPIError",
    "Call",
    "FakeBotAPI",
    "Injection",
    "MethodStats",
    "RateLimits",
    "ServerStats",
    "UploadedFile",
    "decode_params",
]

#: Parameters that are strings in the Bot API and must not be JSON-decoded ("123" stays "123").
STRING_PARAMS: frozenset[str] = frozenset(
    {
        "text",
        "caption",
        "query",
        "data",
        "description",
        "short_description",
        "name",
        "title",
        "parse_mode",
        "caption_parse_mode",
        "callback_query_id",
        "inline_query_id",
        "inline_message_id",
        "file_id",
        "url",
        "username",
        "language_code",
        "action",
        "emoji",
        "next_offset",
        "switch_pm_text",
        "switch_pm_parameter",
        "custom_title",
        "question",
        "explanation",
        "address",
        "phone_number",
        "first_name",
        "last_name",
        "vcard",
        "payload",
        "provider_token",
        "currency",
        "start_parameter",
        "secret_token",
        "ip_address",
        "photo",
        "document",
        "audio",
        "video",
        "animation",
        "voice",
        "video_note",
        "sticker",
        "thumbnail",
        "message_effect_id",
        "business_connection_id",
        "invite_link",
        "game_short_name",
    }
)

#: Methods that deliver a message to a chat: these count against Telegram's flood limits.
_SEND_PREFIXES = ("send", "copyMessage", "forwardMessage")
#: Methods whose payloads :meth:`FakeBotAPI.sent_messages` returns.
MESSAGE_METHODS: tuple[str, ...] = (
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "editMessageText",
    "editMessageCaption",
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
#: Update types Telegram leaves out unless allowed_updates asks for them.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_MAX_DOWNLOAD = 20 * 1024 * 1024
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
_DEFAULT_DESCRIPTIONS: dict[int, str] = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot "
    "instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}

Params = dict[str, Any]
Handler = Callable[[Params], Awaitable[Any] | Any]


class BotAPIError(Exception):
    """Raise from a method handler to answer ``{"ok": false, ...}`` with this status."""

    def __init__(
        self, status: int, description: str, parameters: dict[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """The JSON Telegram sends for this error."""
        data: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            data["parameters"] = self.parameters
        return data


def _bad(description: str) -> BotAPIError:
    """A 400, the status of almost every validation error."""
    return BotAPIError(400, f"Bad Request: {description}")


@dataclass
class UploadedFile:
    """A file part of a multipart request, kept so tests can assert on the exact bytes."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class Call:
    """One request the bot made. ``time`` is ``time.monotonic()`` when it arrived."""

    method: str
    params: Params
    time: float
    status: int = 200
    result: Any = None
    error: dict[str, Any] | None = None
    duration: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether Telegram would have answered ``"ok": true``."""
        return self.status == 200

    @property
    def chat_id(self) -> int | str | None:
        """The target chat, normalised to int where it is numeric."""
        return _norm_chat_id(self.params.get("chat_id"))


@dataclass
class Injection:
    """A planned fault: the next ``times`` matching calls fail, stall or lose their connection."""

    method: str
    status: int | None = None
    description: str | None = None
    retry_after: float | None = None
    migrate_to_chat_id: int | None = None
    times: int | None = 1
    delay: float = 0.0
    chat_id: int | str | None = None
    drop_connection: bool = False
    predicate: Callable[[Params], bool] | None = None
    hits: int = 0

    @property
    def exhausted(self) -> bool:
        """True once it fired ``times`` times (never for ``times=None``)."""
        return self.times is not None and self.hits >= self.times

    def matches(self, method: str, params: Params) -> bool:
        """``"*"`` matches every method except getUpdates, so polling survives broad faults."""
        if self.exhausted:
            return False
        if self.method == "*":
            if method == "getUpdates":
                return False
        elif self.method.lower() != method.lower():
            return False
        if self.chat_id is not None and _norm_chat_id(params.get("chat_id")) != self.chat_id:
            return False
        return self.predicate is None or bool(self.predicate(params))

    def error(self) -> BotAPIError | None:
        """The error to answer with, or None when the fault is only a delay or a drop."""
        if self.status is None:
            return None
        parameters: dict[str, Any] = {}
        description = self.description or _DEFAULT_DESCRIPTIONS.get(self.status, "Error")
        if self.status == 429:
            retry_after = self.retry_after if self.retry_after is not None else 1
            if float(retry_after).is_integer():
                retry_after = int(retry_after)
            parameters["retry_after"] = retry_after
            description = self.description or f"Too Many Requests: retry after {retry_after}"
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
            description = (
                self.description or "Bad Request: group chat was upgraded to a supergroup chat"
            )
        return BotAPIError(self.status, description, parameters or None)


@dataclass
class RateLimits:
    """Telegram's documented flood limits, enforced only with ``enforce_limits=True``.

    Private chats use a token bucket: short bursts pass, more than ``private_per_second``
    sustained does not.
    """

    overall_per_second: int = 30
    group_per_minute: int = 20
    private_per_second: float = 1.0
    private_burst: int = 3


@dataclass
class MethodStats:
    """Counts and server-side handling times of one method, for benchmarks."""

    count: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        """Count, errors and latency percentiles in milliseconds."""
        lat = sorted(self.latencies)
        if not lat:
            return {"count": self.count, "errors": self.errors}

        def pct(p: float) -> float:
            return lat[min(len(lat) - 1, math.ceil(p * len(lat)) - 1)] * 1000

        return {
            "count": self.count,
            "errors": self.errors,
            "mean_ms": statistics.fmean(lat) * 1000,
            "p50_ms": pct(0.5),
            "p95_ms": pct(0.95),
            "max_ms": lat[-1] * 1000,
        }


@dataclass
class ServerStats:
    """What the server saw: per-method counts/latencies, 429s it imposed, faults it injected."""

    methods: dict[str, MethodStats] = field(default_factory=dict)
    rate_limited: int = 0
    injected: int = 0
    dropped_connections: int = 0

    @property
    def total_calls(self) -> int:
        """All calls, successful or not."""
        return sum(m.count for m in self.methods.values())

    def count(self, method: str) -> int:
        """How often ``method`` was called."""
        stats = self.methods.get(method)
        return stats.count if stats else 0

    def record(self, method: str, ok: bool, duration: float) -> None:
        """Account for one finished call."""
        stats = self.methods.setdefault(method, MethodStats())
        stats.count += 1
        stats.errors += 0 if ok else 1
        stats.latencies.append(duration)

    def summary(self) -> dict[str, Any]:
        """A JSON-friendly digest for benchmark output."""
        return {
            "total_calls": self.total_calls,
            "rate_limited": self.rate_limited,
            "injected": self.injected,
            "dropped_connections": self.dropped_connections,
            "methods": {name: m.summary() for name, m in sorted(self.methods.items())},
        }


@dataclass
class _StoredFile:
    """A file getFile can describe and the file endpoint can serve."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None


@dataclass
class _Poller:
    """A getUpdates request waiting for updates; ``superseded`` when a newer one arrived."""

    wake: asyncio.Event = field(default_factory=asyncio.Event)
    superseded: bool = False


class _Signal:
    """Broadcast "something changed" to any number of waiters, fired from sync code.

    Each fire() sets the current event and installs a fresh one, so waiters never see a stale
    set flag and nobody has to poll with sleeps.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        """Wake everyone currently waiting."""
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait(self, timeout: float) -> bool:
        """Wait for the next fire(); False on timeout."""
        event = self._event
        try:
            await asyncio.wait_for(event.wait(), max(0.0, timeout))
        except TimeoutError:
            return False
        return True


def _norm_chat_id(value: Any) -> int | str | None:
    """Chat ids arrive as ints or strings; compare them as ints when numeric."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return int(value)
        return value
    return None


def _decode_value(name: str, value: Any) -> Any:
    """Undo PTB's string encoding of one parameter (see the module docstring)."""
    if not isinstance(value, str) or name in STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def decode_params(raw: Iterable[tuple[str, Any]]) -> Params:
    """Turn form/JSON/query pairs into JSON values, keeping string-typed parameters as strings."""
    return {name: _decode_value(name, value) for name, value in raw}


def _int_param(params: Params, name: str, default: int | None = None) -> int | None:
    """An integer parameter, with Telegram's error for garbage."""
    value = params.get(name, default)
    if value is None:
        return None
    if isinstance(value, bool):
        raise _bad(f'field "{name}" must be of type Number')
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad(f'field "{name}" must be of type Number') from None


def _now() -> int:
    """Telegram dates are whole Unix seconds."""
    return int(time.time())


def _is_send(method: str) -> bool:
    """Whether the method delivers a message (chat actions do not)."""
    return method.startswith(_SEND_PREFIXES) and method != "sendChatAction"


def _update_type(update: dict[str, Any]) -> str:
    """The Update field that carries the payload, e.g. "message"."""
    return next((key for key in update if key != "update_id"), "")


def _walk(value: Any) -> Iterable[dict[str, Any]]:
    """Every dict nested in a JSON value, outermost first."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


class FakeBotAPI:
    """A Telegram Bot API server on 127.0.0.1 for tests; use ``async with FakeBotAPI() as s``.

    Point PTB at it with ``base_url(s.base_url)`` and ``base_file_url(s.file_base_url)`` (or
    :meth:`application_builder`). Push updates with :meth:`push_update`, inspect what the bot
    did via :attr:`calls`, :meth:`sent_messages`, :meth:`wait_for` and :meth:`request_reply`,
    and break things with :meth:`inject` and :meth:`block_chat`.
    """

    def __init__(
        self,
        token: str = build.DEFAULT_TOKEN,
        bot_username: str = build.DEFAULT_BOT_USERNAME,
        *,
        bot_first_name: str = "Tiesbot",
        enforce_limits: bool = False,
        limits: RateLimits | None = None,
        strict_html_entities: bool = False,
        max_poll_timeout: float = 50.0,
        shutdown_timeout: float = 1.0,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_user: dict[str, Any] = build.bot_user(token, bot_username, bot_first_name)
        self.enforce_limits = enforce_limits
        self.limits = limits or RateLimits()
        self.strict_html_entities = strict_html_entities
        self.max_poll_timeout = max_poll_timeout
        self.shutdown_timeout = shutdown_timeout

        self.calls: list[Call] = []
        self.uploads: list[UploadedFile] = []
        self.stats = ServerStats()
        self.discarded_updates: list[dict[str, Any]] = []
        self.allowed_updates: list[str] | None = None
        self.webhook_url = ""
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}

        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._pollers: list[_Poller] = []
        self._calls_changed = _Signal()
        self._injections: list[Injection] = []
        self._blocked: dict[int, str] = {}
        self._migrated: dict[int, int] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._users: dict[int, dict[str, Any]] = {}
        self._members: dict[tuple[int, int], dict[str, Any]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._last_message_id: dict[int, int] = {}
        self._callback_queries: dict[str, bool] = {}
        self._inline_queries: dict[str, bool] = {}
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._file_counter = 0
        self._extra_methods: dict[str, tuple[str, Handler]] = {}

        self._overall_window: deque[float] = deque()
        self._group_windows: dict[int, deque[float]] = {}
        self._private_buckets: dict[int, tuple[float, float]] = {}

        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._methods: dict[str, tuple[str, Handler]] = {
            name.lower(): (name, handler) for name, handler in self._builtin_methods().items()
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> FakeBotAPI:
        """Listen on 127.0.0.1 on a free port chosen by the OS."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        # handler_cancellation: when PTB cancels a long poll (Updater.stop), the handler ends
        # with it instead of lingering until its timeout.
        self._runner = web.AppRunner(
            app,
            handler_cancellation=True,
            access_log=None,
            shutdown_timeout=self.shutdown_timeout,
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.bind(("127.0.0.1", 0))
            self._port = sock.getsockname()[1]
            site = web.SockSite(self._runner, sock)
            await site.start()
        except BaseException:
            sock.close()
            await self._runner.cleanup()
            self._runner = None
            raise
        return self

    async def stop(self) -> None:
        """End pending long polls at once, then close every connection."""
        self._closing = True
        for poller in list(self._pollers):
            poller.wake.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The port the server listens on (after start)."""
        if self._port is None:
            raise RuntimeError("FakeBotAPI is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """For PTB's ``base_url``: PTB requests ``{base_url}{token}/{method}``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_base_url(self) -> str:
        """For PTB's ``base_file_url``: downloads go to ``{file_base_url}{token}/{file_path}``."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def application_builder(self) -> ApplicationBuilder:
        """An ApplicationBuilder already pointed at this server with its token."""
        from telegram.ext import ApplicationBuilder

        return (
            ApplicationBuilder()
            .token(self.token)
            .base_url(self.base_url)
            .base_file_url(self.file_base_url)
        )

    # ------------------------------------------------------------------ test-facing API

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates and wake long polls; returns it.

        The dict is completed in place: update_id, and message_id for every message whose id is
        None (numbered per chat in the same sequence as the bot's messages). Chats, users,
        messages and query ids inside it are remembered, so the bot can reply, edit, answer the
        query or look the chat up, as with real Telegram. A migrate_to_chat_id message marks
        the old group as upgraded, and a my_chat_member update sets the bot's status in that
        chat (kicked/left makes sends fail with 403).
        """
        if update.get("update_id") is None:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(update["update_id"])) + 1
        self._remember(update)
        self._updates.append(update)
        for poller in list(self._pollers):
            poller.wake.set()
        return update

    def add_file(
        self,
        file_id: str,
        data: bytes,
        *,
        file_path: str | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
        file_unique_id: str | None = None,
    ) -> dict[str, Any]:
        """Make a file downloadable via getFile; returns a Document dict for ``document=``."""
        stored = _StoredFile(
            file_id=file_id,
            file_unique_id=file_unique_id or f"U{file_id}"[:32],
            data=bytes(data),
            file_path=file_path or f"documents/{file_name or file_id}",
            file_name=file_name,
            mime_type=mime_type,
        )
        self._files[file_id] = stored
        self._files_by_path[stored.file_path] = stored
        doc: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if file_name is not None:
            doc["file_name"] = file_name
        if mime_type is not None:
            doc["mime_type"] = mime_type
        return doc

    def set_chat(self, chat: dict[str, Any]) -> None:
        """Register (or replace) a Chat object, e.g. to give a group a username or title."""
        self._chats[int(chat["id"])] = dict(chat)
        if chat.get("type") == "private":
            self._users.setdefault(int(chat["id"]), build.user(int(chat["id"])))

    def set_member_status(self, chat_id: int, user_id: int, status: str, **fields: Any) -> None:
        """What getChatMember answers for (chat_id, user_id): creator, administrator, member,
        restricted, left or kicked. Extra fields override the ChatMember defaults."""
        build.chat_member({}, status)  # validates the status
        self._members[(chat_id, user_id)] = {"status": status, **fields}

    def block_chat(self, chat_id: int, description: str | None = None) -> None:
        """Answer every send/edit to ``chat_id`` with 403 until :meth:`unblock_chat`."""
        if description is None:
            kind = self._chat_obj(chat_id)["type"]
            description = {
                "private": "Forbidden: bot was blocked by the user",
                "group": "Forbidden: bot was kicked from the group chat",
                "supergroup": "Forbidden: bot was kicked from the supergroup chat",
            }.get(kind, "Forbidden: bot is not a member of the channel chat")
        self._blocked[chat_id] = description

    def unblock_chat(self, chat_id: int) -> None:
        """Undo :meth:`block_chat`."""
        self._blocked.pop(chat_id, None)

    def inject(
        self,
        method: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        description: str | None = None,
        times: int | None = 1,
        delay: float = 0.0,
        chat_id: int | str | None = None,
        migrate_to_chat_id: int | None = None,
        drop_connection: bool = False,
        predicate: Callable[[Params], bool] | None = None,
    ) -> Injection:
        """Make the next ``times`` calls of ``method`` (``"*"``: any but getUpdates) misbehave.

        The status defaults from the other arguments: ``migrate_to_chat_id`` → 400 "group chat
        was upgraded", ``retry_after`` → 429, ``description`` → 400, only ``delay`` or
        ``drop_connection`` → no error, nothing at all → 429 with retry_after 1. ``delay``
        stalls before the call is handled; ``drop_connection`` closes the socket without an
        answer (and without handling the call). ``times=None`` means forever. Faults fire in
        the order they were injected; the returned Injection counts its ``hits``.
        """
        if status is None:
            if migrate_to_chat_id is not None or (description and retry_after is None):
                status = 400
            elif retry_after is not None or not (delay or drop_connection):
                status = 429
        if retry_after is not None and retry_after <= 0:
            raise ValueError("retry_after must be > 0: PTB ignores a zero retry_after")
        injection = Injection(
            method=method,
            status=status,
            description=description,
            retry_after=retry_after,
            migrate_to_chat_id=migrate_to_chat_id,
            times=times,
            delay=delay,
            chat_id=_norm_chat_id(chat_id) if chat_id is not None else None,
            drop_connection=drop_connection,
            predicate=predicate,
        )
        self._injections.append(injection)
        return injection

    def clear_injections(self) -> None:
        """Forget faults that have not fired yet."""
        self._injections.clear()

    def register_method(self, name: str, handler: Handler) -> None:
        """Serve an extra Bot API method: ``handler(params)`` returns the result (may be async)
        or raises :class:`BotAPIError`. Overrides a built-in method of the same name."""
        self._extra_methods[name.lower()] = (name, handler)

    def clear(self) -> None:
        """Forget recorded calls, uploads and stats; chats, messages and queues stay."""
        self.calls.clear()
        self.uploads.clear()
        self.stats = ServerStats()

    def calls_of(self, method: str, *, ok: bool | None = None) -> list[Call]:
        """Recorded calls of one method, optionally only (un)successful ones."""
        return [c for c in self.calls if c.method == method and (ok is None or c.ok == ok)]

    def sent_messages(self, chat_id: int | str | None = None) -> list[dict[str, Any]]:
        """Payloads of the successful sendMessage/sendPhoto/sendDocument/edit* calls, in order.

        These are the parameters as the bot sent them (raw HTML in ``text``); see
        :meth:`sent_texts` for what the user sees.
        """
        wanted = _norm_chat_id(chat_id) if chat_id is not None else None
        return [
            c.params
            for c in self.calls
            if c.ok and c.method in MESSAGE_METHODS and (wanted is None or c.chat_id == wanted)
        ]

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """The plain text (or caption) users see for each message in :meth:`sent_messages`."""
        wanted = _norm_chat_id(chat_id) if chat_id is not None else None
        texts: list[str] = []
        for c in self.calls:
            if c.ok and c.method in MESSAGE_METHODS and (wanted is None or c.chat_id == wanted):
                result = c.result if isinstance(c.result, dict) else {}
                texts.append(result.get("text", result.get("caption", "")))
        return texts

    def last_message(self, chat_id: int) -> dict[str, Any] | None:
        """The current state of the newest message the bot sent to ``chat_id``."""
        bot_id = self.bot_user["id"]
        mine = [
            m
            for (cid, _), m in self._messages.items()
            if cid == chat_id and m.get("from", {}).get("id") == bot_id
        ]
        return max(mine, key=lambda m: m["message_id"]) if mine else None

    def get_message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The server's copy of a message (after edits), or None if deleted/unknown."""
        return self._messages.get((chat_id, message_id))

    @property
    def active_polls(self) -> int:
        """getUpdates requests currently waiting for updates (long polls in progress)."""
        return len(self._pollers)

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Pushed updates the bot has not confirmed yet (via getUpdates offset)."""
        return list(self._updates)

    async def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
        *,
        ok: bool | None = None,
    ) -> list[Call]:
        """Wait until ``count`` calls of ``method`` (``"*"``: any) matching ``predicate`` (and
        ``ok``, None = any outcome) were recorded since start/clear(); returns them.

        Raises TimeoutError listing what was called instead.
        """

        def matching() -> list[Call]:
            return [
                c
                for c in self.calls
                if (method == "*" or c.method == method)
                and (ok is None or c.ok == ok)
                and (predicate is None or predicate(c))
            ]

        deadline = time.monotonic() + timeout
        while True:
            found = matching()
            if len(found) >= count:
                return found
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not await self._calls_changed.wait(remaining):
                found = matching()
                if len(found) >= count:
                    return found
                raise TimeoutError(
                    f"waited {timeout}s for {count} call(s) of {method}, saw {len(found)}; "
                    f"calls: {self._describe_calls()}"
                )

    async def request_reply(
        self, update: dict[str, Any], timeout: float = 5.0, quiet: float = 0.05
    ) -> list[dict[str, Any]]:
        """Push ``update`` and return the payloads of the bot's answers to it.

        Answers are successful send*/edit*/copy/forward calls to the update's chat (chat
        actions excluded), plus answerCallbackQuery/answerInlineQuery for its query. Waits for
        the first one, then until ``quiet`` seconds pass without another (bounded by timeout).
        """
        start = len(self.calls)
        pushed = self.push_update(update)
        matches = self._reply_matcher(pushed)
        deadline = time.monotonic() + timeout

        def replies() -> list[dict[str, Any]]:
            return [c.params for c in self.calls[start:] if matches(c)]

        while not replies():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not await self._calls_changed.wait(remaining):
                if replies():
                    break
                raise TimeoutError(
                    f"no reply to update {pushed['update_id']} within {timeout}s; calls since: "
                    f"{self._describe_calls(self.calls[start:])}"
                )
        seen = len(replies())
        while True:
            remaining = min(quiet, deadline - time.monotonic())
            if remaining <= 0:
                break
            quiet_deadline = time.monotonic() + remaining
            while len(replies()) == seen:
                left = quiet_deadline - time.monotonic()
                if left <= 0 or not await self._calls_changed.wait(left):
                    break
            if len(replies()) == seen:
                break
            seen = len(replies())
        return replies()

    def _reply_matcher(self, update: dict[str, Any]) -> Callable[[Call], bool]:
        """Which recorded calls count as the bot answering ``update`` (see request_reply)."""
        kind = _update_type(update)
        payload = update.get(kind) if isinstance(update.get(kind), dict) else {}
        chat_id: int | None = None
        if isinstance(payload.get("chat"), dict):
            chat_id = int(payload["chat"]["id"])
        elif isinstance(payload.get("message"), dict):
            chat_id = int(payload["message"]["chat"]["id"])
        query_id = str(payload.get("id")) if kind in ("callback_query", "inline_query") else None
        inline_message_id = payload.get("inline_message_id")

        def matches(call: Call) -> bool:
            if not call.ok:
                return False
            if call.method in ("answerCallbackQuery", "answerInlineQuery"):
                answered = call.params.get("callback_query_id", call.params.get("inline_query_id"))
                return query_id is not None and str(answered) == query_id
            if call.method == "sendChatAction" or not call.method.startswith(
                ("send", "edit", "copyMessage", "forwardMessage")
            ):
                return False
            if inline_message_id and call.params.get("inline_message_id") == inline_message_id:
                return True
            return chat_id is not None and call.chat_id == chat_id

        return matches

    # ------------------------------------------------------------------ HTTP layer

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        """Authenticate, decode, apply faults and limits, dispatch, record."""
        received = time.monotonic()
        raw_method = request.match_info["method"]
        name, handler = self._resolve(raw_method)
        call = Call(method=name, params={}, time=received)
        try:
            if request.match_info["token"] != self.token:
                raise BotAPIError(401, "Unauthorized")
            call.params = await self._read_params(request)
            injection = self._take_injection(name, call.params)
            if injection is not None:
                self.stats.injected += 1
                if injection.delay:
                    await asyncio.sleep(injection.delay)
                if injection.drop_connection:
                    return self._drop(request, call)
                error = injection.error()
                if error is not None:
                    raise error
            if handler is None:
                raise BotAPIError(404, "Not Found: method not found")
            if self.enforce_limits and _is_send(name):
                self._check_flood(call.params)
            result = handler(call.params)
            if inspect.isawaitable(result):
                result = await result
            call.result = result
            body: dict[str, Any] = {"ok": True, "result": result}
        except BotAPIError as exc:
            call.status = exc.status
            call.error = body = exc.body()
        except asyncio.CancelledError:
            call.status = 499  # the client went away (e.g. PTB cancelled a long poll)
            self._record(call, received)
            raise
        self._record(call, received)
        return web.json_response(body, status=call.status)

    def _drop(self, request: web.Request, call: Call) -> web.StreamResponse:
        """Close the socket without answering, like a proxy or network failure would."""
        self.stats.dropped_connections += 1
        call.status = 0
        self._record(call, call.time)
        if request.transport is not None:
            request.transport.abort()
        return web.Response(status=500)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        """Serve files registered with add_file() or uploaded by the bot."""
        if request.match_info["token"] != self.token:
            return web.json_response(BotAPIError(401, "Unauthorized").body(), status=401)
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is None:
            return web.json_response(BotAPIError(404, "Not Found").body(), status=404)
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )

    def _resolve(self, raw_method: str) -> tuple[str, Handler | None]:
        """Method names are case-insensitive in the Bot API; record the canonical spelling."""
        key = raw_method.lower()
        entry = self._extra_methods.get(key) or self._methods.get(key)
        return entry if entry is not None else (raw_method, None)

    async def _read_params(self, request: web.Request) -> Params:
        """Query string plus JSON, urlencoded or multipart body, decoded to JSON values."""
        pairs: list[tuple[str, Any]] = list(request.query.items())
        if request.method == "POST" and request.can_read_body:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise _bad("can't parse JSON object") from None
                if not isinstance(body, dict):
                    raise _bad("can't parse JSON object")
                pairs.extend(body.items())
            else:
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, web.FileField):
                        upload = UploadedFile(
                            field=key,
                            filename=value.filename,
                            content_type=value.content_type,
                            data=value.file.read(),
                        )
                        self.uploads.append(upload)
                        pairs.append((key, upload))
                    else:
                        pairs.append((key, value))
        return decode_params(pairs)

    def _record(self, call: Call, received: float) -> None:
        """Append the call, update stats and wake wait_for/request_reply."""
        call.duration = time.monotonic() - received
        self.calls.append(call)
        self.stats.record(call.method, call.ok, call.duration)
        self._calls_changed.fire()

    def _describe_calls(self, calls: list[Call] | None = None) -> str:
        """A compact trace for timeout messages."""
        shown = (self.calls if calls is None else calls)[-20:]
        parts = []
        for c in shown:
            if c.method == "getUpdates" and c.ok:
                continue
            detail = "ok" if c.ok else f"{c.status} {c.error and c.error.get('description')}"
            parts.append(f"{c.method}(chat_id={c.params.get('chat_id')}) -> {detail}")
        return "; ".join(parts) or "none (besides getUpdates)"

    def _take_injection(self, method: str, params: Params) -> Injection | None:
        """The first pending fault that matches this call, consuming one of its uses."""
        for injection in self._injections:
            if injection.matches(method, params):
                injection.hits += 1
                if injection.exhausted:
                    self._injections.remove(injection)
                return injection
        return None

    def _check_flood(self, params: Params) -> None:
        """Telegram's flood control: 30 msg/s overall, 20/min per group, ~1/s per chat."""
        now = time.monotonic()
        limits = self.limits
        window = self._overall_window
        while window and window[0] <= now - 1.0:
            window.popleft()
        retry_after = 0.0
        if len(window) >= limits.overall_per_second:
            retry_after = window[0] + 1.0 - now
        chat_id = _norm_chat_id(params.get("chat_id"))
        group: deque[float] | None = None
        bucket: tuple[float, float] | None = None
        if isinstance(chat_id, int) and chat_id < 0:
            group = self._group_windows.setdefault(chat_id, deque())
            while group and group[0] <= now - 60.0:
                group.popleft()
            if len(group) >= limits.group_per_minute:
                retry_after = max(retry_after, group[0] + 60.0 - now)
        elif isinstance(chat_id, int):
            tokens, last = self._private_buckets.get(chat_id, (float(limits.private_burst), now))
            tokens = min(
                float(limits.private_burst), tokens + (now - last) * limits.private_per_second
            )
            bucket = (tokens, now)
            if tokens < 1.0:
                retry_after = max(retry_after, (1.0 - tokens) / limits.private_per_second)
        if retry_after > 0:
            self.stats.rate_limited += 1
            seconds = max(1, math.ceil(retry_after))
            raise BotAPIError(
                429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
            )
        window.append(now)
        if group is not None:
            group.append(now)
        if bucket is not None and isinstance(chat_id, int):
            self._private_buckets[chat_id] = (bucket[0] - 1.0, now)

    # ------------------------------------------------------------------ state helpers

    def _remember(self, update: dict[str, Any]) -> None:
        """Learn chats, users, messages and query ids from a pushed update."""
        for obj in _walk(update):
            if "message_id" in obj and isinstance(obj.get("chat"), dict):
                chat_id = int(obj["chat"]["id"])
                if obj["message_id"] is None:
                    obj["message_id"] = self._last_message_id.get(chat_id, 0) + 1
                key = (chat_id, int(obj["message_id"]))
                self._messages.setdefault(key, obj)
                self._last_message_id[chat_id] = max(self._last_message_id.get(chat_id, 0), key[1])
                if "migrate_to_chat_id" in obj:
                    self._migrated[chat_id] = int(obj["migrate_to_chat_id"])
            elif obj.get("type") in ("private", "group", "supergroup", "channel") and "id" in obj:
                self._chats.setdefault(int(obj["id"]), obj)
            elif "is_bot" in obj and "id" in obj and "first_name" in obj:
                self._users.setdefault(int(obj["id"]), obj)
        kind = _update_type(update)
        payload = update.get(kind)
        if kind == "callback_query":
            self._callback_queries[str(payload["id"])] = False
        elif kind == "inline_query":
            self._inline_queries[str(payload["id"])] = False
        elif kind in ("my_chat_member", "chat_member"):
            new = payload["new_chat_member"]
            fields = {k: v for k, v in new.items() if k not in ("user", "status")}
            self._members[(int(payload["chat"]["id"]), int(new["user"]["id"]))] = {
                "status": new["status"],
                **fields,
            }

    def _chat_obj(self, chat_id: int) -> dict[str, Any]:
        """The Chat object for an id: as seen in updates, else synthesised from the id."""
        known = self._chats.get(chat_id)
        if known is not None:
            return dict(known)
        if chat_id > 0:
            known_user = self._users.get(chat_id, {})
            data = build.chat(chat_id, "private", first_name=known_user.get("first_name"))
            if known_user.get("username"):
                data["username"] = known_user["username"]
            return data
        return build.chat(chat_id)

    def _resolve_chat(self, params: Params) -> int:
        """The numeric chat id of a call; "@username" works for known public chats."""
        raw = _norm_chat_id(params.get("chat_id"))
        if raw is None or raw == "":
            raise _bad("chat_id is empty")
        if isinstance(raw, str):
            name = raw.removeprefix("@").lower()
            for cid, chat in self._chats.items():
                if str(chat.get("username", "")).lower() == name:
                    return cid
            raise _bad("chat not found")
        if raw in self._migrated:
            raise BotAPIError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[raw]},
            )
        return raw

    def _write_target(self, params: Params) -> int:
        """The chat of a send/edit/delete, refusing chats that blocked or removed the bot."""
        chat_id = self._resolve_chat(params)
        if chat_id in self._blocked:
            raise BotAPIError(403, self._blocked[chat_id])
        status = self._members.get((chat_id, self.bot_user["id"]), {}).get("status")
        if status in ("left", "kicked"):
            kind = self._chat_obj(chat_id)["type"]
            if kind == "private":
                raise BotAPIError(403, "Forbidden: bot was blocked by the user")
            if kind == "channel":
                raise BotAPIError(403, "Forbidden: bot is not a member of the channel chat")
            if status == "kicked":
                raise BotAPIError(403, f"Forbidden: bot was kicked from the {kind} chat")
            raise BotAPIError(403, f"Forbidden: bot is not a member of the {kind} chat")
        return chat_id

    def _user_obj(self, user_id: int) -> dict[str, Any]:
        """A User object for an id, as seen in updates or synthesised."""
        if user_id == self.bot_user["id"]:
            return dict(self.bot_user)
        return dict(
            self._users.get(user_id)
            or {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
        )

    def _member_obj(self, chat_id: int, user_id: int) -> dict[str, Any]:
        """A ChatMember: configured status, else administrator for the bot, member for others."""
        entry = dict(self._members.get((chat_id, user_id), {}))
        status = entry.pop("status", None)
        if status is None:
            is_bot = user_id == self.bot_user["id"]
            status = "administrator" if is_bot and chat_id < 0 else "member"
        return build.chat_member(self._user_obj(user_id), status, **entry)

    def _parse_text(
        self, text: Any, parse_mode: Any, entities: Any, *, limit: int, what: str
    ) -> tuple[str, list[dict[str, Any]]]:
        """Apply parse_mode like Telegram; enforce the empty/too-long rules for text/caption.

        Length is counted in characters (code points) after entity parsing; Markdown modes are
        passed through unvalidated.
        """
        if not isinstance(text, str):
            text = "" if text is None else str(text)
        mode = str(parse_mode or "").lower()
        if mode == "html":
            try:
                parsed = parse_telegram_html(text, strict_entities=self.strict_html_entities)
            except TelegramHTMLError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
            plain, ents = parsed.text, parsed.entities
        elif mode in ("", "markdown", "markdownv2"):
            plain = text.strip(" \t\r\n")
            ents = list(entities) if isinstance(entities, list) and not mode else []
        else:
            raise _bad("unsupported parse_mode")
        if what == "text" and not plain:
            raise _bad("message text is empty")
        if len(plain) > limit:
            raise _bad("message is too long" if what == "text" else "message caption is too long")
        return plain, ents

    def _check_markup(self, markup: Any) -> dict[str, Any] | None:
        """Validate reply_markup; return it when it is an inline keyboard (echoed in Message)."""
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise _bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
        actions = (
            "url",
            "callback_data",
            "web_app",
            "login_url",
            "switch_inline_query",
            "switch_inline_query_current_chat",
            "switch_inline_query_chosen_chat",
            "copy_text",
            "callback_game",
            "pay",
        )
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise _bad('can\'t find field "text"')
                if not any(key in button for key in actions):
                    raise _bad("text buttons are unallowed in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and (
                    not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64
                ):
                    raise _bad("BUTTON_DATA_INVALID")
                url = button.get("url")
                if url is not None and (not isinstance(url, str) or not url or " " in url):
                    raise _bad("BUTTON_URL_INVALID")
        return markup

    def _new_message(self, chat_id: int, params: Params, markup: dict[str, Any] | None) -> dict:
        """A Message from the bot with the next id in the chat, stored for later edits."""
        message_id = self._last_message_id.get(chat_id, 0) + 1
        self._last_message_id[chat_id] = message_id
        msg: dict[str, Any] = {
            "message_id": message_id,
            "from": dict(self.bot_user),
            "chat": self._chat_obj(chat_id),
            "date": _now(),
        }
        thread_id = _int_param(params, "message_thread_id")
        if thread_id:
            msg["message_thread_id"] = thread_id
            msg["is_topic_message"] = True
        reply = params.get("reply_parameters")
        reply_id = _int_param(params, "reply_to_message_id")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        if isinstance(reply, dict):
            reply_id = _int_param(reply, "message_id")
            allow_missing = bool(reply.get("allow_sending_without_reply"))
        if reply_id:
            target = self._messages.get((chat_id, reply_id))
            if target is not None:
                msg["reply_to_message"] = {
                    k: v for k, v in target.items() if k != "reply_to_message"
                }
            elif not allow_missing:
                raise _bad("message to be replied not found")
        if markup is not None:
            msg["reply_markup"] = markup
        return msg

    def _store(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Keep the bot's message and return it."""
        self._messages[(int(msg["chat"]["id"]), int(msg["message_id"]))] = msg
        return msg

    def _file_param(self, params: Params, name: str) -> tuple[_StoredFile, bool]:
        """The file a send* call refers to: an upload (registered now) or an existing file_id."""
        value = params.get(name)
        if isinstance(value, UploadedFile):
            self._file_counter += 1
            folder = "photos" if name == "photo" else f"{name}s"
            file_id = f"{name.upper()}-{self._file_counter}"
            ext = (value.filename or "").rpartition(".")[2] if value.filename else ""
            self.add_file(
                file_id,
                value.data,
                file_path=f"{folder}/file_{self._file_counter}" + (f".{ext}" if ext else ""),
                file_name=value.filename,
                mime_type=value.content_type,
            )
            return self._files[file_id], True
        if isinstance(value, str) and value:
            if value.startswith("attach://"):
                upload = params.get(value.removeprefix("attach://"))
                if isinstance(upload, UploadedFile):
                    return self._file_param({name: upload}, name)
                raise _bad(f"there is no {name} in the request")
            known = self._files.get(value)
            if known is not None:
                return known, False
            # A URL or a file_id from elsewhere: Telegram would fetch/resolve it.
            return _StoredFile(value, f"U{value}"[:32], b"", f"{name}s/{value}"), False
        raise _bad(f"there is no {name} in the request")

    # ------------------------------------------------------------------ Bot API methods

    def _builtin_methods(self) -> dict[str, Handler]:
        """Canonical method name → handler."""
        ok = self._ok
        return {
            "getMe": self._get_me,
            "logOut": ok,
            "close": ok,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": self._setter("description"),
            "getMyDescription": self._getter("description"),
            "setMyShortDescription": self._setter("short_description"),
            "getMyShortDescription": self._getter("short_description"),
            "setMyName": self._setter("name"),
            "getMyName": self._getter("name"),
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "deleteMessages": self._delete_messages,
            "answerCallbackQuery": self._answer_callback_query,
            "answerInlineQuery": self._answer_inline_query,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "getFile": self._get_file,
            "leaveChat": self._leave_chat,
            "banChatMember": self._member_setter("kicked"),
            "unbanChatMember": self._member_setter("left"),
            "pinChatMessage": ok,
            "unpinChatMessage": ok,
            "unpinAllChatMessages": ok,
            "setChatMenuButton": ok,
            "setMessageReaction": ok,
        }

    def _ok(self, params: Params) -> bool:
        """Methods whose only observable effect in tests is the recorded call."""
        return True

    def _get_me(self, params: Params) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: Params) -> list[dict[str, Any]]:
        """Long polling: answer at once if updates are pending, else wait up to ``timeout``."""
        if self.webhook_url:
            raise BotAPIError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = _int_param(params, "offset", 0) or 0
        limit = max(1, min(100, _int_param(params, "limit", 100) or 100))
        timeout = max(0.0, min(float(params.get("timeout") or 0), self.max_poll_timeout))
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = [str(a) for a in allowed]
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        for poller in self._pollers:  # Telegram lets only one poll run at a time.
            poller.superseded = True
            poller.wake.set()
        deadline = time.monotonic() + timeout
        while True:
            batch = self._deliverable(limit)
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing:
                return batch
            poller = _Poller()
            self._pollers.append(poller)
            try:
                await asyncio.wait_for(poller.wake.wait(), remaining)
            except TimeoutError:
                return self._deliverable(limit)
            finally:
                self._pollers.remove(poller)
            if poller.superseded:
                raise BotAPIError(409, _DEFAULT_DESCRIPTIONS[409])

    def _deliverable(self, limit: int) -> list[dict[str, Any]]:
        """Pending updates allowed by allowed_updates; disallowed ones are dropped for good."""
        allowed = self.allowed_updates
        kept: list[dict[str, Any]] = []
        for update in self._updates:
            kind = _update_type(update)
            if (allowed and kind not in allowed) or (not allowed and kind in _OPT_IN_UPDATES):
                self.discarded_updates.append(update)
            else:
                kept.append(update)
        self._updates = kept
        return [dict(u) for u in kept[:limit]]

    def _set_webhook(self, params: Params) -> bool:
        url = params.get("url") or ""
        if url and not str(url).startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = str(url)
        return True

    def _delete_webhook(self, params: Params) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates") in (True, "true", "True"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: Params) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.allowed_updates is not None:
            info["allowed_updates"] = self.allowed_updates
        return info

    @staticmethod
    def _scope_key(params: Params) -> tuple[str, str]:
        """Commands are stored per (scope, language_code), as Telegram does."""
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or "type" not in scope:
            raise _bad("can't parse BotCommandScope JSON object")
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, params: Params) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("too many commands specified")
        for cmd in commands:
            if not isinstance(cmd, dict):
                raise _bad("can't parse BotCommand JSON object")
            name = str(cmd.get("command", ""))
            if not 1 <= len(name) <= 32 or not all(
                c.isascii() and (c.islower() or c.isdigit() or c == "_") for c in name
            ):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(cmd.get("description", ""))) <= 256:
                raise _bad(
                    "command description is empty"
                    if not cmd.get("description")
                    else "command description is too long"
                )
        key = self._scope_key(params)
        if commands:
            self.commands[key] = [
                {"command": c["command"], "description": c["description"]} for c in commands
            ]
        else:
            self.commands.pop(key, None)
        return True

    def _get_my_commands(self, params: Params) -> list[dict[str, Any]]:
        return list(self.commands.get(self._scope_key(params), []))

    def _delete_my_commands(self, params: Params) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    def _setter(self, field_name: str) -> Handler:
        """setMyDescription & co: store per language."""

        def handler(params: Params) -> bool:
            lang = str(params.get("language_code") or "")
            self.descriptions[(field_name, lang)] = str(params.get(field_name) or "")
            return True

        return handler

    def _getter(self, field_name: str) -> Handler:
        """getMyDescription & co."""

        def handler(params: Params) -> dict[str, str]:
            lang = str(params.get("language_code") or "")
            return {field_name: self.descriptions.get((field_name, lang), "")}

        return handler

    def _send_message(self, params: Params) -> dict[str, Any]:
        chat_id = self._write_target(params)
        text, entities = self._parse_text(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            limit=4096,
            what="text",
        )
        msg = self._new_message(chat_id, params, self._check_markup(params.get("reply_markup")))
        msg["text"] = text
        if entities:
            msg["entities"] = entities
        return self._store(msg)

    def _editable(self, params: Params) -> dict[str, Any] | None:
        """The stored message an edit targets, or None for inline messages."""
        if params.get("inline_message_id"):
            return None
        chat_id = self._write_target(params)
        message_id = _int_param(params, "message_id")
        if not message_id:
            raise _bad("message identifier is not specified")
        msg = self._messages.get((chat_id, message_id))
        if msg is None:
            raise _bad("message to edit not found")
        if msg.get("from", {}).get("id") != self.bot_user["id"]:
            raise _bad("message can't be edited")
        return msg

    @staticmethod
    def _apply_edit(
        msg: dict[str, Any], changes: dict[str, Any], markup: dict[str, Any] | None
    ) -> dict[str, Any]:
        """Apply an edit, refusing no-op edits with Telegram's "message is not modified"."""
        before = {k: msg.get(k) for k in changes} | {"reply_markup": msg.get("reply_markup")}
        after = dict(changes) | {"reply_markup": markup}
        if before == after:
            raise BotAPIError(400, _NOT_MODIFIED)
        for key, value in after.items():
            if value in (None, []):
                msg.pop(key, None)
            else:
                msg[key] = value
        msg["edit_date"] = _now()
        return msg

    def _edit_message_text(self, params: Params) -> dict[str, Any] | bool:
        text, entities = self._parse_text(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            limit=4096,
            what="text",
        )
        markup = self._check_markup(params.get("reply_markup"))
        msg = self._editable(params)
        if msg is None:
            return True
        if "text" not in msg:
            raise _bad("there is no text in the message to edit")
        return self._apply_edit(msg, {"text": text, "entities": entities or None}, markup)

    def _edit_message_caption(self, params: Params) -> dict[str, Any] | bool:
        caption, entities = self._parse_text(
            params.get("caption"),
            params.get("parse_mode"),
            params.get("caption_entities"),
            limit=1024,
            what="caption",
        )
        markup = self._check_markup(params.get("reply_markup"))
        msg = self._editable(params)
        if msg is None:
            return True
        if "text" in msg:
            raise _bad("there is no caption in the message to edit")
        return self._apply_edit(
            msg, {"caption": caption or None, "caption_entities": entities or None}, markup
        )

    def _edit_message_reply_markup(self, params: Params) -> dict[str, Any] | bool:
        markup = self._check_markup(params.get("reply_markup"))
        msg = self._editable(params)
        if msg is None:
            return True
        return self._apply_edit(msg, {}, markup)

    def _delete_message(self, params: Params) -> bool:
        chat_id = self._write_target(params)
        message_id = _int_param(params, "message_id")
        if self._messages.pop((chat_id, message_id or 0), None) is None:
            raise _bad("message to delete not found")
        return True

    def _delete_messages(self, params: Params) -> bool:
        chat_id = self._write_target(params)
        ids = params.get("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise _bad("message_ids must be a non-empty list of at most 100 ids")
        for message_id in ids:
            self._messages.pop((chat_id, int(message_id)), None)
        return True

    def _answer_callback_query(self, params: Params) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if self._callback_queries.get(query_id, True):
            raise _bad(_QUERY_INVALID.removeprefix("Bad Request: "))
        if len(str(params.get("text") or "")) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        self._callback_queries[query_id] = True
        return True

    def _answer_inline_query(self, params: Params) -> bool:
        query_id = str(params.get("inline_query_id") or "")
        if self._inline_queries.get(query_id, True):
            raise _bad(_QUERY_INVALID.removeprefix("Bad Request: "))
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad("can't parse inline query results JSON object")
        if len(results) > 50:
            raise _bad("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict) or "type" not in result:
                raise _bad("can't parse InlineQueryResult JSON object")
            result_id = str(result.get("id", ""))
            if not 1 <= len(result_id.encode("utf-8")) <= 64:
                raise _bad("RESULT_ID_INVALID")
            if result_id in seen:
                raise _bad("RESULT_ID_DUPLICATE")
            seen.add(result_id)
        self._inline_queries[query_id] = True
        return True

    def _send_media(self, params: Params, kind: str) -> dict[str, Any]:
        """sendPhoto/sendDocument: caption rules, file bookkeeping, the right Message field."""
        chat_id = self._write_target(params)
        caption, entities = self._parse_text(
            params.get("caption"),
            params.get("parse_mode"),
            params.get("caption_entities"),
            limit=1024,
            what="caption",
        )
        stored, _ = self._file_param(params, kind)
        msg = self._new_message(chat_id, params, self._check_markup(params.get("reply_markup")))
        base = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if kind == "photo":
            msg["photo"] = [
                {**base, "width": 90, "height": 90},
                {**base, "width": 800, "height": 800},
            ]
        else:
            if stored.file_name:
                base["file_name"] = stored.file_name
            if stored.mime_type:
                base["mime_type"] = stored.mime_type
            msg["document"] = base
        if caption:
            msg["caption"] = caption
        if entities:
            msg["caption_entities"] = entities
        return self._store(msg)

    def _send_photo(self, params: Params) -> dict[str, Any]:
        return self._send_media(params, "photo")

    def _send_document(self, params: Params) -> dict[str, Any]:
        return self._send_media(params, "document")

    def _send_chat_action(self, params: Params) -> bool:
        self._write_target(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _get_chat(self, params: Params) -> dict[str, Any]:
        chat = self._chat_obj(self._resolve_chat(params))
        return {
            **chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _get_chat_member(self, params: Params) -> dict[str, Any]:
        chat_id = self._resolve_chat(params)
        user_id = _int_param(params, "user_id")
        if user_id is None:
            raise _bad("user_id is empty")
        return self._member_obj(chat_id, user_id)

    def _get_chat_administrators(self, params: Params) -> list[dict[str, Any]]:
        chat_id = self._resolve_chat(params)
        if chat_id > 0:
            raise _bad("there are no administrators in the private chat")
        user_ids = [uid for (cid, uid) in self._members if cid == chat_id]
        if self.bot_user["id"] not in user_ids:
            user_ids.append(self.bot_user["id"])
        members = [self._member_obj(chat_id, uid) for uid in user_ids]
        admins = [m for m in members if m["status"] in ("creator", "administrator")]
        return sorted(admins, key=lambda m: m["status"] != "creator")

    def _get_file(self, params: Params) -> dict[str, Any]:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad("invalid file_id")
        if len(stored.data) > _MAX_DOWNLOAD:
            raise _bad("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    def _leave_chat(self, params: Params) -> bool:
        chat_id = self._resolve_chat(params)
        self._members[(chat_id, self.bot_user["id"])] = {"status": "left"}
        return True

    def _member_setter(self, status: str) -> Handler:
        """banChatMember/unbanChatMember update what getChatMember reports."""

        def handler(params: Params) -> bool:
            chat_id = self._resolve_chat(params)
            user_id = _int_param(params, "user_id")
            if user_id is None:
                raise _bad("user_id is empty")
            current = self._members.get((chat_id, user_id), {}).get("status")
            if status == "left" and current != "kicked":
                return True  # unbanning someone who is not banned is a no-op
            self._members[(chat_id, user_id)] = {"status": status}
            return True

        return handler
