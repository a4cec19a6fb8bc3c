"""What handlers need at run time, bundled so they never reach for globals."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import ContextTypes

from bot.config import Config
from bot.render import Renderer
from bot.store import Store

# Reminders and posts in flight at once, each claimed before it is sent: a
# kill -9 mid-broadcast loses at most these. Eight keep Telegram's ~30
# messages/s busy as long as a round trip takes under about 250 ms.
SENDS_IN_FLIGHT = 8


@dataclass
class Services:
    """The configuration, the open store and the template renderer of one Application."""

    config: Config
    store: Store
    renderer: Renderer
    # handlers.base.Command records, in registration order (feeds /help and
    # set_my_commands); typed loosely so bot/ does not import handlers/.
    commands: list[Any] = field(default_factory=list)
    # "Now", as an aware datetime. Reminders read the time only through this,
    # so tests can move the clock instead of waiting for it.
    clock: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.UTC))
    # Rendered reminders by (day, options, store version): see bot.reminders.
    reminder_texts: dict[Any, str | None] = field(default_factory=dict)
    # Posts claimed in the send log and not yet answered by Telegram: see bot.reminders.
    send_slots: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(SENDS_IN_FLIGHT)
    )


SERVICES_KEY = "services"


def services(context: ContextTypes.DEFAULT_TYPE | Any) -> Services:
    """The Services of the Application that runs this callback (set in post_init)."""
    return context.application.bot_data[SERVICES_KEY]
