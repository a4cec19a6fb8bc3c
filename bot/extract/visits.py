"""Visits: who went where, when, of what kind, the how-many-th, and how many times.

A visit needs a visitor (a person, or a country for "Chinese leaders have
visited Laos eight times") and a destination (country or city). Either may
come from the article's context only when the sentence adds something new (an
ordinal or a date): "The first visit took place in 2007" is a fact about the
visits just described; "During the visit, both sides exchanged views" is not a
new fact. Mentions that repeat an earlier visit are folded into it by
``ArticleContext.add`` ("It was his third state visit to Japan" adds ordinal 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.clauses import VISIT, SentenceView, Trigger, date_fields
from bot.extract.context import ArticleContext, Extent
from bot.extract.frozen import fast_init
from bot.extract.geo import CITY, COUNTRY, DEMONYM, GeoMention, is_modifier
from bot.extract.lexicon import (
    NUMBER_WORDS,
    ORDINAL_PATTERN,
    Folded,
    Hinted,
    parse_count,
    parse_ordinal,
)
from bot.extract.names import PersonMention, nearest_subject
from bot.records import Actor, Fact

_NUMBER = r"(?:\d{1,3}|" + "|".join(w for w in NUMBER_WORDS if len(w) > 2) + ")"
# Folded regexes (``Folded``, ``fold=True``) are read only by position, or for group
# text whose case is then ignored (``.lower()``, parse_ordinal, parse_count).
_TYPE_BEFORE = Hinted(
    re.compile(
        r"\b(?P<type>state|official|working|private|goodwill|courtesy)\s+(?:[\w-]+\s+){0,2}$",
        re.IGNORECASE,
    ),
    fold=True,
)
# Folded: only the ordinal is read from a match, and parse_ordinal ignores case.
_ORDINAL_BEFORE = Folded(
    re.compile(
        rf"\b(?P<ord>{ORDINAL_PATTERN})\s+(?:(?:state|official|working|private|goodwill|overseas|"
        rf"foreign|bilateral|[A-Z][\w-]+|leader|head|of|government|prime|minister|president|"
        rf"to)\s+){{0,4}}$",
        re.IGNORECASE,
    )
)
# "... for the first time", "..., the first by a Japanese leader in 18 years"
_NTH_TIME = Hinted(
    re.compile(rf"\bfor\s+the\s+(?P<ord>{ORDINAL_PATTERN})\s+time\b", re.IGNORECASE), fold=True
)
_NTH_BY = Folded(
    re.compile(  # matched right after the trigger
        rf"[^.;,]{{0,60}},\s+(?:the|his|her)\s+(?P<ord>{ORDINAL_PATTERN})\s+(?:(?:such|official|"
        rf"state|bilateral)\s+)?(?:visit\s+|trip\s+)?(?:by|of|since|as)\b",
        re.IGNORECASE,
    )
)
_TIMES_AFTER = Hinted(re.compile(rf"\b(?P<n>{_NUMBER})\s+times\b", re.IGNORECASE), fold=True)
_VISITS_COUNT = Folded(re.compile(rf"\b(?P<n>{_NUMBER})\s+(?:[\w-]+\s+)?$", re.IGNORECASE))
_MOST_RECENT = Hinted(
    re.compile(r"\b(?:most\s+recently|the\s+latest|the\s+last\s+(?:one\s+)?)\s*$")
)
_NEGATED = Hinted(
    re.compile(r"\b(?:never|not|no|without)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE), fold=True
)
# A visit that will not happen as planned keeps its fact, with this status.
_CALLED_OFF = Hinted(
    re.compile(
        r"\b(?P<word>postpone[ds]?|put\s+off|delay(?:ed|s)?|cancel(?:l?ed|s)?|called\s+off|scrapped)\b",
        re.IGNORECASE,
    ),
    fold=True,
)
_INVITE = Hinted(re.compile(r"\binvit(?:ed|es|ing|ation)\b", re.IGNORECASE), fold=True)
_INVITEE = re.compile(r"\s+to\s+(?:(?:pay|make)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2})?$")
_INVITER = Hinted(re.compile(r"\bat\s+the\s+invitation\s+of\s+", re.IGNORECASE), fold=True)
_DEST_GAP = Folded(re.compile(r"\s*(?:(?:to|in|at|of|on)\s+)?(?:the\s+)?", re.IGNORECASE))
_HOSTING = Folded(re.compile(r"hosted|welcomed|received", re.IGNORECASE))
_GROUP_VISITOR = Folded(
    re.compile(
        r"^\s+(?:[\w-]+\s+){0,2}?(?:leaders?|delegations?|officials|ministers|presidents|premiers|"
        r"prime\s+ministers|heads\s+of\s+(?:state|government))\s+(?:(?:have|has|had|will|also)\s+)*$",
        re.IGNORECASE,
    )
)
_COURTESY_NEXT = re.compile(r"\s+(?:a|an)\s+courtesy")
_TITLE_GAP = re.compile(r"\s+(?:(?:the\s+)?visiting\s+)?(?:[A-Z][\w-]*\s+)*")
_FROM = re.compile(r"\bfrom\s+")
_ON = re.compile(r"\bon\s+")
_INVITED_BEFORE = re.compile(r"\binvit\w*\s+$")
_BY = re.compile(r"(?:\s+to\s+[^,;]{1,40}?)?\s+by\s+")
_OWNER_GAP = re.compile(r"(?:[’']s)?\s+(?:[\w-]+\s+){0,3}")
_OWN_ORDINAL = Folded(re.compile(rf"\b({ORDINAL_PATTERN})\b", re.IGNORECASE))


@fast_init
@dataclass(frozen=True)
class _Visitor:
    """Who travelled: a person, or only a country ("a Japanese delegation")."""

    person: PersonMention | None = None
    country: str | None = None
    host: PersonMention | None = None
    invited: bool = False


def visit_facts(
    view: SentenceView, ctx: ArticleContext, extents: list[Extent]
) -> list[tuple[Trigger, Fact]]:
    """(trigger, fact) for every visit the sentence reports."""
    found: list[tuple[Trigger, Fact]] = []
    for trigger in view.triggers:
        if trigger.kind == VISIT:
            found.extend((trigger, fact) for fact in _visit(view, ctx, trigger, extents))
    return found


def _visit(
    view: SentenceView, ctx: ArticleContext, trig: Trigger, extents: list[Extent]
) -> list[Fact]:
    text = view.text
    win_start, win_end = view.window(trig)
    word = trig.text.lower()
    ellipsis = word.startswith("the ")
    if ellipsis and not _series_open(ctx):
        return []  # "The first took place ..." only continues a numbered series of visits
    if _NEGATED.search(text[max(0, trig.start - 40) : trig.start]):
        return []
    if word == "received" and _COURTESY_NEXT.match(text, trig.end):
        return []  # the "courtesy call" trigger that follows covers it
    who = _visitor(view, ctx, trig, win_start, win_end)
    if _HOSTING.fullmatch(word) and who.person is None:
        return []  # "hosted a dinner", "received a grant": not a visit
    destination, place = _destination(view, trig, win_end, who.host, ctx)
    ordinal = _ordinal(text, trig, win_start, win_end)
    date, end_date, precision, flags = date_fields(view.date_for(trig))
    if date is None and not flags:
        # "the visit to Cambodia by Kishi" inside "the 60th anniversary of ...": its date
        # is the anniversary's base date.
        for extent in extents:
            if extent.start <= trig.start < extent.end and extent.date:
                date, precision = extent.date, extent.precision
                break
    count = _count(text, trig, win_end)
    if count is not None:
        date, end_date, precision, flags = None, None, None, []  # a total spans many dates
    visitor: Actor | None = ctx.people.actor(who.person) if who.person else None
    if (visitor is None and who.country is None) or (destination is None and place is None):
        # Only a sentence that adds something (an ordinal, a date) may borrow the
        # visitor or destination of the visit being discussed.
        if ordinal is None and date is None:
            return []
        previous = ctx.last_trip(visitor.name if visitor else None)
        if previous is None or (visitor is None and who.country is None and not previous.actors):
            return []
        if visitor is None and who.country is None:
            visitor = previous.actors[0]
            flags.append("actors_from_context")
        if destination is None and place is None:
            destination = previous.place_country
            flags.append("destination_from_context")
    if visitor is not None:
        visitor = _with_country(ctx, visitor, destination)
    home = visitor.country if visitor else who.country
    if home is not None and home == destination:
        return []  # going home is not a visit
    if who.host is not None and destination is not None:
        ctx.people.infer_country(who.host.name, destination)
    fact = Fact(
        kind=VISIT,
        sentence=text,
        sentence_index=view.index,
        date=date,
        end_date=end_date,
        precision=precision,
        actors=[visitor] if visitor else [],
        place=place.name if place else None,
        countries=[c for c in dict.fromkeys([home, destination]) if c],
        status=_status(view, trig, who.invited, date),
        ordinal=ordinal,
        visit_type=_visit_type(text, trig),
        count=count,
        subject=_visit_subject(trig, who),
        flags=flags,
    )
    return [fact, *_most_recent(view, trig, win_end, fact)] if count else [fact]


def _series_open(ctx: ArticleContext) -> bool:
    last = ctx.facts[-1] if ctx.facts else None
    return last is not None and last.kind == VISIT and last.ordinal is not None


def _visitor(
    view: SentenceView, ctx: ArticleContext, trig: Trigger, win_start: int, win_end: int
) -> _Visitor:
    """Who made the visit the trigger names, and who hosted or invited them."""
    text = view.text
    word = trig.text.lower()
    before = [p for p in view.persons(0, trig.start) if not (p.pronoun and p.possessive)]
    after = [p for p in view.persons(trig.end, win_end) if not (p.pronoun and p.possessive)]
    subject = nearest_subject(text, before)
    inviter = _INVITER.search(text, trig.end)
    host = (
        next((p for p in view.persons(inviter.end()) if not p.pronoun), None) if inviter else None
    )
    if _HOSTING.fullmatch(word) or word == "visiting":
        gap = text[trig.end : after[0].start] if after else ""
        if after and _TITLE_GAP.fullmatch(gap + " "):
            return _Visitor(after[0], host=subject)
        return _Visitor()
    if word.startswith("courtesy"):
        if after and _FROM.search(text, trig.end, after[0].start):
            return _Visitor(after[0], host=subject)
        on = after and _ON.search(text, trig.end, after[0].start)
        return _Visitor(subject, host=after[0] if on else None)
    for person in reversed(before):
        if _INVITEE.fullmatch(text[person.end : trig.start]) and _INVITED_BEFORE.search(
            text, max(0, person.start - 20), person.start
        ):
            return _Visitor(person, host=subject, invited=True)
    invited = _INVITE.search(text[win_start : trig.start]) is not None
    by = _BY.match(text, trig.end, win_end)
    if by:
        candidates = view.persons(by.end(), win_end)
        named = [p for p in candidates if not p.pronoun]
        if named and (not candidates[0].possessive or named[0].start - candidates[0].end < 60):
            return _Visitor(named[0], host=host)  # "by his grandfather, the then PM X"
        if candidates:
            return _Visitor(candidates[0], host=host)
    owners = [p for p in view.persons(max(0, trig.start - 45), trig.start) if p.possessive]
    if owners and _OWNER_GAP.fullmatch(text, owners[-1].end, trig.start):
        return _Visitor(owners[-1], host=host, invited=invited)
    if subject is None:
        return _Visitor(country=_country_visitor(view, trig, win_start), host=host)
    return _Visitor(subject, host=host, invited=invited)


def _country_visitor(view: SentenceView, trig: Trigger, win_start: int) -> str | None:
    """ "Chinese leaders have visited", "a Japanese delegation will visit": a country."""
    for mention in reversed(view.geo):
        if (
            win_start <= mention.start < trig.start
            and mention.kind in (COUNTRY, DEMONYM)
            and _GROUP_VISITOR.match(view.text[mention.end : trig.start])
        ):
            return mention.country
    return None


def _destination(
    view: SentenceView,
    trig: Trigger,
    win_end: int,
    host: PersonMention | None,
    ctx: ArticleContext,
) -> tuple[str | None, GeoMention | None]:
    text = view.text
    for mention in view.geo:
        if not trig.end <= mention.start < min(win_end, trig.end + 40):
            continue
        if _DEST_GAP.fullmatch(text[trig.end : mention.start]) is None:
            continue
        if mention.kind == CITY and not is_modifier(text, mention):
            return mention.country, mention
        if mention.kind == COUNTRY:
            return mention.country, view.city(trig.end, win_end)
        if mention.kind == DEMONYM and text[mention.end :].startswith(" capital"):
            return mention.country, None
    place = view.city(trig.end, win_end) or view.city(0, trig.start)
    if place is not None:
        return place.country, place
    if host is not None:
        return ctx.people.actor(host).country, None
    return None, None


def _with_country(ctx: ArticleContext, actor: Actor, destination: str | None) -> Actor:
    """A visitor to one country of the article's pair comes from the other one."""
    if actor.country or destination is None or len(ctx.pair) != 2 or destination not in ctx.pair:
        return actor
    home = ctx.pair[1] if ctx.pair[0] == destination else ctx.pair[0]
    ctx.people.infer_country(actor.name, home)
    return Actor(actor.name, actor.role, home)


def _ordinal(text: str, trig: Trigger, win_start: int, win_end: int) -> int | None:
    own = _OWN_ORDINAL.search(trig.text)
    if own:
        return parse_ordinal(own.group(1))
    match = _ORDINAL_BEFORE.search(text, max(win_start, trig.start - 60), trig.start)
    if match:
        return parse_ordinal(match.group("ord"))
    match = _NTH_TIME.search(text, trig.end, win_end) or _NTH_BY.match(text, trig.end, win_end)
    return parse_ordinal(match.group("ord")) if match else None


def _count(text: str, trig: Trigger, win_end: int) -> int | None:
    match = _TIMES_AFTER.search(text, trig.end, min(win_end, trig.end + 40))
    if match:
        return parse_count(match.group("n"))
    if trig.text.lower() == "visits":
        match = _VISITS_COUNT.search(text[max(0, trig.start - 25) : trig.start])
        if match:
            return parse_count(match.group("n"))
    return None


def _most_recent(view: SentenceView, trig: Trigger, win_end: int, total: Fact) -> list[Fact]:
    """ "has visited Thailand four times, most recently in 2016": the last visit too."""
    for span in view.dates:
        if (
            trig.end <= span.start < win_end
            and span.has_date
            and span.prep != "since"
            and _MOST_RECENT.search(view.text[max(trig.end, span.start - 30) : span.start])
        ):
            date, end_date, precision, flags = date_fields(span)
            return [
                Fact(
                    kind=VISIT,
                    sentence=view.text,
                    sentence_index=view.index,
                    date=date,
                    end_date=end_date,
                    precision=precision,
                    actors=list(total.actors),
                    countries=list(total.countries),
                    status="made",
                    flags=flags,
                )
            ]
    return []


def _visit_type(text: str, trig: Trigger) -> str | None:
    if trig.text.lower().startswith("courtesy"):
        return "courtesy call"
    match = _TYPE_BEFORE.search(text[max(0, trig.start - 30) : trig.start])
    if match:
        kind = match.group("type").lower()
        return "courtesy call" if kind == "courtesy" else kind
    return None


def _status(view: SentenceView, trig: Trigger, invited: bool, date: str | None) -> str:
    called_off = _CALLED_OFF.search(view.text, max(0, trig.start - 40), trig.end + 80)
    if called_off:
        word = called_off.group("word").lower()
        return "cancelled" if word.startswith(("cancel", "called", "scrapped")) else "postponed"
    if invited:
        return "invited"
    if view.future_before(trig.end):
        return "planned"
    if date and view.published and date > view.published.isoformat()[: len(date)]:
        return "planned"
    return "made"


def _visit_subject(trig: Trigger, who: _Visitor) -> str | None:
    if who.host is None:
        return None
    name = who.host.name
    if trig.text.lower().startswith("courtesy"):
        return f"courtesy call on {name}"
    if who.invited:
        return f"invited by {name}"
    if _HOSTING.fullmatch(trig.text.lower()) or trig.text.lower() == "visiting":
        return f"hosted by {name}"
    return f"at the invitation of {name}"
