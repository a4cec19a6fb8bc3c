"""Markdown to plain lines, and the YAML front matter some Markdown files carry.

Markdown syntax must go before sentence splitting: "**Mr. Abe**" or
"[Hun Sen](https://...)" would otherwise end up, brackets and URLs included,
in sentences that search shows to users. The conversion is deliberately
small (no Markdown library): news exported as Markdown uses only headings,
emphasis, links, images, lists, quotes and the odd table or code block.
"""

from __future__ import annotations

import re

from bot.extract.draft import BLANK, HEADING, SINGLE, TEXT, Line

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_LINE = re.compile(r"(?P<key>[A-Za-z][\w -]*?)\s*:\s*(?P<value>.*)")

_FENCE = re.compile(r"\s{0,3}(```|~~~)")
_ATX_HEADING = re.compile(r"\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*")
_SETEXT_UNDERLINE = re.compile(r"\s{0,3}(=+|-+)\s*")
_RULE = re.compile(r"\s{0,3}([-*_])(?:\s*\1){2,}\s*")
_LIST_MARKER = re.compile(r"\s*(?:[-*+\u2022]|\d{1,3}[.)])\s+")
_QUOTE_MARKER = re.compile(r"\s{0,3}(?:>\s?)+")
_REFERENCE_DEFINITION = re.compile(r"\s{0,3}\[[^\]]+\]:\s*\S+.*")
_TABLE_SEPARATOR = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")
_TABLE_ROW = re.compile(r"\s*\|.*\|\s*")

# Inline syntax, applied in this order.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images are dropped
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)
# Escaped characters are parked in the Private Use Area so that "\*" is not
# read as emphasis, then restored.
_PARK = 0xE000


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``---``-delimited YAML block into flat ``key: value`` pairs.

    Only scalar values are read (keys lower-cased, quotes removed); nested
    YAML is ignored rather than misread. Returns ({}, text) when absent.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for raw in match["body"].split("\n"):
        line = _FRONT_MATTER_LINE.fullmatch(raw.strip())
        if line and not raw[:1].isspace():
            value = line["value"].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if value:
                meta[line["key"].strip().lower().replace(" ", "_").replace("-", "_")] = value
    return meta, text[match.end() :]


def strip_inline(text: str) -> str:
    """Remove inline Markdown (emphasis, links, images, code) keeping the words."""
    text = _ESCAPED.sub(lambda m: chr(_PARK + ord(m.group(1))), text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    text = re.sub("[\ue000-\ue0ff]", lambda m: chr(ord(m.group(0)) - _PARK), text)
    return re.sub(r" {2,}", " ", text).strip()


def _table_row(line: str) -> str:
    cells = [strip_inline(cell) for cell in line.strip().strip("|").split("|")]
    return "; ".join(cell for cell in cells if cell)


def markdown_lines(text: str) -> list[Line]:
    """Classify and clean each Markdown line (see ``bot.extract.draft`` kinds)."""
    lines: list[Line] = []
    in_code = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
            lines.append(Line("", BLANK))
            continue
        if in_code:
            lines.append(Line(line.strip(), SINGLE if line.strip() else BLANK))
            continue
        lines.append(_classify(line, lines))
    return lines


def _classify(line: str, previous: list[Line]) -> Line:
    """One Markdown line outside code blocks (may re-label the previous line)."""
    if not line.strip() or _REFERENCE_DEFINITION.fullmatch(line):
        return Line("", BLANK)
    previous_is_text = bool(previous) and previous[-1].kind == TEXT
    if _SETEXT_UNDERLINE.fullmatch(line) and previous_is_text:
        # The line above was a Setext heading: re-label it.
        previous[-1] = Line(previous[-1].text, HEADING)
        return Line("", BLANK)
    if _RULE.fullmatch(line):
        return Line("", BLANK)
    heading = _ATX_HEADING.fullmatch(line)
    if heading:
        text = strip_inline(heading.group(2) or "")
        return Line(text, HEADING) if text else Line("", BLANK)
    if _TABLE_SEPARATOR.fullmatch(line) and "|" in line:
        return Line("", BLANK)
    if _TABLE_ROW.fullmatch(line):
        return Line(_table_row(line), SINGLE)
    line = _QUOTE_MARKER.sub("", line, count=1) if _QUOTE_MARKER.match(line) else line
    marker = _LIST_MARKER.match(line)
    if marker:
        text = strip_inline(line[marker.end() :])
        return Line(text, SINGLE) if text else Line("", BLANK)
    text = strip_inline(line)
    return Line(text, TEXT) if text else Line("", BLANK)
