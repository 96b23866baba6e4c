"""Character-bigram similarity of Chinese summaries (repeat-visit detection)."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.textsim import (
    bigrams,
    dice,
    jaccard,
    normalize,
    rank_similar,
)

# Common hanzi, a few Latin letters and digits: what summaries are made of.
HANZI = "反映拆迁补偿款未按协议发放村委会镇政府工资拖欠噪声扰民土地征收低保审核学费退还"
TEXT = st.text(alphabet=HANZI + "abcXYZ0123", max_size=40)
NOISE = st.text(alphabet="，。！？、；：“”（）《》 \t\n,.!?;:()[]-_*%　", max_size=6)


def test_bigrams_of_a_phrase() -> None:
    assert bigrams("拆迁补偿") == {"拆迁", "迁补", "补偿"}
    assert bigrams("拆") == {"拆"}
    assert bigrams("") == frozenset()
    assert bigrams("，。！ ") == frozenset()


def test_normalize_folds_width_case_and_drops_punctuation() -> None:
    assert normalize("拆迁，补偿！ ＡＢｃ　１２") == "拆迁补偿abc12"
    assert normalize("A_b-c") == "abc"


def test_known_scores() -> None:
    assert dice("拆迁补偿", "拆迁补偿") == 1.0
    assert dice("拆迁补偿", "工资拖欠") == 0.0
    # 拆迁 迁补 补偿 vs 拆迁 迁补 补助: 2 shared of 3 + 3
    assert dice("拆迁补偿", "拆迁补助") == 2 * 2 / 6
    assert jaccard("拆迁补偿", "拆迁补助") == 2 / 4
    assert dice("", "") == 0.0  # nothing to compare is similar to nothing


def test_same_matter_in_other_words_scores_above_the_default_threshold() -> None:
    a = "反映拆迁补偿款未按协议发放，多次找村委会无果。"
    b = "拆迁补偿款至今没有按协议发放"
    c = "反映在工地务工被拖欠工资"
    assert dice(a, b) >= 0.3
    assert dice(a, c) < 0.3


@given(TEXT, TEXT)
def test_symmetric_and_bounded(a: str, b: str) -> None:
    assert dice(a, b) == dice(b, a)
    assert jaccard(a, b) == jaccard(b, a)
    assert 0.0 <= jaccard(a, b) <= dice(a, b) <= 1.0


@given(TEXT)
def test_identical_nonempty_text_scores_one(a: str) -> None:
    if normalize(a):
        assert dice(a, a) == 1.0
        assert jaccard(a, a) == 1.0
    else:
        assert dice(a, a) == 0.0


@given(
    st.text(alphabet="拆迁补偿款", min_size=1, max_size=20),
    st.text(alphabet="工资拖欠噪声", min_size=1, max_size=20),
)
def test_disjoint_alphabets_score_zero(a: str, b: str) -> None:
    assert dice(a, b) == 0.0
    assert jaccard(a, b) == 0.0


@given(st.lists(st.tuples(NOISE, st.sampled_from(HANZI)), max_size=30), NOISE)
def test_punctuation_and_whitespace_do_not_matter(parts: list[tuple[str, str]], tail: str) -> None:
    clean = "".join(ch for _, ch in parts)
    noisy = "".join(noise + ch for noise, ch in parts) + tail
    assert normalize(noisy) == clean
    assert bigrams(noisy) == bigrams(clean)
    if len(clean) >= 1:
        assert dice(noisy, clean) == 1.0


@given(st.text(max_size=30))
def test_normalize_is_idempotent_and_keeps_no_punctuation(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert not any(ch in string.punctuation or ch.isspace() for ch in once)


def test_rank_similar_orders_by_score_then_given_order_and_applies_threshold() -> None:
    candidates = [
        (1, "反映拆迁补偿款未发放"),
        (2, "拆迁补偿款未按协议发放"),
        (3, "拖欠工资"),
        (4, "拆迁补偿款未按协议发放"),
    ]
    ranked = rank_similar("拆迁补偿款未按协议发放", candidates, threshold=0.3, limit=10)
    assert [key for key, _ in ranked] == [2, 4, 1]
    assert ranked[0][1] == 1.0
    assert rank_similar("拆迁补偿款未按协议发放", candidates, limit=1) == [(2, 1.0)]
    assert rank_similar("，。", candidates) == []


# --- the fast paths give the plain definitions' answers ----------------------------------

PLAIN_PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—·\u3000\t\n\r"
PLAIN = HANZI + PLAIN_PUNCTUATION + "".join(map(chr, range(0x20, 0x7F)))


def test_plain_characters_normalise_as_the_full_path_does() -> None:
    from petitiondesk.core.textsim import _normalize_fully

    every = [chr(c) for c in range(0x4E00, 0xA000)] + list(PLAIN)
    for ch in every:
        assert normalize(ch) == _normalize_fully(ch), hex(ord(ch))
        assert normalize("汉" + ch + "A") == _normalize_fully("汉" + ch + "A"), hex(ord(ch))


@given(st.text(alphabet=PLAIN, max_size=40) | st.text(max_size=40))
def test_shortcut_equals_full_normalisation(text: str) -> None:
    from petitiondesk.core.textsim import _normalize_fully

    assert normalize(text) == _normalize_fully(text)


def _plain_ranking(
    query: str, candidates: list[tuple[int, str]], threshold: float, limit: int
) -> list[tuple[int, float]]:
    scored = [(dice(query, text), order, key) for order, (key, text) in enumerate(candidates)]
    kept = sorted(
        (item for item in scored if item[0] >= threshold and item[0] > 0.0),
        key=lambda item: (-item[0], item[1]),
    )
    return [(key, score) for score, _order, key in kept[:limit]]


MIXED = st.text(alphabet=HANZI[:12] + "ａA1，。 ①㈠", max_size=16)


@given(
    MIXED,
    st.lists(MIXED, max_size=12),
    st.sampled_from([0.0, 0.2, 0.3, 0.5, 1.0]),
    st.integers(min_value=1, max_value=5),
)
def test_rank_similar_equals_scoring_every_candidate_with_dice(
    query: str, texts: list[str], threshold: float, limit: int
) -> None:
    candidates = list(enumerate(texts))
    expected = _plain_ranking(query, candidates, threshold, limit)
    assert rank_similar(query, candidates, threshold=threshold, limit=limit) == expected
