"""From an uploaded document (text, Markdown or HTML) to a ParsedArticle.

This is the single entry point for everything users send: seed files,
Telegram documents, pasted text, fetched pages. It decides the format, hands
the text to the matching reader (``textdoc`` or ``webpage``), then applies
what is common to all formats: caller overrides, sentence splitting, hashes
and warnings. Errors are ``ArticleError`` with a short lower-case message
("the document is empty"); the caller prefixes the file name.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from bot.errors import ArticleError
from bot.extract.byline import parse_date_line
from bot.extract.decoding import check_text, decode_bytes
from bot.extract.draft import Draft
from bot.extract.sentences import split_sentences
from bot.extract.text import article_hashes, normalize_line, normalize_text
from bot.extract.textdoc import read_text_document
from bot.extract.webpage import read_html
from bot.records import ParsedArticle

__all__ = ["detect_format", "parse_date_line", "read_document"]

PLAIN = "text"
MARKDOWN = "markdown"
HTML = "html"

_EXTENSIONS = {
    ".txt": PLAIN,
    ".text": PLAIN,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".mdown": MARKDOWN,
    ".mkd": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".shtml": HTML,
}
_CONTENT_TYPES = {
    "text/plain": PLAIN,
    "text/markdown": MARKDOWN,
    "text/x-markdown": MARKDOWN,
    "text/html": HTML,
    "application/xhtml+xml": HTML,
}
# A document that opens like a web page is one, whatever its name says.
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html\b)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_CLOSING_TAGS = re.compile(r"</(?:p|div|article|body|h[1-6]|li|span|a|section)\s*>", re.I)
_MARKDOWN_HINTS = re.compile(
    r"^#{1,6}\s+\S|\[[^\]\n]+\]\([^)\n]+\)|^\s*[-*+]\s+\S|\*\*\S[^*\n]*\*\*|^>\s",
    re.MULTILINE,
)
_ATX_TITLE = re.compile(r"\s*#{1,2} \S")  # a document opening with "# Title"
_SNIFF_CHARS = 4096
_MIN_WEAK_HINTS = 2
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAX_DERIVED_TITLE = 120
_NO_DATE_WARNING = "no publication date: relative dates left unresolved"


def detect_format(
    text: str, *, filename: str | None = None, content_type: str | None = None
) -> str:
    """The format ("text", "markdown" or "html") from content, file name and MIME type.

    An unmistakable HTML start wins over a misleading name (a page saved as
    .txt); otherwise the extension, then the content type, then sniffing.
    """
    head = text[:_SNIFF_CHARS]
    if _HTML_START.match(head):
        return HTML
    if filename:
        by_extension = _EXTENSIONS.get(PurePath(filename).suffix.lower())
        if by_extension:
            return by_extension
    if content_type:
        by_type = _CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
        if by_type:
            return by_type
    if len(_HTML_CLOSING_TAGS.findall(head)) >= _MIN_WEAK_HINTS:
        return HTML
    if (
        head.startswith("---\n")
        or _ATX_TITLE.match(head)
        or len(_MARKDOWN_HINTS.findall(head)) >= _MIN_WEAK_HINTS
    ):
        return MARKDOWN
    return PLAIN


def _checked_date(date: str | None) -> str | None:
    """The ``date=`` override, validated: only a real YYYY-MM-DD date is accepted."""
    if date is None:
        return None
    value = date.strip()
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        dt.date.fromisoformat(value)
    except ValueError:
        raise ArticleError(f"the date must be YYYY-MM-DD, not {date!r}") from None
    return value


def _derived_title(first_sentence: str) -> str:
    """A title made from the first sentence, cut at a word boundary if long."""
    if len(first_sentence) <= _MAX_DERIVED_TITLE:
        return first_sentence
    cut = first_sentence[:_MAX_DERIVED_TITLE].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "\u2026"


def read_document(
    data: bytes | str,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    date: str | None = None,
    source: str | None = None,
) -> ParsedArticle:
    """Read one document into a ParsedArticle; raise ArticleError when it is not one.

    ``date`` (YYYY-MM-DD), ``source`` and ``url`` override what the document
    states. Bytes are decoded (UTF-8, the declared charset, or a guess that
    is reported in ``warnings``).
    """
    published_override = _checked_date(date)
    warnings: list[str] = []
    if isinstance(data, bytes):
        decoded = decode_bytes(data, content_type=content_type)
        text = decoded.text
        if decoded.warning:
            warnings.append(decoded.warning)
    else:
        text = data
    check_text(text)
    text = normalize_text(text)
    if not text.strip():
        raise ArticleError("the document is empty")
    kind = detect_format(text, filename=filename, content_type=content_type)
    if kind == HTML:
        draft = read_html(text, url=url)
    else:
        draft = read_text_document(text, markdown=kind == MARKDOWN)
    return _finish(
        draft,
        warnings,
        url=url,
        published=published_override,
        source=normalize_line(source) if source else None,
    )


def _finish(
    draft: Draft,
    warnings: list[str],
    *,
    url: str | None,
    published: str | None,
    source: str | None,
) -> ParsedArticle:
    """Apply overrides, split sentences, hash, and collect warnings."""
    sentences = [
        sentence
        for block in draft.blocks
        if not block.heading
        for sentence in split_sentences(block.text)
    ]
    if not sentences:
        raise ArticleError("the document has no article text")
    warnings = [*warnings, *draft.warnings]
    title = normalize_line(draft.title or "")
    if not title:
        title = _derived_title(sentences[0])
        warnings.append("no title found: the first sentence is used as the title")
    body = "\n\n".join(block.text for block in draft.blocks)
    published = published or draft.published
    if published is None:
        warnings.append(_NO_DATE_WARNING)
    content_hash, body_hash = article_hashes(title, body)
    return ParsedArticle(
        title=title,
        body=body,
        sentences=sentences,
        source=source or draft.source,
        published=published,
        url=url or draft.url,
        content_hash=content_hash,
        body_hash=body_hash,
        warnings=warnings,
    )
