"""Plain-text and Markdown articles: title, byline, body paragraphs.

The expected layout is the one people produce when they copy an article:
headline on the first line, optionally a "<source>, <date>" line, then the
body with paragraphs separated by blank lines (or single newlines). Markdown
follows the same layout once its syntax is stripped, plus optional front
matter.
"""

from __future__ import annotations

import re

from bot.extract.boilerplate import boilerplate_mask
from bot.extract.byline import Byline, parse_date, read_byline, read_dateline
from bot.extract.draft import BLANK, HEADING, SINGLE, TEXT, Block, Draft, Line
from bot.extract.markup import markdown_lines, split_front_matter
from bot.extract.sentences import split_sentences

_MAX_HEADER_LINES = 4
_MAX_TITLE_CHARS = 200
_LONG_TITLE_WITH_STOP = 80
_META_LINE = re.compile(
    r"(?P<key>source|publisher|publication|url|link|author|by)\s*:\s*(?P<value>\S.*)",
    re.IGNORECASE,
)
_FRONT_MATTER_KEYS = {
    "title": ("title", "headline"),
    "published": ("date", "published", "pubdate", "publish_date", "published_at", "dated"),
    "source": ("source", "publisher", "publication", "site_name", "sitename", "site"),
    "url": ("url", "link", "canonical", "canonical_url", "source_url"),
}
_TERMINAL = tuple(".!?:;\u2026\"'\u201d\u2019)")
# A hard-wrapped line is long; a short line without a stop is a heading.
_MIN_WRAPPED_LINE = 40
_MAX_PLAIN_HEADING_WORDS = 6


def read_text_document(text: str, *, markdown: bool) -> Draft:
    """Read normalised plain text (or Markdown when ``markdown``) into a Draft."""
    meta, rest = split_front_matter(text)
    lines = markdown_lines(rest) if markdown else _plain_lines(rest)
    draft = Draft(title=None, blocks=[])
    _apply_front_matter(draft, meta)
    position = _take_title(lines, draft, markdown=markdown)
    position = _take_header(lines, position, draft)
    body = _without_boilerplate(lines[position:])
    draft.blocks = _paragraphs(body, markdown=markdown)
    if draft.published is None:
        first = next((block for block in draft.blocks if not block.heading), None)
        if first is not None:
            draft.published = read_dateline(first.text)
    return draft


def _plain_lines(text: str) -> list[Line]:
    return [Line(line, TEXT) if line else Line("", BLANK) for line in text.split("\n")]


def _apply_front_matter(draft: Draft, meta: dict[str, str]) -> None:
    def first(field: str) -> str | None:
        return next((meta[key] for key in _FRONT_MATTER_KEYS[field] if key in meta), None)

    draft.title = first("title")
    draft.source = first("source")
    draft.url = first("url")
    date_text = first("published")
    if date_text:
        draft.published = parse_date(date_text)
        if draft.published is None:
            draft.warnings.append(f"could not read the front matter date {date_text!r}")


def _is_title_like(text: str) -> bool:
    """A headline: short, one sentence, and not a long line ending in a full stop."""
    if len(text) > _MAX_TITLE_CHARS or len(split_sentences(text)) > 1:
        return False
    return not (text.endswith(".") and len(text) > _LONG_TITLE_WITH_STOP)


def _take_title(lines: list[Line], draft: Draft, *, markdown: bool) -> int:
    """Set the title from the first line when it is one; return where the rest starts."""
    index = next((i for i, line in enumerate(lines) if line.kind != BLANK), len(lines))
    if index == len(lines):
        return index
    first = lines[index]
    if draft.title is not None:
        # Front matter named the title; a heading repeating it is not body text.
        return index + 1 if first.kind == HEADING else index
    if (markdown and first.kind == HEADING) or _is_title_like(first.text):
        draft.title = first.text
        return index + 1
    return index


def _take_header(lines: list[Line], position: int, draft: Draft) -> int:
    """Consume byline and "Key: value" lines under the title; return the body start."""
    seen = 0
    while position < len(lines) and seen < _MAX_HEADER_LINES:
        line = lines[position]
        if line.kind == BLANK:
            position += 1
            continue
        if line.kind == HEADING or not _read_header_line(line.text, draft):
            break
        seen += 1
        position += 1
    return position


def _read_header_line(text: str, draft: Draft) -> bool:
    meta = _META_LINE.fullmatch(text)
    if meta:
        key, value = meta["key"].lower(), meta["value"].strip()
        if key in ("url", "link"):
            draft.url = draft.url or value
        elif key not in ("author", "by"):
            draft.source = draft.source or value
        return True
    byline = read_byline(text)
    if byline is None:
        return False
    _merge_byline(draft, byline, text)
    return True


def _merge_byline(draft: Draft, byline: Byline, line: str) -> None:
    draft.source = draft.source or byline.source
    if draft.published is None:
        draft.published = byline.published
        if byline.published is None and byline.date_text:
            draft.warnings.append(f"could not read the date in {line!r}")


def _without_boilerplate(lines: list[Line]) -> list[Line]:
    mask = boilerplate_mask([line.text for line in lines])
    return [line for line, drop in zip(lines, mask, strict=True) if not drop]


def _continues(previous: str, following: str) -> bool:
    """True when ``following`` continues a hard-wrapped line of plain text."""
    if previous.endswith(_TERMINAL):
        return False
    if following[:1].islower() or following[:1].isdigit():
        return True
    return len(previous) >= _MIN_WRAPPED_LINE and (
        previous.endswith(",") or previous.rsplit(" ", 1)[-1][:1].islower()
    )


def _is_plain_heading(text: str) -> bool:
    """A short line without a stop or figures: a section heading, not a sentence."""
    words = text.split()
    return (
        len(words) <= _MAX_PLAIN_HEADING_WORDS
        and not text.endswith(_TERMINAL)
        and not text.endswith(",")
        and not any(ch.isdigit() or ch in "$\u20ac\u00a3\u00a5" for ch in text)
        and text[:1].isupper()
    )


def _paragraphs(lines: list[Line], *, markdown: bool) -> list[Block]:
    """Group lines into paragraphs; Markdown joins soft-wrapped lines, text unwraps."""
    blocks: list[Block] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(Block(" ".join(current)))
            current.clear()

    for line in lines:
        if line.kind == TEXT:
            if current and not markdown and not _continues(current[-1], line.text):
                flush()
            current.append(line.text)
            continue
        flush()
        if line.kind in (HEADING, SINGLE):
            blocks.append(Block(line.text, heading=line.kind == HEADING))
    flush()
    if not markdown:
        blocks = [
            Block(block.text, heading=True)
            if index + 1 < len(blocks) and _is_plain_heading(block.text)
            else block
            for index, block in enumerate(blocks)
        ]
    return blocks
