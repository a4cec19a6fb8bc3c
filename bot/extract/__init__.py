"""Reading news articles and extracting facts: pure functions, no SQL, no Telegram.

Public API (re-exported here so other rooms import from one place):

- ``read_document(data, *, filename=None, content_type=None, url=None,
  date=None, source=None) -> ParsedArticle`` — plain text, Markdown or HTML
  in (bytes or str), normalised article out; raises ``ArticleError``.
- ``split_sentences(text) -> list[str]`` — news-aware sentence splitter.
- ``extract_facts(article) -> list[Fact]`` — facts from a ParsedArticle's
  sentences, relative dates resolved against its publication date.
"""

from bot.extract import native

# A compiled build of exactly these sources, when one exists, is imported in
# place of the .py modules (see native.py).
__path__ = native.search_path(__path__)

from bot.extract.facts import extract_facts  # noqa: E402
from bot.extract.reader import read_document  # noqa: E402
from bot.extract.sentences import split_sentences  # noqa: E402

__all__ = ["extract_facts", "read_document", "split_sentences"]
