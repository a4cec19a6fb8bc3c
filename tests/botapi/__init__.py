"""A local Telegram Bot API server and update builders for end-to-end tests of tiesbot."""

from .html import TelegramHTMLError, parse_telegram_html, validate_telegram_html
from .server import BotAPIError, Call, FakeBotAPI, Injection, RateLimits, UploadedFile

__all__ = [
    "BotAPIError",
    "Call",
    "FakeBotAPI",
    "Injection",
    "RateLimits",
    "TelegramHTMLError",
    "UploadedFile",
    "parse_telegram_html",
    "validate_telegram_html",
]
