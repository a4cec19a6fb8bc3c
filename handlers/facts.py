"""/visits, /agreements and /timeline (with /timeline chart): facts as lists."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes

from bot.chart import timeline_chart
from bot.errors import UsageError
from bot.listing import AGREEMENT_KINDS, VISIT_KINDS, parse_filter, query_for
from bot.services import Services, services
from handlers.base import Command, args_text, reply_html

LIST_PAGE_SIZE = 10
# Pages fit the 4 digits fit_filter budgets for; a longer number is forged (a
# client may send any callback data) and would overflow SQLite's OFFSET.
CALLBACK_RE = re.compile(r"^list:(visits|agreements|timeline):(\d{1,4}):(.*)$", re.S)
MAX_CALLBACK_BYTES = 64


def fit_filter(text: str, command: str) -> str:
    """The filter text, shortened (at a word) so a page button can carry it."""
    budget = MAX_CALLBACK_BYTES - len(f"list:{command}:9999:".encode())
    words: list[str] = []
    for word in text.split():
        if len(" ".join([*words, word]).encode()) > budget:
            break
        words.append(word)
    return " ".join(words)


def render_list(
    svc: Services, command: str, text: str, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The reply for one page of a fact list, and its page buttons."""
    flt = parse_filter(text, command)
    store = svc.store
    values: dict[str, object] = {"label": text}
    if command == "visits":
        result = store.fact_page(
            query_for(flt, VISIT_KINDS, totals=False), page=page, page_size=LIST_PAGE_SIZE
        )
        totals = store.fact_page(
            query_for(flt, VISIT_KINDS, totals=True), page_size=LIST_PAGE_SIZE, count=False
        ).facts
        values["totals"] = _unique_totals(totals)
        shown = result.facts + values["totals"]
    elif command == "agreements":
        query = query_for(flt, AGREEMENT_KINDS)
        result = store.fact_page(query, page=page, page_size=LIST_PAGE_SIZE)
        values["signed_total"], values["signed_count"] = store.signed_total(query)
        shown = result.facts
    else:
        query = query_for(flt, (), dated=True, newest_first=False)
        result = store.fact_page(query, page=page, page_size=LIST_PAGE_SIZE)
        shown = result.facts
    values["sources"] = {f.article_id: store.article(f.article_id) for f in shown}
    markup = svc.renderer.render(command, page=result, **values)
    return markup, page_buttons(command, text, result.page, result.pages)


def _unique_totals(facts):
    seen, unique = set(), []
    for fact in facts:
        key = (tuple(a.name for a in fact.actors), tuple(fact.countries), fact.count)
        if key not in seen:
            seen.add(key)
            unique.append(fact)
    return unique


def page_buttons(command: str, text: str, page: int, pages: int) -> InlineKeyboardMarkup | None:
    if pages <= 1:
        return None
    row = []
    if page > 0:
        row.append(InlineKeyboardButton("◀", callback_data=f"list:{command}:{page - 1}:{text}"))
    row.append(
        InlineKeyboardButton(f"{page + 1}/{pages}", callback_data=f"list:{command}:{page}:{text}")
    )
    if page < pages - 1:
        row.append(InlineKeyboardButton("▶", callback_data=f"list:{command}:{page + 1}:{text}"))
    return InlineKeyboardMarkup([row])


async def _list_command(command: str, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    text = fit_filter(args_text(context), command)
    markup, keyboard = render_list(services(context), command, text, 0)
    await reply_html(update, markup, keyboard=keyboard)


async def visits(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Visits, newest first: /visits [year | range | name or country]."""
    await _list_command("visits", update, context)


async def agreements(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Agreements, requests and pledges with amounts and the signed total."""
    await _list_command("agreements", update, context)


async def timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """All dated facts in date order; `/timeline chart` sends a PNG chart."""
    args = list(context.args or [])
    if args and args[0].lower() == "chart":
        svc = services(context)
        flt = parse_filter(" ".join(args[1:]), "timeline")
        counts = svc.store.facts_per_year(query_for(flt, (), dated=True))
        if not counts:
            await reply_html(update, svc.renderer.render("timeline_empty"))
            return
        png = timeline_chart(counts)
        await update.effective_message.reply_photo(
            png, caption=svc.renderer.render("chart_caption", counts=counts)
        )
        return
    await _list_command("timeline", update, context)


async def list_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """◀ ▶ on a fact list: show that page in the same message."""
    query = update.callback_query
    await query.answer()
    match = CALLBACK_RE.match(query.data or "")
    if match is None:
        return
    command, page, text = match[1], int(match[2]), match[3]
    try:
        markup, keyboard = render_list(services(context), command, text, page)
        await query.edit_message_text(markup, reply_markup=keyboard)
    except UsageError:
        return  # a button from an older version of the bot; nothing sensible to show
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


COMMANDS = [
    Command("visits", visits),
    Command("agreements", agreements),
    Command("timeline", timeline),
]
HANDLERS: list[BaseHandler] = [CallbackQueryHandler(list_page, pattern=r"^list:")]
