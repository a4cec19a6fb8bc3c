"""The intermediate shape every format reader (text, Markdown, HTML) produces.

Keeping one shape lets the reader apply overrides, boilerplate removal,
sentence splitting and hashing once, whatever the input format was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of source line, as the text and Markdown readers classify them.
TEXT = "text"  # prose; consecutive text lines may form one paragraph
BLANK = "blank"  # ends a paragraph
HEADING = "heading"  # a section heading: in the body, never in sentences
SINGLE = "single"  # a list item, table row or code line: a paragraph of its own


@dataclass(frozen=True)
class Line:
    """One source line, already stripped of its markup."""

    text: str
    kind: str = TEXT


@dataclass(frozen=True)
class Block:
    """One paragraph (or heading) of the article body."""

    text: str
    heading: bool = False


@dataclass
class Draft:
    """What a format reader found, before overrides and sentence splitting."""

    title: str | None
    blocks: list[Block]
    source: str | None = None
    published: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)
