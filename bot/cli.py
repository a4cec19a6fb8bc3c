"""Command line: `python -m bot` / `tiesbot`.

Sub-commands: run, console, ingest, facts, search (and more as features land).
With no sub-command the bot runs when a token is set, else the console opens.
A bad configuration exits with code 2 and one line, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.config import Config, load_config
from bot.errors import ConfigError, TiesbotError
from bot.logs import setup_logging

log = logging.getLogger("bot.cli")


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=None))


def _services(config: Config):  # -> Services; imported lazily to keep --help fast
    from bot.app import open_services

    return open_services(config)


def cmd_run(config: Config, args: argparse.Namespace) -> int:
    if not config.token:
        print("No bot token: set TELEGRAM_BOT_TOKEN to run on Telegram.", file=sys.stderr)
        return 2
    from telegram.error import InvalidToken

    from bot.app import run_polling

    try:
        run_polling(config)
    except InvalidToken:
        # python-telegram-bot's message quotes the token itself: say it without it.
        print("error: Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped).", file=sys.stderr)
        return 2
    except Exception:
        # Through the log, whose filter masks the token; a bare traceback would not.
        log.exception("the bot stopped")
        return 1
    return 0


def cmd_console(config: Config, args: argparse.Namespace) -> int:
    from bot.console import run_console

    asyncio.run(run_console(config))
    return 0


def cmd_ingest(config: Config, args: argparse.Namespace) -> int:
    from bot.ingest import article_files, ingest_files

    services = _services(config)
    files = list(article_files(Path(p) for p in args.paths))
    failures = 0
    try:
        reports = ingest_files(
            services.store,
            files,
            max_bytes=config.limits.max_file_bytes,
            date=args.date,
            source=args.source,
        )
        for number, report in enumerate(reports, 1):
            failures += not report.ok
            if args.json:
                _print_json(_report_json(services, report))
            else:
                progress = f"[{number}/{len(files)}] " if len(files) > 1 else ""
                print(_report_line(report, progress), flush=True)
    finally:
        services.store.close()
    if not files:
        print("No article files found.", file=sys.stderr)
        return 1
    return 1 if failures else 0


def _report_line(report, progress: str) -> str:
    if not report.ok:
        return f"{progress}error: {report.message}"
    title = report.prepared.article.title if report.prepared else ""
    return f"{progress}{report.name}: {report.message} — “{title}”, {len(report.facts)} fact(s)"


def _report_json(services, report) -> dict[str, Any]:
    if not report.ok:
        return {
            "article": None,
            "facts": [],
            "path": report.name,
            "status": "error",
            "error": report.message,
        }
    parsed = report.prepared.article
    article = {
        "id": report.article_id,
        "title": parsed.title,
        "source": parsed.source,
        "published": parsed.published,
        "url": parsed.url,
        "sentences": len(parsed.sentences),
        "summary": report.prepared.summary,
        "warnings": parsed.warnings,
        "status": report.status,
        "path": report.name,
    }
    return {"article": article, "facts": [fact.to_json() for fact in report.facts]}


def cmd_facts(config: Config, args: argparse.Namespace) -> int:
    from bot.facts_text import describe_fact

    services = _services(config)
    try:
        facts = services.store.facts(kind=args.kind)
    finally:
        services.store.close()
    if args.json:
        _print_json([fact.to_json() for fact in facts])
    else:
        for fact in facts:
            print(f"#{fact.id} [{fact.kind}] {describe_fact(fact)}  (article {fact.article_id})")
        if not facts:
            print("No facts stored" + (f" of kind {args.kind}." if args.kind else "."))
    return 0


def cmd_search(config: Config, args: argparse.Namespace) -> int:
    from bot.render import human_date
    from bot.store import HIGHLIGHT_END, HIGHLIGHT_START

    words = " ".join(args.words)
    services = _services(config)
    try:
        page = services.store.search_sentences(words, page=0, page_size=args.limit)
    finally:
        services.store.close()
    if args.json:
        _print_json(
            [
                {
                    "article_id": hit.article_id,
                    "title": hit.title,
                    "published": hit.published,
                    "sentence": hit.sentence,
                    "snippet": hit.snippet.replace(HIGHLIGHT_START, "[").replace(
                        HIGHLIGHT_END, "]"
                    ),
                }
                for hit in page.hits
            ]
        )
        return 0
    if not page.hits:
        print(f"No sentence matches {words!r}.")
    for number, hit in enumerate(page.hits, 1):
        snippet = hit.snippet.replace(HIGHLIGHT_START, "*").replace(HIGHLIGHT_END, "*")
        print(
            f"{number}. {snippet}\n"
            f"   — {hit.title}, {human_date(hit.published)} [article {hit.article_id}]"
        )
    return 0


def cmd_onthisday(config: Config, args: argparse.Namespace) -> int:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from bot.anniversaries import describe_item, items_for_day, parse_day

    services = _services(config)
    try:
        day = parse_day(
            " ".join(args.date or []), dt.datetime.now(ZoneInfo(config.timezone)).date()
        )
        items = items_for_day(services.store.facts_for_calendar_day(day.month, day.day), day)
        titles = {item.article_id: services.store.article(item.article_id) for item in items}
    finally:
        services.store.close()
    if args.json:
        _print_json(
            [
                {
                    "date": day.isoformat(),
                    "years_ago": item.years_ago,
                    "year": item.year,
                    "reason": item.reason,
                    "text": describe_item(item),
                    "article_id": item.article_id,
                    "title": titles[item.article_id].title,
                    "fact": item.fact.to_json(),
                }
                for item in items
            ]
        )
        return 0
    if not items:
        print(f"Nothing to remember on {day:%d %B}.")
    for item in items:
        article = titles[item.article_id]
        print(f"{describe_item(item)}\n   — {article.title}, {article.published or 'undated'}")
    return 0


def cmd_ask(config: Config, args: argparse.Namespace) -> int:
    from bot.answer import StoreKnowledge, answer_question
    from bot.render import human_date

    services = _services(config)
    try:
        result = answer_question(" ".join(args.question), StoreKnowledge(services.store))
    finally:
        services.store.close()
    if args.json:
        _print_json(
            {
                "answer": result.text,
                "found": result.found,
                "kind": result.kind,
                "fact": result.fact.to_json() if result.fact else None,
                "evidence": [
                    {
                        "sentence": e.sentence,
                        "article_id": e.article_id,
                        "title": e.title,
                        "published": e.published,
                    }
                    for e in result.evidence
                ],
            }
        )
        return 0 if result.found else 1
    print(result.text)
    for evidence in result.evidence:
        print(f"  “{evidence.sentence}”\n   — {evidence.title}, {human_date(evidence.published)}")
    return 0 if result.found else 1


def cmd_export(config: Config, args: argparse.Namespace) -> int:
    from bot.export import export_articles

    services = _services(config)
    try:
        paths = export_articles(services.store.articles(), Path(args.folder))
    finally:
        services.store.close()
    print(f"Exported {len(paths)} article(s) to {args.folder}")
    return 0


COMMANDS: dict[str, Callable[[Config, argparse.Namespace], int]] = {
    "run": cmd_run,
    "console": cmd_console,
    "ingest": cmd_ingest,
    "facts": cmd_facts,
    "search": cmd_search,
    "onthisday": cmd_onthisday,
    "export": cmd_export,
    "ask": cmd_ask,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiesbot",
        description="A Telegram bot that answers from facts in news about ties between countries.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("run", help="run the bot on Telegram (needs TELEGRAM_BOT_TOKEN)")
    sub.add_parser("console", help="chat with the bot in this terminal")
    ingest = sub.add_parser("ingest", help="read article files or folders into the database")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--date", help="publication date YYYY-MM-DD, overriding what is detected")
    ingest.add_argument("--source", help="source name, overriding what is detected")
    ingest.add_argument("--json", action="store_true", help="one JSON object per article")
    facts = sub.add_parser("facts", help="list the stored facts")
    facts.add_argument(
        "--kind", choices=["visit", "agreement", "request", "pledge", "meeting", "anniversary"]
    )
    facts.add_argument("--json", action="store_true", help="one JSON list")
    search = sub.add_parser("search", help="find sentences in the articles")
    search.add_argument("words", nargs="+", metavar="WORDS")
    search.add_argument("--limit", type=int, default=5, help="how many sentences (default 5)")
    search.add_argument("--json", action="store_true", help="one JSON list")
    onthisday = sub.add_parser(
        "onthisday", help="what the reminder for a day says (default: today)"
    )
    onthisday.add_argument(
        "date", nargs="*", metavar="DATE", help="YYYY-MM-DD, MM-DD or '7 August'"
    )
    onthisday.add_argument("--json", action="store_true", help="one JSON list")
    ask = sub.add_parser("ask", help="answer a question: the answer first, evidence after")
    ask.add_argument("question", nargs="+", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="one JSON object")
    export = sub.add_parser("export", help="write every article as a file `ingest` reads back")
    export.add_argument("folder", metavar="DIR")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = load_config()
    except ConfigError as exc:
        print(exc.message, file=sys.stderr)
        return 2
    # The console and one-shot commands print for a person: only warnings go to stderr.
    running = args.command == "run" or (args.command is None and config.token)
    setup_logging(config.log_level if running else "WARNING", config.token)
    command = args.command
    if command is None:
        if config.token:
            command = "run"
        else:
            print("No TELEGRAM_BOT_TOKEN set: opening the console chat instead.", file=sys.stderr)
            command = "console"
    try:
        return COMMANDS[command](config, args)
    except TiesbotError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
