"""core.masking: ID numbers and phones with their middle hidden."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.masking import MASK, mask_id, mask_middle, mask_phone, mask_text


def test_id_keeps_first_and_last_four() -> None:
    assert mask_id("410122197206113513") == "4101**********3513"
    assert mask_id("41012219720611351X") == "4101**********351X"
    assert mask_id(" 410122197206113513 ") == "4101**********3513"


def test_mobile_keeps_first_three_and_last_four() -> None:
    assert mask_phone("13637103118") == "136****3118"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("0371-62345678", "0371-****5678"),
        ("037162345678", "0371****5678"),
        ("010-62345678", "010-****5678"),
        ("01062345678", "010****5678"),
        ("0755 2345678", "0755 ***5678"),
        ("07552345678", "0755***5678"),
        ("0371-62345678-801", "0371-****5678-***"),
        ("0371-62345678转12", "0371-****5678转**"),
    ],
)
def test_landline_keeps_area_code_and_last_four(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("func", [mask_id, mask_phone])
@pytest.mark.parametrize(
    ("text", "masked"),
    [(None, ""), ("", ""), ("   ", ""), ("1", "*"), ("123", "***"), ("12345678", "12****78")],
)
def test_short_and_empty_input(func: object, text: str | None, masked: str) -> None:
    assert func(text) == masked  # type: ignore[operator]


def test_odd_phone_keeps_at_most_three_and_four() -> None:
    assert mask_phone("8888-12345678") == "888******5678"
    assert mask_phone("不详") == "**"


def test_mask_middle_hides_at_least_half() -> None:
    assert mask_middle("abcdefgh", 4, 4) == "ab****gh"
    assert mask_middle("abcdefghijk", 4, 4) == "ab*******jk"
    assert mask_middle("abcdefghijkl", 4, 4) == "abcd****ijkl"


def _hidden_middle(original: str, masked: str, head: int, tail: int) -> None:
    assert len(masked) == len(original)
    n = len(original)
    h, t = (head, tail) if n - head - tail >= 4 else (min(head, n // 4), min(tail, n // 4))
    assert masked[:h] == original[:h]
    assert masked[n - t :] == original[n - t :]
    assert set(masked[h : n - t]) <= {MASK}
    assert masked.count(MASK) >= n - h - t >= min(4, n - n // 2)


ids = st.from_regex(r"[1-9][0-9]{16}[0-9X]", fullmatch=True)
texts = st.text(alphabet=st.characters(blacklist_categories=("Zs", "Cc")), max_size=30)


@given(ids)
def test_an_id_never_shows_its_middle(number: str) -> None:
    masked = mask_id(number)
    _hidden_middle(number, masked, 4, 4)
    assert number[4:14] not in masked
    assert masked[4:14] == MASK * 10


@given(texts)
def test_any_text_as_id_keeps_its_length_and_hides_half(text: str) -> None:
    text = text.strip()
    _hidden_middle(text, mask_id(text), 4, 4)


@given(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
def test_a_mobile_never_shows_its_middle(phone: str) -> None:
    masked = mask_phone(phone)
    assert masked == phone[:3] + "****" + phone[-4:]
    assert phone not in masked


@given(
    st.from_regex(r"0[1-9][0-9]{1,2}", fullmatch=True),
    st.sampled_from(["", "-", " "]),
    st.from_regex(r"[2-9][0-9]{6,7}", fullmatch=True),
)
def test_a_landline_never_shows_its_local_middle(area: str, sep: str, local: str) -> None:
    phone = area + sep + local
    masked = mask_phone(phone)
    assert len(masked) == len(phone)
    assert masked.endswith(local[-4:])
    assert masked.count(MASK) >= len(local) - 4 - 1  # the area may take a local digit
    assert local not in masked
    digits = masked.replace(MASK, "").replace("-", "").replace(" ", "")
    assert len(digits) <= len(area) + 1 + 4


@given(texts)
def test_any_text_as_phone_keeps_its_length(text: str) -> None:
    text = text.strip()
    masked = mask_phone(text)
    assert len(masked) == len(text)
    if len(text) >= 2:
        assert MASK in masked


def test_mask_text_hides_ids_and_mobiles_inside_free_text() -> None:
    text = "王秀英（11010519491231002X，电话13637103118）反映，编号2026-00012，金额150000元"
    masked = mask_text(text)
    assert "11010519491231002X" not in masked and "13637103118" not in masked
    assert "1101**********002X" in masked and "136****3118" in masked
    assert "2026-00012" in masked and "150000" in masked  # other numbers stay
    assert mask_text("") == "" and mask_text(None) == ""


@given(st.from_regex(r"[1-9][0-9]{16}[0-9X]", fullmatch=True), texts, texts)
def test_mask_text_never_shows_an_id_in_text(number: str, before: str, after: str) -> None:
    text = f"{before} {number} {after}"
    assert number not in mask_text(text)
