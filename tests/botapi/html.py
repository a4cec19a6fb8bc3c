"""Telegram's ``parse_mode="HTML"``, re-implemented as strictly as the real server parses it.

The bot renders every reply through HTML templates, and Telegram rejects a whole message when
its markup is off (``<b>x`` without ``</b>``, an unescaped ``<``, a ``<br>``). Those failures
only show up in production unless the tests parse the text the same way, so this module
follows the algorithm of TDLib's ``parse_html`` (which the Bot API server uses): the same tags,
the same lenient entity decoding, and the same error messages with UTF-8 byte offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ALLOWED_TAGS",
    "ParsedText",
    "TelegramHTMLError",
    "parse_telegram_html",
    "utf16_len",
    "validate_telegram_html",
]

#: Tags Telegram accepts; anything else is "Unsupported start tag".
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "tg-spoiler",
        "span",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)

_ENTITY_TYPE: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
    "a": "text_link",
}

_NAMED_ENTITIES: dict[str, str] = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

# TDLib's is_space(): NUL counts as a space, which makes "end of text" end tag names too.
_SPACES = frozenset(" \t\r\n\v\f\0")
# What Telegram trims from both ends of a message after parsing.
_TRIM = " \t\r\n"
_NAME_TOKEN = re.compile(r"[A-Za-z0-9.\-]*")
_MAX_CODE_POINT = 0x10FFFF


class TelegramHTMLError(ValueError):
    """The text would make Telegram answer ``400 Bad Request: can't parse entities: ...``.

    ``str(error)`` is exactly the part after ``can't parse entities: ``.
    """


@dataclass(frozen=True)
class ParsedText:
    """The message as Telegram stores it: plain text plus entities with UTF-16 offsets."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _OpenTag:
    """A start tag still waiting for its end tag, and where its entity begins."""

    name: str
    begin_utf16: int
    begin_char: int = 0
    argument: str = ""
    expandable: bool = False
    language: str = ""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets and lengths."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _byte_offset(text: str, index: int) -> int:
    """UTF-8 byte offset of ``text[index]``: Telegram's error messages count bytes."""
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(text: str, pos: int, *, strict: bool) -> tuple[str, int] | None:
    """Decode the character reference at ``text[pos] == "&"`` like TDLib's decode_html_entity.

    Returns the character and the index after the reference, or None when Telegram would keep
    the ``&`` literally (it does not reject unknown entities or a bare ``&``). The trailing
    ``;`` is optional, as in TDLib.
    """
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        value = 0
        if end < n and text[end] == "x":
            end += 1
            start = end
            while end < n and text[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(text[end], 16)
                end += 1
                if value >= _MAX_CODE_POINT:
                    return None
        else:
            start = end
            while end < n and text[end].isascii() and text[end].isdigit():
                value = value * 10 + int(text[end])
                end += 1
                if value >= _MAX_CODE_POINT:
                    return None
        if end == start or value == 0 or 0xD800 <= value <= 0xDFFF:
            return None
        char = chr(value)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        name = text[pos + 1 : end]
        if name not in _NAMED_ENTITIES:
            if strict and name and end < n and text[end] == ";":
                raise TelegramHTMLError(
                    f"Unsupported HTML entity &{name}; at byte offset {_byte_offset(text, pos)} "
                    "(Telegram would show it literally)"
                )
            return None
        char = _NAMED_ENTITIES[name]
    if end < n and text[end] == ";":
        end += 1
    return char, end


def _entity_for(tag: _OpenTag, offset: int, length: int, inner_text: str) -> dict[str, Any]:
    """Build the MessageEntity dict that closing ``tag`` produces.

    ``inner_text`` is the tag's text, which becomes the URL of an ``<a>`` without href.
    """
    kind = _ENTITY_TYPE[tag.name]
    entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
    if kind == "text_link":
        url = tag.argument or inner_text
        match = re.fullmatch(r"tg://user\?id=(\d+)", url)
        if match:
            entity["type"] = "text_mention"
            entity["user"] = {"id": int(match.group(1)), "is_bot": False, "first_name": ""}
        else:
            entity["url"] = url
    elif kind == "pre" and tag.language:
        entity["language"] = tag.language
    elif kind == "blockquote" and tag.expandable:
        entity["type"] = "expandable_blockquote"
    elif kind == "custom_emoji":
        entity["custom_emoji_id"] = tag.argument
    return entity


def _parse_start_tag(text: str, i: int) -> tuple[_OpenTag, int]:
    """Parse the start tag at ``text[i] == "<"``; return it and the index after its ``>``."""
    n = len(text)
    begin = i
    i += 1
    name_start = i
    while i < n and text[i] not in _SPACES and text[i] != ">":
        i += 1
    if i >= n:
        raise TelegramHTMLError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
    name = text[name_start:i].lower()
    if name not in ALLOWED_TAGS:
        raise TelegramHTMLError(
            f'Unsupported start tag "{name}" at byte offset {_byte_offset(text, begin)}'
        )
    tag = _OpenTag(name=name, begin_utf16=0)
    while i < n and text[i] != ">":
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n or text[i] == ">":
            break
        attr_start = i
        while i < n and text[i] not in _SPACES and text[i] not in "=>":
            i += 1
        attr = text[attr_start:i].lower()
        if not attr:
            raise TelegramHTMLError(
                f'Empty attribute name in the tag "{name}" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n or text[i] != "=":
            # A value-less attribute; Telegram knows only <blockquote expandable>.
            if name == "blockquote" and attr == "expandable":
                tag.expandable = True
            continue
        i += 1
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n:
            raise TelegramHTMLError(
                f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
            )
        if text[i] not in "'\"":
            match = _NAME_TOKEN.match(text, i)
            assert match is not None  # the pattern matches the empty string
            value = match.group(0).lower()
            token_start, i = i, match.end()
            if i < n and text[i] not in _SPACES and text[i] != ">":
                raise TelegramHTMLError(
                    f"Unexpected end of name token at byte offset {_byte_offset(text, token_start)}"
                )
        else:
            quote = text[i]
            i += 1
            chars: list[str] = []
            while i < n and text[i] != quote:
                if text[i] == "&":
                    decoded = _decode_entity(text, i, strict=False)
                    if decoded is not None:
                        chars.append(decoded[0])
                        i = decoded[1]
                        continue
                chars.append(text[i])
                i += 1
            if i < n:
                i += 1
            value = "".join(chars)
        if i >= n:
            raise TelegramHTMLError(
                f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
            )
        if name == "a" and attr == "href":
            tag.argument = value
        elif name == "code" and attr == "class" and value.startswith("language-"):
            tag.argument = value[len("language-") :]
        elif name == "span" and attr == "class" and value.startswith("tg-"):
            tag.argument = value[len("tg-") :]
        elif name == "tg-emoji" and attr == "emoji-id":
            tag.argument = value
        elif name == "blockquote" and attr == "expandable":
            tag.expandable = True
    if i >= n:
        raise TelegramHTMLError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
    if name == "span" and tag.argument != "spoiler":
        raise TelegramHTMLError(
            f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}'
        )
    if name == "tg-emoji" and not re.fullmatch(r"-?\d{1,19}", tag.argument):
        raise TelegramHTMLError("Invalid custom emoji identifier specified")
    return tag, i + 1


def parse_telegram_html(text: str, *, strict_entities: bool = False) -> ParsedText:
    """Parse ``text`` as Telegram does for ``parse_mode="HTML"``.

    Returns the plain text (trimmed like Telegram trims messages) and its entities. Raises
    :class:`TelegramHTMLError` with Telegram's own wording when the real server would refuse the
    message. With ``strict_entities`` an unknown named entity such as ``&nbsp;`` is an error
    too: Telegram accepts it but shows it to the user literally, which is almost always a bug.
    """
    n = len(text)
    out: list[str] = []
    out_utf16 = 0
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    i = 0
    while i < n:
        ch = text[i]
        if ch == "&":
            decoded = _decode_entity(text, i, strict=strict_entities)
            if decoded is not None:
                out.append(decoded[0])
                out_utf16 += utf16_len(decoded[0])
                i = decoded[1]
                continue
        if ch != "<":
            out.append(ch)
            out_utf16 += 2 if ord(ch) > 0xFFFF else 1
            i += 1
            continue
        begin = i
        if i + 1 < n and text[i + 1] == "/":
            if not stack:
                raise TelegramHTMLError(
                    f"Unexpected end tag at byte offset {_byte_offset(text, begin)}"
                )
            i += 2
            name_start = i
            while i < n and text[i] not in _SPACES and text[i] != ">":
                i += 1
            end_name = text[name_start:i].lower()
            while i < n and text[i] in _SPACES:
                i += 1
            if i >= n or text[i] != ">":
                raise TelegramHTMLError(
                    f"Unclosed end tag at byte offset {_byte_offset(text, begin)}"
                )
            i += 1
            tag = stack.pop()
            if end_name and end_name != tag.name:
                raise TelegramHTMLError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                    f'expected "</{tag.name}>", found "</{end_name}>"'
                )
            length = out_utf16 - tag.begin_utf16
            if tag.name == "code" and tag.argument and stack and stack[-1].name == "pre":
                # <pre><code class="language-x"> is how a pre block gets its language.
                stack[-1].language = tag.argument
                continue
            if length > 0:
                inner = "".join(out[tag.begin_char :]) if tag.name == "a" else ""
                entities.append(_entity_for(tag, tag.begin_utf16, length, inner))
            continue
        tag, i = _parse_start_tag(text, i)
        tag.begin_utf16 = out_utf16
        tag.begin_char = len(out)  # out holds one character per item
        stack.append(tag)
    if stack:
        raise TelegramHTMLError(
            f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"'
        )
    return _trim("".join(out), entities)


def _trim(plain: str, entities: list[dict[str, Any]]) -> ParsedText:
    """Strip surrounding whitespace as Telegram does and shift/clip the entities to match."""
    stripped_left = plain.lstrip(_TRIM)
    shift = utf16_len(plain) - utf16_len(stripped_left)
    result = stripped_left.rstrip(_TRIM)
    total = utf16_len(result)
    fixed: list[dict[str, Any]] = []
    for entity in entities:
        start = max(0, entity["offset"] - shift)
        end = min(total, entity["offset"] + entity["length"] - shift)
        if end > start:
            fixed.append({**entity, "offset": start, "length": end - start})
    fixed.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText(text=result, entities=fixed)


def validate_telegram_html(text: str, *, strict_entities: bool = False) -> str:
    """Return the plain text Telegram would show for ``text``; raise ValueError if it refuses it.

    The error (a :class:`TelegramHTMLError`, which is a ValueError) carries Telegram's message,
    e.g. ``Unsupported start tag "script" at byte offset 0``.
    """
    return parse_telegram_html(text, strict_entities=strict_entities).text
