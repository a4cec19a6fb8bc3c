"""Domain errors: each becomes a short, templated reply, never a traceback."""

from __future__ import annotations


class TiesbotError(Exception):
    """Base of every error a user may be told about in one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ArticleError(TiesbotError):
    """A document cannot be read as a news article (empty, binary, no text...)."""


class DuplicateArticle(ArticleError):
    """The article (or a near-copy of it) is stored already."""

    def __init__(self, message: str, article_id: int) -> None:
        super().__init__(message)
        self.article_id = article_id


class NotFound(TiesbotError):
    """Something the user named (an article id, a page) does not exist."""


class Unauthorized(TiesbotError):
    """The sender may not use this command."""


class UsageError(TiesbotError):
    """A command got arguments it cannot use; the reply is its usage line.

    ``command`` names the command whose usage hint (from the templates) is
    sent; ``detail`` optionally says what was wrong, in one short line.
    """

    def __init__(self, command: str, detail: str | None = None) -> None:
        super().__init__(detail or f"bad arguments for /{command}")
        self.command = command
        self.detail = detail


class ConfigError(TiesbotError):
    """The configuration cannot be used; the message names the file and key."""
