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

import re
import unicodedata
from collections.abc import Iterable
from typing import Final

#: Default score above which two summaries count as "similar" (Dice on bigram sets).
DEFAULT_THRESHOLD: Final = 0.3

# Everything but letters and digits (str.isalnum): punctuation, symbols, whitespace,
# control and format characters, combining marks; and "_", which \w would keep.
_NOT_WORD: Final = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """``text`` reduced to what the comparison looks at: NFKC-folded, lower-case, only
    letters (汉字 included) and digits — no whitespace, punctuation, symbols or control
    characters."""
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
    return frozenset(norm[i : i + 2] for i in range(len(norm) - 1))


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
    newest first). At most ``limit`` results; an empty query matches nothing."""
    grams = bigrams(query)
    if not grams or limit <= 0:
        return []
    scored: list[tuple[float, int, int]] = []
    for order, (key, text) in enumerate(candidates):
        score = dice_sets(grams, bigrams(text))
        if score >= threshold and score > 0.0:
            scored.append((score, order, key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(key, score) for score, _order, key in scored[:limit]]
