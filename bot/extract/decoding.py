"""Turning uploaded bytes into text, or refusing them with a clear reason.

Users send what they have: UTF-8 exports, Windows "ANSI" files with smart
quotes, pages saved with a declared charset, sometimes a PDF or a photo by
mistake. Decoding never fails silently: a guessed encoding is reported as a
warning, a binary file is refused with a message the user understands.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from bot.errors import ArticleError

# File signatures of formats users send by mistake, named in the refusal.
_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Word/EPUB"),
    (b"\xd0\xcf\x11\xe0", "Word 97/Excel"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"{\\rtf", "RTF document"),
)
_SNIFF_BYTES = 8192
# Control characters (other than tab, newline, CR, form feed, escape) above this
# share of the text mean the "text" is really binary data.
_MAX_CONTROL_RATIO = 0.05
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_DECLARED = (
    re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE),
    re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.IGNORECASE),
)
_CONTENT_TYPE_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG); so do we.
_AS_CP1252 = frozenset({"latin_1", "iso8859-1", "ascii", "cp1252"})
_HIGH_BYTE_RUN = re.compile(rb"[\x80-\xff]+")
# In Western text, non-ASCII bytes are mostly isolated (é, smart quotes); CJK
# legacy encodings produce runs of them. Below this share, cp1252 is unlikely.
_MIN_ISOLATED_SHARE = 0.6


@dataclass(frozen=True)
class Decoded:
    """Decoded text, the codec used, and a warning when that codec was not UTF-8."""

    text: str
    encoding: str
    warning: str | None = None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def refuse_binary(kind: str | None = None) -> ArticleError:
    """The error for a file that is not text; ``kind`` names a recognised format."""
    named = f" ({kind})" if kind else ""
    return ArticleError(f"the document looks like a binary file, not an article{named}")


def check_text(text: str) -> None:
    """Refuse text that is mostly control characters (binary decoded as text)."""
    sample = text[:_SNIFF_BYTES]
    if "\x00" in sample:
        raise refuse_binary()
    if sample and len(_CONTROL.findall(sample)) > len(sample) * _MAX_CONTROL_RATIO:
        raise refuse_binary()


def _codec_name(label: str | bytes) -> str | None:
    """Canonical Python codec name for a charset label, or None if unknown."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_CP1252 else name


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """Charset named by the Content-Type header or the document itself (HTML/XML)."""
    if content_type:
        match = _CONTENT_TYPE_CHARSET.search(content_type)
        if match and (name := _codec_name(match.group(1))):
            return name
    head = data[:_SNIFF_BYTES]
    for pattern in _DECLARED:
        declared = pattern.search(head)
        if declared and (name := _codec_name(declared.group(1))):
            return name
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte NUL (ASCII saved as UTF-16)."""
    sample = data[:512]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _looks_cp1252(data: bytes) -> bool:
    runs = _HIGH_BYTE_RUN.findall(data)
    high = sum(len(run) for run in runs)
    isolated = sum(1 for run in runs if len(run) == 1)
    if high and isolated < high * _MIN_ISOLATED_SHARE:
        return False
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _guess(data: bytes) -> str:
    """Best-effort codec for bytes that are not UTF-8: cp1252 first, then detection."""
    if _looks_cp1252(data):
        return "cp1252"
    from charset_normalizer import from_bytes  # imported lazily: rarely needed

    best = from_bytes(data[:65536]).best()
    name = _codec_name(best.encoding) if best is not None else None
    return name or "cp1252"


def decode_bytes(data: bytes, *, content_type: str | None = None) -> Decoded:
    """Decode an uploaded document; raise ArticleError for empty or binary data.

    Order: byte-order marks, strict UTF-8, the declared charset, then a guess
    (reported as a warning since mojibake is possible).
    """
    if not data.strip():
        raise ArticleError("the document is empty")
    if kind := _binary_kind(data):
        raise refuse_binary(kind)
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16", "replace"), "utf-16")
    if utf16 := _utf16_without_bom(data):
        return Decoded(data.decode(utf16, "replace"), utf16)
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise refuse_binary()
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, content_type)
    if declared and declared != "utf-8":
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            pass
        else:
            return Decoded(text, declared, f"decoded as {declared} (declared charset)")
    guessed = _guess(data)
    return Decoded(data.decode(guessed, "replace"), guessed, f"decoded as {guessed}")
