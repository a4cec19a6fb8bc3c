"""Chat with the bot in a terminal, through the very handlers Telegram uses.

Each input line becomes a Telegram ``Update`` processed by the real
Application; the bot's HTTP layer is replaced by ``ConsoleRequest``, which
prints what the bot sends (HTML tags removed) instead of calling Telegram.
Inline buttons are printed in brackets; typing a button's label (or < and >
for ◀ and ▶) presses it. A line ending in a backslash continues on the next.
EOF ends the session, so piped input works.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import time
from typing import Any, TextIO

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.app import build_application, start_application, stop_application
from bot.config import Config
from bot.render import plain_text

CONSOLE_USER = {"id": 1001, "is_bot": False, "first_name": "Console", "username": "console"}
CONSOLE_CHAT = {"id": 1001, "type": "private", "first_name": "Console", "username": "console"}
CONSOLE_BOT = {
    "id": 1,
    "is_bot": True,
    "first_name": "tiesbot",
    "username": "tiesbot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
BUTTON_ALIASES = {"<": "◀", ">": "▶"}


class OfflineRefusal(Exception):
    """Raised by an offline ``answer`` for a call Telegram would refuse (sent as a 400)."""


class OfflineRequest(BaseRequest):
    """The Bot API without a network: subclasses answer each call in ``answer``.

    The console prints through it; tests and benchmarks use it to run the real
    Application in-process. File downloads are served by ``download``.
    """

    def answer(self, method: str, params: dict[str, Any]) -> Any:
        raise NotImplementedError

    def download(self, file_path: str) -> bytes:
        return b""

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            return 200, self.download(url.rsplit("/", 1)[-1])
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        try:
            result = self.answer(api_method, params)
        except OfflineRefusal as exc:
            body = {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
            return 400, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()


class ConsoleRequest(OfflineRequest):
    """An offline Bot API that prints the bot's messages as plain text."""

    def __init__(self, output: TextIO) -> None:
        self.output = output
        self.message_ids = itertools.count(1)
        # label -> (callback data, message dict) of the last keyboard shown
        self.buttons: dict[str, tuple[str, dict[str, Any]]] = {}

    def answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return CONSOLE_BOT
        if method in {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}:
            return self._show(method, params)
        if method == "getChatMember":
            return {"status": "creator", "user": CONSOLE_USER}
        if method == "getChat":
            return CONSOLE_CHAT
        return True

    def _show(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        text = params.get("text") or params.get("caption") or ""
        if method == "sendPhoto":
            self.output.write("[photo]\n")
        self.output.write(plain_text(str(text)) + "\n")
        message = {
            "message_id": int(params.get("message_id") or next(self.message_ids)),
            "date": int(time.time()),
            "chat": CONSOLE_CHAT,
            "from": CONSOLE_BOT,
            "text": str(text),
        }
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = (markup or {}).get("inline_keyboard", [])
        if rows:
            labels = [button["text"] for row in rows for button in row]
            self.output.write("  " + "  ".join(f"[{label}]" for label in labels) + "\n")
            self.buttons = {
                button["text"]: (button.get("callback_data", ""), message)
                for row in rows
                for button in row
                if button.get("callback_data")
            }
            message["reply_markup"] = markup
        self.output.write("\n")
        self.output.flush()
        return message


def console_update(text: str, update_id: int, request: ConsoleRequest) -> dict[str, Any]:
    """The Update a Telegram client would send for one typed line."""
    label = BUTTON_ALIASES.get(text, text)
    if label in request.buttons:
        data, message = request.buttons[label]
        return {
            "update_id": update_id,
            "callback_query": {
                "id": str(update_id),
                "from": CONSOLE_USER,
                "chat_instance": "console",
                "data": data,
                "message": message,
            },
        }
    message: dict[str, Any] = {
        "message_id": 100_000 + update_id,
        "date": int(time.time()),
        "chat": CONSOLE_CHAT,
        "from": CONSOLE_USER,
        "text": text,
    }
    if text.startswith("/"):
        command = text.split()[0]
        message["entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(command.encode("utf-16-le")) // 2}
        ]
    return {"update_id": update_id, "message": message}


async def run_console(
    config: Config, source: TextIO = sys.stdin, output: TextIO = sys.stdout
) -> None:
    """Read lines until EOF and answer each through the bot's handlers."""
    request = ConsoleRequest(output)
    # The person at the terminal runs the bot, so they are its admin here.
    config = config.with_changes(admins=config.admins | {CONSOLE_USER["id"]})
    application = build_application(config, request=request)
    await start_application(application)
    interactive = source.isatty()
    if interactive:
        output.write("tiesbot console — type /help, a question, or Ctrl-D to quit.\n")
    try:
        for update_id in itertools.count(1):
            if interactive:
                output.write("you> ")
                output.flush()
            line = await asyncio.to_thread(source.readline)
            if not line:
                break
            # A line ending in a backslash continues on the next one, so a whole
            # article can be pasted after /addseed.
            while line.rstrip("\n").endswith("\\"):
                more = await asyncio.to_thread(source.readline)
                line = line.rstrip("\n")[:-1] + "\n" + more
                if not more:
                    break
            text = line.strip()
            if not text:
                continue
            update = Update.de_json(console_update(text, update_id, request), application.bot)
            await application.process_update(update)
    finally:
        await stop_application(application)
