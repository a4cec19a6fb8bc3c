"""One-line plain-text renderings of facts, shared by templates, answers, digests and reminders.

Everything here is built from a fact's fields, never from its sentence: the
sentence is quoted separately as the source, and a description that merely
repeated it would hide what the extractor did (or did not) understand. The
output is plain text; callers that emit HTML escape it (the templates do).
"""

from __future__ import annotations

from types import MappingProxyType

from bot.partial_date import PartialDate, parse_partial_date
from bot.records import Actor, Fact

EN_DASH = "–"
ARROW = "→"

# Adjectives for "the first Japanese leader"; a country missing here falls back to
# "the first <Country> leader", which reads acceptably for any name.
_ADJECTIVES = MappingProxyType(
    {
        "Afghanistan": "Afghan", "Australia": "Australian", "Bangladesh": "Bangladeshi",
        "Bhutan": "Bhutanese", "Brazil": "Brazilian", "Brunei": "Bruneian",
        "Cambodia": "Cambodian", "Canada": "Canadian", "Chile": "Chilean", "China": "Chinese",
        "Egypt": "Egyptian", "France": "French", "Germany": "German", "Greece": "Greek",
        "India": "Indian", "Indonesia": "Indonesian", "Iran": "Iranian", "Iraq": "Iraqi",
        "Ireland": "Irish", "Israel": "Israeli", "Italy": "Italian", "Japan": "Japanese",
        "Kazakhstan": "Kazakh", "Kenya": "Kenyan", "Laos": "Lao", "Malaysia": "Malaysian",
        "Mexico": "Mexican", "Mongolia": "Mongolian", "Myanmar": "Myanmar", "Nepal": "Nepali",
        "Netherlands": "Dutch", "New Zealand": "New Zealand", "Nigeria": "Nigerian",
        "North Korea": "North Korean", "Norway": "Norwegian", "Pakistan": "Pakistani",
        "Philippines": "Philippine", "Poland": "Polish", "Portugal": "Portuguese",
        "Russia": "Russian", "Saudi Arabia": "Saudi", "Singapore": "Singaporean",
        "South Africa": "South African", "South Korea": "South Korean", "Spain": "Spanish",
        "Sri Lanka": "Sri Lankan", "Sweden": "Swedish", "Switzerland": "Swiss",
        "Thailand": "Thai", "Turkey": "Turkish", "Ukraine": "Ukrainian",
        "United Kingdom": "British", "United States": "American", "US": "American",
        "UK": "British", "Vietnam": "Vietnamese", "Viet Nam": "Vietnamese",
    }
)  # fmt: skip
# Titles whose holder is fairly called the country's "leader" (a deputy is not).
_LEADER_ROLES = frozenset(
    {"prime minister", "president", "premier", "chancellor", "king", "queen", "emperor",
     "sultan", "head of state", "head of government", "state counsellor", "supreme leader"}
)  # fmt: skip
_ROLE_QUALIFIERS = ("the then ", "then ", "former ", "the late ", "late ")
_SUFFIXES = MappingProxyType({1: "st", 2: "nd", 3: "rd"})
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def ordinal_suffix(number: int) -> str:
    """1 -> '1st', 12 -> '12th', 23 -> '23rd'."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{_SUFFIXES.get(number % 10, 'th')}"


def format_usd(value: float) -> str:
    """244e6 -> '$244 million'; small sums keep their digits ('$800,000')."""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"${_trim(value / scale)} {word}"
    return f"${value:,.0f}"


def format_date_span(
    date: str | None, end_date: str | None = None, precision: str | None = None
) -> str:
    """A human date or range, never more precise than ``precision``.

    '7–9 August 2017', '28 February – 2 March 2018', 'August 2017', '2013',
    '2013–2015'. Missing dates read 'undated'; a string that is not an ISO
    date is returned as it is (better shown raw than dropped). An end before
    the start is ignored rather than printed backwards.
    """
    start = parse_partial_date(date, precision)
    if start is None:
        return date or "undated"
    end = parse_partial_date(end_date, precision)
    if end is None or end == start or _sort_key(end) < _sort_key(start):
        return _single(start)
    if start.precision != end.precision:
        return f"{_single(start)} {EN_DASH} {_single(end)}"
    if start.precision == "year":
        return f"{start.year}{EN_DASH}{end.year}"
    if start.year != end.year:
        return f"{_single(start)} {EN_DASH} {_single(end)}"
    if start.precision == "month":
        return f"{start.month_name}{EN_DASH}{end.month_name} {start.year}"
    if start.month == end.month:
        return f"{start.day}{EN_DASH}{end.day} {start.month_name} {start.year}"
    return f"{start.day} {start.month_name} {EN_DASH} {end.day} {end.month_name} {end.year}"


def format_amount(fact: Fact) -> str | None:
    """The original wording ('more than $244 million'), with the US$ value when it adds one."""
    text = (fact.amount_text or "").strip()
    if text and fact.amount_usd is not None and "$" not in text:
        return f"{text} (US{format_usd(fact.amount_usd)})"
    if text:
        return text
    return format_usd(fact.amount_usd) if fact.amount_usd is not None else None


def fact_label(fact: Fact) -> str:
    """What kind of event: 'State visit', '60th anniversary', 'Agreements', 'Courtesy call'."""
    plural = fact.count is not None and fact.count != 1
    if fact.kind == "visit" and fact.visit_type:
        kind = fact.visit_type.strip()
        label = kind if ("visit" in kind.lower() or "call" in kind.lower()) else f"{kind} visit"
    elif fact.kind == "anniversary" and fact.ordinal:
        label = f"{ordinal_suffix(fact.ordinal)} anniversary"
    else:
        label = fact.kind or "fact"
    if plural and not label.endswith("s"):
        label += "s"
    return label[:1].upper() + label[1:]


def fact_head(fact: Fact) -> str:
    """The label with the status when there is one: 'Request (pending)'."""
    status = (fact.status or "").strip()
    # "made" is what a visit is unless said otherwise: not worth a word.
    if status and status != "made":
        return f"{fact_label(fact)} ({status})"
    return fact_label(fact)


def fact_details(fact: Fact, *, with_date: bool = True) -> str:
    """Who, what, how much and when, comma-separated; empty when the fact holds nothing more.

    Lists that print the date in front of each line pass ``with_date=False``.
    """
    parts: list[str] = []
    if fact.kind == "anniversary" and fact.subject:
        parts.append(fact.subject)
    parts.append(_route(fact) if fact.kind == "visit" else _parties(fact))
    if fact.kind not in ("visit", "anniversary") and fact.subject:
        parts.append(fact.subject)
    parts.append(format_amount(fact) or "")
    if with_date and fact.date:
        parts.append(format_date_span(fact.date, fact.end_date, fact.precision))
    if fact.count is not None:
        parts.append(f"{fact.count} in total")
    text = ", ".join(part for part in parts if part)
    if fact.ordinal and fact.kind != "anniversary":
        text = f"{text} ({ordinal_suffix(fact.ordinal)})".lstrip()
    return text


def describe_fact(fact: Fact) -> str:
    """'State visit: Hun Sen → Japan, 7–9 August 2017 (3rd)' — a fact in one line."""
    details = fact_details(fact)
    return f"{fact_head(fact)}: {details}" if details else fact_head(fact)


def fact_route(fact: Fact) -> str:
    """Who went where for a visit ('Hun Sen → Japan'), else the parties involved."""
    return _route(fact) if fact.kind == "visit" else _parties(fact)


def describe_without_date(fact: Fact) -> str:
    """describe_fact without the date, for lists that show the date in front."""
    details = fact_details(fact, with_date=False)
    return f"{fact_head(fact)}: {details}" if details else fact_head(fact)


def narrate_first(fact: Fact) -> str | None:
    """A sentence for a "first ever" visit, or None when the fields cannot support one.

    'Nobusuke Kishi, then Prime Minister, became the first Japanese leader to
    visit Cambodia'. Only a visit with ordinal 1, a named actor with a stated
    role and a known home country and destination qualifies: without the role
    "leader" would be a guess, and without the countries "first" says nothing.
    """
    if fact.kind != "visit" or fact.ordinal != 1 or not fact.actors:
        return None
    actor = fact.actors[0]
    role = _bare_role(actor.role)
    destination = _destination(fact)
    home = actor.country or _single_other(fact.countries, destination)
    if not (role and destination and home) or _same(home, destination):
        return None
    noun = "leader" if role.lower() in _LEADER_ROLES else role.lower()
    adjective = _ADJECTIVES.get(home, home)
    return f"{actor.name}, then {role}, became the first {adjective} {noun} to visit {destination}"


def _route(fact: Fact) -> str:
    """'Hun Sen → Japan' for a visit: who went where, as far as the fields say."""
    who = _names(fact.actors)
    destination = _destination(fact)
    if who and destination:
        return f"{who} {ARROW} {destination}"
    if destination and not fact.countries:
        return f"to {destination}"
    return _parties(fact)


def _parties(fact: Fact) -> str:
    """'Hun Sen (Cambodia–Japan)': the people and countries, without guessing a direction."""
    who = _names(fact.actors)
    countries = EN_DASH.join(fact.countries)
    if who and countries:
        return f"{who} ({countries})"
    return who or countries


def _destination(fact: Fact) -> str | None:
    """Where a visit went: the place, else the one country that is not the visitor's."""
    home = {a.country.casefold() for a in fact.actors if a.country}
    others = [c for c in fact.countries if c.casefold() not in home]
    country = others[0] if home and len(others) == 1 else None
    if fact.place:
        if country and not _same(country, fact.place):
            return f"{fact.place}, {country}"
        return fact.place
    return country


def _single_other(countries: list[str], destination: str | None) -> str | None:
    others = [c for c in countries if not destination or not _same(c, destination)]
    return others[0] if len(others) == 1 else None


def _bare_role(role: str | None) -> str | None:
    """'the then Prime Minister' -> 'Prime Minister' (the caller says 'then' itself)."""
    if not role:
        return None
    text = role.strip()
    lowered = text.lower()
    for qualifier in _ROLE_QUALIFIERS:
        if lowered.startswith(qualifier):
            return text[len(qualifier) :].strip() or None
    return text


def _names(actors: list[Actor]) -> str:
    names = [a.name for a in actors if a.name]
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _single(value: PartialDate) -> str:
    if value.precision == "day":
        return f"{value.day} {value.month_name} {value.year}"
    if value.precision == "month":
        return f"{value.month_name} {value.year}"
    return str(value.year)


def _sort_key(value: PartialDate) -> tuple[int, int, int]:
    return (value.year, value.month or 0, value.day or 0)


def _trim(number: float) -> str:
    return f"{number:.2f}".rstrip("0").rstrip(".")
