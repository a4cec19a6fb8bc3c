"""bot.intake: what /addseed accepts, without Telegram."""

from __future__ import annotations

import pytest

from bot.errors import ArticleError, UsageError
from bot.intake import (
    SeedRequest,
    check_document,
    check_encoding,
    command_arguments,
    human_size,
    lone_url,
    parse_seed_request,
)

LIMIT = 2 * 1024 * 1024


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/addseed Title\n\nBody.", "Title\n\nBody."),
        ("/addseed@tiesbot_test_bot\nTitle", "\nTitle"),
        ("/addseed", ""),
        ("/ADDSEED  date=2018-01-09", "date=2018-01-09"),
    ],
)
def test_command_arguments_keep_line_breaks(text: str, expected: str) -> None:
    assert command_arguments(text) == expected


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("", SeedRequest()),
        ("Title\n\nBody.", SeedRequest(text="Title\n\nBody.")),
        ("https://example.com/a?b=1", SeedRequest(url="https://example.com/a?b=1")),
        ("ftp://example.com/a.txt", SeedRequest(url="ftp://example.com/a.txt")),
        (
            "date=2018-01-09 source=PPP https://example.com/a",
            SeedRequest(url="https://example.com/a", date="2018-01-09", source="PPP"),
        ),
        (
            'source="Phnom Penh Post" date=2018-01-09\nTitle\n\nBody.',
            SeedRequest(text="Title\n\nBody.", date="2018-01-09", source="Phnom Penh Post"),
        ),
        (
            "source=“Khmer Times” Title on the first line\nBody.",
            SeedRequest(text="Title on the first line\nBody.", source="Khmer Times"),
        ),
        # Options are read only at the start of the first line.
        (
            "Title\nThe source=leak was named.",
            SeedRequest(text="Title\nThe source=leak was named."),
        ),
        ("see https://example.com/a", SeedRequest(text="see https://example.com/a")),
    ],
)
def test_parse_seed_request(arguments: str, expected: SeedRequest) -> None:
    assert parse_seed_request(arguments) == expected


@pytest.mark.parametrize("date", ["2018-13-01", "09-01-2018", "2018-02-30"])
def test_a_bad_date_is_a_usage_error(date: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_seed_request(f"date={date} Body.")
    assert caught.value.command == "addseed"
    assert caught.value.detail == f"The date must be YYYY-MM-DD, not “{date[:20]}”."


def test_lone_url() -> None:
    assert lone_url("  https://example.com/x \n") == "https://example.com/x"
    assert lone_url("read https://example.com/x") is None
    assert lone_url(None) is None


@pytest.mark.parametrize(
    ("size", "text"),
    [(LIMIT, "2 MB"), (50 * 1024 * 1024, "50 MB"), (1536, "1.5 KB"), (900, "900 bytes")],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


@pytest.mark.parametrize("name", ["a.txt", "A.MD", "page.html", "page.htm"])
def test_article_files_pass(name: str) -> None:
    check_document(name, 1000, LIMIT)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("setup.exe", ".exe files"),
        ("a.zip", ".zip files"),
        ("README", "files without an extension"),
    ],
)
def test_other_files_are_refused_by_name(name: str, shown: str) -> None:
    with pytest.raises(ArticleError) as caught:
        check_document(name, 10, LIMIT)
    assert (
        caught.value.message == f"Not added: I read .txt, .md, .html and .htm files, not {shown}."
    )


def test_a_large_file_is_refused_before_download() -> None:
    with pytest.raises(ArticleError) as caught:
        check_document("big.txt", 50 * 1024 * 1024, LIMIT)
    assert caught.value.message == "Not added: the file is 50 MB; the limit is 2 MB."


def test_utf8_utf16_and_declared_charsets_pass() -> None:
    check_encoding("Café".encode())
    check_encoding("Café".encode("utf-16"))
    page = '<html><head><meta charset="windows-1252"></head><body>Café</body></html>'
    check_encoding(page.encode("cp1252"))
    check_encoding("Café".encode("cp1252"), "text/plain; charset=windows-1252")


def test_undeclared_non_utf8_is_refused_with_the_position() -> None:
    with pytest.raises(ArticleError) as caught:
        check_encoding(b"Caf\xe9 au lait")
    assert caught.value.message == (
        "Not added: the file is not valid UTF-8 text (byte 0xE9 at position 3). "
        "Save it as UTF-8 and send it again."
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"   \n", "Not added: the document is empty."),
        (
            b"PK\x03\x04rest",
            "Not added: the document looks like a binary file, not an article (ZIP/Word/EPUB).",
        ),
    ],
)
def test_empty_and_binary_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ArticleError) as caught:
        check_encoding(data)
    assert caught.value.message == message
