"""Web boilerplate is removed; article text that merely mentions the web is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.extract.boilerplate import (
    boilerplate_mask,
    find_tail_cut,
    is_boilerplate_line,
    strip_boilerplate,
    strip_boilerplate_lines,
)

SEED = (
    Path(__file__).resolve().parent.parent
    / "seeds"
    / "khmer-times-2017-08-14-new-momentum-in-cambodia-japan-ties.txt"
)
ARTICLE = (
    "Japan and Cambodia signed a loan agreement worth $90 million on Tuesday.\n\n"
    "The deal was signed by Foreign Minister Prak Sokhonn at the ministry.\n\n"
    "Work is expected to start in 2019 and to be completed by 2023."
)


def test_seed_comment_form_is_removed() -> None:
    cleaned = strip_boilerplate(SEED.read_text(encoding="utf-8"))
    for phrase in (
        "Leave a Reply",
        "Fill in your details",
        "commenting",
        "Log\u00a0Out",
        "Log Out",
        "Google photo",
        "Twitter picture",
        "Facebook photo",
        "Connecting to",
    ):
        assert phrase not in cleaned
    assert cleaned.endswith("his friendship to me.\u201d")


def test_seed_prose_mentioning_facebook_is_kept() -> None:
    cleaned = strip_boilerplate(SEED.read_text(encoding="utf-8"))
    assert "Posted on his Facebook page two days after his visit, Mr Hun Sen" in cleaned


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "Leave a comment",
        "Fill in your details below or click an icon to log in: Logo",
        "You are commenting using your WordPress.com account. Log Out / Change )",
        "Log\u00a0Out\u00a0/\u00a0 Change\u00a0)",
        "Connecting to %s",
        "Notify me of new comments via email.",
        "Notify me of new posts via email.",
        "Post was not sent - check your email addresses!",
        "Share this:",
        "Click to share on Twitter (Opens in new window)",
        "Click to email a link to a friend (Opens in new window)",
        "Like this:",
        "Like Loading...",
        "Loading...",
        "Related",
        "Subscribe to our newsletter",
        "Sign in",
        "Sign up for our daily briefing",
        "Read more: Japan pledges $2 billion for Cambodian roads",
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "This website uses cookies.",
        "\u00a9 2018 The Mekong Ledger. All rights reserved.",
        "All rights reserved.",
        "Advertisement",
        "ADVERTISEMENT",
        "Google photo",
        "Twitter picture",
        "Facebook photo",
        "Facebook",
        "Share on Facebook",
        "Photo: Reuters",
        "Tags: Cambodia, Japan, Hun Sen",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Posted on his Facebook page two days after his visit, Mr Hun Sen showed a photo.",
        "Japanese cookies were served at the state dinner.",
        "Japan will share its experience in flood control.",
        "Related talks are expected in Tokyo next month.",
        "Mr Hun Sen said he would sign in Tokyo.",
        "Read more about the agreement in the ministry's statement.",
        "Copyright protection was also on the agenda.",
        "Advertisement revenue of Cambodian media has fallen.",
        "Both sides agreed to cooperate on certain international issues.",
        "",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_wordpress_share_block_at_the_end_is_cut() -> None:
    text = (
        ARTICLE + "\n\nShare this:\nTwitter\nFacebook\nLike this:\nLike Loading...\n\nRelated\n"
        'Hun Sen wraps up Tokyo visit\nAugust 10, 2017\nIn "Politics"'
    )
    assert strip_boilerplate(text) == ARTICLE


def test_related_block_with_unknown_headlines_is_cut() -> None:
    text = ARTICLE + "\n\nRelated\n\nSkytrain plan awaits Japanese decision\n\nAsean summit"
    assert strip_boilerplate(text) == ARTICLE


def test_mid_article_boilerplate_line_is_dropped_and_text_kept() -> None:
    lines = ARTICLE.split("\n\n")
    text = f"{lines[0]}\n\nAdvertisement\n\n{lines[1]}\n\nRelated\n\n{lines[2]}"
    assert strip_boilerplate(text) == "\n\n\n".join(lines)


def test_weak_starter_does_not_cut_a_long_remaining_article() -> None:
    long_text = " ".join(["Japan and Cambodia agreed to deepen ties."] * 10)
    lines = ["Japan is an old friend of Cambodia, officials said on Monday in Tokyo."] * 3
    lines += ["Related", long_text]
    assert find_tail_cut(lines) == len(lines)
    assert strip_boilerplate_lines(lines)[-1] == long_text


def test_starter_at_the_top_does_not_remove_the_article() -> None:
    text = "Leave a Reply\n\n" + ARTICLE
    assert strip_boilerplate(text) == "\n" + ARTICLE


def test_comments_after_the_form_are_dropped() -> None:
    text = ARTICLE + "\n\nLeave a Reply\n\nSok Dara says:\nGreat news for Phnom Penh!"
    assert strip_boilerplate(text) == ARTICLE


def test_mask_marks_boilerplate_and_tail() -> None:
    lines = [ARTICLE, "Advertisement", "more prose here", "Share this:", "Sok Dara"]
    assert boilerplate_mask(lines) == [False, True, False, True, True]
