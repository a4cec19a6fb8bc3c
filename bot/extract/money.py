"""Money amounts in news English: symbols, ISO codes, currency words and scale words.

Conventions (choices, documented):

- A plain ``$`` is the US dollar: the regional English press (Khmer Times,
  Vientiane Times, VnExpress, Jakarta Post) writes other dollars with a prefix
  (A$, S$, HK$, NZ$, NT$), which are recognised separately.
- ``amount_usd`` is only ever a figure the text states in US dollars. A yen or
  riel amount without a stated conversion has no US$ value: exchange rates are
  never invented.
- A conversion in parentheses or after "or" ("Yen 3,948 million (about US$35
  million)") is part of the same mention: the text keeps both, the US$ figure
  gives the value.
- Qualifiers that change the meaning ("more than", "about", "nearly", "up to")
  stay in the text; they do not change the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.frozen import fast_init
from bot.extract.lexicon import NUMBER_WORDS, Hinted, StartScan, boundary_trie


@fast_init
@dataclass(frozen=True)
class Money:
    """One amount as written: ``value`` in units of ``currency`` (ISO code)."""

    start: int
    end: int
    text: str
    value: float
    currency: str
    qualifier: str | None = None
    usd: float | None = None  # the US$ value the text states (itself or a conversion)


# Currency written before the number. Order does not matter (longest match wins
# inside the trie-like alternation because longer forms are listed first).
_PREFIXES: tuple[tuple[str, str], ...] = (
    (r"US\$|U\.S\.\s?\$|\$US|USD\s?", "USD"),
    (r"A\$|AU\$|AUD\s?", "AUD"),
    (r"S\$|SGD\s?", "SGD"),
    (r"HK\$|HKD\s?", "HKD"),
    (r"NZ\$|NZD\s?", "NZD"),
    (r"NT\$|TWD\s?", "TWD"),
    (r"C\$|CA\$|CAD\s?", "CAD"),
    (r"\$", "USD"),
    (r"JP¥|¥|JPY\s?|[Yy]en\s", "JPY"),
    (r"RMB\s?|CNY\s?", "CNY"),
    (r"€|EUR\s?", "EUR"),
    (r"£|GBP\s?", "GBP"),
    (r"₩|KRW\s?", "KRW"),
    (r"฿|THB\s?", "THB"),
    (r"KHR\s?", "KHR"),
    (r"₹|INR\s?|Rs\.?\s?", "INR"),
    (r"₫|VND\s?", "VND"),
    (r"Rp\.?\s?|IDR\s?", "IDR"),
    (r"RM\s?|MYR\s?", "MYR"),
    (r"₱|PHP\s?", "PHP"),
    (r"LAK\s?", "LAK"),
    (r"MMK\s?", "MMK"),
    (r"CHF\s?", "CHF"),
    (r"₽|RUB\s?", "RUB"),
)
# Currency written after the number (and its scale word).
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (r"(?:US|U\.S\.|American)\s+dollars?|USD", "USD"),
    (r"Australian\s+dollars?|AUD", "AUD"),
    (r"Singapore(?:an)?\s+dollars?|SGD", "SGD"),
    (r"Hong\s+Kong\s+dollars?|HKD", "HKD"),
    (r"New\s+Zealand\s+dollars?|NZD", "NZD"),
    (r"(?:New\s+)?Taiwan(?:ese)?\s+dollars?|NT\s+dollars?|TWD", "TWD"),
    (r"Canadian\s+dollars?|CAD", "CAD"),
    (r"dollars?", "USD"),
    (r"(?:Japanese\s+)?yen|JPY", "JPY"),
    (r"(?:Chinese\s+)?yuan|renminbi|RMB|CNY", "CNY"),
    (r"euros?|EUR", "EUR"),
    (r"pounds?\s+sterling|(?<=illion\s)pounds|GBP", "GBP"),
    (r"(?:South\s+)?Korean\s+won|(?<=illion\s)won|KRW", "KRW"),
    (r"(?:Thai\s+)?baht|THB", "THB"),
    (r"riels?|KHR", "KHR"),
    (r"(?:Indian\s+)?rupees?|INR", "INR"),
    (r"(?:Vietnamese\s+)?dong|VND", "VND"),
    (r"rupiah|IDR", "IDR"),
    (r"ringgit|MYR", "MYR"),
    (r"(?:Philippine\s+)?pesos?|PHP", "PHP"),
    (r"kip|LAK", "LAK"),
    (r"kyats?|MMK", "MMK"),
    (r"Swiss\s+francs?|CHF", "CHF"),
    (r"roubles?|rubles?|RUB", "RUB"),
)

_SCALES = {
    "k": 1e3, "thousand": 1e3, "lakh": 1e5, "crore": 1e7,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip

# Read backwards from an amount's start (a leading optional group would make
# the regex engine try every position of the sentence).
# Behind ``Hinted``: most amounts have no qualifier word in the 25 characters
# before them, and the case-insensitive alternation is dear to try at each one.
_QUALIFIER_BEFORE = Hinted(
    re.compile(
        r"(?:more than|over|about|around|approximately|approx\.|nearly|almost|up to|at least|"
        r"some|roughly|an estimated|less than|under|close to|in excess of|as much as|"
        r"as little as|no more than|no less than|just over|just under)\s+$",
        re.IGNORECASE,
    ),
    fold=True,
)
# Nothing is money without a currency mark: tested before any amount regex runs.
# [$€£¥₩฿₹₫₱₽]|\b(?:USD|...|rubles?)(?![A-Za-z]), written with a literal leading every
# alternative so that the regex engine only tries positions holding one of them.
_CURRENCY_SYMBOLS = "$€£¥₩฿₹₫₱₽"
_CURRENCY_WORDS = (
    "USD", "JPY", "EUR", "GBP", "KRW", "THB", "KHR", "INR", "VND", "IDR", "MYR", "PHP", "LAK",
    "MMK", "CHF", "RUB", "RMB", "CNY", "SGD", "AUD", "HKD", "NZD", "TWD", "CAD", "Rs", "Rp", "RM",
    "Yen", "yen", "dollar", "dollars", "euro", "euros", "pound", "pounds", "won", "baht", "riel",
    "riels", "rupee", "rupees", "yuan", "renminbi", "dong", "rupiah", "ringgit", "peso", "pesos",
    "kip", "kyat", "kyats", "franc", "francs", "rouble", "roubles", "ruble", "rubles",
)  # fmt: skip
_HAS_CURRENCY = re.compile(
    "|".join(map(re.escape, _CURRENCY_SYMBOLS))
    + "|"
    + boundary_trie(_CURRENCY_WORDS, suffix="(?![A-Za-z])")
)
_NUMBER = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(w for w in sorted(NUMBER_WORDS, key=len, reverse=True) if w not in ("a", "an"))
    + r"|a|an|half\s+a)"
)
_SCALE = (
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|lakh|crore|mn|mln|bn|tn)\b"
    r"|(?P<short>[kmbKMB])\b)?"
)


def _group(items: tuple[tuple[str, str], ...], name: str) -> str:
    return "|".join(f"(?P<{name}{i}>{pattern})" for i, (pattern, _) in enumerate(items))


_PREFIX_RE = re.compile(
    r"(?<![\w$])(?:"
    + _group(_PREFIXES, "p")
    + r")\s?"
    + _NUMBER
    + _SCALE
    + r"(?:\s+(?:"
    + _group(_SUFFIXES, "s")
    + r")\b)?"
)
# A prefixed amount starts with its currency mark: only positions holding one are tried.
_PREFIX_SCAN = StartScan(_PREFIX_RE)
_SUFFIX_RE = re.compile(
    r"(?<![\w$.,])" + _NUMBER + _SCALE + r"\s+(?:" + _group(_SUFFIXES, "s") + r")\b"
)
# What may stand between an amount and its restatement in another currency:
# "Yen 3,948 million (about US$35 million)", "$35 million, or 3.9 billion yen".
# (A qualifier such as "about" belongs to the second amount's own text.)
_CONVERSION_BETWEEN = re.compile(
    r"\s*(?:\(\s*(?:or\s+|equivalent\s+to\s+|equal\s+to\s+|~\s*)?|,\s*(?:or\s+|equivalent"
    r"\s+to\s+)?|\s+or\s+|\s*/\s*)"
)
_CONVERSION_CLOSE = re.compile(r"\s*\)")


def find_money(text: str) -> list[Money]:
    """All money amounts in ``text``, conversions folded into the amount they restate."""
    merged: list[Money] = []
    for amount in sorted(_raw_amounts(text), key=lambda m: m.start):
        previous = merged[-1] if merged else None
        if previous is not None and _is_conversion(text, previous, amount):
            close = _CONVERSION_CLOSE.match(text, amount.end)
            paren = "(" in text[previous.end : amount.start]
            end = close.end() if close and paren else amount.end
            usd = previous.usd if previous.usd is not None else amount.usd
            merged[-1] = Money(
                previous.start,
                end,
                text[previous.start : end],
                previous.value,
                previous.currency,
                previous.qualifier,
                usd,
            )
        else:
            merged.append(amount)
    return merged


def _is_conversion(text: str, first: Money, second: Money) -> bool:
    between = text[first.end : second.start]
    return first.currency != second.currency and bool(_CONVERSION_BETWEEN.fullmatch(between))


def _raw_amounts(text: str) -> list[Money]:
    found: list[Money] = []
    if not _HAS_CURRENCY.search(text):
        return found
    for regex in (_PREFIX_SCAN, _SUFFIX_RE):
        for match in regex.finditer(text):
            amount = _to_money(match)
            if amount is None:
                continue
            if any(amount.start < m.end and m.start < amount.end for m in found):
                continue
            found.append(amount)
    return found


_CodeRun = tuple[int, int, tuple[str, ...]]  # (slice start, slice stop, codes) in groups()


def _codes(regex: re.Pattern[str], items: tuple[tuple[str, str], ...], name: str) -> _CodeRun:
    """Where ``regex``'s currency groups sit in ``match.groups()`` and their ISO codes,
    in table order. Each table's groups are numbered one after another, so one slice
    of the groups holds them all."""
    index = regex.groupindex
    numbers = [index[f"{name}{i}"] for i in range(len(items)) if f"{name}{i}" in index]
    codes = tuple(code for i, (_, code) in enumerate(items) if f"{name}{i}" in index)
    if not numbers:
        return 0, 0, ()
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), regex.pattern
    return numbers[0] - 1, numbers[-1], codes


_GROUP_CODES = {
    regex: (_codes(regex, _PREFIXES, "p"), _codes(regex, _SUFFIXES, "s"))
    for regex in (_PREFIX_RE, _SUFFIX_RE)
}


def _first_code(groups: tuple[str | None, ...], run: _CodeRun) -> str | None:
    """The code of the first currency group (in table order) that matched non-empty text."""
    start, stop, codes = run
    values = groups[start:stop]
    value = next(filter(None, values), None)
    # Every group before the first non-empty one is None or "", never ``value``.
    return codes[values.index(value)] if value is not None else None


def _to_money(match: re.Match[str]) -> Money | None:
    prefix_run, suffix_run = _GROUP_CODES[match.re]
    groups = match.groups()
    currency = _first_code(groups, prefix_run)
    suffix_code = _first_code(groups, suffix_run)
    if currency is None or (currency == "USD" and suffix_code not in (None, "USD")):
        currency = suffix_code or currency
    if currency is None:
        return None
    number = _number(match.group("num"))
    scale_word = (match.group("scale") or match.group("short") or "").lower()
    if number is None:
        return None
    value = number * _SCALES.get(scale_word, 1.0)
    end = match.end()
    while match.string[end - 1].isspace():  # prefixes such as "USD " end in a space
        end -= 1
    start = match.start()
    qualifier = _QUALIFIER_BEFORE.search(match.string, max(0, start - 25), start)
    if qualifier:
        start = qualifier.start()
    usd = value if currency == "USD" else None
    return Money(
        start,
        end,
        match.string[start:end],
        value,
        currency,
        qualifier.group(0).strip().lower() if qualifier else None,
        usd,
    )


def _number(text: str) -> float | None:
    low = text.lower()
    if low[0].isdigit():
        return float(low.replace(",", ""))
    if low.startswith("half"):
        return 0.5
    return float(NUMBER_WORDS[low]) if low in NUMBER_WORDS else None
