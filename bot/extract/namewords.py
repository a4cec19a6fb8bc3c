"""Word lists for finding people: titles, ministry words, words that are never names.

Kept apart from the matching code so they can be reviewed and extended as
plain data. Multi-word titles are separated by "|" in ``ROLES``.
"""

from __future__ import annotations

# Titles that introduce a name ("Prime Minister Hun Sen"); "|" separates entries.
_ROLES = """
    Prime Minister | Deputy Prime Minister | Senior Minister | President | Vice President |
    Vice-President | King | Queen | Emperor | Empress | Crown Prince | Crown Princess | Prince |
    Princess | Sultan | Chancellor | Premier | Vice Premier | Chairman | Chairwoman |
    Chairperson | Speaker | Secretary-General | Secretary General | Secretary of State | State
    Secretary | Secretary | State Counsellor | State Councillor | General Secretary | Minister |
    Deputy Minister | Vice Minister | State Minister | Minister of State | Ambassador | Governor
    | Mayor | Senator | General | Senior General | Lieutenant General | Admiral | Chief Minister
    | Director-General | Director General | Chief Executive | Special Envoy | Envoy | Foreign
    Minister | Defence Minister | Defense Minister | Finance Minister | Trade Minister |
    Commerce Minister | Economy Minister | Interior Minister | Industry Minister | Tourism
    Minister | Health Minister | Education Minister | Transport Minister | Agriculture Minister
    | Energy Minister | Planning Minister | Investment Minister | Labour Minister | Justice
    Minister | Information Minister | Environment Minister | Deputy Foreign Minister | Vice
    Foreign Minister | Senate President | National Assembly President | National Assembly
    Chairman | Supreme Leader | Party Chief | Leader
"""
ROLES: tuple[str, ...] = tuple(" ".join(r.split()) for r in _ROLES.split("|"))
# Lower-case titles, used in appositions (", the Japanese leader").
LOWER_ROLES: tuple[str, ...] = (
    "prime minister",
    "president",
    "foreign minister",
    "minister",
    "king",
    "queen",
    "premier",
    "ambassador",
    "envoy",
    "leader",
    "deputy prime minister",
)

# Words that may follow "Minister of" before the name begins.
_MINISTRY_WORDS = """
    & Affairs Agriculture Arts Cabinet Commerce Communications Cooperation Council Culture
    Defence Defense Development Economic Economy Education Energy Environment External Finance
    Fine Fisheries Foreign Forestry Handicraft Health Home Industrial Industry Information
    Interior International Investment Justice Labor Labour Land Mines Mining National Natural
    Office Planning Posts Public Religion Resources Rural Science Security Social Sports State
    Technology Telecommunications Tourism Trade Transport Veterans Water Women's Women’s Works
    Youth and the
"""
MINISTRY_WORDS = frozenset(_MINISTRY_WORDS.split())

# Capitalised words that are never part of a person's name.
_STOP_WORDS = """
    A AFP ASEAN Affairs Africa African After Agency Agreement Airport Also Ambassador An And
    Antara April As Asean Asia Asian Assembly Association At August Bank Before Bernama Both
    Bridge Building But By Cambodia-Japan Central Chairman Change City Cold Commission Committee
    Conference Connecting Cooperation Council Crown Daily Day December Deputy Development
    District Dr During East Economic Embassy Emperor Envoy European Excellency Exhibition Expo
    Facebook February For Foreign Forum Free Friday From Fund Games General Google Government
    Governor Gulf Hall He Her His House If In Indo-Pacific Initiative International Investment
    Island Islands It Its January Japanese July June King Kingdom Kyodo Lady Leader Leave Log
    Logo Lord Madam March May Mayor Mekong Middle Minister Ministry Monday Mr Mrs Ms National
    Nations New News North November Ocean October Of Office Old On Open Or Organisation
    Organization Our Out Over Pacific Palace Parliament Party Port Post Posted Premier President
    Prime Prince Princess Province Queen Reply Republic Reuters River Road Samdech Saturday Sea
    Secretary Senate September She Since Sir South Southeast Speaker State States Strategy
    Street Summit Sunday That The Their These They This Those Thursday Times To Trade Tuesday
    Twitter UN Under Unesco Union University Vice War We Wednesday West When While With World
    Xinhua Year
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

MALE_WORDS = frozenset(
    ("Emperor", "King", "Lord", "Mr", "Prince", "Samdech", "Sir", "Sultan", "he", "him", "his")
)
FEMALE_WORDS = frozenset(
    (
        "Dame",
        "Empress",
        "Lady",
        "Madam",
        "Madame",
        "Miss",
        "Mme",
        "Mrs",
        "Ms",
        "Princess",
        "Queen",
        "her",
        "hers",
        "she",
    )
)
