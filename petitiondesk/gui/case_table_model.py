"""A lazy table of register entries (Vorta ``archive_table_model``, Anki browser model).

Rows come from :func:`services.cases.page_cases` in pages of :data:`PAGE_SIZE`, newest
first; the view asks for more (``canFetchMore``/``fetchMore``) as the clerk scrolls, so a
ten-year register never loads at once. :meth:`CaseTableModel.refresh` starts over (after
every write, via the data-changed hub).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from petitiondesk.services import cases
from petitiondesk.services.cases import CaseRow
from petitiondesk.store.db import Database

PAGE_SIZE = 100
SUMMARY_CHARS = 40

COL_REGISTER_NO = 0
COL_TIME = 1
COL_CHANNEL = 2
COL_NAME = 3
COL_PEOPLE = 4
COL_CATEGORY = 5
COL_SUMMARY = 6
COL_STATUS = 7

HEADERS: tuple[str, ...] = (
    "登记号",
    "时间",
    "渠道",
    "姓名",
    "人数",
    "问题类别",
    "反映问题",
    "状态",
)

#: ``index.data(CASE_ROW_ROLE)`` is the :class:`CaseRow` of that line.
CASE_ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def summary_excerpt(text: str, limit: int = SUMMARY_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class CaseTableModel(QAbstractTableModel):
    def __init__(
        self,
        db: Database,
        *,
        day_from: date | None = None,
        day_to: date | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._day_from = day_from
        self._day_to = day_to
        self._page_size = page_size
        self._rows: list[CaseRow] = []
        self._total = 0
        self.refresh()

    # --- filter ------------------------------------------------------------------
    @property
    def day_range(self) -> tuple[date | None, date | None]:
        return self._day_from, self._day_to

    def set_day_range(self, day_from: date | None, day_to: date | None) -> None:
        if (day_from, day_to) != (self._day_from, self._day_to):
            self._day_from, self._day_to = day_from, day_to
            self.refresh()

    @property
    def total(self) -> int:
        """How many entries match the filter (loaded or not)."""
        return self._total

    def refresh(self) -> None:
        """Forget what was loaded, recount, and load the first page."""
        self.beginResetModel()
        self._rows = []
        self._total = cases.count_cases(self._db, day_from=self._day_from, day_to=self._day_to)
        self._rows = self._load(0) if self._total else []
        self.endResetModel()

    def _load(self, offset: int) -> list[CaseRow]:
        return cases.page_cases(
            self._db,
            offset=offset,
            limit=self._page_size,
            day_from=self._day_from,
            day_to=self._day_to,
        )

    # --- lazy loading ----------------------------------------------------------------
    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or len(self._rows) >= self._total:
            return
        page = self._load(len(self._rows))
        if not page:  # rows vanished since we counted: stop asking
            self._total = len(self._rows)
            return
        page = page[: self._total - len(self._rows)]
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    # --- access ------------------------------------------------------------------
    def case_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, register_no: str, *, fetch: bool = True) -> int | None:
        """The row showing ``register_no``, loading further pages if needed."""
        while True:
            for number, case in enumerate(self._rows):
                if case.register_no == register_no:
                    return number
            if not (fetch and self.canFetchMore()):
                return None
            self.fetchMore()

    # --- QAbstractTableModel ---------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        case = self.case_at(index.row()) if index.isValid() else None
        if case is None:
            return None
        column = index.column()
        if role == CASE_ROW_ROLE:
            return case
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(case, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_SUMMARY:
                return case.summary
            if column == COL_REGISTER_NO and case.flags:
                return case.flags
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PEOPLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _single_day(self) -> bool:
        return self._day_from is not None and self._day_from == self._day_to

    def _display(self, case: CaseRow, column: int) -> str | None:
        if column == COL_REGISTER_NO:
            return case.register_no
        if column == COL_TIME:
            fmt = "%H:%M" if self._single_day() else "%Y-%m-%d %H:%M"
            return case.received_at.strftime(fmt)
        if column == COL_CHANNEL:
            return case.channel.label
        if column == COL_NAME:
            return case.name
        if column == COL_PEOPLE:
            return str(case.people_count)
        if column == COL_CATEGORY:
            return case.category
        if column == COL_SUMMARY:
            return summary_excerpt(case.summary)
        if column == COL_STATUS:
            return case.status.label
        return None
