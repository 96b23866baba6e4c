"""Chinese line breaking (避头尾, whole numbers, indents) for the printed forms."""

from __future__ import annotations

from petitiondesk.printing.fonts import register_cjk_font
from petitiondesk.printing.textlayout import (
    CANNOT_END,
    CANNOT_START,
    TextBlock,
    break_lines,
    cut_to_lines,
    longest_word_width,
)

SIZE = 10.5
SUMMARY = (
    "来访人反映：其所在的某某镇某某村于2024年实施土地征收，村委会在未召开村民代表大会、"
    "未公示补偿方案的情况下，与开发企业签订了征地协议。来访人家庭承包地3.2亩被征收，"
    "至今只领到青苗补偿费4800元（身份证号110101199003074514），土地补偿费未按标准发放。"
) * 6


def test_lines_fit_and_keep_every_character() -> None:
    register_cjk_font()
    for width in (120.0, 200.0, 333.3, 440.0):
        lines = break_lines(SUMMARY, width, SIZE)
        assert "".join(line.text for line in lines) == SUMMARY
        assert all(line.width <= width + 0.01 for line in lines)


def test_no_closing_punctuation_starts_a_line_and_no_opening_ends_one() -> None:
    register_cjk_font()
    for width in range(100, 460, 7):
        lines = break_lines(SUMMARY, float(width), SIZE)
        for line in lines[1:]:
            assert line.text[0] not in CANNOT_START, (width, line.text)
        for line in lines[:-1]:
            assert line.text[-1] not in CANNOT_END, (width, line.text)


def test_numbers_stay_whole_when_they_fit() -> None:
    register_cjk_font()
    for width in range(150, 460, 11):
        text = "".join(line.text + "|" for line in break_lines(SUMMARY, float(width), SIZE))
        assert "110101199003074514" in text.replace("（", "")
        assert "3.2" in text and "2024" in text


def test_too_long_word_is_cut_not_lost() -> None:
    register_cjk_font()
    url = "https://example.com/" + "a" * 200
    lines = break_lines(url, 100.0, SIZE)
    assert len(lines) > 3 and "".join(line.text for line in lines) == url


def test_hard_breaks_indents_and_wrapped_lines() -> None:
    register_cjk_font()
    lines = break_lines("第一段\n\n　　第二段 有  空格\n  缩进", 400.0, SIZE)
    assert [line.text for line in lines] == ["第一段", "", "　　第二段 有  空格", "  缩进"]
    assert not any(line.wrapped for line in lines)
    wrapped = break_lines("一二三四五 六七八九十", SIZE * 5.5, SIZE)
    assert [line.text for line in wrapped] == ["一二三四五", "六七八九十"]
    assert wrapped[0].wrapped and not wrapped[1].wrapped


def test_text_block_splits_between_lines() -> None:
    register_cjk_font()
    block = TextBlock(SUMMARY, SIZE, SIZE * 1.5)
    _, height = block.wrap(300, 10_000)
    parts = block.split(300, height / 2)
    assert len(parts) == 2
    heights = [part.wrap(300, 10_000)[1] for part in parts]
    assert abs(sum(heights) - height) < 0.01
    assert block.split(300, SIZE) == []  # not even one line fits
    assert block.split(300, height + 1) == [block]


def test_cut_to_lines_keeps_the_beginning_and_marks_the_cut() -> None:
    register_cjk_font()
    mark = "……（详见来访登记单）"
    assert cut_to_lines("短文本", 200.0, SIZE, 2, mark) == "短文本"
    cut = cut_to_lines(SUMMARY, 200.0, SIZE, 3, mark)
    assert cut.endswith(mark) and SUMMARY.startswith(cut.removesuffix(mark))
    assert len(break_lines(cut, 200.0, SIZE)) == 3
    longer = cut_to_lines(SUMMARY, 200.0, SIZE, 4, mark)
    assert len(longer) > len(cut)  # the longest beginning that fits, not just any
    assert cut_to_lines(SUMMARY, 200.0, SIZE, 0, mark) == SUMMARY  # 0: no limit


def test_longest_word_width() -> None:
    register_cjk_font()
    id_width = longest_word_width("110101199003074514", SIZE)
    assert longest_word_width("身份证号110101199003074514，", SIZE) > id_width  # "，" glued
    assert longest_word_width("张三丰", SIZE) < longest_word_width("张三丰", SIZE, whole_up_to=4)
    assert longest_word_width("  ", SIZE) == 0.0


def test_bold_block_draws_fill_and_stroke() -> None:
    import io

    from reportlab.pdfgen.canvas import Canvas

    register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    block = TextBlock("日期", SIZE, SIZE * 1.3, "center", bold=True)
    block.wrap(100, 100)
    block.drawOn(canvas, 10, 10)
    parts = block.split(100, SIZE * 1.3)
    assert all(isinstance(p, TextBlock) and p.bold for p in parts)
    canvas.showPage()
    canvas.save()
    assert b"2 Tr" in buffer.getvalue()
