"""Text normalisation and the hashes that detect duplicate articles.

Articles arrive from copy-paste, web pages and old files, so the same words can
be spelled with NBSPs, thin spaces, zero-width joiners, CRLF line endings or
stray control bytes. Everything downstream (boilerplate patterns, the sentence
splitter, search and duplicate detection) is simpler and more reliable when it
only ever sees plain spaces and ``\\n`` line breaks, so normalisation happens
once, here.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Characters that render as (or should count as) an ordinary space. NBSP and
# the narrow no-break space are common in French-typeset and CMS output.
_SPACE_CHARS = "\t\v\f\u00a0\u1680\u180e\u202f\u205f\u3000" + "".join(
    chr(code) for code in range(0x2000, 0x200B)
)
# Invisible characters that only get in the way of matching: zero-width space,
# joiners, word joiner, BOM and the soft hyphen a CMS inserts for hyphenation.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Line and paragraph separators that some editors and PDFs emit instead of \n.
_LINE_BREAKS = re.compile("[\r\u2028\u2029\u0085]")
_SPACES = re.compile(f"[{_SPACE_CHARS}]")
# Invisible characters plus C0/C1 controls other than \n (regular expressions
# rather than str.translate: they are several times faster on mostly-ASCII text).
_DROPPED = re.compile(f"[{_INVISIBLE_CHARS}\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Any character that needs one of the substitutions above (one cheap scan
# lets the common, already-clean line skip them all).
_ODD = re.compile(f"[\r\u0085\u2028\u2029{_SPACE_CHARS}{_DROPPED.pattern[1:-1]}]")

# Typographic variants folded to ASCII for hashing only, so a copy pasted from
# a word processor ("smart" quotes, en dashes) still matches the web original.
_HASH_FOLD = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}
_HASH_FOLD_CHARS = re.compile("[" + "".join(_HASH_FOLD) + "]")


def normalize_text(text: str) -> str:
    """Return ``text`` with one kind of space, one kind of line break, no controls.

    Line structure is kept (paragraph detection needs it); within each line,
    runs of spaces collapse to one and leading/trailing spaces go. Unicode is
    NFC-composed so that "é" typed two ways compares equal.
    """
    odd = () if _is_plain(text) else set(_ODD.findall(text))
    if odd:  # each substitution only when a character it replaces is there
        if any(map(_LINE_BREAKS.match, odd)):
            text = _LINE_BREAKS.sub("\n", text.replace("\r\n", "\n"))
        if any(map(_SPACES.match, odd)):
            text = _SPACES.sub(" ", text)
        if any(map(_DROPPED.match, odd)):
            text = _DROPPED.sub("", text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    while "  " in text:  # runs of spaces become one space (each pass halves every run)
        text = text.replace("  ", " ")
    if "\n" not in text:
        return text.strip()
    if not _has_padded_line(text):
        return text
    return "\n".join(line.strip() for line in text.split("\n"))


def _has_padded_line(text: str) -> bool:
    """Whether a line of ``text`` starts or ends with a space.

    Only for text whose spaces and line breaks are already normalised: the
    only whitespace left is " " and "\\n" (every other character ``str.strip``
    removes has been replaced or dropped), so a line needs stripping exactly
    when a space touches a line break or an end of the text.
    """
    return " \n" in text or "\n " in text or text.startswith(" ") or text.endswith(" ")


def _is_plain(text: str) -> bool:
    """True when no character of ``text`` needs a substitution (a cheap pre-test of ``_ODD``).

    Every character ``_ODD`` matches is unprintable (a control, a format
    character or a separator other than the ASCII space), so printable text
    holds none; the line breaks, unprintable too, are set aside first.
    ``str.isprintable`` reads a table per character where the character class
    is tried entry by entry.
    """
    if text.isprintable():
        return True
    return "\n" in text and text.replace("\n", "").isprintable()


def normalize_line(text: str) -> str:
    """Normalise a one-line value (a title, a source): any line break becomes a space."""
    text = normalize_text(text)
    if "\n" not in text:
        return text
    return " ".join(line for line in text.split("\n") if line)


def fold_for_hash(text: str) -> str:
    """Reduce text to the form that is hashed: normalised, case-folded, one space.

    Typographic quotes, dashes and the ellipsis are folded to ASCII too, so two
    copies of an article that differ only in typesetting hash the same.
    """
    folded = normalize_text(text)
    if folded.isascii():  # no typography to fold, and lower() is casefold() there, faster
        folded = folded.lower()
    else:
        folded = _HASH_FOLD_CHARS.sub(_ascii_variant, folded).casefold()
    # Normalised text holds single spaces within unpadded lines, so joining its
    # non-empty lines is " ".join(folded.split()) at half the cost.
    return " ".join(filter(None, folded.split("\n")))


def _ascii_variant(match: re.Match[str]) -> str:
    return _HASH_FOLD[match.group(0)]


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(title: str, body: str) -> str:
    """Hash of title and body together: identical articles, even if re-typeset.

    The title and body are separated by a newline before hashing (folding has
    already removed every other newline) so that moving words across the
    title/body boundary changes the hash.
    """
    return _sha256(fold_for_hash(title) + "\n" + fold_for_hash(body))


def body_hash(body: str) -> str:
    """Hash of the body alone: the same story republished under another headline."""
    return _sha256(fold_for_hash(body))


def article_hashes(title: str, body: str) -> tuple[str, str]:
    """``(content_hash(title, body), body_hash(body))``, folding the body once."""
    folded_body = fold_for_hash(body)
    return _sha256(fold_for_hash(title) + "\n" + folded_body), _sha256(folded_body)
