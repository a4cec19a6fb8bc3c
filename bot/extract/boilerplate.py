"""Removing web boilerplate (comment forms, share bars, cookie notices) from bodies.

Articles are often saved by select-all/copy on a web page, which drags in the
comment form, "Share this:" bars and footer lines. Left in, they become bogus
sentences ("You are commenting using your Google account.") that pollute
search results and summaries.

Two mechanisms work together:

* line patterns: a whole line that is a known boilerplate phrase is dropped
  wherever it appears. Patterns are anchored to the full line, so prose that
  merely mentions Facebook or cookies is kept;
* tail cut: comment and share blocks sit at the end of a page and contain
  lines no pattern can foresee (commenters' names, related headlines). Once a
  line that can only start such a block appears after the article text,
  everything from there on is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.lexicon import Hinted
from bot.extract.text import normalize_line

_SOCIAL = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|telegram|e-?mail|print|reddit|pinterest"
    r"|tumblr|pocket|line|messenger|wechat|weibo|skype|viber|instagram|youtube|google"
    r"|wordpress(?:\.com)?|gravatar|flipboard|mastodon|threads|bluesky)"
)


def _full(*patterns: str) -> re.Pattern[str]:
    """Compile alternatives that must match the whole (normalised) line."""
    return re.compile(r"(?:" + "|".join(patterns) + r")", re.IGNORECASE)


# Lines that start a comment or share block: nothing after them is article text.
_STRONG_STARTERS = _full(
    r"leave a (?:reply|comment)\b.{0,80}",
    r"(?:post|add|write) (?:a|your) comment\b.{0,40}",
    r"fill in your details below.*",
    r"you are commenting using your\b.*",
    r"notify me of (?:new|follow-up) (?:comments|posts)\b.*",
    r"post was not sent\b.*",
    r"connecting to %s\.?",
    r"share this(?: article| story| post| page)?\s*:?",
    r"like this\s*:?",
    r"click to (?:share|email|print)\b.*",
    r"\d+ (?:comments?|responses?|replies)",
    r"(?:no )?comments?(?: \(\d+\))?\s*:?",
    r"be the first to (?:comment|like this)\b.*",
    r"related (?:posts|articles|stories|news|content|coverage)\s*:?",
    r"join the (?:conversation|discussion)\b.{0,40}",
)

# Lines that often start a trailing block but may also appear mid-article;
# they only cut the tail when little text follows them.
_WEAK_STARTERS = _full(
    r"related\s*:?",
    r"read (?:more|also|next)\s*:?",
    r"see also\s*:?",
    r"you (?:may|might) also (?:like|be interested in)\s*:?",
    r"more (?:from|stories|news)\b[^.]{0,60}",
    r"(?:recommended|trending)(?: for you| now| stories| articles)?\s*:?",
    r"(?:most (?:read|popular|viewed|shared)|popular (?:posts|stories|articles))(?: \w+)?\s*:?",
    r"tags?\s*:.{0,200}",
    r"topics?\s*:.{0,200}",
    r"(?:previous|next) (?:post|article|story)\b.{0,150}",
)

# Lines dropped wherever they occur.
_LINE_PATTERNS = _full(
    r"log ?out\s*/\s*change\s*\)?",
    r"cancel reply",
    r"(?:sorry, )?your blog cannot share posts by e-?mail\.?",
    r"(?:like )?loading\s*(?:\.\.\.|\u2026)?",
    r"logo",
    _SOCIAL + r"(?: (?:photo|picture|image|logo|avatar|icon|account))?",
    r"(?:share|tweet|pin(?: it)?|more|copy link|email this|print this(?: article| page)?)",
    r"(?:share|post) (?:on|to|via) " + _SOCIAL + r"\b.{0,40}",
    r"follow us (?:on|at)\b.{0,80}",
    r"(?:subscribe|sign up)\b.{0,120}",
    r"(?:sign|log) (?:in|out)\b.{0,60}",
    r"(?:register|create (?:an|your) account)\b.{0,60}",
    r"(?:read more|read also|also read|see also|related)\s*:.{1,200}",
    r"(?:advertisement|advertisements|advert|sponsored(?: content)?|ad|ads)",
    r"scroll (?:down )?to continue(?: with content)?",
    r"(?:copyright\s*)?(?:\u00a9|\(c\))\s*\d{4}\b.{0,160}",
    r"copyright\s+\d{4}\b.{0,160}",
    r"\(?(?:file )?(?:photo|picture|image|photograph)(?: credits?)?\s*:\s*[^.]{1,60}\)?",
    r"(?:we|this (?:web)?site) uses? cookies\b.{0,400}",
    r"(?:posted|filed) (?:in|under)\b[^.]{0,120}",
    r"(?:\d+ )?(?:likes?|shares?|views?)",
)

# Line patterns that may start anywhere in the line: apart because scanning a
# line for them is costly, and in ASCII text only needed when one of their
# phrases occurs in it (``Hinted``); a line is furniture if it fully matches
# either set.
_LINE_PATTERNS_ANYWHERE = Hinted(
    _full(
        r".{0,80}\(opens in (?:a )?new window\)",
        r".{0,160}\ball rights reserved\b.{0,80}",
        r".{0,300}\b(?:cookie policy|cookie settings|accept (?:all )?cookies|use of cookies)\b"
        r".{0,200}",
    )
)

# A trailing block is only cut when real text precedes it; a page that starts
# with a "Related" box must not lose its whole article.
_MIN_TEXT_BEFORE_CUT = 120
_WEAK_CUT_RATIO = 0.34
# Boilerplate lines are short; longer lines are prose and skip the patterns.
_MAX_BOILERPLATE_CHARS = 600


def _is_match(pattern: re.Pattern[str] | Hinted, line: str) -> bool:
    return pattern.fullmatch(line) is not None


# The patterns a line is furniture by, as one regex: a full match of the alternation
# is a full match of one of them (the same answer, in one call instead of three).
_FURNITURE_LINE = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (_LINE_PATTERNS, _STRONG_STARTERS, _WEAK_STARTERS)),
    re.IGNORECASE,
)


def _is_boilerplate_clean(clean: str, anywhere: bool = True) -> bool:
    """Whether a normalised line is furniture; ``anywhere=False`` when it is known
    that no line holds a phrase of ``_LINE_PATTERNS_ANYWHERE`` (see ``_furniture_flags``)."""
    if not clean or len(clean) > _MAX_BOILERPLATE_CHARS:
        return False
    return _is_match(_FURNITURE_LINE, clean) or (
        anywhere and _is_match(_LINE_PATTERNS_ANYWHERE, clean)
    )


def _furniture_flags(clean: Sequence[str]) -> list[bool]:
    """``_is_boilerplate_clean`` of each normalised line.

    ``_LINE_PATTERNS_ANYWHERE`` is pre-tested per line on ASCII text by its
    phrases (``Hinted``); none of them spans a line, so one test on the whole
    (ASCII) text answers for every line at once, and almost always rules the
    patterns out.
    """
    hints = _LINE_PATTERNS_ANYWHERE.hints
    whole = "\n".join(clean)
    anywhere = (
        hints is None
        or not whole.isascii()
        or any(map(whole.lower().__contains__, hints))
        or any("\n" in hint for hint in hints)
    )
    return [_is_boilerplate_clean(line, anywhere) for line in clean]


def is_boilerplate_line(line: str) -> bool:
    """True when the whole line is a known piece of web furniture."""
    return _is_boilerplate_clean(normalize_line(line))


def _tail_cut(clean: Sequence[str], flags: Sequence[bool]) -> int:
    prose = [0 if flag else len(line) for line, flag in zip(clean, flags, strict=True)]
    total = sum(prose)
    before = 0
    for index, line in enumerate(clean):
        # A starter is furniture (flagged): an unflagged line cannot start the block.
        if flags[index] and before >= _MIN_TEXT_BEFORE_CUT:
            after = total - before - prose[index]
            if _is_match(_STRONG_STARTERS, line) and after <= before:
                return index
            if _is_match(_WEAK_STARTERS, line) and after <= before * _WEAK_CUT_RATIO:
                return index
        before += prose[index]
    return len(clean)


def find_tail_cut(lines: Sequence[str]) -> int:
    """Index of the line where a trailing comment/share block starts (``len`` if none).

    Strong starters ("Leave a Reply", "Share this:") cut when some article text
    precedes them and no more text follows than precedes. Weak starters
    ("Related", "Read more") cut only when what follows is short compared
    with what precedes, since they also occur as mid-article links.
    """
    clean = [normalize_line(line) for line in lines]
    return _tail_cut(clean, _furniture_flags(clean))


def boilerplate_mask(lines: Sequence[str]) -> list[bool]:
    """For each line, True when it is boilerplate or inside the trailing block."""
    clean = [normalize_line(line) for line in lines]
    flags = _furniture_flags(clean)
    cut = _tail_cut(clean, flags)
    return [flag or index >= cut for index, flag in enumerate(flags)]


def strip_boilerplate_lines(lines: Sequence[str]) -> list[str]:
    """Drop the trailing block and boilerplate lines; blank lines are kept for structure."""
    return [line for line, drop in zip(lines, boilerplate_mask(lines), strict=True) if not drop]


def strip_boilerplate(text: str) -> str:
    """Text form of :func:`strip_boilerplate_lines`; trailing blank lines removed."""
    return "\n".join(strip_boilerplate_lines(text.split("\n"))).rstrip()
