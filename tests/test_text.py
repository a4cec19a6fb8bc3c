"""Normalisation and hashing: the same words must look (and hash) the same."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.extract.text import (
    _HASH_FOLD,
    _HASH_FOLD_CHARS,
    body_hash,
    content_hash,
    fold_for_hash,
    normalize_line,
    normalize_text,
)


def test_odd_spaces_become_plain_spaces() -> None:
    text = "New Momentum in Cambodia-Japan\u00a0Ties\u2009and\u202fmore\u3000here\tnow"
    assert normalize_text(text) == "New Momentum in Cambodia-Japan Ties and more here now"


def test_zero_width_and_soft_hyphen_are_removed() -> None:
    assert normalize_text("Cam\u200bbo\u00addia\u2060 and\ufeff Japan") == "Cambodia and Japan"


def test_line_endings_are_unified() -> None:
    text = "one\r\ntwo\rthree\u2028four\u2029five\x85six"
    assert normalize_text(text) == "one\ntwo\nthree\nfour\nfive\nsix"


def test_control_characters_are_stripped() -> None:
    assert normalize_text("Japan\x07 and\x1b Cambodia\x00\x7f") == "Japan and Cambodia"


def test_space_runs_collapse_and_lines_are_trimmed() -> None:
    text = "  Japan   and \u00a0 Cambodia  \n\n   signed    a deal.  "
    assert normalize_text(text) == "Japan and Cambodia\n\nsigned a deal."


def test_blank_lines_are_kept_for_paragraphs() -> None:
    assert normalize_text("a\n \n\u00a0\nb") == "a\n\n\nb"


def test_composed_and_decomposed_accents_compare_equal() -> None:
    assert normalize_text("Cafe\u0301") == normalize_text("Caf\u00e9") == "Caf\u00e9"


def test_normalize_line_joins_lines() -> None:
    assert normalize_line("  The Khmer\nTimes \r\n ") == "The Khmer Times"


def test_fold_for_hash_ignores_case_spacing_and_typography() -> None:
    typeset = "Japan\u2019s \u201cFree and Open\u201d\u00a0strategy \u2014 2017\u2026"
    plain = 'JAPAN\'S  "free and open" strategy - 2017...'
    assert fold_for_hash(typeset) == fold_for_hash(plain)


def test_same_normalised_text_hashes_the_same() -> None:
    body = "Japan is an old friend of Cambodia.\n\nThe ties deepened."
    variant = "Japan is an  old\u00a0friend of CAMBODIA.\r\n\r\nThe ties deepened. "
    assert body_hash(body) == body_hash(variant)
    assert content_hash("New Momentum", body) == content_hash("new\u00a0momentum ", variant)


def test_hashes_differ_for_different_text() -> None:
    assert body_hash("Japan signed a deal.") != body_hash("Japan signed two deals.")
    assert content_hash("A", "same body") != content_hash("B", "same body")
    # Moving a word across the title/body boundary is a different article.
    assert content_hash("Japan and", "Cambodia") != content_hash("Japan", "and Cambodia")


def test_body_hash_ignores_the_title() -> None:
    body = "Japan is an old friend of Cambodia."
    assert content_hash("Headline one", body) != content_hash("Headline two", body)
    assert body_hash(body) == body_hash(body + "\n")


def test_hash_is_sha256_hex() -> None:
    digest = body_hash("x")
    assert len(digest) == 64
    assert int(digest, 16) >= 0


_ANY_TEXT = st.text(
    st.characters(codec="utf-8")
    | st.sampled_from(" \n\r\t\u00a0\u2028\u2019\u201c\u2014\u2026\u00df\u0130\x1c\x85\ufeff"),
    max_size=60,
)


@settings(max_examples=500, deadline=None)
@given(_ANY_TEXT)
def test_fold_for_hash_is_its_definition_on_any_text(text: str) -> None:
    """fold_for_hash takes shortcuts (lower() on ASCII, joining lines instead of
    splitting on whitespace) that rely on normalize_text's output: it must
    equal the plain definition — typography folded, case folded, every run of
    whitespace one space — or stored hashes would stop matching."""
    folded = _HASH_FOLD_CHARS.sub(lambda m: _HASH_FOLD[m.group(0)], normalize_text(text))
    assert fold_for_hash(text) == " ".join(folded.casefold().split())
