"""Shared fixtures: a fresh database per test, and the real bot against a local Bot API."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from telegram import Update
from telegram.ext import Application

from bot.app import build_application, start_application, stop_application
from bot.config import Config, load_config
from tests.botapi.fixtures import botapi  # noqa: F401  (re-exported fixture)
from tests.botapi.server import FakeBotAPI

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILE = next(SEEDS.glob("*.txt"))
ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture
def config(tmp_path) -> Config:
    """Defaults with a database of this test's own."""
    return load_config({"TIESBOT_DATABASE": str(tmp_path / "tiesbot.db")})


def bot_config(server: FakeBotAPI, tmp_path: Path, **env: str) -> Config:
    return load_config(
        {
            "TELEGRAM_BOT_TOKEN": server.token,
            "TIESBOT_API_URL": server.base_url,
            "TIESBOT_DATABASE": str(tmp_path / "tiesbot.db"),
            **env,
        }
    )


# The end-to-end bot lives on 7 August 2026, 10:00 in Phnom Penh: "today" never drifts.
E2E_NOW = dt.datetime(2026, 8, 7, 3, 0, tzinfo=dt.UTC)


async def start_bot(config: Config, clock=lambda: E2E_NOW) -> Application:
    """The real Application, started and polling the local server."""
    application = build_application(config, clock=clock)
    await start_application(application)
    await application.updater.start_polling(
        poll_interval=0, timeout=1, allowed_updates=Update.ALL_TYPES
    )
    return application


@pytest_asyncio.fixture
async def tiesbot(botapi: FakeBotAPI, tmp_path: Path) -> AsyncIterator[Application]:  # noqa: F811
    """tiesbot polling the local Bot API server, with the seeds loaded."""
    application = await start_bot(bot_config(botapi, tmp_path, TIESBOT_ADMINS="42"))
    try:
        yield application
    finally:
        await stop_application(application)
