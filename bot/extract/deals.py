"""Pledges and requests (and the order in which money facts are taken from a sentence).

Precision rules:

- a weak commitment ("is committed to", "aims to", "set a target") is a pledge
  only with an amount or a target date ("by 2030"); a strong one ("pledged",
  "will provide", "offered") also with a concrete object (aid, a loan, a
  bridge), never with "strengthen ties" or "offered condolences";
- a request needs an amount or something material asked for (assistance, a
  loan, help "to develop a skytrain"); its status comes from the same or the
  next sentence ("But there has been no decision ... yet" -> "no decision",
  "Seoul said it would study the proposal" -> "no decision");
- money already counted by an agreement in the sentence is not pledged again
  ("signed a loan agreement under which China will provide ...").
"""

from __future__ import annotations

import re

from bot.extract.agreements import agreement_facts, signatories
from bot.extract.clauses import (
    PLEDGE,
    REQUEST,
    SentenceView,
    Trigger,
    date_fields,
    first_money,
    group_reference,
    phrase,
    with_pair,
)
from bot.extract.context import ArticleContext
from bot.extract.lexicon import Folded, Hinted, boundary_trie
from bot.extract.money import Money
from bot.records import Actor, Fact

# Folded regexes (``fold=True``, ``Folded``) are read only by position or as a yes/no.
_PURPOSE = Hinted(
    re.compile(
        r"\b(?:to|for)\s+(?:help\s+(?:to\s+)?)?(?:develop|build|construct|finance|fund|upgrade|"
        r"improve|expand|support|promote|establish|rehabilitate|repair|modernise|modernize)\w*\s+",
        re.IGNORECASE,
    ),
    fold=True,
)
_BARE_PURPOSE = Hinted(
    re.compile(
        r"\s+(?:help\s+(?:to\s+)?)?(?:develop|build|construct|finance|fund|upgrade|improve|expand|"
        r"rehabilitate|repair|modernise|modernize)\w*\s+",
        re.IGNORECASE,
    ),
    fold=True,
)
_SIDES = Hinted(
    re.compile(
        r"\b(?:both\s+(?:sides|countries|nations|governments|leaders|presidents)|the\s+two\s+(?:sides|"
        r"countries|nations|governments|leaders)|bilateral|their)\b",
        re.IGNORECASE,
    ),
    fold=True,
)
# Folded: both are only asked whether they occur. \b(?:aid|assistance|grants?|...)\b,
# written as a trie whose alternatives each start with a literal (the word boundary
# checked after it) so that the regex engine skips positions no word starts with.
_CONCRETE_WORDS = (
    "aid", "assistance", "grant", "grants", "loan", "loans", "funding", "fund", "funds",
    "financing", "investment", "investments", "bridge", "bridges", "road", "roads", "railway",
    "railways", "rail", "port", "ports", "airport", "airports", "hospital", "hospitals",
    "school", "schools", "plant", "plants", "dam", "dams", "project", "projects",
    "infrastructure", "vaccine", "vaccines", "equipment", "scholarship", "scholarships",
    "training", "troops", "ship", "ships", "vessel", "vessels", "aircraft", "skytrain",
    "highway", "expressway", "power", "electricity", "water", "housing",
)  # fmt: skip
_CONCRETE = Folded(re.compile(boundary_trie(_CONCRETE_WORDS, r"\b"), re.IGNORECASE))
_MATERIAL_REQUEST = Folded(
    re.compile(
        _CONCRETE.pattern
        + "|"
        + boundary_trie(
            ("help", "support", "develop", "build", "construct", "expand", "upgrade", "finance"),
            r"\w*\b",
        ),
        re.IGNORECASE,
    )
)
_INCREASE = Hinted(
    re.compile(
        r"\b(?:increas|boost|rais|doubl|tripl|lift|expand|grow)\w*\s+(?:the\s+|their\s+|its\s+|"
        r"two-way\s+)*(?P<what>[\w\s-]{2,40}?)\s+to\s+$",
        re.IGNORECASE,
    )
)
_NO_DECISION = Hinted(
    re.compile(
        r"\bno\s+decision|\byet\s+to\s+(?:decide|make\s+a\s+decision|respond|approve|reply)|"
        r"\bnot\s+(?:yet\s+)?(?:decided|approved|responded|replied)|\bunder\s+(?:consideration|"
        r"review|study)|\b(?:is|are)\s+(?:still\s+)?(?:considering|studying|reviewing)|"
        r"\b(?:will|would)\s+(?:consider|study|review)|\bpending\b",
        re.IGNORECASE,
    ),
    fold=True,
)
_ACCEPTED = Hinted(
    re.compile(
        r"\b(?:approved|accepted|agreed\s+to\s+(?:the\s+request|provide|fund|finance))\b",
        re.IGNORECASE,
    ),
    fold=True,
)
_REJECTED = Hinted(
    re.compile(r"\b(?:rejected|declined|turned\s+down|refused)\b", re.IGNORECASE), fold=True
)
_STRONG = Folded(re.compile(r"pledg|promis|vow|offer|will|commit(?!ted\s+to|ment)", re.IGNORECASE))
_SENTENCE_TOPIC = re.compile(
    r"(?P<topic>(?:[A-Z][a-z]+|[A-Z][a-z]+\s+[a-z]+))\s+(?:between|with|reached|rose|grew|stood|"
    r"was|is|has|hit|fell)\b"
)
_TAIL = re.compile(r"\s+(?:in|of|for|to)\s+")
_AMOUNT_PURPOSE = re.compile(
    r"\s+(?:to\s+(?:build|develop|construct|fund|finance|upgrade|expand)|for)\s+"
)
_REQUEST_STOPS = re.compile(r"\s\s*(?:with|worth|in|at)\s+")  # \s+: see clauses._BOUNDARY


def deal_facts(view: SentenceView, ctx: ArticleContext, next_sentence: str | None) -> list[Fact]:
    """Agreements, then pledges and requests that are not the same money again."""
    facts = agreement_facts(view, ctx)
    signed_amounts = {f.amount_text for f in facts}
    for trig in view.triggers:
        if trig.kind == PLEDGE:
            fact = _pledge(view, ctx, trig)
            if fact is not None and not (
                facts and (fact.amount_text is None or fact.amount_text in signed_amounts)
            ):
                facts.append(fact)
        elif trig.kind == REQUEST:
            fact = _request(view, ctx, trig, next_sentence)
            if fact is not None:
                facts.append(fact)
    return facts


def _parties(view: SentenceView, ctx: ArticleContext, place_country: str | None) -> list[str]:
    """Countries named in the sentence; "both sides"/"the two countries" mean the pair."""
    countries = with_pair(view.countries(), ctx.pair, empty_too=bool(_SIDES.search(view.text)))
    if place_country:
        countries.append(place_country)
    return list(dict.fromkeys(countries))


def _actors(view: SentenceView, ctx: ArticleContext, trig: Trigger) -> list[Actor]:
    """The person who pledges or asks: the first named before the verb, or "both X"."""
    if group_reference(view.text, 0, trig.start):
        return signatories(view, ctx, trig.start)
    people = [p for p in view.persons(0, trig.start) if not p.possessive]
    return [ctx.people.actor(people[0])] if people else []


def _pledge(view: SentenceView, ctx: ArticleContext, trig: Trigger) -> Fact | None:
    text = view.text
    end = text.find(";", trig.end)
    end = len(text) if end < 0 else end
    amount = first_money(view, trig.end, end)
    span = view.date_for(trig)
    targets = [d for d in view.dates if d.target and trig.end <= d.start < end]
    if targets:
        span = targets[0]
    date, end_date, precision, flags = date_fields(span)
    weak = not _STRONG.match(trig.text)
    concrete = bool(_CONCRETE.search(text, trig.end, end))
    if amount is None and not targets and (weak or not concrete):
        return None  # "vowed to strengthen ties", "will grant licences next year"
    place = view.city(trig.end, end)
    return Fact(
        kind=PLEDGE,
        sentence=text,
        sentence_index=view.index,
        date=date,
        end_date=end_date,
        precision=precision,
        actors=_actors(view, ctx, trig),
        countries=_parties(view, ctx, place.country if place else None),
        place=place.name if place else None,
        amount_usd=amount.usd if amount else None,
        amount_text=amount.text if amount else None,
        status="committed",
        subject=_pledge_subject(view, trig, amount) or None,
        flags=flags,
    )


def _pledge_subject(view: SentenceView, trig: Trigger, amount: Money | None) -> str:
    """ "trade value target", "grant to build a new provincial hospital in Luang Prabang"."""
    text = view.text
    cuts = [m.start for m in view.money if m.start > trig.end] + [
        d.start for d in view.dates if d.start > trig.end
    ]
    subject = phrase(text, trig.end, cut_at=cuts)
    if amount is None:
        return subject
    increase = _INCREASE.search(text[trig.end : amount.start])
    if increase:
        what = increase.group("what").strip()
        if what.lower() in ("it", "them", "this", "that"):  # "... trade ...; aim to lift it to"
            lead = _SENTENCE_TOPIC.match(text)
            what = lead.group("topic").lower() if lead else what
        return f"{what} target"
    after_cuts = [c for c in cuts if c > amount.end]
    tail = _TAIL.match(text, amount.end)
    if not subject and tail:
        # "pledged ¥200 million in grant aid for X", "a target of $100 billion in trade"
        subject = phrase(text, tail.end(), cut_at=after_cuts)
        return f"{subject} target" if subject and "target" in trig.text.lower() else subject
    purpose = _AMOUNT_PURPOSE.match(text, amount.end)
    if subject and purpose and amount.start - trig.end < 40:
        # "a grant of 500 million yuan to build a new hospital": keep what it is for
        rest = phrase(text, purpose.end(), cut_at=after_cuts, strip_leading=False)
        return f"{subject} {purpose.group(0).strip()} {rest}" if rest else subject
    return subject


def _request(
    view: SentenceView, ctx: ArticleContext, trig: Trigger, next_sentence: str | None
) -> Fact | None:
    text = view.text
    amount: Money | None = first_money(view, trig.end) or first_money(view)
    if amount is None and not _MATERIAL_REQUEST.search(text, trig.end):
        return None
    cuts = [m.start for m in view.money] + [d.start for d in view.dates]
    purpose = _PURPOSE.search(text, trig.end)
    if trig.text.lower().endswith(" to"):  # "asked South Korea to help build X"
        purpose = _BARE_PURPOSE.match(text, trig.end) or purpose
    if purpose:
        subject = phrase(text, purpose.end(), cut_at=cuts, stops=_REQUEST_STOPS)
    else:
        subject = phrase(text, trig.end, cut_at=cuts)
    date, end_date, precision, flags = date_fields(view.date_for(trig))
    place = view.city(trig.end)
    return Fact(
        kind=REQUEST,
        sentence=text,
        sentence_index=view.index,
        date=date,
        end_date=end_date,
        precision=precision,
        actors=_actors(view, ctx, trig),
        place=place.name if place else None,
        countries=_parties(view, ctx, None),
        amount_usd=amount.usd if amount else None,
        amount_text=amount.text if amount else None,
        status=_decision(text[trig.end :], next_sentence),
        subject=subject or None,
        flags=flags,
    )


def _decision(rest: str, next_sentence: str | None) -> str:
    """What became of a request, said later in its sentence or in the next one."""
    for later in (rest, next_sentence or ""):
        if _NO_DECISION.search(later):
            return "no decision"
        if _REJECTED.search(later):
            return "rejected"
        if _ACCEPTED.search(later):
            return "accepted"
    return "requested"
