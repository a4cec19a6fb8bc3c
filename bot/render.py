"""Replies from Jinja2 templates in config/templates, safe for Telegram HTML.

Autoescaping is on for every template, so article text can never inject
markup; the few filters that emit tags (``highlight``) escape first. Long
replies are split at line breaks, never inside a tag, into pieces Telegram
accepts (4096 characters of text after entity parsing).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from bot.anniversaries import describe_item
from bot.facts_text import (
    describe_fact,
    describe_without_date,
    fact_label,
    fact_route,
    format_amount,
    format_date_span,
    format_usd,
    ordinal_suffix,
)
from bot.partial_date import MONTH_NAMES
from bot.store import HIGHLIGHT_END, HIGHLIGHT_START

TELEGRAM_LIMIT = 4096
_TAG_RE = re.compile(r"<[^>]+>")
_MONTHS = MONTH_NAMES


def highlight(snippet: str) -> Markup:
    """Escape a search snippet, then bold the words the store marked."""
    out: list[str] = []
    bold = False
    for part in re.split(f"([{HIGHLIGHT_START}{HIGHLIGHT_END}])", snippet):
        if part == HIGHLIGHT_START and not bold:
            out.append("<b>")
            bold = True
        elif part == HIGHLIGHT_END and bold:
            out.append("</b>")
            bold = False
        elif part not in (HIGHLIGHT_START, HIGHLIGHT_END):
            out.append(str(escape(part)))
    if bold:  # a snippet cut short must not leave a tag open
        out.append("</b>")
    return Markup("".join(out))


def human_date(value: str | None) -> str:
    """'2017-08-14' -> '14 August 2017'; partial or missing dates degrade gently."""
    if not value:
        return "undated"
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        return value
    return value


def truncate_text(text: str, limit: int = 300) -> str:
    """Shorten plain text at a word boundary (before escaping, so no entity is cut)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def plain_text(markup: str) -> str:
    """Telegram HTML to the plain text a user would see (the console prints this)."""
    return html.unescape(_TAG_RE.sub("", markup))


def visible_length(markup: str) -> int:
    return len(plain_text(markup))


def split_message(markup: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split a reply into messages of at most ``limit`` visible characters.

    Splits happen between lines; templates keep every tag within one line,
    so no piece ever holds half a tag. A single over-long line is cut at a
    word boundary of its plain text (its markup is dropped to stay valid).
    """
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in markup.split("\n"):
        length = visible_length(line)
        if length > limit:
            line = str(escape(truncate_text(plain_text(line), limit - 1)))
            length = visible_length(line)
        if current and size + length + 1 > limit:
            pieces.append("\n".join(current).strip("\n"))
            current, size = [], 0
        current.append(line)
        size += length + 1
    if current:
        pieces.append("\n".join(current).strip("\n"))
    return [piece for piece in pieces if piece.strip()] or [""]


class Renderer:
    """Renders named templates; one template per kind of reply."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = Environment(
            loader=FileSystemLoader(str(folder)),
            autoescape=select_autoescape(["html", "txt"], default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.env.filters.update(
            highlight=highlight,
            human_date=human_date,
            truncate_text=truncate_text,
            date_span=lambda fact: format_date_span(fact.date, fact.end_date, fact.precision),
            describe=describe_fact,
            describe_item=describe_item,
            describe_nodate=describe_without_date,
            route=fact_route,
            label=fact_label,
            ordinal=ordinal_suffix,
            amount=format_amount,
            usd=format_usd,
        )
        self.commands = self._load_commands()

    def _load_commands(self) -> dict[str, dict[str, str]]:
        """Help lines, examples and usage lines of every command (operator-editable)."""
        with (self.folder / "commands.yaml").open(encoding="utf-8") as handle:
            return yaml.safe_load(handle) or {}

    def render(self, template_name: str, /, **context: Any) -> str:
        """Render ``template_name``.html; the result is trimmed Telegram HTML."""
        template = self.env.get_template(f"{template_name}.html")
        text = template.render(commands=self.commands, **context)
        return re.sub(r"\n{3,}", "\n\n", text).strip()

    def usage(self, command: str) -> str:
        """The one-line usage hint of a command."""
        return self.render("usage", command=command)
