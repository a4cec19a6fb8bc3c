"""Offline extractive summaries of one article, and a digest of its key facts.

``summarize`` picks the k sentences that carry the article, in article order.
Centrality comes first (LexRank: the sentences most similar to the rest of
the article are the ones the article is about); a position prior falling
linearly from the first sentence to the last, a bonus for fact-bearing
content and penalties for fragments, walls of text and quoted speech then
correct what centrality misses in news: the many opinion pieces in this
corpus open with atmosphere ("X is an old friend of Y") and put the visit,
the agreements and the money in the middle, so lead position alone is not
enough. MMR keeps the picks from repeating each other.

Everything is pure Python over dicts and sets, O(n²) in the number of
sentences; a 30-sentence article takes about 2 ms, so a summary is simply
computed when the article is stored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from itertools import compress, filterfalse
from operator import itemgetter, mul, sub
from types import MappingProxyType
from typing import NamedTuple

from bot.facts_text import describe_fact
from bot.records import Fact

# Lower-case phrases that only occur in page furniture (comment forms, share bars).
BOILERPLATE_MARKERS = (
    "leave a reply", "leave a comment", "commenting using", "log out", "click to share",
    "click to email", "click to print", "fill in your details", "connecting to %s",
    "notify me of new", "share this:", "like this:", "like loading", "subscribe to our",
    "sign up for our newsletter", "all rights reserved", "follow us on", "cookie policy",
    "your email address will not be published", "required fields are marked",
)  # fmt: skip
# Whole lines of the same furniture, harmless as phrases inside a real sentence.
BOILERPLATE_LINES = frozenset(
    {"google photo", "twitter picture", "facebook photo", "share this", "like this", "related",
     "advertisement", "share", "tweet", "print", "email"}
)  # fmt: skip


def _wordset(text: str) -> frozenset[str]:
    """A frozen set from a whitespace-separated literal: word lists stay readable."""
    return frozenset(text.split())


STOP_WORDS = _wordset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say mr mrs ms dr one two new year years well yet still
    """
)
# Stems of words that mark a sentence as reporting an event of bilateral relations.
_FACT_WORDS = _wordset(
    """visit agreement agree sign signing pledge request memorandum mou treaty partnership
    anniversary loan grant invest investment trade aid assistance deal accord summit meet
    meeting talk deploy contract fund donate donation export import
    """
)
_MONTH_WORDS = _wordset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_QUANTITY_STARTS = frozenset("$0123456789")
_QUANTITY_CHAR = re.compile(r"[$0-9]")  # no such character: no token can be a quantity
_STEM_ENDINGS = "sdg'’-"  # the last letters _stem may strip
_MONTH_TITLES = frozenset(word.capitalize() for word in _MONTH_WORDS)  # "may" is a verb too
_MONEY_WORDS = _wordset("million billion trillion usd dollar yen yuan euro riel rupee")
_FIRST_PERSON = _wordset("i me my mine we our ours")  # "us" apart: the US is no pronoun
# Words (any script), "$244", "1.5", "2,000", "7-9", "Abe’s", "5%".
_TOKEN_RE = re.compile(r"\$?\w[\w’'-]*(?:[.,]\d+)*%?")
_QUOTE_RE = re.compile(r"[“”\"]")
# A run of capitalised words after a space (so not the opening word): one named entity,
# "Bandung Conference" once rather than twice.
_NAME_RE = re.compile(r" ([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)")
_KIND_WEIGHT = MappingProxyType(
    {"visit": 3.0, "agreement": 3.0, "pledge": 2.5, "request": 2.0, "anniversary": 2.0,
     "meeting": 1.5}
)  # fmt: skip
_PRECISION_WEIGHT = MappingProxyType({"day": 0.6, "month": 0.4, "year": 0.2})

# Weights of the final score; tuned on the seed and on generic agency copy (see tests).
_DAMPING = 0.85
_ITERATIONS = 12  # a handful: the ranking settles long before the ranks do
_TOLERANCE = 1e-3  # L1 change; ranks average 1/n, far above it
_EDGE_MIN = 0.03  # weaker similarities are chance word overlap (see _similarity_matrix)
_W_CENTRAL = 0.6
_W_POSITION = 0.35
_W_FACTS = 1.0
_FACTS_CAP = 8.0  # a sentence with this much fact content gets the whole bonus
_SHORT_WORDS, _LONG_WORDS = 6, 55
_PENALTY_SHORT, _PENALTY_LONG, _PENALTY_QUOTE = 0.6, 0.25, 0.35
_MMR_LAMBDA = 0.7
_REDUNDANT = 0.6  # cosine similarity above which a candidate only repeats a pick


class _Sentence(NamedTuple):
    """A candidate sentence with what scoring needs, computed once."""

    position: int  # index in the caller's list
    original: str  # returned as given, so callers can find it in their list
    text: str  # whitespace-normalised
    stems: tuple[str, ...]
    facts: float  # weighted count of fact-like units, see _fact_weight
    penalty: float


def is_boilerplate(sentence: str) -> bool:
    """True for comment-form and share-bar text that cleaning may have let through."""
    return _is_furniture(" ".join(sentence.lower().split()))


def _is_furniture(normalised: str) -> bool:
    """``is_boilerplate`` on lower-cased, whitespace-normalised text."""
    return normalised.strip(" .:") in BOILERPLATE_LINES or any(
        map(normalised.__contains__, BOILERPLATE_MARKERS)
    )


def summarize(sentences: Sequence[str], *, k: int = 3) -> list[str]:
    """The ``k`` most informative, mutually distinct sentences, in article order.

    The sentences come back exactly as given (items of ``sentences``). Fewer
    than ``k`` come back when the article has fewer usable sentences:
    boilerplate, blanks and repeats are never used to fill the quota, since a
    padded summary is worse than a short one. Deterministic: ties go to the
    earlier sentence.
    """
    if k <= 0:
        return []
    candidates = _candidates(sentences)
    if not candidates:
        return []
    vectors = _tfidf([c.stems for c in candidates])
    similarity = _similarity_matrix(vectors)
    centrality = _lexrank(similarity)
    top = max(centrality) or 1.0
    scores = [
        _W_CENTRAL * centrality[i] / top
        + _W_POSITION * (1.0 - i / len(candidates))
        + _W_FACTS * min(c.facts, _FACTS_CAP) / _FACTS_CAP
        - c.penalty
        for i, c in enumerate(candidates)
    ]
    chosen = _mmr(scores, similarity, k)
    return [candidates[i].original for i in sorted(chosen)]


def one_line_summary(sentences: Sequence[str]) -> str:
    """The single best sentence (for ``/latest``); empty when there is none."""
    best = summarize(sentences, k=1)
    return best[0] if best else ""


def key_facts_digest(facts: Sequence[Fact], *, limit: int = 5) -> list[str]:
    """One plain-text line for each of the ``limit`` most important facts, most important first.

    Importance is read from the fields: the kind (visits and agreements
    first), a formal visit type, the money involved (log scale: $1 billion is
    more than $10 million, but not a hundred times more), how precisely it is
    dated, and whether it is a "first"/"third" (ordinal). Totals ("21 visits
    in total") rank low, they summarise rather than report. Lines that would
    read the same are given once.
    """
    ranked = sorted(
        enumerate(facts),
        key=lambda pair: (-_importance(pair[1]), pair[1].sentence_index or 0, pair[0]),
    )
    lines: list[str] = []
    for _, fact in ranked:
        if len(lines) >= limit:
            break
        line = describe_fact(fact)
        if line not in lines:
            lines.append(line)
    return lines


def _candidates(sentences: Sequence[str]) -> list[_Sentence]:
    """Usable sentences: not blank, not boilerplate, not an exact repeat, some content."""
    seen: set[str] = set()
    stems_of: dict[str, str] = {}  # per call: each word form is stemmed once
    out: list[_Sentence] = []
    for position, raw in enumerate(sentences):
        text = " ".join(raw.split())
        if not text:
            continue
        key = text.lower()
        if key in seen or _is_furniture(key):
            continue
        seen.add(key)
        tokens = _tokens(text)
        lowered = list(map(str.lower, tokens))
        content = list(filterfalse(STOP_WORDS.__contains__, lowered))
        if not content:
            continue
        for word in set(content).difference(stems_of):
            if len(word) <= 3 or word[-1] not in _STEM_ENDINGS:
                stems_of[word] = word  # most words: nothing to strip
            else:
                stems_of[word] = _stem(word)
        stems = tuple(map(stems_of.__getitem__, content))
        speech = (
            not _FIRST_PERSON.isdisjoint(lowered)
            or "us" in tokens
            or _QUOTE_RE.search(text) is not None
        )
        facts = _fact_weight(text, tokens, stems)
        penalty = _penalty(len(tokens), speech)
        out.append(_Sentence(position, raw, text, stems, facts, penalty))
    return out


def _tokens(text: str) -> list[str]:
    """``_TOKEN_RE.findall(text)`` for single-spaced text, word by word: no token spans a
    space, and a word of letters and digits only is one token as it stands."""
    tokens: list[str] = []
    for word in text.split(" "):
        if word.isalnum():
            tokens.append(word)
        else:
            tokens += _TOKEN_RE.findall(word)
    return tokens


def _fact_weight(text: str, tokens: list[str], stems: tuple[str, ...]) -> float:
    """Weighted count of the distinct fact-like units of a sentence.

    Money counts 2: amounts are what readers of bilateral news look for, and
    only reporting sentences carry them. Numbers, months and event words
    ("signed", "visit") count 1. Named entities — runs of capitalised words
    after the first word — count 0.5, since the two countries of an article
    appear in most of its sentences and say little there.
    """
    if _QUANTITY_CHAR.search(text):
        quantities = {token for token in tokens if token[0] in _QUANTITY_STARTS}
        dollars = sum(1 for token in quantities if token[0] == "$")
        numbers = len(quantities) - dollars
    else:  # no token can start with a digit or "$"
        dollars = numbers = 0
    money = dollars + len(_MONEY_WORDS.intersection(stems))
    months = len(_MONTH_TITLES.intersection(tokens))
    events = len(_FACT_WORDS.intersection(stems))
    names = len(set(map(str.lower, _NAME_RE.findall(text))) - _MONTH_WORDS)
    return 2.0 * money + numbers + months + events + 0.5 * names


def _stem(word: str) -> str:
    """Light suffix stripping: enough to join visit/visits/visited, not a full stemmer."""
    if len(word) <= 3 or word[-1] not in _STEM_ENDINGS:  # most words end in none of these
        return word
    if "'" in word or "’" in word or word[0] == "-" or word[-1] == "-":
        word = word.replace("’", "'").removesuffix("'s").strip("'-")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _penalty(words: int, speech: bool) -> float:
    """Fragments and walls of text summarise badly; so does quoted or first-person speech."""
    penalty = 0.0
    if words < _SHORT_WORDS:
        penalty += _PENALTY_SHORT
    elif words > _LONG_WORDS:
        penalty += _PENALTY_LONG * min(1.0, (words - _LONG_WORDS) / _LONG_WORDS)
    return penalty + (_PENALTY_QUOTE if speech else 0.0)


def _tfidf(documents: list[tuple[str, ...]]) -> list[dict[str, float]]:
    """Unit-length term weights per sentence, the article itself being the collection."""
    term_counts = [Counter(doc) for doc in documents]
    frequency: Counter[str] = Counter()
    for counts in term_counts:
        frequency.update(counts.keys())  # each term once per sentence
    total = len(documents)
    idf = {term: math.log(1.0 + total / count) for term, count in frequency.items()}
    vectors = []
    for counts in term_counts:
        weights = list(map(mul, counts.values(), map(idf.__getitem__, counts)))
        scale = 1.0 / (math.sqrt(sum(map(mul, weights, weights))) or 1.0)
        vectors.append(dict(zip(counts, map(scale.__mul__, weights), strict=True)))
    return vectors


def _similarity_matrix(vectors: list[dict[str, float]]) -> list[list[float]]:
    """Cosine similarity of every pair (unit vectors): O(n²) cheap set intersections.

    The diagonal and similarities below ``_EDGE_MIN`` are stored as 0: a
    sentence is not its own neighbour, and a shared common word is chance
    overlap, not a topical link — for the graph and for redundancy alike.
    """
    size = len(vectors)
    terms = [frozenset(v) for v in vectors]
    matrix = [[0.0] * size for _ in range(size)]
    fsum = math.fsum
    for i in range(size):
        weight_i, terms_i, row = vectors[i].__getitem__, terms[i], matrix[i]
        for j in range(i + 1, size):
            common = terms_i & terms[j]
            if common:
                # fsum: exact, so the result cannot depend on the set (hash-seed) order.
                value = fsum(map(mul, map(weight_i, common), map(vectors[j].__getitem__, common)))
                if value >= _EDGE_MIN:
                    row[j] = matrix[j][i] = value
    return matrix


def _lexrank(similarity: list[list[float]]) -> list[float]:
    """PageRank over the similarity graph (continuous LexRank), by power iteration.

    A sentence linked to nothing spreads its rank evenly, as PageRank's
    dangling nodes do, so the ranks always sum to one. The transition matrix
    is kept by column, and only its non-zero entries (terms that are exactly 0
    add nothing to a sum of non-negative floats, so skipping them changes no bit).
    The walk starts from the weighted degrees — where an undamped walk on a
    symmetric graph settles — so a handful of steps is enough.
    """
    size = len(similarity)
    degrees = [sum(row) for row in similarity]
    dangling = [i for i, degree in enumerate(degrees) if not degree]
    spread = 1.0 / size
    # The non-zero entries of the transition matrix, column after column, with
    # each column's slice of them. Row i of column j holds similarity[i][j] /
    # degree_i, non-zero where similarity[j][i] is (the matrix is symmetric), or
    # 1/n when sentence i is dangling.
    rows: list[int] = []
    weights: list[float] = []
    slices: list[slice] = []
    positions = range(size)
    for j, row in enumerate(similarity):
        linked = list(compress(positions, row))
        if dangling:
            linked = sorted(linked + dangling)
        slices.append(slice(len(rows), len(rows) + len(linked)))
        rows += linked
        weights += [(1.0 / degrees[i]) * similarity[i][j] if degrees[i] else spread for i in linked]
    teleport = (1.0 - _DAMPING) / size
    total = sum(degrees)
    rank = [degree / total for degree in degrees] if total else [spread] * size
    gather = itemgetter(*rows) if len(rows) > 1 else lambda ranks: [ranks[i] for i in rows]
    for _ in range(_ITERATIONS):
        # One C-level pass of products, then one sum per column, in row order.
        products = list(map(mul, gather(rank), weights))
        sums = map(sum, map(products.__getitem__, slices))
        new = [teleport + _DAMPING * column_sum for column_sum in sums]
        change = sum(map(abs, map(sub, new, rank)))
        rank = new
        if change < _TOLERANCE:
            break
    return rank


def _mmr(scores: list[float], similarity: list[list[float]], k: int) -> list[int]:
    """Maximal marginal relevance: good sentences that do not repeat those already chosen."""
    chosen: list[int] = []
    remaining = list(range(len(scores)))
    while remaining and len(chosen) < k:
        best, best_value = -1, -math.inf
        for i in remaining:
            overlap = max((similarity[i][j] for j in chosen), default=0.0)
            if overlap >= _REDUNDANT:
                continue
            value = _MMR_LAMBDA * scores[i] - (1.0 - _MMR_LAMBDA) * overlap
            if value > best_value:  # strict: the earlier sentence wins a tie
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
        remaining.remove(best)
    return chosen


def _importance(fact: Fact) -> float:
    """How much a fact matters to a reader of bilateral news; see ``key_facts_digest``."""
    score = _KIND_WEIGHT.get(fact.kind, 1.0)
    if fact.kind == "visit" and (fact.visit_type or "").lower() in ("state", "official"):
        score += 1.0
    if fact.amount_usd:
        score += 1.0 + max(0.0, math.log10(max(fact.amount_usd, 1.0) / 1e6)) / 3.0
    elif fact.amount_text:
        score += 0.5
    score += _PRECISION_WEIGHT.get(fact.precision or "", 0.0)
    if fact.ordinal:
        score += 0.3
    if fact.count is not None:
        score -= 1.5
    return score
