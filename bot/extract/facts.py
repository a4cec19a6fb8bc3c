"""``extract_facts``: structured facts from a ParsedArticle's sentences.

The pipeline per article:

1. every sentence: gazetteer hits and named people (a cheap pass) so that
   "Mr Abe" can be resolved to "Shinzo Abe" introduced elsewhere and the
   article's country pair is known;
2. sentences that pass a keyword pre-filter get dates, money and triggers,
   and the rules (anniversaries first: their base dates feed the visits they
   mention; then visits, meetings, agreements, pledges, requests);
3. finishing: an agreement signed without a date in the text takes the date
   of the article's main event (the visit being reported), at month precision
   and flagged ``date_from_context``.

Everything is pure: no I/O, no global state; one ArticleContext per call.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from bot.extract.anniversaries import anniversary_facts
from bot.extract.clauses import (
    AGREEMENT,
    PLEDGE,
    REQUEST,
    SentenceView,
    assign_dates,
    candidate_kinds,
    find_triggers,
)
from bot.extract.context import ArticleContext, article_pair
from bot.extract.dates import ANCHOR, DateSpan, find_dates, future_marks, parse_iso, resolve_anchor
from bot.extract.deals import deal_facts
from bot.extract.geo import find_geo
from bot.extract.meetings import meeting_facts
from bot.extract.names import PersonMention
from bot.extract.people import People
from bot.extract.visits import visit_facts
from bot.records import Fact, ParsedArticle


def extract_facts(article: ParsedArticle) -> list[Fact]:
    """All facts in ``article``, in sentence order; relative dates use ``published``."""
    published = _parse_published(article.published)
    sentences = article.sentences
    geos = [find_geo(sentence) for sentence in sentences]
    people = People.from_sentences(sentences, geos)
    ctx = ArticleContext(published, article_pair(article.title, sentences, geos), people)
    for index, sentence in enumerate(sentences):
        low = sentence.lower()  # shared by the stages that read the lower-cased text
        kinds = candidate_kinds(sentence, low)
        triggers = find_triggers(sentence, kinds, low) if kinds else []
        # Pronouns only matter to the rules, which need a trigger; descriptions ("the
        # Cambodian leader") also move the salience, so any candidate kind asks for them.
        mentions = people.resolve(
            index, sentence, pronouns=bool(triggers), descriptions=bool(kinds), low=low
        )
        if not triggers:
            continue
        marks = future_marks(sentence, low)
        dates = find_dates(sentence, published, future=bool(marks), low=low)
        if dates:
            dates = [_anchor(span, ctx, mentions) for span in dates]
            # "two days after his visit" names a visit; it does not report one
            triggers = [t for t in triggers if not any(d.start <= t.start < d.end for d in dates)]
        reads_money = any(t.kind in _MONEY_KINDS for t in triggers)
        view = SentenceView(
            index, sentence, published, marks, dates, reads_money, geos[index], mentions
        )
        view.triggers = triggers
        assign_dates(view)
        anniversaries, extents = anniversary_facts(view, ctx)
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        visits = visit_facts(view, ctx, extents)
        found = (
            anniversaries
            + [fact for _, fact in visits]
            + meeting_facts(view, ctx, visits)
            + deal_facts(view, ctx, following)
        )
        for fact in found:
            if published is None and fact.date is None and _relative_unresolved(view):
                fact.flags.append("date_unresolved")
            fact.flags = list(dict.fromkeys(fact.flags))
            ctx.add(fact)
    _inherit_dates(ctx)
    return ctx.facts


_MONEY_KINDS = frozenset((AGREEMENT, PLEDGE, REQUEST))  # the rules that read amounts


def _parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _relative_unresolved(view: SentenceView) -> bool:
    return any(span.unresolved for span in view.dates)


def _anchor(span: DateSpan, ctx: ArticleContext, mentions: list[PersonMention]) -> DateSpan:
    """Resolve "two days after his visit" against the visit it names: the article's
    main event when it is his, else his latest dated visit; other anchors ("a week
    later") count from the latest dated fact."""
    if span.kind != ANCHOR:
        return span
    owner = None
    if span.anchor_owner in ("his", "her"):
        pronouns = [m for m in mentions if m.pronoun and span.start <= m.start < span.end]
        owner = pronouns[0].name if pronouns else None
    if span.anchor in ("visit", "trip", "arrival", "departure", "tour"):
        candidates = [ctx.main_event(), *reversed(ctx.visits())]
        event = next(
            (
                f
                for f in candidates
                if f is not None
                and f.date
                and f.count is None
                and (owner is None or owner in [a.name for a in f.actors])
            ),
            None,
        )
    else:
        event = next((f for f in reversed(ctx.facts) if f.date), None)
    if event is None or event.date is None:
        return span
    return resolve_anchor(span, event.date, event.end_date)


def _inherit_dates(ctx: ArticleContext) -> None:
    """Undated agreements signed after the visit is reported were signed during it."""
    main = ctx.main_event()
    if main is None or main.date is None:
        return
    start_year, start_month, _ = parse_iso(main.date)
    end_year, end_month, _ = parse_iso(main.end_date or main.date)
    if start_month is None:
        return
    start = f"{start_year:04d}-{start_month:02d}"
    end = f"{end_year:04d}-{end_month or start_month:02d}"
    for index, fact in enumerate(ctx.facts):
        if (
            fact.kind == "agreement"
            and fact.date is None
            and fact.status == "signed"
            and "date_vague" not in fact.flags
            and (fact.sentence_index or 0) >= (main.sentence_index or 0)
        ):
            ctx.facts[index] = replace(
                fact,
                date=start,
                end_date=end if end != start else None,
                precision="month",
                flags=[*fact.flags, "date_from_context"],
            )
