"""`export DIR`: every stored article as a text file that `ingest` reads back.

Files are plain text with a front-matter block (title, source, date, url),
then the body's paragraphs: the same layout the reader takes in, so an
export → ingest round trip gives back the same article (same content hash).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bot.records import Article

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG_RE.sub("-", ascii_text.lower()).strip("-")[:limit].rstrip("-") or "article"


def _front_value(value: str) -> str:
    """Quote a value so the reader takes it whole (colons, leading dashes...)."""
    return '"' + value.replace("\n", " ") + '"'


def article_text(article: Article) -> str:
    lines = ["---", f"title: {_front_value(article.title)}"]
    if article.source:
        lines.append(f"source: {_front_value(article.source)}")
    if article.published:
        lines.append(f"date: {article.published}")
    if article.url:
        lines.append(f"url: {_front_value(article.url)}")
    lines += ["---", "", article.body.strip(), ""]
    return "\n".join(lines)


def export_articles(articles: list[Article], folder: Path) -> list[Path]:
    """Write one file per article, named <id>-<date>-<slug>.txt; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for article in articles:
        name = f"{article.id:05d}-{article.published or 'undated'}-{slug(article.title)}.txt"
        path = folder / name
        path.write_text(article_text(article), encoding="utf-8")
        written.append(path)
    return written
