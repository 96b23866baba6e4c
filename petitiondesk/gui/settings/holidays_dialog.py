"""节假日安排…: the holiday calendar by year (``services.holidays``).

The year's days off (放假) and make-up working days (调休上班) with their holiday and
source (内置数据 / 本单位录入 / 导入), whether the year is complete (标记为已完整), a day
overridden (改为上班 / 改为放假 / 恢复内置), and a year entered as the clerk reads the
notice: one line per holiday, 预览 shows the resulting days on the month calendar and the
open deadlines that would move, before 保存 commits them. Bad lines are named by their
number under the text box; nothing is saved. Import and export of a year file.

Every write goes through :func:`operations.run_write` with the topics CALENDAR (the
status-bar warning), CASES (deadlines moved) and ROSTER (待核 slots generated again).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from petitiondesk.core.holiday_file import parse_year_file
from petitiondesk.core.holiday_notice import YearDay, format_notice, lone_workdays
from petitiondesk.core.identity import Actor
from petitiondesk.services import holidays
from petitiondesk.services.calendar import calendar_status
from petitiondesk.services.deadline_recompute import DeadlineMove
from petitiondesk.services.holidays import HolidayDay, YearInput, YearListing, YearSaved
from petitiondesk.services.result import Result
from petitiondesk.store.db import Database

from .. import errors, prompts, signals
from ..operations import Operation, run_in_background, run_write
from ..widgets.dates import to_date, to_qdate
from ..widgets.field_messages import ERROR_COLOR, OK_COLOR
from .holidays_view import HolidaysView, paint_calendar

#: What a change of the calendar touches.
TOPICS = (signals.CALENDAR, signals.CASES, signals.ROSTER)
#: Deadline moves listed in a confirmation question at most.
CONFIRM_LINES = 12
OFFICE_NAME = "本单位调整"


def default_year(db: Database, today: date) -> int:
    """The first year the clerk probably has to enter: this one if missing, else next
    year if it is missing and the warning is due, else this year."""
    status = calendar_status(db, today)
    if today.year not in status.covered_years:
        return today.year
    return today.year + 1 if status.warning else today.year


class HolidaysDialog(HolidaysView):
    """See the module docstring. ``listing``: the year as saved; ``preview``: the last
    good preview of the notice box (None when the text changed since)."""

    def __init__(
        self,
        db: Database,
        *,
        actor: Actor,
        year: int | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.listing: YearListing | None = None
        self.shown: dict[date, HolidayDay] = {}  # the days in the table and calendar
        self.preview: holidays.YearPreview | None = None
        self.operation: Operation | None = None
        self.last_result: Result[Any] | None = None
        self.year.valueChanged.connect(self.set_year)
        self.notice.textChanged.connect(self._input_changed)
        self.mark_complete.toggled.connect(self._input_changed)
        self.preview_button.clicked.connect(self.run_preview)
        self.save_button.clicked.connect(self.save)
        self.complete_button.clicked.connect(self.complete_year)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.to_work_button.clicked.connect(lambda: self.override(True))
        self.to_off_button.clicked.connect(lambda: self.override(False))
        self.restore_button.clicked.connect(self.restore_day)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.calendar.selectionChanged.connect(self._day_chosen)
        self.year.blockSignals(True)
        self.year.setValue(year if year is not None else default_year(db, today()))
        self.year.blockSignals(False)
        self.set_year(self.year.value())

    # --- the year -------------------------------------------------------------------------
    def shown_year(self) -> int:
        return self.year.value()

    def set_year(self, year: int) -> None:
        """Show ``year`` as saved; the notice box holds the office's lines of the year."""
        if self.year.value() != year:
            self.year.setValue(year)  # comes back here through valueChanged
            return
        self.load_year(keep_moves=False)
        listing = self.listing
        assert listing is not None
        office = [d.as_year_day() for d in listing.days if d.source != "bundled"]
        self.notice.blockSignals(True)
        self.notice.setPlainText("" if listing.bundled else format_notice(office))
        self.notice.blockSignals(False)
        self.notice.setEnabled(not listing.bundled)
        self.notice_title.setText(
            f"{year}年为内置数据（chinesecalendar），只读；如需更正，请在左侧逐日调整。"
            if listing.bundled
            else f"按国务院办公厅关于{year}年部分节假日安排的通知录入（每行一个节日）："
        )
        self.notice_message.clear_message()
        self.result_label.clear()
        self._input_changed()

    def load_year(self, *, keep_moves: bool = True) -> None:
        """Read the year again and show it (table, calendar, state)."""
        year = self.shown_year()
        self.listing = listing = holidays.list_year(self.db, year)
        self._show_days(listing.days, f"{year}年放假与调休上班（已保存）：")
        self.calendar.setDateRange(QDate(year, 1, 1), QDate(year, 12, 31))
        if self.calendar.yearShown() != year:
            self.calendar.setSelectedDate(QDate(year, 1, 1))
        if listing.bundled:
            state = "内置数据（国务院办公厅通知，随程序提供）"
        elif listing.complete:
            state = "本单位已录入完整"
        else:
            state = "未录入完整：本年的期限均为推算日期（待核）"
        self.year_state.setText(state)
        self.year_state.setStyleSheet("" if listing.covered else f"color: {ERROR_COLOR};")
        self.complete_box.setChecked(listing.covered)
        self.complete_button.setEnabled(not listing.covered)
        self.import_button.setEnabled(True)
        self.export_button.setEnabled(bool(listing.days))
        if not keep_moves:
            self._show_moves("", ())
        self._day_chosen()

    def _show_days(self, days: Sequence[HolidayDay], title: str) -> None:
        self.days_title.setText(title)
        self.model.set_days(days)
        self.shown = {d.day: d for d in days}
        paint_calendar(self.calendar, days)

    def _show_moves(self, title: str, moves: Sequence[DeadlineMove]) -> None:
        self.moves_title.setText(title)
        self.moves.clear()
        for move in moves:
            self.moves.addItem(move.text)
        self.moves.setVisible(bool(title))

    def _say(self, text: str, *, ok: bool = True) -> None:
        self.result_label.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
        self.result_label.setText(text)

    # --- choosing a day -----------------------------------------------------------------
    def _row_chosen(self) -> None:
        item = self.model.item_at(self.table.currentIndex().row())
        if item is not None:
            self.calendar.setSelectedDate(to_qdate(item.day))

    def selected_day(self) -> date:
        return to_date(self.calendar.selectedDate())

    def _saved_day(self, day: date) -> HolidayDay | None:
        listing = self.listing
        return next((d for d in listing.days if d.day == day), None) if listing else None

    def _day_chosen(self) -> None:
        """The chosen day as shown; it can be changed when the saved year is shown (not
        during a preview)."""
        day = self.selected_day()
        shown = self.shown.get(day)
        if shown is not None:
            kind = "调休上班" if shown.is_workday else "放假"
            text = f"选中 {day.isoformat()}：{shown.name} {kind}（{shown.source_label}）"
        else:
            kind = "休息日" if day.weekday() >= 5 else "工作日"
            text = f"选中 {day.isoformat()}：{kind}（无节假日安排）"
        self.day_label.setText(text)
        saved = self._saved_day(day)
        in_year = day.year == self.shown_year() and self.preview is None
        self.to_work_button.setEnabled(in_year and (saved is None or not saved.is_workday))
        self.to_off_button.setEnabled(in_year and (saved is None or saved.is_workday))
        self.restore_button.setEnabled(in_year and saved is not None and saved.source != "bundled")
        row = self.model.row_of(self.calendar.selectedDate())
        if row is not None and self.table.currentIndex().row() != row:
            self.table.selectRow(row)

    # --- entering the notice ------------------------------------------------------------
    def year_input(self) -> Result[YearInput]:
        """The notice box as the year's days, or the bad lines (key ``notice``). Days
        corrected one by one that cannot be a line (a lone make-up day) are kept."""
        text, year = self.notice.toPlainText(), self.shown_year()
        parsed = holidays.parse_notice_input(text, year)
        if not parsed.ok or parsed.value is None:
            return Result.failure(parsed.errors)
        days = parsed.value
        taken = {d.day for d in days}
        saved = self.listing.days if self.listing is not None else ()
        office = [d.as_year_day() for d in saved if d.source != "bundled"]
        kept = [d for d in lone_workdays(office) if d.day not in taken]
        return Result.success(
            YearInput(year, (*days, *kept), self.mark_complete.isChecked(), notice=text)
        )

    def _input_changed(self) -> None:
        if self.preview is not None:
            self.preview = None
            if self.listing is not None:
                self.load_year(keep_moves=False)
        self.save_button.setEnabled(False)
        self.notice_message.clear_message()

    def _show_input_errors(self, errors_: dict[str, str]) -> None:
        text = "\n".join(errors_[k] for k in ("notice", "days", "year", "source") if k in errors_)
        self.notice_message.set_error(text or "；".join(errors_.values()))
        self.notice.setFocus()

    def is_busy(self) -> bool:
        return self.operation is not None and not self.operation.done

    def run_preview(self) -> Operation | None:
        """预览: the days on the calendar and the deadlines that would move; nothing saved."""
        if self.is_busy():
            return None
        data = self.year_input()
        self.preview = None
        self.save_button.setEnabled(False)
        if not data.ok or data.value is None:
            self._show_input_errors(data.errors)
            self._say("有录入错误，未预览，也未保存", ok=False)
            return None
        year_data, db = data.value, self.db

        def shown(result: Result[holidays.YearPreview]) -> None:
            if not result.ok or result.value is None:
                self._show_input_errors(result.errors)
                return
            self.preview = preview = result.value
            self._show_days(preview.days, f"{preview.year}年放假与调休上班（预览，未保存）：")
            self.calendar.setCurrentPage(preview.year, _first_month(preview.days))
            moved = "将变动的期限（登记号 期限 原日期 → 新日期）："
            self._show_moves(
                moved if preview.moves else "没有未办结的期限需要变动。", preview.moves
            )
            self.notice_message.set_ok(result.message)
            self._say("预览未保存：请核对日历和期限变动后点“保存”。")
            self.save_button.setEnabled(preview.changes_anything)
            self._day_chosen()

        self.operation = run_in_background(
            self, lambda _p: holidays.preview_year(db, year_data), on_success=shown
        )
        return self.operation

    def save(self) -> Operation | None:
        """保存 (after a preview): the year's days, the deadlines moved, what moved shown."""
        if self.is_busy() or self.preview is None:
            return None
        data = self.year_input()
        if not data.ok or data.value is None:
            self._show_input_errors(data.errors)
            return None
        year_data, db, actor = data.value, self.db, self.actor
        return self._write(lambda: holidays.save_year(db, year_data, actor=actor))

    # --- the other writes ---------------------------------------------------------------
    def _write(
        self, work: Callable[[], Result[YearSaved]], *, year: int | None = None
    ) -> Operation:
        def done(result: Result[YearSaved]) -> None:
            self.last_result = result
            if not result.ok:
                self._show_input_errors(result.errors)
                self._say(result.message or "未保存", ok=False)
                return
            saved = result.unwrap()
            self.preview = None
            if year is not None and year != self.shown_year():
                self.set_year(year)
            else:
                self.set_year(self.shown_year())
            moves = saved.preview.moves
            self._show_moves("已变动的期限：" if moves else "", moves)
            self._say("。".join(m for m in (result.message, saved.roster_message) if m))

        self.operation = run_write(
            self, lambda _p: work(), topics=TOPICS, on_success=done, on_refused=done
        )
        return self.operation

    def _confirm_then_write(
        self,
        title: str,
        check: Callable[[], Result[YearSaved]],
        write: Callable[[], Result[YearSaved]],
        *,
        year: int | None = None,
        always_ask: bool = False,
    ) -> Operation | None:
        """``check`` (a preview) off the UI thread; if deadlines would move (or
        ``always_ask``) the clerk confirms, with the moves listed; then ``write``."""
        if self.is_busy():
            return None

        def checked(result: Result[YearSaved]) -> None:
            if not result.ok:
                self._show_input_errors(result.errors)
                self._say(result.message or "未保存", ok=False)
                return
            moves = result.unwrap().preview.moves
            if (moves or always_ask) and not prompts.confirm(
                self, title, _question(result.message, moves), default_yes=True
            ):
                self._say("未保存")
                return
            self._write(write, year=year)

        self.operation = run_in_background(self, lambda _p: check(), on_success=checked)
        return self.operation

    def complete_year(self) -> Operation | None:
        """标记为已完整: the year's deadlines stop being estimates."""
        db, actor, year = self.db, self.actor, self.shown_year()
        return self._confirm_then_write(
            "标记为已完整",
            lambda: holidays.mark_complete(db, year, actor=actor, preview=True),
            lambda: holidays.mark_complete(db, year, actor=actor),
        )

    def override(self, workday: bool) -> Operation | None:
        """改为上班 / 改为放假 for the chosen day."""
        day, db, actor = self.selected_day(), self.db, self.actor
        saved = self._saved_day(day)
        if workday and day.weekday() < 5 and saved is not None and saved.source != "bundled":
            return self.restore_day()  # Monday–Friday without the office's row is a working day
        name = saved.name if saved is not None else OFFICE_NAME
        wanted = YearDay(day, workday, name)
        return self._confirm_then_write(
            "调整节假日",
            lambda: holidays.override_day(db, wanted, actor=actor, preview=True),
            lambda: holidays.override_day(db, wanted, actor=actor),
        )

    def restore_day(self) -> Operation | None:
        """恢复内置: remove the office's row of the chosen day."""
        if self.is_busy():
            return None
        day, db, actor = self.selected_day(), self.db, self.actor
        return self._write(lambda: holidays.clear_override(db, day, actor=actor))

    def import_file(self) -> Operation | None:
        path = prompts.ask_open_path(self, "导入节假日安排", "节假日安排文件 (*.csv *.txt)")
        if path is None:
            return None
        db, actor, complete = self.db, self.actor, self.mark_complete.isChecked()
        year = _file_year(path)
        return self._confirm_then_write(
            "导入节假日安排",
            lambda: holidays.import_year_file(
                db, path, actor=actor, mark_complete=complete, preview=True
            ),
            lambda: holidays.import_year_file(db, path, actor=actor, mark_complete=complete),
            year=year,
            always_ask=True,
        )

    def export_file(self) -> Path | None:
        year = self.shown_year()
        target = prompts.ask_save_path(
            self, "导出节假日安排", Path.home() / f"{year}年节假日安排.csv", "CSV 文件 (*.csv)"
        )
        if target is None:
            return None
        result = holidays.export_year_file(self.db, year, target)
        if not result.ok:
            errors.show_error(
                self, result.message or "；".join(result.errors.values()), title="导出未完成"
            )
            return None
        self._say(result.message)
        return target


def _first_month(days: Sequence[HolidayDay]) -> int:
    """The month to show after a preview: that of the first entered (non-bundled) day."""
    entered = [d.day for d in days if d.source != "bundled"] or [d.day for d in days]
    return min(entered).month if entered else 1


def _question(summary: str, moves: Sequence[DeadlineMove]) -> str:
    lines = [summary]
    if moves:
        lines.append("\n将变动的期限：")
        lines += [m.text for m in moves[:CONFIRM_LINES]]
        if len(moves) > CONFIRM_LINES:
            lines.append(f"……共{len(moves)}个")
    lines.append("\n确定保存吗？")
    return "\n".join(lines)


def _file_year(path: Path) -> int | None:
    """The year of a year file (its first date), to show it after the import."""
    try:
        return parse_year_file(path.read_text(encoding="utf-8")).year
    except (OSError, UnicodeDecodeError):
        return None
