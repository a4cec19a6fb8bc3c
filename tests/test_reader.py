"""read_document: text, Markdown and HTML articles in, ParsedArticle out."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from bot.errors import ArticleError
from bot.extract.reader import detect_format, parse_date_line, read_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "khmer-times-2017-08-14-new-momentum-in-cambodia-japan-ties.txt"
HTML_PAGE = ROOT / "tests" / "articles" / "phnom-penh-post-2018-01-09-japan-loan.html"
NO_DATE = "no publication date: relative dates left unresolved"


@pytest.fixture(scope="module")
def seed():
    return read_document(SEED.read_bytes(), filename=SEED.name)


# --- the seed (plain text) -------------------------------------------------------------


def test_seed_metadata(seed) -> None:
    assert seed.title == "New Momentum in Cambodia-Japan Ties"
    assert seed.source == "The Khmer Times"
    assert seed.published == "2017-08-14"
    assert seed.url is None
    assert seed.warnings == []


def test_seed_sentences(seed) -> None:
    assert len(seed.sentences) == 29
    assert seed.sentences[0] == "Japan is an old friend of Cambodia."
    assert "Mr Hun Sen has visited Japan 21 times." in seed.sentences
    assert (
        "It was his third state visit to Japan under Shinzo Abe\u2019s administration."
        in seed.sentences
    )
    assert (
        "Both sides are committed to increasing their trade value to $2 billion in coming years."
        in seed.sentences
    )


def test_seed_quote_sentences(seed) -> None:
    assert seed.sentences[-2].startswith(
        "He wrote: \u201cMy friendship with Prime Minister Abe in working together"
    )
    assert seed.sentences[-2].endswith("big country or small country.")
    assert seed.sentences[-1] == (
        "\u201cIn Tokyo, Prime Minister Abe celebrated my birthday for me, which clearly "
        "reflects his friendship, his friendship to me.\u201d"
    )


def test_seed_has_no_boilerplate(seed) -> None:
    for sentence in seed.sentences:
        for phrase in ("Leave a Reply", "commenting", "Connecting to", "Log Out", "Google photo"):
            assert phrase not in sentence
    assert "Leave a Reply" not in seed.body
    assert "Posted on his Facebook page two days after his visit" in seed.body


def test_seed_body_and_title_are_normalised(seed) -> None:
    assert "\u00a0" not in seed.title + seed.body
    assert not seed.body.startswith("The Khmer Times")
    assert seed.body.startswith("Japan is an old friend of Cambodia.")
    assert seed.body.count("\n\n") == 18  # 19 paragraphs
    assert seed.title not in seed.sentences


def test_seed_hashes_are_stable_across_encodings_and_line_endings(seed) -> None:
    text = SEED.read_text(encoding="utf-8")
    crlf = read_document(text.replace("\n", "\r\n").encode("utf-8-sig"), filename="a.txt")
    assert len(seed.content_hash) == 64
    assert crlf.content_hash == seed.content_hash
    assert crlf.body_hash == seed.body_hash
    retitled = read_document("Another headline\n\n" + text.split("\n", 1)[1])
    assert retitled.body_hash == seed.body_hash
    assert retitled.content_hash != seed.content_hash


def test_str_input_and_utf16(seed) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert read_document(text).sentences == seed.sentences
    utf16 = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    assert read_document(utf16).sentences == seed.sentences


# --- bylines and dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The Khmer Times, 14 August 2017", ("The Khmer Times", "2017-08-14")),
        ("Reuters, Aug. 7, 2017", ("Reuters", "2017-08-07")),
        ("Nikkei Asia, 2018-01-09", ("Nikkei Asia", "2018-01-09")),
        ("By John Smith, The Japan Times, January 9, 2018", ("The Japan Times", "2018-01-09")),
        ("Published: 9 January 2018", (None, "2018-01-09")),
        ("Khmer Times | Monday, August 14th, 2017 10:30 AM", ("Khmer Times", "2017-08-14")),
        ("The Khmer Times, 14/08/2017", ("The Khmer Times", "2017-08-14")),
        ("The Khmer Times, 08/09/2017", ("The Khmer Times", None)),  # ambiguous
        ("Japan is an old friend of Cambodia.", (None, None)),
        ("The deal was signed on 9 May 2018.", (None, None)),
    ],
)
def test_parse_date_line(line: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_date_line(line) == expected


def test_unknown_date_format_leaves_published_empty_with_warning() -> None:
    text = (
        "Japan Pledges Drainage Loan\n\nThe Khmer Times, 08/09/2017\n\n"
        "Japan pledged a loan to Cambodia. Work starts next year."
    )
    article = read_document(text)
    assert article.published is None
    assert article.source == "The Khmer Times"
    assert article.sentences == ["Japan pledged a loan to Cambodia.", "Work starts next year."]
    assert any("could not read the date" in w and "08/09/2017" in w for w in article.warnings)
    assert NO_DATE in article.warnings


def test_published_label_and_author_lines() -> None:
    text = (
        "Japan Pledges Drainage Loan\nBy Sokha Chan\nPublished: 9 January 2018\n\n"
        "Japan pledged a loan to Cambodia."
    )
    article = read_document(text)
    assert article.published == "2018-01-09"
    assert article.source is None
    assert article.sentences == ["Japan pledged a loan to Cambodia."]


def test_dateline_at_the_start_of_the_body() -> None:
    text = (
        "Japan Pledges Drainage Loan\n\n"
        "Phnom Penh, 9 January 2018 \u2014 Japan pledged a loan to Cambodia on Tuesday."
    )
    article = read_document(text)
    assert article.published == "2018-01-09"
    assert article.sentences == [
        "Phnom Penh, 9 January 2018 \u2014 Japan pledged a loan to Cambodia on Tuesday."
    ]


def test_no_date_warns() -> None:
    article = read_document("Japan Pledges Loan\n\nJapan pledged a loan to Cambodia.")
    assert article.published is None
    assert article.warnings == [NO_DATE]


def test_plain_text_hard_wrapped_lines_are_joined() -> None:
    text = (
        "Japan Pledges Loan\n\nJapan pledged a loan worth $90 million to Cambodia, the\n"
        "ministry said on Tuesday. Work starts next year.\n\nBackground\n\n"
        "The first loan was signed in 2013."
    )
    article = read_document(text)
    assert article.sentences == [
        "Japan pledged a loan worth $90 million to Cambodia, the ministry said on Tuesday.",
        "Work starts next year.",
        "The first loan was signed in 2013.",
    ]
    assert "\n\nBackground\n\n" in article.body


def test_missing_title_is_derived_from_the_first_sentence() -> None:
    text = "Japan signed a loan agreement with Cambodia. Officials welcomed it."
    article = read_document(text)
    assert article.title == "Japan signed a loan agreement with Cambodia."
    assert article.sentences == [article.title, "Officials welcomed it."]
    assert any("no title found" in w for w in article.warnings)


def test_long_derived_title_is_cut_at_a_word() -> None:
    text = (
        "Japan and Cambodia on Tuesday signed a loan agreement worth $90 million to upgrade "
        "the drainage network of Phnom Penh, officials at the ministry said. Work starts soon."
    )
    article = read_document(text)
    assert article.title.startswith("Japan and Cambodia on Tuesday signed")
    assert article.title.endswith(" Phnom Penh\u2026")
    assert len(article.title) <= 121
    assert len(article.sentences) == 2


# --- overrides ---------------------------------------------------------------------------


def test_overrides_win(seed) -> None:
    article = read_document(
        SEED.read_bytes(),
        filename=SEED.name,
        url="https://www.khmertimeskh.com/new-momentum",
        date="2017-08-15",
        source="Khmer Times",
    )
    assert article.published == "2017-08-15"
    assert article.source == "Khmer Times"
    assert article.url == "https://www.khmertimeskh.com/new-momentum"
    assert article.sentences == seed.sentences


@pytest.mark.parametrize("bad", ["14/08/2017", "2017-8-14", "2017-02-30", "yesterday"])
def test_bad_date_override_is_refused(bad: str) -> None:
    with pytest.raises(ArticleError, match="YYYY-MM-DD"):
        read_document(SEED.read_bytes(), date=bad)


def test_override_date_removes_the_no_date_warning() -> None:
    article = read_document("Loan\n\nJapan pledged a loan.", date="2018-01-09")
    assert article.published == "2018-01-09"
    assert NO_DATE not in article.warnings


# --- Markdown ----------------------------------------------------------------------------

MARKDOWN = """---
title: "Japan and Cambodia sign drainage loan"
date: 2018-01-09
source: Nikkei Asia
url: https://asia.nikkei.example/japan-cambodia-loan
tags:
  - Japan
---

# Japan and Cambodia sign drainage loan

Japan **signed** a [$90 million loan](https://example.org/loan) with _Cambodia_
on Tuesday. ![map of the canals](map.png)

## Background

- Mr. Abe visited Phnom Penh in 2013.
- The U.S. Embassy welcomed the deal.

> \u201cThis loan shows our trust,\u201d Mr. Horinouchi said.

```
code is kept as text
```
"""


def test_markdown_with_front_matter() -> None:
    article = read_document(MARKDOWN.encode(), filename="loan.md")
    assert article.title == "Japan and Cambodia sign drainage loan"
    assert article.published == "2018-01-09"
    assert article.source == "Nikkei Asia"
    assert article.url == "https://asia.nikkei.example/japan-cambodia-loan"
    assert article.sentences == [
        "Japan signed a $90 million loan with Cambodia on Tuesday.",
        "Mr. Abe visited Phnom Penh in 2013.",
        "The U.S. Embassy welcomed the deal.",
        "\u201cThis loan shows our trust,\u201d Mr. Horinouchi said.",
        "code is kept as text",
    ]
    assert "Background" in article.body
    assert "#" not in article.body and "**" not in article.body and "](" not in article.body
    assert article.warnings == []


def test_markdown_heading_title_and_byline() -> None:
    text = "# Abe Visits Phnom Penh\n\n*Reuters, Aug. 7, 2017*\n\nMr. Abe arrived on Monday."
    article = read_document(text, filename="abe.markdown")
    assert article.title == "Abe Visits Phnom Penh"
    assert (article.source, article.published) == ("Reuters", "2017-08-07")
    assert article.sentences == ["Mr. Abe arrived on Monday."]


def test_markdown_is_sniffed_without_a_file_name() -> None:
    text = "# Abe Visits\n\n**Mr. Abe** met [Hun Sen](https://x.example).\n\n- One item."
    assert detect_format(text) == "markdown"
    assert read_document(text).sentences == ["Mr. Abe met Hun Sen.", "One item."]


# --- HTML --------------------------------------------------------------------------------


def test_html_page() -> None:
    article = read_document(HTML_PAGE.read_bytes(), filename=HTML_PAGE.name)
    assert article.title == "Japan signs $90 million loan for Phnom Penh drainage"
    assert article.source == "The Mekong Ledger"
    assert article.published == "2018-01-09"
    assert article.url == "https://mekong-ledger.example/news/2018/01/japan-drainage-loan"
    assert article.sentences == [
        "Japan and Cambodia on Tuesday signed a loan agreement worth $90 million to upgrade "
        "the drainage network of Phnom Penh, officials said.",
        "The deal was signed by Foreign Minister Prak Sokhonn and Japanese Ambassador "
        "Hidehisa Horinouchi at the Ministry of Foreign Affairs.",
        "It follows Prime Minister Hun Sen\u2019s state visit to Tokyo in August.",
        "The project will build pumping stations and widen canals in the south of the "
        "capital, where the rainy season regularly floods homes and markets.",
        "\u201cThis loan shows the deep trust between our two countries,\u201d "
        "Mr. Horinouchi said.",
        "\u201cJapan will remain a reliable partner.\u201d",
        "Work is expected to start in 2019 and to be completed by 2023, according to the "
        "U.S. consultancy that drafted the feasibility study.",
    ]
    assert "Flood protection" in article.body
    for junk in ("cookie", "Share", "Related", "Advertisement", "rights reserved", "Sign in"):
        assert junk not in article.body
    assert article.warnings == []


def test_html_is_sniffed_and_url_override_kept() -> None:
    html = HTML_PAGE.read_text(encoding="utf-8")
    article = read_document(html, filename="page.txt", url="https://other.example/x")
    assert article.source == "The Mekong Ledger"
    assert article.url == "https://other.example/x"


def test_minimal_html_fragment_with_content_type() -> None:
    html = (
        "<p>Japan pledged a loan to Cambodia on Tuesday, officials in Phnom Penh said.</p>"
        "<p>The ministry welcomed the deal and said work would start next year.</p>"
    )
    article = read_document(html.encode(), content_type="text/html; charset=utf-8")
    assert article.sentences[0].startswith("Japan pledged a loan")


def test_html_with_only_scripts_and_nav_has_no_article() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Home</title>"
        "<script>var a = 1;</script></head><body><nav><a href='/'>Home</a>"
        "<a href='/news'>News</a></nav><script>track();</script></body></html>"
    )
    with pytest.raises(ArticleError, match="no article text"):
        read_document(html.encode(), filename="empty.html")


# --- refusals and decoding -------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n ", "\u00a0\u200b\n", ""])
def test_empty_document(data: bytes | str) -> None:
    with pytest.raises(ArticleError, match="is empty"):
        read_document(data)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"Title\n\nSome text\x00\x00\x00\x01\x02 and more",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "Japan\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f signed.",
    ],
)
def test_binary_is_refused(data: bytes | str) -> None:
    with pytest.raises(ArticleError, match="looks like a binary file, not an article"):
        read_document(data)


def test_pdf_is_named() -> None:
    with pytest.raises(ArticleError, match=r"\(PDF\)"):
        read_document(b"%PDF-1.4 rest")


def test_cp1252_is_decoded_with_a_warning() -> None:
    text = (
        "Japan\u2019s Loan\n\nThe Khmer Times, 9 January 2018\n\n"
        "\u201cJapan\u2019s aid matters,\u201d Mr Hun Sen said \u2013 again."
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = read_document(data, filename="loan.txt")
    assert article.title == "Japan\u2019s Loan"
    assert article.sentences == [
        "\u201cJapan\u2019s aid matters,\u201d Mr Hun Sen said \u2013 again."
    ]
    assert "decoded as cp1252" in article.warnings


def test_declared_charset_is_used() -> None:
    html = (
        "<html><head><meta charset='windows-1252'><title>Caf\u00e9 diplomacy</title></head>"
        "<body><article><h1>Caf\u00e9 diplomacy</h1><p>Japan\u2019s envoy met Cambodian "
        "officials at a caf\u00e9 in Phnom Penh on Tuesday to discuss the loan.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    article = read_document(html)
    assert article.title == "Caf\u00e9 diplomacy"
    assert article.sentences[0].startswith("Japan\u2019s envoy met")
    assert "decoded as cp1252 (declared charset)" in article.warnings


def test_title_only_document_has_no_article_text() -> None:
    with pytest.raises(ArticleError, match="no article text"):
        read_document("Just A Headline\n\nThe Khmer Times, 14 August 2017\n")
