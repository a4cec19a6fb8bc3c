"""A deterministic synthetic news corpus for the benchmarks.

Every article is built from templates and random facts (nothing is copied
from real news): a title line, a blank line, "<Source>, <D Month YYYY>", a
blank line, then 6–15 paragraphs holding 20–40 sentences. About 40 % of the
sentences carry a fact in one of many phrasings — state, official and
working visits with date ranges, courtesy calls, MoUs and agreements, grants
and loans in US$, yen or euros, requests, pledges, trade targets,
anniversaries of diplomatic relations, meetings on the sidelines of
summits, running totals — and the rest is filler about tourism, trade
figures, analysts and the weather. The people are invented (about 200
leaders with unique surnames over 22 countries), the country pairs (about
40) are drawn from the seed, and so is everything else: the same
``(n, seed)`` always yields the same texts.

    .venv/bin/python bench/corpus.py OUT_DIR [--n 1000] [--seed 1]

writes the articles as ``OUT_DIR/<source>-<date>-<number>.txt``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# name | demonym | cities (capital first) [| "the"]. All are in the extractor's gazetteer.
COUNTRY_TABLE = """
Japan|Japanese|Tokyo,Osaka,Kyoto,Fukuoka
Cambodia|Cambodian|Phnom Penh,Siem Reap,Sihanoukville
China|Chinese|Beijing,Shanghai,Kunming,Nanning
South Korea|South Korean|Seoul,Busan,Incheon
Vietnam|Vietnamese|Hanoi,Ho Chi Minh City,Da Nang
Thailand|Thai|Bangkok,Chiang Mai,Phuket
Laos|Lao|Vientiane,Luang Prabang,Pakse
Myanmar|Myanmar|Naypyitaw,Yangon,Mandalay
Malaysia|Malaysian|Kuala Lumpur,Putrajaya,Penang
Singapore|Singaporean|Singapore
Indonesia|Indonesian|Jakarta,Surabaya,Bali
Philippines|Philippine|Manila,Cebu,Davao|the
India|Indian|New Delhi,Mumbai,Chennai
Australia|Australian|Canberra,Sydney,Melbourne
New Zealand|New Zealand|Wellington,Auckland
United States|American|Washington,New York,Honolulu|the
France|French|Paris,Lyon
Germany|German|Berlin,Munich,Frankfurt
United Kingdom|British|London,Edinburgh|the
Bangladesh|Bangladeshi|Dhaka,Chittagong
Sri Lanka|Sri Lankan|Colombo,Kandy
Mongolia|Mongolian|Ulaanbaatar
"""

ROLES = (
    ("Prime Minister", 2), ("President", 2), ("Foreign Minister", 2),
    ("Deputy Prime Minister", 1), ("Defence Minister", 1), ("Trade Minister", 1),
    ("Finance Minister", 1), ("Commerce Minister", 1),
)  # fmt: skip
SOURCES = (
    "Harbour Ledger", "Riverside Courier", "Delta Dispatch", "Capital Herald",
    "Monsoon Gazette", "Lotus Daily", "Pacific Chronicle", "Eastern Standard",
    "Straits Observer", "Highland Post", "Coastal Review", "Morning Tribune",
)  # fmt: skip
SUMMITS = (
    "ASEAN Summit", "G20 summit", "East Asia Summit", "APEC Leaders' Meeting",
    "UN General Assembly", "Mekong-Lancang Leaders' Meeting", "Asia-Europe Meeting",
    "Shangri-La Dialogue", "Boao Forum for Asia", "Nikkei Future of Asia conference",
)  # fmt: skip
SUMMIT_CITIES = (
    "Bangkok", "Jakarta", "Manila", "Singapore", "Tokyo", "Seoul", "New Delhi", "Hanoi",
    "Kuala Lumpur", "Sydney", "Paris", "Berlin", "Vientiane", "Phnom Penh",
)  # fmt: skip
TOPICS = (
    "maritime security", "disaster management", "customs cooperation", "agriculture",
    "renewable energy", "higher education", "public health", "cyber security",
    "tourism promotion", "digital economy", "water resources", "railway development",
    "civil aviation", "food safety", "labour mobility", "mine clearance", "space research",
    "climate change", "vocational training", "cultural exchange", "fisheries",
    "financial regulation", "anti-drug cooperation", "port management", "smart cities",
)  # fmt: skip
PROJECTS = (
    "a new terminal at the main airport", "the upgrade of National Road {n}",
    "a {n}-megawatt solar farm", "a water treatment plant in {city}",
    "the expansion of the port of {city}", "a ring road around {city}",
    "a children's hospital in {city}", "the modernisation of the railway to {city}",
    "flood protection along the {river} River", "rural electrification in {n} provinces",
    "a bridge across the {river} River", "a vocational training centre in {city}",
    "a metro line in {city}", "school buildings in {n} districts",
    "an irrigation scheme in the {river} basin", "a fibre-optic backbone",
)  # fmt: skip
RIVERS = ("Mekong", "Tonle", "Red", "Chao Phraya", "Irrawaddy", "Salween", "Kapuas", "Ganges")
PARTNERSHIPS = (
    "strategic partnership", "comprehensive partnership", "economic partnership agreement",
    "friendship treaty", "development cooperation framework",
)  # fmt: skip
FILLER = (
    "Analysts said the {noun} underscores {B}'s growing ties with the wider region.",
    "Tourist arrivals from {A} rose {pct} percent last year, according to the {ministry}.",
    "The {ministry} did not give further details.",
    "Officials from both sides described the talks as {adj} and {adj2}.",
    "{A} is one of {B}'s largest {partner}.",
    "The relationship has weathered {difficulty} in the past.",
    "Business leaders in {cityB} welcomed the {noun}.",
    "Several hundred {people} gathered outside the {building} to greet the delegation.",
    "The weather in {cityB} was {weather} throughout the {noun}.",
    "Bilateral trade stood at about {small} last year, with {goods} the main {flow}.",
    "More than {count} {A_dem} companies now operate in {B}, employing {count2} people.",
    "Some {people} in {cityB} said they hoped the {noun} would bring {benefit}.",
    "The {ministry} said further talks would be held at the working level.",
    "Critics have questioned whether the {projectword} will benefit ordinary people.",
    "{A_dem} media gave the {noun} extensive coverage.",
    "The two sides also discussed {issue} and {issue2}.",
    "Both governments have said they want closer cooperation on {topic}.",
    "Students from {B} make up one of the largest groups of foreign students in {A}.",
    "The delegation included officials from the ministries of {dept} and {dept2}.",
    "A joint statement is expected to be released at the end of the {noun}.",
    "Observers noted that {issue} remained a sensitive subject.",
    "The embassy in {cityA} hosted a reception for {people} and business leaders.",
    "Direct flights between {cityA} and {cityB} resumed {when_vague}.",
    "Economists expect {B}'s economy to grow by {pct} percent this year.",
    "Local newspapers in {B} carried the story on their front pages.",
    "The talks lasted about {hours} hours, longer than scheduled.",
    "The agenda was prepared over several months by senior officials.",
    "Security was tight around the {building} during the {noun}.",
    "The {adj} atmosphere of the talks was noted by diplomats from other countries.",
    "Exports of {goods} to {A} have risen steadily over the past decade.",
)
NOUNS = ("visit", "meeting", "talks", "trip", "summit", "event", "announcement")
ADJECTIVES = ("cordial", "productive", "frank", "constructive", "warm", "substantive", "open")
MINISTRIES = (
    "Foreign Ministry", "Ministry of Commerce", "Ministry of Tourism", "Finance Ministry",
    "Ministry of Planning", "Ministry of Information",
)  # fmt: skip
PARTNERS = ("trading partners", "investors", "donors", "sources of tourists", "export markets")
DIFFICULTIES = (
    "border disputes", "trade frictions", "diplomatic spats", "historical grievances",
    "periods of mistrust",
)  # fmt: skip
PEOPLE = ("residents", "students", "workers", "farmers", "traders", "monks", "volunteers")
BUILDINGS = ("Peace Palace", "presidential palace", "parliament", "airport", "city hall")
WEATHER = ("hot and humid", "wet", "unusually cool", "stormy", "clear and dry")
GOODS = (
    "rice", "garments", "rubber", "electronics", "cars", "machinery", "seafood", "coffee",
    "cassava", "furniture", "steel", "pharmaceuticals",
)  # fmt: skip
ISSUES = (
    "the South China Sea", "climate finance", "regional connectivity", "migrant workers",
    "cross-border crime", "illegal fishing", "the pandemic recovery", "energy security",
    "food prices", "the situation in Myanmar",
)  # fmt: skip
DEPARTMENTS = ("foreign affairs", "commerce", "health", "education", "defence", "agriculture")
BENEFITS = ("jobs", "better roads", "investment", "cheaper electricity", "more tourists")
VAGUE_TIMES = ("last year", "in recent months", "after a long pause", "earlier this year")
PROJECT_WORDS = ("projects", "loans", "investments", "agreements")

_GIVEN_ONSETS = ("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t",
                 "v", "w", "y", "z", "ch", "th")  # fmt: skip
_FAMILY_ONSETS = ("b", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br",
                  "kr", "tr", "st")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "a", "e", "o")
_CODAS = ("", "", "n", "r", "l", "s", "k", "m", "th")


@dataclass(frozen=True)
class Country:
    canonical: str  # the name facts report
    demonym: str
    cities: tuple[str, ...]
    article: str = ""  # "the" for "the Philippines"

    @property
    def name(self) -> str:
        """The name as a sentence uses it ("the Philippines")."""
        return f"{self.article} {self.canonical}" if self.article else self.canonical

    @property
    def capital(self) -> str:
        return self.cities[0]


@dataclass(frozen=True)
class Leader:
    given: str
    family: str
    role: str
    country: str
    gender: str  # "m" | "f"

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    @property
    def honorific(self) -> str:
        return "Mr" if self.gender == "m" else "Ms"


@dataclass(frozen=True)
class World:
    """The invented cast of one seed: countries, leaders by country, country pairs."""

    countries: dict[str, Country]
    leaders: dict[str, list[Leader]]
    pairs: list[tuple[str, str]]


def _countries() -> dict[str, Country]:
    table = {}
    for line in COUNTRY_TABLE.strip().splitlines():
        name, demonym, cities, *article = line.split("|")
        table[name] = Country(name, demonym, tuple(cities.split(",")), *article)
    return table


def _word(rng: random.Random, onsets: tuple[str, ...], syllables: int) -> str:
    parts = [rng.choice(onsets) + rng.choice(_VOWELS)]
    for _ in range(syllables - 1):
        parts.append(rng.choice("bdklmnprstv") + rng.choice(_VOWELS))
    return ("".join(parts) + rng.choice(_CODAS)).capitalize()


def make_world(seed: int, *, leaders: int = 200, pairs: int = 40) -> World:
    """The cast for ``seed``: ``leaders`` invented people and ``pairs`` country pairs."""
    rng = random.Random(f"world:{seed}")
    countries = _countries()
    names = list(countries)
    roles = [role for role, weight in ROLES for _ in range(weight)]
    by_country: dict[str, list[Leader]] = {name: [] for name in names}
    families: set[str] = set()
    for index in range(leaders):
        country = names[index % len(names)]
        family = _word(rng, _FAMILY_ONSETS, rng.choice((2, 2, 3)))
        while family in families or len(family) < 4:
            family = _word(rng, _FAMILY_ONSETS, rng.choice((2, 3)))
        families.add(family)
        given = _word(rng, _GIVEN_ONSETS, rng.choice((1, 2, 2)))
        role = roles[len(by_country[country]) % len(roles)]
        gender = rng.choice("mf")
        by_country[country].append(Leader(given, family, role, country, gender))
    all_pairs = list(itertools.combinations(names, 2))
    rng.shuffle(all_pairs)
    return World(countries, by_country, all_pairs[:pairs])


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def human(day: dt.date, *, year: bool = True) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


_MILLIONS = (5, 8, 10, 12, 15, 20, 25, 30, 45, 50, 60, 75, 80, 100, 120, 150, 200, 250, 300,
             450, 500, 750)  # fmt: skip


def _money(rng: random.Random, *, big: bool = False) -> str:
    """An amount in US$, yen or euros, in the ways agency copy writes them."""
    if big:
        billions = rng.choice((1, 2, 3, 5, 8, 10, 12, 15, 20))
        return f"US${billions} billion" if rng.random() < 0.5 else f"${billions} billion"
    style = rng.randrange(7)
    millions = rng.choice(_MILLIONS)
    if style == 0:
        return f"US${millions} million"
    if style == 1:
        return f"${millions} million"
    if style == 2:
        return f"US${millions / 1000:g} billion" if millions >= 100 else f"US${millions}m"
    if style == 3:
        yen = millions * rng.choice((100, 110, 120, 130))
        return f"{yen / 1000:g} billion yen (about US${millions} million)"
    if style == 4:
        return f"{millions * 110 / 1000:g} billion yen"
    if style == 5:
        return f"{millions} million euros"
    return f"€{millions} million"


class _Article:
    """Everything one article's templates fill in, drawn once per article."""

    def __init__(self, world: World, rng: random.Random, published: dt.date) -> None:
        self.rng = rng
        self.published = published
        self.a_name, self.b_name = rng.choice(world.pairs)
        if rng.random() < 0.5:
            self.a_name, self.b_name = self.b_name, self.a_name
        self.A = world.countries[self.a_name]
        self.B = world.countries[self.b_name]
        self.a1, self.a2 = rng.sample(world.leaders[self.a_name], 2)
        self.b1, self.b2 = rng.sample(world.leaders[self.b_name], 2)

    # -- slots ---------------------------------------------------------------

    def full(self, leader: Leader, *, demonym: bool = True) -> str:
        """'Japanese Prime Minister Tavi Morasen' (or without the demonym)."""
        country = self.A if leader.country == self.A.canonical else self.B
        prefix = f"{country.demonym} " if demonym else ""
        return f"{prefix}{leader.role} {leader.name}"

    def short(self, leader: Leader) -> str:
        return self.rng.choice((f"{leader.honorific} {leader.family}", leader.family))

    def year_ago(self, low: int = 2, high: int = 30) -> int:
        return self.published.year - self.rng.randint(low, high)

    def event(self, *, future: bool) -> dt.date:
        offset = self.rng.randint(3, 40)
        return self.published + dt.timedelta(days=offset if future else -offset)

    def span(self, *, future: bool) -> str:
        """A date range in one of several styles ('from 7 to 9 August', 'on August 7-9')."""
        start = self.event(future=future)
        end = start + dt.timedelta(days=self.rng.randint(1, 4))
        style = self.rng.randrange(4)
        if start.month != end.month:
            return f"from {human(start, year=False)} to {human(end, year=False)}"
        month = MONTHS[start.month - 1]
        if style == 0:
            return f"from {start.day} to {end.day} {month}"
        if style == 1:
            return f"on {month} {start.day}-{end.day}"
        if style == 2:
            return f"from {start.day} to {end.day} {month} {start.year}"
        return f"on {start.day}-{end.day} {month}"

    def when(self, *, future: bool = False) -> str:
        """A single day: absolute, a weekday, or a relative phrase."""
        style = self.rng.randrange(5)
        day = self.event(future=future)
        if style == 0:
            return f"on {human(day)}"
        if style == 1:
            return f"on {human(day, year=False)}"
        if style == 2:
            return f"in {MONTHS[day.month - 1]}"
        if future:
            return self.rng.choice(("next month", "next week", "later this year"))
        return self.rng.choice(("on " + self.rng.choice(WEEKDAYS), "last week", "yesterday"))

    def money(self, *, big: bool = False) -> str:
        return _money(self.rng, big=big)

    def project(self) -> str:
        rng = self.rng
        return rng.choice(PROJECTS).format(
            n=rng.randint(2, 80), city=rng.choice(self.B.cities), river=rng.choice(RIVERS)
        )

    def topic(self) -> str:
        return self.rng.choice(TOPICS)

    def summit(self) -> tuple[str, str]:
        return self.rng.choice(SUMMITS), self.rng.choice(SUMMIT_CITIES)

    # -- fact sentences --------------------------------------------------------

    def facts(self) -> list[Callable[[], str]]:
        return [
            self.state_visit, self.official_arrival, self.working_visit, self.during_visit,
            self.courtesy_call, self.scheduled_visit, self.nth_visit, self.visit_total,
            self.return_visit, self.sidelines, self.leaders_met, self.talks_in,
            self.mou, self.agreement_signed, self.agreements_count, self.loan_agreement,
            self.grant, self.yen_loan, self.euro_pledge, self.provided_since, self.request,
            self.support_request, self.investment_pledge, self.trade_target,
            self.trade_double, self.anniversary, self.anniversary_established,
            self.anniversary_partnership,
        ]  # fmt: skip

    def state_visit(self) -> str:
        kind = self.rng.choice(("a state", "an official", "a working"))
        future = self.rng.random() < 0.4
        verb = "will pay" if future else "paid"
        return (
            f"{self.full(self.a1)} {verb} {kind} visit to {self.B.name} {self.span(future=future)}."
        )

    def official_arrival(self) -> str:
        days = self.rng.choice(("two", "three", "four", "five"))
        first = self.year_ago()
        return (
            f"{self.full(self.a1, demonym=False)} arrived in {self.B.capital} "
            f"{self.when()} for a {days}-day official visit, the first by a "
            f"{self.A.demonym} {self.a1.role.lower()} since {first}."
        )

    def working_visit(self) -> str:
        return f"{self.a2.name} will pay a working visit to {self.B.name} {self.span(future=True)}."

    def during_visit(self) -> str:
        kind = self.rng.choice(("state", "official"))
        pronoun = "his" if self.a1.gender == "m" else "her"
        return (
            f"During {pronoun} {kind} visit to {self.B.name} {self.span(future=False)}, "
            f"{self.full(self.a1, demonym=False)} met {self.full(self.b1)}."
        )

    def courtesy_call(self) -> str:
        when = self.when()
        return (
            f"{when[0].upper()}{when[1:]}, {self.full(self.a2)} paid a courtesy "
            f"call on {self.full(self.b1)} in {self.rng.choice(self.B.cities)}."
        )

    def scheduled_visit(self) -> str:
        kind = self.rng.choice(("an official", "a state", "a working"))
        return (
            f"{self.full(self.b2)} is scheduled to make {kind} visit to "
            f"{self.A.name} {self.when(future=True)}."
        )

    def nth_visit(self) -> str:
        return (
            f"It was {self.a1.family}'s {ordinal(self.rng.randint(1, 6))} visit to "
            f"{self.B.name} since taking office in {self.year_ago(1, 8)}."
        )

    def visit_total(self) -> str:
        return f"{self.short(self.a1)} has visited {self.B.name} {self.rng.randint(2, 25)} times."

    def return_visit(self) -> str:
        return (
            f"{self.full(self.b1)} will visit {self.A.capital} {self.span(future=True)} "
            f"at the invitation of {self.a1.name}."
        )

    def sidelines(self) -> str:
        summit, city = self.summit()
        return (
            f"{self.full(self.a1)} held talks with {self.full(self.b1)} on the sidelines of "
            f"the {summit} in {city} {self.when()}."
        )

    def leaders_met(self) -> str:
        summit, city = self.summit()
        year = self.year_ago(1, 10)
        month = self.rng.choice(MONTHS)
        return (
            f"{self.a1.name} and {self.b1.name} last met on the sidelines of the {summit} "
            f"in {city} in {month} {year}."
        )

    def talks_in(self) -> str:
        return (
            f"{self.a2.name} and {self.b2.name} held bilateral talks in "
            f"{self.rng.choice(self.B.cities)} {self.when()}."
        )

    def mou(self) -> str:
        word = self.rng.choice(("a memorandum of understanding", "an MoU"))
        return f"The two sides signed {word} on {self.topic()} {self.when()}."

    def agreement_signed(self) -> str:
        day = self.event(future=False)
        return (
            f"{self.A.name} and {self.B.name} signed an agreement on {self.topic()} in "
            f"{self.rng.choice(self.B.cities)} on {human(day)}."
        )

    def agreements_count(self) -> str:
        topics = self.rng.sample(TOPICS, 3)
        return (
            f"The two countries signed {self.rng.randint(3, 30)} agreements covering "
            f"{topics[0]}, {topics[1]} and {topics[2]}."
        )

    def loan_agreement(self) -> str:
        return (
            f"{self.a2.name} and {self.b2.name} signed a loan agreement worth "
            f"{self.money()} for {self.project()}."
        )

    def grant(self) -> str:
        return (
            f"{self.A.name} will provide a grant of {self.money()} to {self.B.name} for "
            f"{self.project()}."
        )

    def yen_loan(self) -> str:
        return (
            f"{self.A.name} agreed to extend a concessional loan of {self.money()} to "
            f"{self.B.name} to finance {self.project()}."
        )

    def euro_pledge(self) -> str:
        return (
            f"The {self.A.demonym} government pledged {self.money()} in development "
            f"assistance for {self.B.name}."
        )

    def provided_since(self) -> str:
        return (
            f"{self.A.name} has provided {self.B.name} with more than {self.money(big=True)} "
            f"in loans and grants since {self.year_ago(10, 30)}."
        )

    def request(self) -> str:
        return (
            f"{self.B.name} asked {self.A.name} for a loan of {self.money()} to build "
            f"{self.project()}."
        )

    def support_request(self) -> str:
        return (
            f"{self.full(self.b2, demonym=False)} requested {self.A.demonym} support for "
            f"{self.project()}."
        )

    def investment_pledge(self) -> str:
        pronoun = "his" if self.a1.gender == "m" else "her"
        return (
            f"{self.short(self.a1)} pledged to encourage {self.A.demonym} investment in "
            f"{self.B.name} and said {pronoun} government would offer {self.money()} in "
            f"soft loans."
        )

    def trade_target(self) -> str:
        year = self.published.year + self.rng.randint(2, 8)
        return f"Both sides aim to raise bilateral trade to {self.money(big=True)} by {year}."

    def trade_double(self) -> str:
        year = self.published.year + self.rng.randint(2, 8)
        return f"The two countries agreed to double trade to {self.money(big=True)} by {year}."

    def anniversary(self) -> str:
        n = self.rng.randint(10, 75)
        return (
            f"This year marks the {ordinal(n)} anniversary of diplomatic relations between "
            f"{self.A.name} and {self.B.name}."
        )

    def anniversary_established(self) -> str:
        n = self.rng.randint(10, 75)
        start = dt.date(self.published.year - n, self.rng.randint(1, 12), self.rng.randint(1, 28))
        return (
            f"{self.published.year} marks the {ordinal(n)} anniversary of diplomatic "
            f"relations, which were established on {human(start)}."
        )

    def anniversary_partnership(self) -> str:
        n = self.rng.randint(5, 30)
        return (
            f"The visit coincides with the {ordinal(n)} anniversary of the "
            f"{self.A.canonical}-{self.B.canonical} {self.rng.choice(PARTNERSHIPS)}."
        )

    # -- the rest ------------------------------------------------------------

    def filler(self, template: str) -> str:
        rng = self.rng
        adj, adj2 = rng.sample(ADJECTIVES, 2)
        issue, issue2 = rng.sample(ISSUES, 2)
        dept, dept2 = rng.sample(DEPARTMENTS, 2)
        return template.format(
            A=self.A.name, B=self.B.name, A_dem=self.A.demonym,
            cityA=rng.choice(self.A.cities), cityB=rng.choice(self.B.cities),
            noun=rng.choice(NOUNS), adj=adj, adj2=adj2,
            ministry=rng.choice(MINISTRIES), partner=rng.choice(PARTNERS),
            difficulty=rng.choice(DIFFICULTIES), people=rng.choice(PEOPLE),
            building=rng.choice(BUILDINGS), weather=rng.choice(WEATHER),
            goods=rng.choice(GOODS), flow=rng.choice(("export", "import")),
            pct=rng.randint(2, 40), count=rng.randint(20, 900),
            count2=f"{rng.randint(1, 90) * 1000:,}",
            benefit=rng.choice(BENEFITS), projectword=rng.choice(PROJECT_WORDS),
            issue=issue, issue2=issue2, topic=self.topic(), dept=dept, dept2=dept2,
            when_vague=rng.choice(VAGUE_TIMES), hours=rng.randint(2, 6),
            small=self.money(),
        )  # fmt: skip

    def title(self) -> str:
        rng = self.rng
        return rng.choice((
            f"{self.A.demonym} {self.a1.role.lower()} visits {self.B.name}",
            f"{self.A.name} and {self.B.name} sign {rng.randint(3, 20)} agreements",
            f"{self.A.canonical}-{self.B.canonical} ties: {rng.randint(10, 70)} years on",
            f"{self.B.name} seeks {self.A.demonym} loan for {rng.choice(GOODS)} sector",
            f"{self.a1.family} and {self.b1.family} pledge closer cooperation",
            f"New momentum in {self.A.canonical}-{self.B.canonical} relations",
            f"{self.A.name} to boost aid to {self.B.name}",
            f"{self.B.demonym} leader hosts {self.A.demonym} delegation",
        ))  # fmt: skip


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _capital(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:]


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    """6–15 non-empty paragraphs from the sentences, in order."""
    count = min(len(sentences), rng.randint(6, 15))
    cuts = sorted(rng.sample(range(1, len(sentences)), count - 1))
    bounds = [0, *cuts, len(sentences)]
    return [" ".join(sentences[a:b]) for a, b in itertools.pairwise(bounds)]


def article(world: World, rng: random.Random, number: int) -> tuple[str, str]:
    """One article: (file name, text)."""
    start = dt.date(1995, 1, 1).toordinal()
    published = dt.date.fromordinal(rng.randint(start, dt.date(2025, 12, 31).toordinal()))
    art = _Article(world, rng, published)
    total = rng.randint(20, 40)
    fact_makers = art.facts()
    fact_count = round(total * rng.uniform(0.3, 0.5))
    lead = rng.choice(fact_makers[:6])()
    body = [art.filler(template) for template in rng.sample(FILLER, total - fact_count)]
    body += [rng.choice(fact_makers)() for _ in range(fact_count - 1)]
    rng.shuffle(body)
    sentences = [_capital(sentence) for sentence in (lead, *body)]
    source = rng.choice(SOURCES)
    paragraphs = "\n\n".join(_paragraphs(rng, sentences))
    text = f"{_capital(art.title())}\n\n{source}, {human(published)}\n\n{paragraphs}\n"
    name = f"{_slug(source)}-{published.isoformat()}-{number:06d}.txt"
    return name, text


def generate(n: int, seed: int = 1) -> Iterator[tuple[str, str]]:
    """``n`` articles as (file name, text), the same ones for the same seed."""
    world = make_world(seed)
    rng = random.Random(f"articles:{seed}")
    for number in range(n):
        yield article(world, rng, number)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the .txt articles to")
    parser.add_argument("--n", type=int, default=1000, help="how many articles (1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in generate(args.n, args.seed):
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {args.n} articles to {args.out}")


if __name__ == "__main__":
    main()
