"""Plain records passed between the rooms of tiesbot.

Extraction produces them, the store persists and returns them, answering,
summaries and reminders read them. Keeping them as dataclasses (not ORM rows,
not Telegram objects) is what lets every room be tested on its own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

FACT_KINDS = ("visit", "agreement", "request", "pledge", "meeting", "anniversary")
PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class Actor:
    """A person named in a fact; role only where the text states it."""

    name: str
    role: str | None = None
    country: str | None = None


@dataclass
class ParsedArticle:
    """What the reader understood of one document, before it is stored."""

    title: str
    body: str
    sentences: list[str]
    source: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD, None when unknown
    url: str | None = None
    content_hash: str = ""  # hash of the normalised title + body: exact duplicates
    body_hash: str = ""  # hash of the normalised body alone: near-duplicates
    warnings: list[str] = field(default_factory=list)


@dataclass
class Fact:
    """One structured statement taken from one sentence of one article.

    ``date``/``end_date`` are ISO strings at the stated ``precision``
    (YYYY, YYYY-MM or YYYY-MM-DD); a fact never claims more precision than the
    text gives. ``amount_usd`` is the US$ value (stated or converted only when
    the text gives the conversion); ``amount_text`` keeps the original wording.
    """

    kind: str
    sentence: str
    date: str | None = None
    end_date: str | None = None
    precision: str | None = None
    actors: list[Actor] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    place: str | None = None
    amount_usd: float | None = None
    amount_text: str | None = None
    status: str | None = None
    ordinal: int | None = None
    # Additions beyond the stable field list (add, never rename):
    subject: str | None = None  # what the fact is about: "skytrain", "Bandung Conference"
    visit_type: str | None = None  # state / official / working / courtesy call
    count: int | None = None  # totals: "has visited Japan 21 times" -> 21
    sentence_index: int | None = None  # position of the sentence in the article
    flags: list[str] = field(default_factory=list)  # e.g. "date_unresolved"
    id: int | None = None
    article_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON shape promised by ``facts --json`` (stable keys first)."""
        data = asdict(self)
        data["actors"] = [
            {k: v for k, v in actor.items() if v is not None} for actor in data["actors"]
        ]
        ordered = {
            key: data.pop(key)
            for key in (
                "id",
                "article_id",
                "kind",
                "date",
                "end_date",
                "precision",
                "actors",
                "countries",
                "place",
                "amount_usd",
                "amount_text",
                "status",
                "ordinal",
                "sentence",
            )
        }
        ordered.update(data)
        return ordered

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fact:
        """Rebuild a fact from its JSON/database shape."""
        values = dict(data)
        values["actors"] = [Actor(**a) for a in values.get("actors") or []]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in values.items() if k in known})


@dataclass
class Article:
    """A stored article as the store returns it."""

    id: int
    title: str
    body: str
    source: str | None
    published: str | None
    url: str | None
    content_hash: str
    added_at: str
    body_hash: str = ""
    summary: list[str] = field(default_factory=list)
    origin: str | None = None  # seed file path, URL or "telegram"


@dataclass(frozen=True)
class SentenceHit:
    """One sentence matching a search, with the article it belongs to."""

    article_id: int
    title: str
    published: str | None
    sentence: str
    snippet: str  # the sentence with matches wrapped in \x02...\x03 markers
    position: int


@dataclass
class Subscription:
    """A chat's daily "on this day" settings."""

    chat_id: int
    time: str  # HH:MM local
    timezone: str
    chat_type: str = "private"
    title: str | None = None
    articles: bool = False  # also post new-article summaries
    nothing_today: bool = False  # post a line on days with nothing to remember
    active: bool = True
    subscribed_by: int | None = None


@dataclass(frozen=True)
class AuditEntry:
    at: str
    user_id: int | None
    chat_id: int | None
    command: str
    arguments: str
    result: str


@dataclass(frozen=True)
class FactQuery:
    """Which stored facts to list; every part optional (empty means all)."""

    kinds: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    words: tuple[str, ...] = ()  # each must match a name, country, place or subject (prefix)
    totals: bool | None = None  # True: only totals ("21 times"); False: no totals
    dated: bool | None = None  # True: only facts with a date
    newest_first: bool = True
