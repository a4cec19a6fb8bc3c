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

Reading a sentence is cached word by word, similarities are summed only
over the pairs of sentences sharing a term, and the power iteration runs in
numpy; a 30-sentence article takes about 1 ms, so a summary is simply
computed when the article is stored. Every sum is computed in the order, or
with the exactness (``math.fsum``), that it always had: the same input gives
the same floats, to the bit, hence the same picks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, chain, count
from operator import sub
from types import MappingProxyType
from typing import NamedTuple

import numpy as np

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


class _Word(NamedTuple):
    """What one space-delimited word adds to its sentence: the same wherever it occurs."""

    tokens: int  # how many tokens _TOKEN_RE finds in it
    speech: bool  # a first-person pronoun, "us" or a quotation mark
    stems: tuple[str, ...]  # stems of its content (non-stop) tokens, in order
    units: tuple[str, ...]  # fact-like units, see _read_word


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
    return _is_furniture_line(normalised) or _has_marker(normalised)


def _is_furniture_line(normalised: str) -> bool:
    """A whole line of furniture ("Share this:", "Advertisement")."""
    return normalised.strip(" .:") in BOILERPLATE_LINES


def _has_marker(normalised: str) -> bool:
    """A furniture phrase anywhere in the text ("... commenting using your ...")."""
    return any(map(normalised.__contains__, BOILERPLATE_MARKERS))


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
    similarity = _similarity_matrix([c.stems for c in candidates])
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
    """Usable sentences: not blank, not boilerplate, not an exact repeat, some content.

    A sentence is read word by word through ``_read_word``, which remembers
    words across sentences and articles: news repeats its vocabulary, and
    tokenising and stemming are most of the cost of a summary. The words of
    all usable sentences are read in one pass, then handed out sentence by
    sentence.
    """
    words_of = list(map(str.split, sentences))
    texts = list(map(" ".join, words_of))
    usable = _usable_positions(list(map(str.lower, texts)))
    chosen = [words_of[position] for position in usable]
    readings = list(map(_read_word, chain.from_iterable(chosen)))
    if not readings:
        return []
    tokens, speech, stems, units = zip(*readings, strict=True)
    out: list[_Sentence] = []
    end = 0
    for position, words in zip(usable, chosen, strict=True):
        start, end = end, end + len(words)
        content = tuple(chain.from_iterable(stems[start:end]))
        if not content:
            continue
        text = texts[position]
        facts = _fact_weight(text, units[start:end])
        penalty = _penalty(sum(tokens[start:end]), any(speech[start:end]))
        out.append(_Sentence(position, sentences[position], text, content, facts, penalty))
    return out


def _usable_positions(keys: list[str]) -> list[int]:
    """Positions of the lower-cased, single-spaced sentences that are not blank, not
    furniture and not a repeat of an earlier one (a repeat is not looked at again).

    A furniture phrase never spans a line, so the phrases absent from the
    whole article are found in one search each, and only those present (most
    often none) are looked for sentence by sentence.
    """
    article = "\n".join(keys)
    markers = [marker for marker in BOILERPLATE_MARKERS if marker in article]
    seen: set[str] = set()
    usable: list[int] = []
    for position, key in enumerate(keys):
        if not key or key in seen:
            continue
        if key.strip(" .:") in BOILERPLATE_LINES or any(map(key.__contains__, markers)):
            continue
        seen.add(key)
        usable.append(position)
    return usable


@lru_cache(maxsize=1 << 14)  # a few MB; covers the working vocabulary of news
def _read_word(word: str) -> _Word:
    """Tokens, stems and fact-like units of one word of single-spaced text.

    No token of ``_TOKEN_RE`` spans a space, so a sentence's tokens are its
    words' tokens in turn, and a word of letters and digits only is one token
    as it stands. A pure function of the word, hence cached.

    The units are what ``_fact_weight`` counts, each distinct one once:
    numbers, month names (title-case tokens) and event stems; money ("$"
    amounts, currency stems) counts twice, so it is listed twice, the second
    time with a trailing space no token has. Numbers and amounts are tokens,
    event and currency words lower-case stems: no unit can be taken for one
    of another kind.
    """
    tokens = [word] if word.isalnum() else _TOKEN_RE.findall(word)
    lowered = [token.lower() for token in tokens]
    stems = tuple(_stem(token) for token in lowered if token not in STOP_WORDS)
    units = [token for token in tokens if token[0] in _QUANTITY_STARTS or token in _MONTH_TITLES]
    units += [stem for stem in stems if stem in _FACT_WORDS or stem in _MONEY_WORDS]
    units += [unit + " " for unit in units if unit[0] == "$" or unit in _MONEY_WORDS]
    speech = (
        not _FIRST_PERSON.isdisjoint(lowered)
        or "us" in tokens
        or _QUOTE_RE.search(word) is not None
    )
    return _Word(len(tokens), speech, stems, tuple(units))


def _fact_weight(text: str, units: Sequence[tuple[str, ...]]) -> float:
    """Weighted count of the distinct fact-like units of a sentence (its words' units).

    Money counts 2: amounts are what readers of bilateral news look for, and
    only reporting sentences carry them. Numbers, months and event words
    ("signed", "visit") count 1. Named entities — runs of capitalised words
    after the first word — count 0.5, since the two countries of an article
    appear in most of its sentences and say little there.
    """
    names = len(set(map(str.lower, _NAME_RE.findall(text))) - _MONTH_WORDS)
    return len(set(chain.from_iterable(units))) + 0.5 * names


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


class _Linking(NamedTuple):
    """The terms that link sentences (held by two or more), one entry per sentence
    holding one, grouped by term, sentences in order within a term."""

    term: np.ndarray  # term numbers, ascending
    sentence: np.ndarray  # index of the sentence holding it
    weight: np.ndarray  # its unit-length tf-idf weight there


def _linking_terms(documents: list[tuple[str, ...]]) -> _Linking:
    """Unit-length tf-idf weights, the article itself being the collection, of the
    terms that link sentences.

    A weight is ``count * idf``, and the idf depends only on how many
    sentences hold the term, so one logarithm serves every term of that
    document frequency. A sentence's norm sums the squares of all its terms,
    in first-occurrence order (a Python ``sum``, as it always was); only its
    linking terms are kept, since a term of one sentence adds nothing to any
    similarity. Products are numpy's element-wise ones: Python's floats.
    """
    total = len(documents)
    terms = _distinct_terms(documents)
    frequency = np.bincount(terms.term)[terms.term]  # sentences holding each entry's term
    idf = np.zeros(total + 1)
    present = np.flatnonzero(np.bincount(frequency))
    idf[present] = [math.log(1.0 + total / count) for count in present.tolist()]
    weights = terms.count * idf[frequency]
    squares = (weights * weights).tolist()
    ends = list(accumulate(np.bincount(terms.sentence, minlength=total).tolist()))
    scales = [
        1.0 / (math.sqrt(sum(squares[start:end])) or 1.0)
        for start, end in zip([0, *ends], ends, strict=False)
    ]
    linking = frequency > 1
    weights = (np.array(scales)[terms.sentence] * weights)[linking]
    term = terms.term[linking]
    by_term = np.argsort(term, kind="stable")  # sentences stay in order within a term
    return _Linking(term[by_term], terms.sentence[linking][by_term], weights[by_term])


class _Terms(NamedTuple):
    """The distinct terms of each sentence, sentence after sentence, each sentence's
    in order of first occurrence."""

    sentence: np.ndarray  # index of the sentence
    term: np.ndarray  # the term's number: where it first occurs in the article
    count: np.ndarray  # its occurrences in the sentence


def _distinct_terms(documents: list[tuple[str, ...]]) -> _Terms:
    """Each sentence's terms once, with their counts (most sentences repeat none)."""
    words = list(chain.from_iterable(documents))
    first_seen: dict[str, int] = {}
    term = np.array(list(map(first_seen.setdefault, words, count())), dtype=np.intp)
    sentence = np.repeat(np.arange(len(documents)), list(map(len, documents)))
    key = sentence * len(words) + term  # equal exactly for a term repeated in a sentence
    order = np.argsort(key, kind="stable")
    ranked = key[order]
    starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
    counts = np.diff(starts, append=len(words))
    firsts = order[starts]
    in_text_order = np.argsort(firsts)
    firsts = firsts[in_text_order]
    return _Terms(sentence[firsts], term[firsts], counts[in_text_order])


def _similarity_matrix(documents: list[tuple[str, ...]]) -> np.ndarray:
    """Cosine similarity of every pair of sentences (unit vectors), from the terms
    they share (see ``_linking_terms``).

    Most pairs of sentences share no content word, so the products are formed
    term by term over the sentences holding it, and each pair sums those it
    met (exactly: see ``_exact_sums``). The diagonal and similarities below
    ``_EDGE_MIN`` are 0: a sentence is not its own neighbour, and a shared
    common word is chance overlap, not a topical link — for the graph and for
    redundancy alike.
    """
    size = len(documents)
    linking = _linking_terms(documents)
    first, second = _pairs_within_groups(linking.term)
    cells = linking.sentence[first] * size + linking.sentence[second]  # i < j: upper triangle
    products = linking.weight[first] * linking.weight[second]
    sums = _exact_sums(cells, products, size * size)
    upper = np.where(sums >= _EDGE_MIN, sums, 0.0).reshape(size, size)
    return upper + upper.T


def _pairs_within_groups(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair ``(a, b)``, ``a < b``, of positions holding equal values of the
    sorted ``keys``, in order: for each ``a``, each later ``b`` of its group."""
    length = len(keys)
    index = np.arange(length)
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    sizes = np.diff(np.append(starts, length))
    later = np.repeat(starts + sizes, sizes) - index - 1  # partners after each position
    first = np.repeat(index, later)
    run_starts = np.repeat(np.cumsum(later) - later, later)
    return first, first + 1 + (np.arange(len(first)) - run_starts)


def _exact_sums(cells: np.ndarray, values: np.ndarray, length: int) -> np.ndarray:
    """For each of ``length`` cells, the sum of its ``values`` as ``math.fsum`` gives
    it (exact, then rounded once), so it cannot depend on the order they come in.

    One or two values are summed exactly in any order by plain addition
    (``bincount`` adds them to 0.0, which changes nothing; one addition rounds
    once), so ``fsum`` only runs for the few cells with three or more.
    """
    counts = np.bincount(cells, minlength=length)
    sums = np.bincount(cells, weights=values, minlength=length)
    crowded = np.flatnonzero(counts > 2)
    if crowded.size:
        ranked = values[np.argsort(cells, kind="stable")].tolist()
        ends = np.cumsum(counts)[crowded].tolist()
        for cell, end, count in zip(crowded.tolist(), ends, counts[crowded].tolist(), strict=True):
            sums[cell] = math.fsum(ranked[end - count : end])
    return sums


def _lexrank(similarity: np.ndarray) -> list[float]:
    """PageRank over the similarity graph (continuous LexRank), by power iteration.

    A sentence linked to nothing spreads its rank evenly, as PageRank's
    dangling nodes do, so the ranks always sum to one. The walk starts from
    the weighted degrees — where an undamped walk on a symmetric graph
    settles — so a handful of steps is enough: it stops at the first step
    whose L1 change is below ``_TOLERANCE``.

    The steps run in numpy, to the bit what the same steps do in Python
    floats: element-wise products, and each column of the walk summed row
    after row (``accumulate`` is defined as that running sum; the zeros of
    unlinked pairs add nothing to a sum of non-negative floats). All the
    steps are taken, then the changes are measured at once, each summed in
    Python, in order: the same stop, for a step or two more of numpy.
    """
    size = len(similarity)
    degrees = np.add.accumulate(similarity, axis=1)[:, -1]  # each row summed in order
    total = sum(degrees.tolist())
    spread = 1.0 / size
    dangling = degrees == 0.0
    # Row i of the walk: similarity[i][j] / degree_i, or 1/n everywhere when i is dangling.
    inverse = np.divide(1.0, degrees, out=np.zeros(size), where=~dangling)
    transition = similarity * inverse[:, np.newaxis]
    transition[dangling] = spread
    incoming = transition.T  # row j: what each sentence passes to sentence j
    teleport = (1.0 - _DAMPING) / size
    steps = [degrees / total if total else np.full(size, spread)]
    for _ in range(_ITERATIONS):
        received = np.add.accumulate(incoming * steps[-1], axis=1)[:, -1]
        steps.append(teleport + _DAMPING * received)
    walk = np.array(steps)
    changes = np.abs(walk[1:] - walk[:-1]).tolist()
    stop = next(
        (step for step, change in enumerate(changes, 1) if sum(change) < _TOLERANCE),
        _ITERATIONS,
    )
    return steps[stop].tolist()


def _mmr(scores: list[float], similarity: np.ndarray, k: int) -> list[int]:
    """Maximal marginal relevance: good sentences that do not repeat those already chosen.

    A candidate's overlap (its greatest similarity to a pick) only grows, so
    it is updated with each pick, and a candidate that has become redundant
    stays out for good. ``max`` keeps the first of equal values: the earlier
    sentence wins a tie.
    """
    relevance = [_MMR_LAMBDA * score for score in scores]
    redundancy = 1.0 - _MMR_LAMBDA
    overlap = [0.0] * len(scores)
    chosen: list[int] = []
    remaining = list(range(len(scores)))
    while remaining and len(chosen) < k:
        value = list(map(sub, relevance, map(redundancy.__mul__, overlap)))
        best = max(remaining, key=value.__getitem__)
        chosen.append(best)
        overlap = list(map(max, overlap, similarity[best].tolist()))
        remaining = [i for i in remaining if i != best and overlap[i] < _REDUNDANT]
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
