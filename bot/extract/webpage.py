"""HTML pages: the article text and metadata, via trafilatura.

A saved news page is mostly navigation, scripts, ads and cookie banners;
trafilatura finds the article element and reads the title, date and site
name from the usual meta tags. It is run strictly offline (it receives the
markup, never fetches) and in its fast, precision-first mode: a missed
paragraph costs less than a navigation menu parsed as sentences.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lxml import etree

from bot.errors import ArticleError
from bot.extract.boilerplate import boilerplate_mask
from bot.extract.byline import parse_date, read_byline, read_dateline
from bot.extract.draft import Block, Draft
from bot.extract.text import fold_for_hash, normalize_line

_NO_TEXT = "the page has no article text"
# trafilatura's XML vocabulary for the extracted body.
_HEADING_TAGS = frozenset({"head"})
_CONTAINER_TAGS = frozenset({"list", "quote", "div", "table", "row"})
_SKIPPED_TAGS = frozenset({"graphic", "ref_placeholder"})
_BYLINE_SEARCH = 3  # bylines sit in the first few paragraphs


def _extract(html: str, url: str | None) -> Any:
    """Run trafilatura without network access; None when it finds no article."""
    import trafilatura  # imported lazily: it takes a noticeable time to load

    return trafilatura.bare_extraction(
        html,
        url=url,
        fast=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        date_extraction_params={
            "original_date": True,
            # Only dates the page states as metadata; no guessing from body text.
            "extensive_search": False,
            "max_date": dt.date.today().isoformat(),
        },
    )


def _element_text(element: etree._Element) -> str:
    """Text of an element with ``<lb/>`` line breaks kept as newlines."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def _blocks_of(element: etree._Element) -> list[Block]:
    """Paragraph blocks of one body child; containers yield one block per item/row."""
    if element.tag in _SKIPPED_TAGS:
        return []
    if element.tag == "row":
        cells = (normalize_line(_element_text(cell)) for cell in element)
        text = "; ".join(cell for cell in cells if cell)
        return [Block(text)] if text else []
    if element.tag in _CONTAINER_TAGS and len(element):
        nested = [block for child in element for block in _blocks_of(child)]
        if nested:
            return nested
    heading = element.tag in _HEADING_TAGS
    lines = (normalize_line(line) for line in _element_text(element).split("\n"))
    return [Block(line, heading=heading) for line in lines if line]


def _body_blocks(document: Any) -> list[Block]:
    body = getattr(document, "body", None)
    if body is not None and len(body):
        return [block for child in body for block in _blocks_of(child)]
    text = getattr(document, "text", None) or ""
    return [Block(line) for line in (normalize_line(x) for x in text.split("\n")) if line]


def _without_boilerplate(blocks: list[Block]) -> list[Block]:
    mask = boilerplate_mask([block.text for block in blocks])
    return [block for block, drop in zip(blocks, mask, strict=True) if not drop]


def _without_title(blocks: list[Block], title: str | None) -> list[Block]:
    """Drop the leading heading(s) that repeat the title (the page's <h1>)."""
    if not title:
        return blocks
    folded = fold_for_hash(title)
    while blocks and blocks[0].heading and fold_for_hash(blocks[0].text) == folded:
        blocks = blocks[1:]
    return blocks


def read_html(html: str, *, url: str | None = None) -> Draft:
    """Read an HTML page into a Draft; raise ArticleError when it holds no article."""
    try:
        document = _extract(html, url)
    except (ValueError, etree.LxmlError) as error:
        raise ArticleError("the page could not be parsed as HTML") from error
    if document is None:
        raise ArticleError(_NO_TEXT)
    title = normalize_line(document.title or "") or None
    blocks = _without_title(_without_boilerplate(_body_blocks(document)), title)
    if not any(not block.heading for block in blocks):
        raise ArticleError(_NO_TEXT)
    blocks, byline_date = _take_bylines(blocks)
    published = parse_date(document.date) if document.date else None
    if published is None:
        published = byline_date or _dateline(blocks)
    return Draft(
        title=title,
        blocks=blocks,
        source=normalize_line(document.sitename or "") or None,
        published=published,
        url=document.url or url,
    )


def _take_bylines(blocks: list[Block]) -> tuple[list[Block], str | None]:
    """Remove byline paragraphs ("By Jane Doe, May 3, 2018") near the top.

    Returns the remaining blocks and the first date a byline stated.
    """
    kept: list[Block] = []
    published: str | None = None
    for index, block in enumerate(blocks):
        byline = read_byline(block.text) if index < _BYLINE_SEARCH and not block.heading else None
        if byline is None:
            kept.append(block)
        elif published is None:
            published = byline.published
    return kept, published


def _dateline(blocks: list[Block]) -> str | None:
    first = next((block for block in blocks if not block.heading), None)
    return read_dateline(first.text) if first else None
