"""Logging set-up: context in every line, the bot token in none.

httpx logs each request URL, and Bot API URLs contain the token, so its
loggers are turned down to WARNING; a filter also masks the token in any
record that would still carry it (an exception text, a third-party message).
"""

from __future__ import annotations

import logging


class TokenFilter(logging.Filter):
    """Replaces the token (and its secret half) in a record's final message."""

    def __init__(self, token: str | None) -> None:
        super().__init__()
        # Longest first, so the whole token is masked before its secret half.
        secrets = {token, token.split(":", 1)[-1] if token else None} - {None, ""}
        self.secrets = sorted(secrets, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        text = message
        for secret in self.secrets:
            text = text.replace(secret, "<token>")
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            for secret in self.secrets:
                record.exc_text = record.exc_text.replace(secret, "<token>")
        if text != message:
            record.msg, record.args = text, None
        return True


def setup_logging(level: str, token: str | None) -> None:
    """Log to stderr with time, level and logger name; mask the token."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(TokenFilter(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
