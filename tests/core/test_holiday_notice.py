"""Entering a year's holidays as the clerk reads the State Council notice, and the year file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.holiday_file import format_year_file, parse_year_file
from petitiondesk.core.holiday_notice import (
    HolidayLine,
    YearDay,
    format_holiday_line,
    parse_holiday_line,
    parse_notice,
)

NOTICE_2027 = """\
元旦 1月1日放假
春节 2月6日至2月12日放假，1月31日（周日）、2月20日（周六）上班
国庆节、中秋节 10月1日至10月7日放假调休，共7天。9月26日（周日）、10月9日（周六）上班
"""


def test_notice_lines_become_days_off_and_makeup_days() -> None:
    parsed = parse_notice(NOTICE_2027, 2027)
    assert parsed.ok, parsed.errors
    new_year, spring, national = parsed.lines
    assert new_year == HolidayLine("元旦", (date(2027, 1, 1),), ())
    assert spring.name == "春节"
    assert spring.days_off == tuple(date(2027, 2, 6) + timedelta(days=i) for i in range(7))
    assert spring.workdays == (date(2027, 1, 31), date(2027, 2, 20))
    assert national.name == "国庆节、中秋节"
    assert (national.first, national.last) == (date(2027, 10, 1), date(2027, 10, 7))
    assert national.workdays == (date(2027, 9, 26), date(2027, 10, 9))
    days = parsed.days
    assert len(days) == 1 + 7 + 2 + 7 + 2
    assert YearDay(date(2027, 1, 31), True, "春节") in days
    assert [d.day for d in days] == sorted(d.day for d in days)


def test_short_range_and_full_width_text_are_read() -> None:
    line = parse_holiday_line("劳动节：５月１日至５日放假，４月２５日上班", 2027)
    assert (line.first, line.last) == (date(2027, 5, 1), date(2027, 5, 5))
    assert line.workdays == (date(2027, 4, 25),)


def test_a_day_off_on_a_weekend_is_fine() -> None:
    # 2027-02-06 is a Saturday; it is part of the break.
    assert parse_holiday_line("春节 2月6日至2月7日放假", 2027).days_off[0].weekday() == 5


@pytest.mark.parametrize(
    "line, message",
    [
        ("春节 2月6日至2月12日放假，2月4日上班", "2月4日是星期四，本来就是工作日"),
        ("春节 2月12日至2月6日放假", "最后一天2月6日早于第一天2月12日"),
        ("元旦 2月30日放假", "2月30日不是有效日期"),
        ("元旦 2026年12月31日放假", "不在2027年内"),
        ("元旦 12月31日至1月2日放假", "不在2027年内"),
        ("春节 2月6日至3月12日放假", "超过15天"),
        ("春节 2月6日至2月12日", "未找到“放假”"),
        ("2月6日放假", "节日名称开头"),
        ("春节 2月6日至2月12日放假，2月7日上班", "既是放假日又是上班日"),
        ("春节 2月6日至2月12日放假，1月31日", "应写“上班”"),
    ],
)
def test_typing_mistakes_are_refused_with_a_message(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_holiday_line(line, 2027)


def test_errors_name_the_line_and_overlaps_are_refused() -> None:
    text = "元旦 1月1日放假\n\n春节 2月6日至2月12日放假\n除夕 2月6日放假\n清明 4月31日放假\n"
    parsed = parse_notice(text, 2027)
    assert not parsed.ok
    assert [str(e) for e in parsed.errors] == [
        "第4行：2月6日已属于“春节”，节假日不能重叠",
        "第5行：4月31日不是有效日期",
    ]
    assert [line.name for line in parsed.lines] == ["元旦", "春节"]


NAMES = st.sampled_from(["元旦", "春节", "清明节", "劳动节", "端午节", "国庆节、中秋节"])


@st.composite
def holiday_lines(draw: st.DrawFn) -> HolidayLine:
    year = draw(st.integers(2027, 2060))
    first = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
    span = draw(st.integers(1, 9))
    last = min(first + timedelta(days=span - 1), date(year, 12, 31))
    days_off = tuple(first + timedelta(days=i) for i in range((last - first).days + 1))
    weekends = [
        date(year, 1, 1) + timedelta(days=i)
        for i in range(365)
        if (date(year, 1, 1) + timedelta(days=i)).weekday() >= 5
    ]
    candidates = [d for d in weekends if d not in days_off and abs((d - first).days) < 30]
    picked = draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True))
    return HolidayLine(draw(NAMES), days_off, tuple(sorted(picked)))


@given(holiday_lines())
def test_format_then_parse_gives_the_same_line(line: HolidayLine) -> None:
    assert parse_holiday_line(format_holiday_line(line), line.first.year) == line


@given(st.lists(holiday_lines(), min_size=1, max_size=4))
def test_parsed_makeup_days_are_weekend_days_and_never_days_off(lines: list[HolidayLine]) -> None:
    year = lines[0].first.year
    text = "\n".join(format_holiday_line(line) for line in lines if line.first.year == year)
    parsed = parse_notice(text, year)
    taken = [d.day for d in parsed.days]
    assert len(taken) == len(set(taken))  # overlapping lines were refused, not merged
    assert all(d.day.weekday() >= 5 for d in parsed.days if d.is_workday)
    assert all(d.day.year == year for d in parsed.days)


# --- the year file -------------------------------------------------------------------


def test_year_file_round_trip() -> None:
    days = parse_notice(NOTICE_2027, 2027).days
    text = format_year_file(days)
    assert text.splitlines()[:2] == ["日期,类型,节日", "2027-01-01,放假,元旦"]
    back = parse_year_file(text)
    assert back.ok and back.year == 2027 and back.days == days


@given(st.lists(holiday_lines(), min_size=1, max_size=3))
def test_year_file_round_trip_property(lines: list[HolidayLine]) -> None:
    year = lines[0].first.year
    days = parse_notice("\n".join(map(format_holiday_line, lines)), year).days
    assert parse_year_file(format_year_file(days)).days == days


def test_bad_year_file_lines_are_reported_with_their_numbers() -> None:
    text = (
        "\ufeff日期,类型,节日\n2027-01-01,放假,元旦\n2027-02-04,上班,春节\n"
        "2027-13-01,放假,春节\n2027-01-01,放假,元旦\n2027-02-06,休息,春节\n2028-01-01,放假,元旦\n"
    )
    parsed = parse_year_file(text)
    assert not parsed.ok
    assert [str(e) for e in parsed.errors] == [
        "第3行：2027-02-04是星期四，不能作为调休上班日",
        "第4行：日期“2027-13-01”无效，应写作 2027-02-06",
        "第5行：2027-01-01与第2行重复",
        "第6行：类型“休息”无效，应为“放假”或“上班”",
        "第7行：一个文件只能包含一个年份（2027年）",
    ]


def test_year_file_needs_its_header() -> None:
    assert [str(e) for e in parse_year_file("2027-01-01,放假,元旦\n").errors] == [
        "第1行：第一行应为表头：日期,类型,节日"
    ]


def test_saved_days_are_written_back_as_notice_lines_that_read_back_the_same() -> None:
    from petitiondesk.core.holiday_notice import (
        YearDay,
        format_notice,
        lone_workdays,
        parse_notice,
    )

    text = "元旦 1月1日放假\n春节 2月6日至2月12日放假，1月31日（周日）、2月20日（周六）上班"
    days = parse_notice(text, 2027).days
    written = format_notice(days)
    assert written == "元旦 1月1日放假\n春节 2月6日至2月12日放假，1月31日、2月20日上班"
    assert parse_notice(written, 2027).days == days
    # A make-up day of a holiday without a day off cannot be a notice line: kept as a comment.
    lone = YearDay(date(2027, 3, 6), True, "本单位调整")
    assert format_notice([lone]) == "# 本单位调整 3月6日上班（逐日调整）"
    assert parse_notice(format_notice([*days, lone]), 2027).days == days
    assert lone_workdays([*days, lone]) == (lone,)
