"""What /addseed accepts, decided before anything is stored.

The handler downloads documents and fetches pages; this module says whether
what it got may be read at all (file type, size, encoding), reads the
``date=``/``source=`` options, and turns every refusal into one sentence an
admin can act on ("Not added: …"). Nothing here touches Telegram or SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

from bot.errors import ArticleError, UsageError
from bot.extract.decoding import declared_charset, decode_bytes
from bot.ingest import Prepared, prepare
from bot.store import AddResult

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Encodings that are read exactly, never guessed: UTF-8 and UTF-16 (marked or obvious).
_EXACT_ENCODINGS = frozenset({"utf-8", "utf-16", "utf-16-le", "utf-16-be"})
_OPTION = re.compile(
    r"(?P<key>date|source)=(?:\"(?P<quoted>[^\"]*)\"|“(?P<curly>[^”]*)”|(?P<plain>\S+))\s*",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?[ \t]*")


@dataclass(frozen=True)
class SeedRequest:
    """The /addseed arguments: article text or a URL, and the two overrides."""

    text: str = ""
    url: str | None = None
    date: str | None = None
    source: str | None = None


def human_size(size: int) -> str:
    """2097152 -> '2 MB', 52428800 -> '50 MB', 1536 -> '1.5 KB'."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def command_arguments(text: str) -> str:
    """Everything after ``/addseed`` (or ``/addseed@bot``), line breaks kept.

    PTB's ``context.args`` splits on whitespace and would lose the paragraphs
    the reader needs, so the text is cut here instead.
    """
    return _COMMAND.sub("", text, count=1)


def parse_seed_request(arguments: str) -> SeedRequest:
    """Read ``[date=YYYY-MM-DD] [source=NAME|"NAME WITH SPACES"] TEXT-or-URL``.

    Options are taken only from the start of the first line, so a body that
    happens to contain "source=" is left alone. What remains is a URL when it
    is one word with a scheme, else the article text.
    """
    first, newline, rest = arguments.partition("\n")
    line = first.strip()
    options: dict[str, str] = {}
    while match := _OPTION.match(line):
        value = next(v for v in (match["quoted"], match["curly"], match["plain"]) if v is not None)
        options[match["key"].lower()] = value.strip()
        line = line[match.end() :]
    body = (line + newline + rest).strip()
    date = options.get("date")
    if date is not None and not _valid_date(date):
        raise UsageError("addseed", f"The date must be YYYY-MM-DD, not “{date[:20]}”.")
    source = options.get("source") or None
    if _URL_LIKE.fullmatch(body):
        return SeedRequest(url=body, date=date, source=source)
    return SeedRequest(text=body, date=date, source=source)


def lone_url(text: str | None) -> str | None:
    """The URL when a message holds nothing else (a reply to a shared link)."""
    stripped = (text or "").strip()
    return stripped if _URL_LIKE.fullmatch(stripped) else None


def _valid_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_document(file_name: str | None, size: int | None, max_bytes: int) -> None:
    """Refuse a document by its name and announced size, before downloading it."""
    suffix = PurePath(file_name or "").suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        shown = f"{suffix} files" if suffix else "files without an extension"
        raise ArticleError(f"Not added: I read .txt, .md, .html and .htm files, not {shown}.")
    check_size(size, max_bytes)


def check_size(size: int | None, max_bytes: int) -> None:
    if size is not None and size > max_bytes:
        raise ArticleError(
            f"Not added: the file is {human_size(size)}; the limit is {human_size(max_bytes)}."
        )


def check_encoding(data: bytes, content_type: str | None = None) -> None:
    """Refuse bytes that are neither UTF-8 (or UTF-16) nor in the charset they declare.

    The reader would guess (and warn); for an admin at a keyboard, asking for
    UTF-8 is better than publishing mojibake. Empty and binary files are
    refused here too, with the reader's own wording.
    """
    try:
        decoded = decode_bytes(data, content_type=content_type)
    except ArticleError as exc:
        raise ArticleError(f"Not added: {exc.message}.") from None
    if decoded.encoding in _EXACT_ENCODINGS:
        return
    if decoded.encoding == declared_charset(data, content_type):
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f" (byte 0x{data[exc.start]:02X} at position {exc.start})"
    else:  # pragma: no cover - decode_bytes accepts valid UTF-8 first
        where = ""
    raise ArticleError(
        f"Not added: the file is not valid UTF-8 text{where}. Save it as UTF-8 and send it again."
    )


def prepare_seed(
    data: bytes | str,
    *,
    name: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    date: str | None = None,
    source: str | None = None,
) -> Prepared:
    """Check and read one /addseed input into a preview-ready article."""
    if isinstance(data, bytes):
        check_encoding(data, content_type)
    try:
        return prepare(
            data, name=name, content_type=content_type, url=url, date=date, source=source
        )
    except ArticleError as exc:
        raise ArticleError(f"Not added: {exc.message.rstrip('.')}.") from None


def duplicate_message(result: AddResult) -> str:
    """The refusal for an article the store already holds."""
    number = result.article_id
    if result.status == "near_duplicate":
        return f"Not added: a near-copy of this article is already stored as article {number}."
    return f"Not added: this article is already stored as article {number}."
