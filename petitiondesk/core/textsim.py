"""Fuzzy similarity of short Chinese texts (反映的问题) for repeat-visit detection.

Chinese has no spaces between words, and the clerk's summaries of the same matter share
phrases rather than whole sentences ("拆迁补偿款未发放" / "拆迁补偿一直没有发放"). Character
bigrams capture that without a word segmenter: a text becomes the set of its adjacent
character pairs after normalisation, and two texts are compared by the overlap of their
sets (Dice coefficient by default, Jaccard also offered).

Normalisation makes the comparison robust to how the text was typed: full-width and
half-width forms are folded (NFKC), Latin letters are lower-cased, and whitespace,
punctuation and symbols are dropped, so "拆迁，补偿！" and "拆迁补偿" compare equal.

A text of a single character has no bigram; it is represented by that character so that
very short texts can still match themselves. An empty text (after normalisation) is
similar to nothing: every score involving it is 0.0.
"""

from __future__ import annotations

import heapq
import math
import operator
import re
import unicodedata
from collections.abc import Iterable
from typing import Final

#: Default score above which two summaries count as "similar" (Dice on bigram sets).
DEFAULT_THRESHOLD: Final = 0.3

# Everything but letters and digits (str.isalnum): punctuation, symbols, whitespace,
# control and format characters, combining marks; and "_", which \w would keep.
_NOT_WORD: Final = re.compile(r"[\W_]+")


# Text made only of these characters normalises by dropping the non-word ones and
# lower-casing ASCII: CJK unified ideographs have no compatibility decomposition and no
# case, printable ASCII is NFKC-stable, and this punctuation folds (NFKC) to punctuation or
# a space. Nothing here composes with a neighbour. Most summaries are like that, and the
# two NFKC passes are the slow part of scoring thousands of them
# (tests/core/test_textsim.py checks the shortcut against the full path).
_PLAIN: Final = re.compile(
    r"[\u4e00-\u9fff\x20-\x7e\t\n\r，。、；：？！“”‘’（）《》〈〉【】「」『』…—·\u3000]*"
)


def normalize(text: str) -> str:
    """``text`` reduced to what the comparison looks at: NFKC-folded, lower-case, only
    letters (汉字 included) and digits — no whitespace, punctuation, symbols or control
    characters."""
    if _PLAIN.fullmatch(text):
        return _NOT_WORD.sub("", text).lower()
    return _normalize_fully(text)


def _normalize_fully(text: str) -> str:
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return _NOT_WORD.sub("", folded)


def bigrams(text: str) -> frozenset[str]:
    """The set of adjacent character pairs of the normalised ``text``.

    ``bigrams("拆迁补偿") == {"拆迁", "迁补", "补偿"}``; a one-character text gives that
    character; an empty one the empty set.
    """
    norm = normalize(text)
    if len(norm) < 2:
        return frozenset(norm)  # "" -> {}, "x" -> {"x"}
    return _pairs(norm)


def _pairs(norm: str) -> frozenset[str]:
    """The adjacent character pairs of an already normalised text of two or more."""
    return frozenset(map(operator.add, norm, norm[1:]))


def dice_sets(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient 2|A∩B| / (|A|+|B|) of two bigram sets; 0.0 if either is empty."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    common = sum(1 for gram in small if gram in large)
    return 2.0 * common / (len(a) + len(b))


def jaccard_sets(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard index |A∩B| / |A∪B| of two bigram sets; 0.0 if either is empty."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def dice(a: str, b: str) -> float:
    """Dice similarity of two texts' bigram sets, in [0, 1]: 1.0 when they are equal after
    normalisation (and not empty), 0.0 when they share no bigram."""
    return dice_sets(bigrams(a), bigrams(b))


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of two texts' bigram sets, in [0, 1] (never above :func:`dice`)."""
    return jaccard_sets(bigrams(a), bigrams(b))


def rank_similar(
    query: str,
    candidates: Iterable[tuple[int, str]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 10,
) -> list[tuple[int, float]]:
    """The ``(key, score)`` of the candidates whose text scores at least ``threshold``
    against ``query`` (Dice), best first; ties keep the candidates' order (pass them
    newest first). At most ``limit`` results; an empty query matches nothing.

    Scores equal :func:`dice`'s, computed faster for thousands of candidates: a bigram of
    the query is one of a text's exactly when it occurs in the normalised text, which
    gives the shared count without building the text's set; the set (its size is the
    rest of the formula) is built only when the text could still make the list, judged
    by the fewest bigrams the text can have (see the loop).
    """
    grams = bigrams(query)
    if not grams or limit <= 0:
        return []
    size = len(grams)
    pairs = all(len(gram) == 2 for gram in grams)  # not for a one-character query
    best: list[tuple[float, int, int]] = []  # a min-heap of (score, -order, key): the worst on top
    floor = threshold  # what a candidate must reach (beat, once the list is full)
    for order, (key, text) in enumerate(candidates):
        norm = normalize(text)
        if pairs and len(norm) >= 2:
            common = sum(map(norm.__contains__, grams))
            # The text has at least `common` bigrams, and at least one per distinct
            # character after the first (the pair ending at its first occurrence is new).
            if not common or 2.0 * common / (size + common) < floor:
                continue
            if 2.0 * common / (size + len(set(norm)) - 1) < floor:
                continue
            score = 2.0 * common / (size + len(_pairs(norm)))
        else:
            score = dice_sets(grams, _pairs(norm) if len(norm) >= 2 else frozenset(norm))
        if score < floor or score <= 0.0:
            continue
        if len(best) < limit:
            heapq.heappush(best, (score, -order, key))
        elif score > best[0][0]:  # a tie goes to the earlier candidate, already in
            heapq.heapreplace(best, (score, -order, key))
        else:
            continue
        if len(best) == limit:
            floor = max(threshold, math.nextafter(best[0][0], math.inf))
    best.sort(key=lambda item: (-item[0], -item[1]))
    return [(key, score) for score, _order, key in best]
