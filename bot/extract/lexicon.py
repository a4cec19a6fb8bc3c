"""Small helpers shared by the extraction grammars: word-list regexes and number words.

A plain ``a|b|c`` alternation of a few hundred gazetteer names makes Python's
regex engine try every alternative at every position, which costs milliseconds
per article. Factoring the list as a trie (``Ja(?:pan(?:ese)?|karta)``) lets the
engine reject a position after one character, so a whole gazetteer is one cheap
pass. Longer entries still win because every optional tail is greedy.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

try:  # the regex parser, to read which characters a pattern can start with
    from re import _compiler as _sre_compiler  # type: ignore[attr-defined]
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: no pruning, same results
    _sre_parser = None

# Spelled-out numbers as they appear in news copy ("two agreements", "visited
# Japan five times"); anything larger is written in digits by style guides.
NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "fifteenth": 15,
    "twentieth": 20,
    "twenty-fifth": 25,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "sixty-fifth": 65,
    "seventieth": 70,
    "seventy-fifth": 75,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
}

ORDINAL_PATTERN = (
    r"(?:\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + ")"
)


def trie_pattern(words: Iterable[str]) -> str:
    """Return a non-capturing regex matching any of ``words``, factored as a trie."""
    return _node_pattern(_trie(words)) or "(?!)"


def tail_trie(tails: dict[str, str]) -> str:
    """A regex matching any word of ``tails`` followed by that word's tail regex,
    factored as one trie whose every alternative starts with a literal.

    Words are tried as ``trie_pattern`` tries them (a longer word first, a shorter
    one when the longer one or its tail fails), so ``tail_trie({w: t for w in
    words})`` matches what ``(?:trie_pattern(words))t`` matches."""
    marks = {
        tail: chr(0x10FFFF - number) for number, tail in enumerate(dict.fromkeys(tails.values()))
    }
    pattern = _node_pattern(_trie(word + marks[tail] for word, tail in tails.items()))
    for tail, mark in marks.items():  # a mark sorts after every character: tried last
        pattern = pattern.replace(re.escape(mark), tail)
    return pattern


def _trie(words: Iterable[str]) -> dict[str, dict]:
    """Nested dicts by character; the key "" marks where a word ends."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return root


def _node_pattern(node: dict[str, dict]) -> str:
    end_here = "" in node
    branches = [
        re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char != ""
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end_here:
        return "(?:" + body + ")?"
    return body


def parse_ordinal(text: str) -> int | None:
    """``"3rd"`` -> 3, ``"sixtieth"`` -> 60, anything else -> None."""
    low = text.lower()
    if low in ORDINAL_WORDS:
        return ORDINAL_WORDS[low]
    digits = re.match(r"(\d{1,3})(?:st|nd|rd|th)$", low)
    return int(digits.group(1)) if digits else None


def parse_count(text: str) -> int | None:
    """``"21"`` -> 21, ``"two"`` -> 2 (a bare "a"/"an" is not a count)."""
    low = text.lower().replace(",", "")
    if low.isdigit():
        return int(low)
    if low in ("a", "an"):
        return None
    return NUMBER_WORDS.get(low)


_ASCII = tuple(map(chr, range(128)))


def first_chars(pattern: re.Pattern[str]) -> frozenset[str]:
    """The ASCII characters a non-empty match of ``pattern`` can begin with.

    Callers skip ``pattern.match`` at a position whose character is ASCII and
    not in this set (a non-ASCII character is never judged): a cheap test in
    front of a comparatively costly regex call. Worked out from the parsed
    pattern, erring on the side of "any character" for anything unusual.
    """
    if _sre_parser is None:
        return frozenset(_ASCII)
    parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
    chars, _ = _first(parsed.data, parsed.state, pattern.flags)
    return frozenset(chars)


def _first(items: Iterable, state: object, flags: int) -> tuple[set[str], bool]:
    """(first ASCII characters, whether the items can match the empty string)."""
    found: set[str] = set()
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: the next item supplies the first character
        if op is _sre.SUBPATTERN:
            _, add, remove, sub = av
            chars, empty = _first(sub.data, state, (flags | add) & ~remove)
        elif op is _sre.ATOMIC_GROUP:
            chars, empty = _first(av.data, state, flags)
        elif op is _sre.BRANCH:
            chars, empty = set(), False
            for alternative in av[1]:
                more, can_be_empty = _first(alternative.data, state, flags)
                chars |= more
                empty = empty or can_be_empty
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, _, sub = av
            chars, empty = _first(sub.data, state, flags)
            empty = empty or low == 0
        elif op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY):
            one = _sre_compiler.compile(_sre_parser.SubPattern(state, [(op, av)]), flags)
            chars, empty = {char for char in _ASCII if one.fullmatch(char)}, False
        else:
            return set(_ASCII), True  # anything else: assume any character
        found |= chars
        if not empty:
            return found, False
    return found, True


def literal_hints(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-cased strings one of which every match of ``pattern`` contains, or None.

    Read from the parsed pattern: a run of literal characters every match must
    go through, or one such run per alternative of a group every match must go
    through; the most selective choice (the longest shortest string) is kept.
    Only consumed text counts (never lookarounds), and only ASCII characters
    (with ``re.IGNORECASE`` some other characters match ASCII letters), so the
    hints are sound for ASCII text, which is what ``Hinted`` uses them on.
    """
    if _sre_parser is None:
        return None
    parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
    hints = _hints(parsed.data, pattern.flags)
    return tuple(sorted(hints, key=len, reverse=True)) if hints else None


def _hints(items: Iterable, flags: int) -> set[str] | None:
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT) and not run:
            continue
        if run:
            options.append({"".join(run)})
            run = []
        inner: set[str] | None = None
        if op is _sre.SUBPATTERN:
            _, add, remove, sub = av
            inner = _hints(sub.data, (flags | add) & ~remove)
        elif op is _sre.ATOMIC_GROUP:
            inner = _hints(av.data, flags)
        elif op is _sre.BRANCH:
            alternatives = [_hints(alternative.data, flags) for alternative in av[1]]
            if all(alternatives):
                inner = set().union(*alternatives)  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _hints(av[2].data, flags)
        if inner:
            options.append(inner)
    if run:
        options.append({"".join(run)})
    if not options:
        return None
    return max(options, key=lambda option: (min(map(len, option)), -len(option)))


class Hinted:
    """A compiled regex behind an exact pre-test that costs a fraction of a scan.

    In ASCII text a match must contain one of ``literal_hints(regex)``
    (lower-cased, so they are looked for in the lower-cased stretch); when none
    occurs in the stretch searched, the regex cannot match there and is not
    run. Other text always goes to the regex. Same call signatures and results
    as the regex for ``search``, ``match``, ``fullmatch`` and ``finditer``.
    """

    __slots__ = ("regex", "hints", "pattern", "scan")

    def __init__(self, regex: re.Pattern[str], *, fold: bool = False) -> None:
        """``fold=True`` runs a case-insensitive regex as a ``Folded`` one: only for
        callers that read positions or case-blind group text."""
        self.regex = regex
        self.hints = literal_hints(regex)
        self.pattern = regex.pattern
        self.scan: re.Pattern[str] | Folded = Folded(regex) if fold else regex

    def _absent(self, text: str, pos: int, endpos: int) -> bool:
        hints = self.hints
        if hints is None:
            return False
        stretch = text[pos:endpos]
        if not stretch.isascii():
            return False
        low = stretch.lower()
        return not any(map(low.__contains__, hints))

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._absent(text, pos, endpos):
            return None
        return self.scan.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._absent(text, pos, endpos):
            return None
        return self.scan.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._absent(text, pos, endpos):
            return None
        return self.scan.fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if self._absent(text, pos, endpos):
            return iter(())
        return self.scan.finditer(text, pos, endpos)


def boundary_trie(words: Iterable[str], suffix: str = "") -> str:
    r"""Alternatives equivalent to ``\b(?:words)`` + ``suffix``, each led by a literal.

    The words must start with a word character. Written as ``c(?<!\w.)rest``
    (the boundary checked after the first character) so that a regex made of
    such alternatives starts with a literal in every branch, which lets the
    regex engine skip positions holding none of those characters.
    """
    return "|".join(
        re.escape(char) + r"(?<!\w.)" + _node_pattern(child) + suffix
        for char, child in sorted(_trie(words).items())
    )


def first_char_set(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a non-empty match of ``pattern`` can begin with, when they are
    plain literals or literal classes (else None). Case-insensitive patterns: None."""
    if _sre_parser is None or pattern.flags & re.IGNORECASE:
        return None
    parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
    found = _first_literals(parsed.data)
    return frozenset(found[0]) if found is not None and not found[1] else None


def _first_literals(items: Iterable) -> tuple[set[str], bool] | None:
    found: set[str] = set()
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.SUBPATTERN:
            _, add, _, sub = av
            if add & re.IGNORECASE:
                return None
            inner = _first_literals(sub.data)
        elif op is _sre.BRANCH:
            inner = (set(), False)
            for alternative in av[1]:
                more = _first_literals(alternative.data)
                if more is None:
                    return None
                inner = (inner[0] | more[0], inner[1] or more[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            more = _first_literals(av[2].data)
            inner = None if more is None else (more[0], more[1] or av[0] == 0)
        elif op is _sre.LITERAL:
            inner = ({chr(av)}, False)
        elif op is _sre.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is _sre.LITERAL:
                    chars.add(chr(value))
                elif kind is _sre.RANGE and value[1] - value[0] < 256:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    return None  # a category or a negated class: anything
            inner = (chars, False)
        else:
            return None
        if inner is None:
            return None
        found |= inner[0]
        if not inner[1]:
            return found, False
    return found, True


class StartScan:
    """``finditer`` for a regex whose matches can only begin with a few characters,
    trying the regex only where one of them occurs (one cheap character-class
    scan instead of a full attempt at every position). Same matches, same order."""

    __slots__ = ("regex", "starts")

    def __init__(self, regex: re.Pattern[str]) -> None:
        chars = first_char_set(regex)
        assert chars, regex.pattern
        self.regex = regex
        self.starts = re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]")

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        match = self.regex.match
        resume = 0
        for start in self.starts.finditer(text):
            position = start.start()
            if position < resume:
                continue
            found = match(text, position)
            if found is not None:
                yield found
                resume = max(found.end(), position + 1)


_CAPITAL_OR_NAMED = re.compile(r"\(\?P|[A-Z]")  # "(?P" of a named group keeps its capital


def _lower_letter(match: re.Match[str]) -> str:
    return match.group().lower() if len(match.group()) == 1 else match.group()


class Folded:
    """A case-insensitive regex run case-sensitively over the lower-cased text.

    Python's regex engine tries an ``re.IGNORECASE`` pattern at nearly every
    position and folds case at every comparison; the same pattern written in
    lower case and run over the lower-cased text is several times cheaper.
    The two agree on ASCII text: lower-casing keeps every offset, and ASCII
    letters match case-insensitively exactly when their lower cases are equal.
    Other text (where "İ", "ſ" or the Kelvin sign match ASCII letters, and
    lower-casing may change the length) goes to the original regex.

    Positions and ``pos``/``endpos`` mean the same as for the regex; matches
    found on the lower-cased text hold lower-cased groups, so callers must only
    read positions, or group text whose case they ignore.
    """

    __slots__ = ("regex", "folded", "pattern")

    def __init__(self, regex: re.Pattern[str]) -> None:
        source = regex.pattern
        assert regex.flags & re.IGNORECASE, source
        # Lower-casing must change nothing but literal letters: no "\S", "\W", "\B",
        # "\A", "\Z"..., no inline flags, no cased non-ASCII characters.
        assert not re.search(r"\\[A-Z]|\(\?[a-zA-Z-](?<!\(\?P)", source), source
        assert all(char.isascii() or char.lower() == char.upper() for char in source), source
        self.regex = regex
        lowered = _CAPITAL_OR_NAMED.sub(_lower_letter, source)
        self.folded = re.compile(lowered, regex.flags & ~re.IGNORECASE)
        assert self.folded.groupindex == regex.groupindex, source
        self.pattern = source

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if text.isascii():
            return self.folded.search(text.lower(), pos, endpos)
        return self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if text.isascii():
            return self.folded.match(text.lower(), pos, endpos)
        return self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if text.isascii():
            return self.folded.fullmatch(text.lower(), pos, endpos)
        return self.regex.fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if text.isascii():
            return self.folded.finditer(text.lower(), pos, endpos)
        return self.regex.finditer(text, pos, endpos)
