from __future__ import annotations

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from petitiondesk.core.workcalendar import (
    HOLIDAY_NAMES_ZH,
    LIBRARY_YEARS,
    MAX_SEARCH_DAYS,
    CalendarError,
    DayInfo,
    DayOverride,
    WorkCalendar,
)

CAL = WorkCalendar()


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# --- coverage -------------------------------------------------------------------------


def test_library_covers_2026_but_not_2027() -> None:
    assert 2026 in CAL.covered_years()
    assert 2027 not in CAL.covered_years()
    assert CAL.is_covered(date(2026, 12, 31))
    assert not CAL.is_covered(date(2027, 1, 1))


def test_library_years_are_the_librarys_own_supported_range() -> None:
    # chinesecalendar itself accepts min..max year of its holiday table
    low = min(chinese_calendar.holidays).year
    high = max(chinese_calendar.holidays).year
    assert frozenset(range(low, high + 1)) == LIBRARY_YEARS
    assert min(LIBRARY_YEARS) == 2004
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(high + 1, 1, 4))


def test_office_years_extend_coverage() -> None:
    cal = WorkCalendar(office_years=[2027])
    assert cal.covered_years() == LIBRARY_YEARS | {2027}
    info = cal.day(date(2027, 3, 1))
    assert info == DayInfo(date(2027, 3, 1), True, True, "", "office")
    assert not cal.is_covered(date(2028, 3, 1))


def test_uncovered_day_is_a_visible_weekday_guess() -> None:
    monday, saturday = date(2027, 3, 1), date(2027, 3, 6)
    assert CAL.day(monday) == DayInfo(monday, True, False, "", "weekend-guess")
    assert CAL.day(saturday) == DayInfo(saturday, False, False, "", "weekend-guess")


# --- agreement with chinesecalendar ----------------------------------------------------


def test_agrees_with_chinesecalendar_on_every_covered_day() -> None:
    for d in days(date(min(LIBRARY_YEARS), 1, 1), date(max(LIBRARY_YEARS), 12, 31)):
        assert CAL.is_workday(d) == chinese_calendar.is_workday(d), d
        assert CAL.day(d).source == "chinesecalendar"


def test_every_library_holiday_has_a_chinese_name() -> None:
    assert {h.value for h in chinese_calendar.Holiday} == set(HOLIDAY_NAMES_ZH)
    names = {CAL.holiday_name(d) for d in chinese_calendar.holidays}
    assert names == set(HOLIDAY_NAMES_ZH.values())


# --- real 2026 arrangements (国务院办公厅 2026 notice) -----------------------------------


def test_national_day_2026_seven_days_off() -> None:
    for d in days(date(2026, 10, 1), date(2026, 10, 7)):
        assert not CAL.is_workday(d), d
        assert CAL.holiday_name(d) == "国庆节"
    assert CAL.is_workday(date(2026, 9, 30))
    assert CAL.is_workday(date(2026, 10, 8))


def test_make_up_working_days_2026_national_day() -> None:
    for d in (date(2026, 9, 20), date(2026, 10, 10)):  # Sunday, Saturday
        info = CAL.day(d)
        assert d.weekday() >= 5
        assert info.is_workday and info.covered
        assert info.is_makeup_workday
        assert info.name == "国庆节"
        assert CAL.holiday_name(d) == ""  # a working day has no holiday to name
    assert not CAL.is_workday(date(2026, 10, 11))  # the Sunday after stays off


def test_mid_autumn_2026_is_a_friday_off() -> None:
    assert date(2026, 9, 25).weekday() == 4
    assert not CAL.is_workday(date(2026, 9, 25))
    assert CAL.holiday_name(date(2026, 9, 25)) == "中秋节"


def test_spring_festival_2026() -> None:
    for d in days(date(2026, 2, 15), date(2026, 2, 23)):
        assert CAL.holiday_name(d) == "春节", d
    assert CAL.is_workday(date(2026, 2, 14))  # Saturday make-up
    assert CAL.is_workday(date(2026, 2, 28))  # Saturday make-up
    assert CAL.is_workday(date(2026, 2, 24))


def test_anti_fascist_day_2015() -> None:
    assert CAL.holiday_name(date(2015, 9, 3)) == "抗战胜利70周年纪念日"
    assert CAL.is_workday(date(2015, 9, 6))  # Sunday make-up


def test_ordinary_days() -> None:
    assert CAL.day(date(2026, 3, 10)) == DayInfo(
        date(2026, 3, 10), True, True, "", "chinesecalendar"
    )
    saturday = CAL.day(date(2026, 3, 14))
    assert not saturday.is_workday and saturday.name == "" and not saturday.is_makeup_workday
    assert CAL.holiday_name(date(2026, 3, 14)) == ""


def test_accepts_datetime() -> None:
    assert not CAL.is_workday(datetime(2026, 10, 1, 9, 30))
    assert CAL.day(datetime(2026, 10, 10, 9, 30)).day == date(2026, 10, 10)


# --- overrides ------------------------------------------------------------------------


def test_override_wins_over_library_both_ways() -> None:
    cal = WorkCalendar(
        [
            DayOverride(date(2026, 10, 8), False, "国庆节（本单位）"),
            DayOverride(date(2026, 10, 3), True, "值班"),
        ]
    )
    assert cal.day(date(2026, 10, 8)) == DayInfo(
        date(2026, 10, 8), False, True, "国庆节（本单位）", "office"
    )
    assert cal.holiday_name(date(2026, 10, 8)) == "国庆节（本单位）"
    assert cal.is_workday(date(2026, 10, 3))
    assert cal.holiday_name(date(2026, 10, 3)) == ""
    assert cal.next_workday(date(2026, 9, 30)).day == date(2026, 10, 3)


def test_override_in_uncovered_year_covers_that_date_only() -> None:
    cal = WorkCalendar([DayOverride(date(2027, 1, 1), False, "元旦")])
    assert cal.day(date(2027, 1, 1)) == DayInfo(date(2027, 1, 1), False, True, "元旦", "office")
    assert not cal.is_covered(date(2027, 1, 4))
    assert 2027 not in cal.covered_years()


def test_conflicting_overrides_are_refused() -> None:
    same = DayOverride(date(2027, 1, 1), False, "元旦")
    assert WorkCalendar([same, same]).holiday_name(date(2027, 1, 1)) == "元旦"
    with pytest.raises(ValueError, match="2027-01-01"):
        WorkCalendar([same, DayOverride(date(2027, 1, 1), True, "元旦")])


# --- searching ------------------------------------------------------------------------


def test_next_and_previous_workday_across_national_day() -> None:
    found = CAL.next_workday(date(2026, 9, 30))
    assert found.day == date(2026, 10, 8) and found.covered
    assert CAL.previous_workday(date(2026, 10, 8)).day == date(2026, 9, 30)
    assert CAL.previous_workday(date(2026, 10, 12)).day == date(2026, 10, 10)  # make-up Sat
    assert CAL.next_workday(date(2026, 9, 30), include_self=True).day == date(2026, 9, 30)
    assert CAL.next_workday(date(2026, 10, 1), include_self=True).day == date(2026, 10, 8)
    assert CAL.previous_workday(date(2026, 10, 7), include_self=True).day == date(2026, 9, 30)


def test_search_into_uncovered_year_is_flagged() -> None:
    found = CAL.next_workday(date(2026, 12, 31))
    assert found.day == date(2027, 1, 1)  # a Friday: Monday–Friday guess
    assert not found.covered
    assert found.first_uncovered == date(2027, 1, 1)
    assert CAL.next_workday(date(2026, 12, 31), include_self=True).covered


def test_search_backward_out_of_coverage_is_flagged() -> None:
    found = CAL.previous_workday(date(2004, 1, 1))
    assert found.day == date(2003, 12, 31)
    assert found.first_uncovered == date(2003, 12, 31)


def test_search_gives_up_instead_of_looping_forever() -> None:
    all_off = [
        DayOverride(date(2030, 1, 1) + timedelta(n), False) for n in range(MAX_SEARCH_DAYS + 34)
    ]
    cal = WorkCalendar(all_off, office_years=[2030, 2031])
    with pytest.raises(CalendarError, match="请检查节假日表"):
        cal.next_workday(date(2030, 1, 1))
    with pytest.raises(CalendarError):
        cal.previous_workday(date(2031, 1, 31))
    with pytest.raises(CalendarError):
        CAL.next_workday(date.max)


# --- counting -------------------------------------------------------------------------


def test_workdays_between_counts_half_open_interval() -> None:
    # (2026-09-30, 2026-10-12]: 10-08, 10-09, 10-10 (make-up Saturday), 10-12
    count = CAL.workdays_between(date(2026, 9, 30), date(2026, 10, 12))
    assert count.count == 4 and count.covered
    assert CAL.workdays_between(date(2026, 10, 12), date(2026, 9, 30)).count == -4
    assert CAL.workdays_between(date(2026, 10, 1), date(2026, 10, 1)).count == 0


def test_workdays_between_reports_uncovered_days() -> None:
    count = CAL.workdays_between(date(2026, 12, 30), date(2027, 1, 5))
    assert count.count == 4  # 12-31, then 01-01 (a guess), 01-04, 01-05
    assert count.first_uncovered == date(2027, 1, 1)


@given(st.dates(date(2004, 1, 1), date(2026, 12, 31)), st.integers(0, 60))
def test_workdays_between_matches_a_plain_loop(a: date, span: int) -> None:
    b = a + timedelta(span)
    expected = sum(CAL.is_workday(a + timedelta(n)) for n in range(1, span + 1))
    assert CAL.workdays_between(a, b).count == expected
    assert CAL.workdays_between(b, a).count == -expected


@given(st.dates(date(2004, 1, 1), date(2026, 12, 31)))
def test_next_workday_is_the_first_working_day_after(d: date) -> None:
    found = CAL.next_workday(d).day
    assert found > d and CAL.is_workday(found)
    assert all(not CAL.is_workday(d + timedelta(n)) for n in range(1, (found - d).days))
    back = CAL.previous_workday(d).day
    assert back < d and CAL.is_workday(back)
    assert all(not CAL.is_workday(back + timedelta(n)) for n in range(1, (d - back).days))
