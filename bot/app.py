"""Builds the python-telegram-bot Application: the only factory of the bot.

Start-up work (opening the store, loading seeds, publishing the command list)
happens in ``post_init``; closing the store in ``post_shutdown``. Handlers come
from the ``handlers`` package, one module per command family.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    Defaults,
)
from telegram.request import BaseRequest

import handlers
from bot.config import Config
from bot.ingest import load_seeds
from bot.ratelimit import PacedRateLimiter
from bot.reminders import rebuild_jobs
from bot.render import Renderer
from bot.services import SERVICES_KEY, Services
from bot.store import Store
from bot.transport import RetryingRequest
from handlers.base import Command
from handlers.errors import on_error

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
CONCURRENT_UPDATES = 16

# Telegram's own placeholder token for offline use (the console): never sent anywhere.
OFFLINE_TOKEN = "1:offline"


def registered_commands() -> list[Command]:
    """Every slash command of every handlers module, in registration order."""
    return [command for module in handlers.MODULES for command in module.COMMANDS]


def bot_commands(services: Services) -> list[BotCommand]:
    """The public command list Telegram shows in its menu (admin commands excluded)."""
    texts = services.renderer.commands
    return [
        BotCommand(command.name, texts[command.name]["description"])
        for command in services.commands
        if not command.admin
    ]


def open_services(config: Config, clock: Clock | None = None) -> Services:
    """Open the store, load the seeds and the templates for one run."""
    store = Store.open(config.database)
    try:
        load_seeds(store, config.seeds, max_bytes=config.limits.max_file_bytes)
        renderer = Renderer(config.templates)
    except Exception:
        store.close()
        raise
    services = Services(
        config=config, store=store, renderer=renderer, commands=registered_commands()
    )
    if clock is not None:
        services.clock = clock
    return services


async def post_init(application: Application) -> None:
    """Open the store and load seeds, then publish the command list."""
    config: Config = application.bot_data["config"]
    services = open_services(config, application.bot_data.get("clock"))
    application.bot_data[SERVICES_KEY] = services
    rebuild_jobs(application)
    if application.bot_data.get("offline"):
        return
    await application.bot.set_my_commands(bot_commands(services))
    log.info(
        "started as @%s with %d article(s)",
        application.bot.username,
        services.store.count_articles(),
    )


async def post_shutdown(application: Application) -> None:
    """Close the store so the WAL is checkpointed and the file left clean."""
    services: Services | None = application.bot_data.get(SERVICES_KEY)
    if services is not None:
        services.store.close()


def build_application(
    config: Config, *, request: BaseRequest | None = None, clock: Clock | None = None
) -> Application:
    """The Application for ``config``.

    ``request`` replaces HTTP (the console's offline bot); ``clock`` replaces
    the wall clock for reminders (tests move time instead of waiting).
    """
    builder = (
        ApplicationBuilder()
        .token(config.token or OFFLINE_TOKEN)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        # Replies wait for their turn in the rate limiter; handling updates side by
        # side keeps one slow reply (or a broadcast) from holding up everyone else.
        # Handlers touch the store synchronously, so no two interleave mid-write.
        .concurrent_updates(CONCURRENT_UPDATES)
    )
    if config.api_url:
        builder = builder.base_url(config.api_url).base_file_url(config.file_api_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    else:
        # Even pacing under Telegram's flood limits; 429s waited out (bot/ratelimit.py).
        # A 5xx answer is asked again (bot/transport.py); getUpdates has its own retry loop.
        builder = builder.request(RetryingRequest()).rate_limiter(PacedRateLimiter())
    application = builder.build()
    application.bot_data["config"] = config
    application.bot_data["offline"] = request is not None
    application.bot_data["clock"] = clock

    for command in registered_commands():
        application.add_handler(CommandHandler(command.name, command.callback))
    for module in handlers.MODULES:
        for handler in module.HANDLERS:
            application.add_handler(handler)
    application.add_error_handler(on_error)
    return application


def run_polling(config: Config) -> None:
    """Run the bot against Telegram (or TIESBOT_API_URL) until interrupted."""
    application = build_application(config)
    application.run_polling(allowed_updates=Update.ALL_TYPES)


async def start_application(application: Application) -> None:
    """initialize → post_init → start: what run_polling does before polling.

    The console and the tests drive the Application themselves; post_init is
    only called by run_polling, so they call it through here.
    """
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await application.start()


async def stop_application(application: Application) -> None:
    """The mirror of start_application (updater first if it is running)."""
    if application.updater and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
    await application.shutdown()
    if application.post_shutdown:
        await application.post_shutdown(application)
