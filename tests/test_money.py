"""Money amounts: currencies, scales, qualifiers, stated conversions, and what is not money."""

from __future__ import annotations

import pytest

from bot.extract.money import Money, find_money


def one(text: str) -> Money:
    amounts = find_money(text)
    assert len(amounts) == 1, amounts
    return amounts[0]


@pytest.mark.parametrize(
    ("text", "amount_text", "value", "currency"),
    [
        ("worth $90 million to", "$90 million", 90e6, "USD"),
        ("US$800 million", "US$800 million", 800e6, "USD"),
        ("U.S.$5 billion", "U.S.$5 billion", 5e9, "USD"),
        ("USD 1.2bn", "USD 1.2bn", 1.2e9, "USD"),
        ("$5m", "$5m", 5e6, "USD"),
        ("$2.7 bn", "$2.7 bn", 2.7e9, "USD"),
        ("$750k", "$750k", 750e3, "USD"),
        ("$3 trillion", "$3 trillion", 3e12, "USD"),
        ("2 billion US dollars", "2 billion US dollars", 2e9, "USD"),
        ("two billion dollars", "two billion dollars", 2e9, "USD"),
        ("50,000 dollars", "50,000 dollars", 50e3, "USD"),
        ("¥200 million", "¥200 million", 200e6, "JPY"),
        ("JPY 10 billion", "JPY 10 billion", 10e9, "JPY"),
        ("Yen 3,948 million", "Yen 3,948 million", 3948e6, "JPY"),
        ("200 million yen", "200 million yen", 200e6, "JPY"),
        ("€30 million", "€30 million", 30e6, "EUR"),
        ("EUR 30m", "EUR 30m", 30e6, "EUR"),
        ("5 million euros", "5 million euros", 5e6, "EUR"),
        ("£2.5 billion", "£2.5 billion", 2.5e9, "GBP"),
        ("₩10 trillion", "₩10 trillion", 10e12, "KRW"),
        ("5 billion won", "5 billion won", 5e9, "KRW"),
        ("฿500 million", "฿500 million", 500e6, "THB"),
        ("3 billion baht", "3 billion baht", 3e9, "THB"),
        ("KHR 4,000", "KHR 4,000", 4e3, "KHR"),
        ("1,000 riels", "1,000 riels", 1e3, "KHR"),
        ("100 million yuan", "100 million yuan", 100e6, "CNY"),
        ("RMB 5 billion", "RMB 5 billion", 5e9, "CNY"),
        ("Rs 500 crore", "Rs 500 crore", 5e9, "INR"),
        ("₹2 lakh", "₹2 lakh", 2e5, "INR"),
        ("VND 2 trillion", "VND 2 trillion", 2e12, "VND"),
        ("A$300 million", "A$300 million", 300e6, "AUD"),
        ("S$1.5bn", "S$1.5bn", 1.5e9, "SGD"),
        ("HK$4 billion", "HK$4 billion", 4e9, "HKD"),
        ("300 million Australian dollars", "300 million Australian dollars", 300e6, "AUD"),
        ("RM2 billion", "RM2 billion", 2e9, "MYR"),
        ("Rp 10 trillion", "Rp 10 trillion", 10e12, "IDR"),
        ("₱1 billion", "₱1 billion", 1e9, "PHP"),
    ],
)
def test_currencies_and_scales(text: str, amount_text: str, value: float, currency: str) -> None:
    amount = one(text)
    assert (amount.text, amount.value, amount.currency) == (amount_text, value, currency)
    assert text[amount.start : amount.end] == amount_text


@pytest.mark.parametrize(
    ("text", "usd"),
    [
        ("$2 billion", 2e9),  # plain "$" is the US dollar
        ("US$35 million", 35e6),
        ("two billion dollars", 2e9),
        ("¥200 million", None),  # never an invented exchange rate
        ("A$300 million", None),  # an Australian dollar is not a US dollar
        ("5 billion won", None),
    ],
)
def test_usd_value_only_when_stated(text: str, usd: float | None) -> None:
    assert one(text).usd == usd


@pytest.mark.parametrize(
    ("text", "amount_text", "qualifier"),
    [
        ("accounting for more than $244 million, to", "more than $244 million", "more than"),
        ("about $5 million", "about $5 million", "about"),
        ("nearly 3 billion baht", "nearly 3 billion baht", "nearly"),
        ("up to $5 million", "up to $5 million", "up to"),
        ("at least ¥1 billion", "at least ¥1 billion", "at least"),
        ("an estimated $9 billion", "an estimated $9 billion", "an estimated"),
        ("Over $1 billion", "Over $1 billion", "over"),
    ],
)
def test_qualifiers_stay_in_the_text(text: str, amount_text: str, qualifier: str) -> None:
    amount = one(text)
    assert (amount.text, amount.qualifier) == (amount_text, qualifier)


@pytest.mark.parametrize(
    ("text", "amount_text", "currency", "usd"),
    [
        (
            "a loan of Yen 3,948 million (about US$35 million) for",
            "Yen 3,948 million (about US$35 million)",
            "JPY",
            35e6,
        ),
        ("VND 2 trillion (US$88 million)", "VND 2 trillion (US$88 million)", "VND", 88e6),
        ("$35 million, or 3.9 billion yen", "$35 million, or 3.9 billion yen", "USD", 35e6),
        (
            "3.5 billion yuan (about US$550 million)",
            "3.5 billion yuan (about US$550 million)",
            "CNY",
            550e6,
        ),
        ("¥200 million ($1.8 million)", "¥200 million ($1.8 million)", "JPY", 1.8e6),
    ],
)
def test_stated_conversions_are_one_amount(
    text: str, amount_text: str, currency: str, usd: float
) -> None:
    amount = one(text)
    assert (amount.text, amount.currency, amount.usd) == (amount_text, currency, usd)


def test_several_amounts() -> None:
    amounts = find_money("a grant of ¥200 million and a loan of $50 million, up from $87 billion")
    assert [(a.text, a.usd) for a in amounts] == [
        ("¥200 million", None),
        ("$50 million", 50e6),
        ("$87 billion", 87e9),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "about 2,000 tonnes of rice",
        "trade rose 24 percent in 2017",
        "5 million people visited",
        "the 60th anniversary",
        "visited Japan 21 times",
        "Japan is an old friend of Cambodia.",
        "the US and Japan",
        "500 pounds of equipment",  # weight, not sterling
    ],
)
def test_not_money(text: str) -> None:
    assert find_money(text) == []
