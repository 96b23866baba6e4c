"""A lazy table of register entries (Vorta ``archive_table_model``, Anki browser model).

Two sources, one model:

* **the register of a day range** (the default, :meth:`CaseTableModel.set_day_range`):
  :func:`services.cases.page_cases` in pages of :data:`PAGE_SIZE`, newest first, loaded
  on the UI thread (an index range on ``received_at``: a few milliseconds);
* **a search** (:meth:`CaseTableModel.set_query` with a :class:`SearchQuery`):
  :func:`services.cases.count_search` and :func:`services.cases.search_cases`, loaded off
  the UI thread through :func:`operations.run_in_background` — a text search scans the
  summaries (≈0.5 s on a million cases), so typing stays responsive. Every new query or
  refresh bumps a generation number; pages that arrive for an older one are dropped.

Either way the view asks for more rows (``canFetchMore``/``fetchMore``) as the clerk
scrolls, so a ten-year register never loads at once. :meth:`CaseTableModel.refresh`
starts over (after every write, via the data-changed hub).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor

from petitiondesk.services import cases
from petitiondesk.services.cases import CaseRow, SearchQuery
from petitiondesk.store.db import Database

from .. import session
from ..operations import Operation, ProgressFn, run_in_background
from ..widgets.table_model import Index, ReadOnlyTableModel

PAGE_SIZE = 100
#: A search counts at most this many matches; beyond, it shows "1,000+" and keeps paging.
COUNT_CAP = 1000
SUMMARY_CHARS = 40

COL_REGISTER_NO = 0
COL_TIME = 1
COL_CHANNEL = 2
COL_NAME = 3
COL_PEOPLE = 4
COL_CATEGORY = 5
COL_SUMMARY = 6
COL_STATUS = 7
COL_FLAGS = 8

HEADERS: tuple[str, ...] = (
    "登记号",
    "时间",
    "渠道",
    "姓名",
    "人数",
    "问题类别",
    "反映问题",
    "状态",
    "标记",
)

#: ``index.data(CASE_ROW_ROLE)`` is the :class:`CaseRow` of that line.
CASE_ROW_ROLE = Qt.ItemDataRole.UserRole + 1

FLAG_COLOR = QColor("#b45309")


def summary_excerpt(text: str, limit: int = SUMMARY_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def short_flags(flags: str) -> str:
    """``重复访（前次 2025-00012）；集体访（12人）`` → ``重复访 集体访`` (the tooltip has it all)."""
    return " ".join(part.split("（", 1)[0] for part in flags.split("；") if part)


class CaseTableModel(ReadOnlyTableModel[CaseRow]):
    """Register entries of a day range, or the results of a search (see the module)."""

    headers = HEADERS
    item_role = CASE_ROW_ROLE

    #: A search page arrived or failed; ``loading`` is False again.
    search_finished = Signal()
    #: A background search failed (the exception goes to the tab's error presenter).
    search_failed = Signal(object)

    def __init__(
        self,
        db: Database,
        *,
        day_from: date | None = None,
        day_to: date | None = None,
        page_size: int = PAGE_SIZE,
        parent: QObject | None = None,
        load: bool = True,
    ) -> None:
        """``load=False``: empty until the first :meth:`refresh` (the intake tab's first
        show loads it; not loading it twice keeps the start short)."""
        super().__init__(parent)
        self._db = db
        self._day_from = day_from
        self._day_to = day_to
        self._query: SearchQuery | None = None
        self._page_size = page_size
        self._total = 0
        self._capped = False  # a search found more than COUNT_CAP: _total is a lower bound
        self._generation = 0
        self._loading = False  # the first page of a search is on its way
        self._fetching: Operation | None = None  # a further page of a search
        if load:
            self.refresh()

    # --- filter ------------------------------------------------------------------
    @property
    def day_range(self) -> tuple[date | None, date | None]:
        return self._day_from, self._day_to

    def set_day_range(self, day_from: date | None, day_to: date | None) -> None:
        """Show the register of these days (leaves a search)."""
        if (day_from, day_to) != (self._day_from, self._day_to) or self._query is not None:
            self._day_from, self._day_to = day_from, day_to
            self._query = None
            self.refresh()

    @property
    def query(self) -> SearchQuery | None:
        """The search shown, or None when the model shows the register of a day range."""
        return self._query

    def set_query(self, query: SearchQuery | None) -> None:
        """Show the results of ``query`` (loaded in the background); None: back to the
        day range."""
        if query != self._query:
            self._query = query
            self.refresh()

    @property
    def total(self) -> int:
        """How many entries match the filter (loaded or not)."""
        return self._total

    @property
    def total_text(self) -> str:
        """The total as the count label shows it: "1,000+" when the count stopped."""
        return f"{COUNT_CAP:,}+" if self._capped else str(self._total)

    @property
    def loading(self) -> bool:
        """True while a search's first page is being loaded in the background."""
        return self._loading

    def refresh(self) -> None:
        """Forget what was loaded, recount, and load the first page."""
        self._generation += 1
        self._fetching = None
        self._capped = False
        if self._query is None:
            self._loading = False
            self.beginResetModel()
            self._rows = []
            self._total = cases.count_cases(
                self._db, day_from=self._day_from, day_to=self._day_to, actor=session.signed_in()
            )
            self._rows = self._load(0) if self._total else []
            self.endResetModel()
            return
        self._loading = True
        generation, query, db, size = self._generation, self._query, self._db, self._page_size
        who = session.signed_in()

        def work(_progress: ProgressFn) -> tuple[int, list[CaseRow]]:
            total = cases.count_search(db, query, cap=COUNT_CAP, actor=who)
            return total, cases.search_cases(db, query, 0, size, actor=who) if total else []

        def done(value: tuple[int, list[CaseRow]]) -> None:
            if generation != self._generation:
                return  # an older search: the clerk typed on
            self.beginResetModel()
            self._total, self._rows = value
            self._capped = self._total > COUNT_CAP
            self._loading = False
            self.endResetModel()
            self.search_finished.emit()

        run_in_background(
            None, work, on_success=done, on_failure=lambda exc: self._failed(generation, exc)
        )

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._fetching = None
        self.search_failed.emit(exc)
        self.search_finished.emit()

    def _load(self, offset: int) -> list[CaseRow]:
        return cases.page_cases(
            self._db,
            offset=offset,
            limit=self._page_size,
            day_from=self._day_from,
            day_to=self._day_to,
            actor=session.signed_in(),
        )

    # --- lazy loading ----------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._loading or self._fetching is not None:
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or len(self._rows) >= self._total:
            return
        if self._query is not None:
            self._fetch_search_page()
            return
        page = self._load(len(self._rows))
        self._append(page)

    def _append(self, page: list[CaseRow]) -> None:
        if not page:  # rows vanished since we counted: stop asking
            self._total = len(self._rows)
            self._capped = False
            return
        if self._capped:  # the count stopped early: page on while pages come back full
            loaded = len(self._rows) + len(page)
            if len(page) < self._page_size:
                self._total, self._capped = loaded, False
            else:
                self._total = max(self._total, loaded + 1)
        page = page[: self._total - len(self._rows)]
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def _fetch_search_page(self) -> None:
        if self._loading or self._fetching is not None or self._query is None:
            return
        generation, query, db = self._generation, self._query, self._db
        offset, size = len(self._rows), self._page_size

        def done(page: list[CaseRow]) -> None:
            if generation != self._generation:
                return
            self._fetching = None
            self._append(page)
            self.search_finished.emit()

        who = session.signed_in()
        self._fetching = run_in_background(
            None,
            lambda _progress: cases.search_cases(db, query, offset, size, actor=who),
            on_success=done,
            on_failure=lambda exc: self._failed(generation, exc),
        )

    # --- access ------------------------------------------------------------------
    def case_at(self, row: int) -> CaseRow | None:
        return self.item_at(row)

    def row_of(self, register_no: str, *, fetch: bool = True) -> int | None:
        """The row showing ``register_no``, loading further pages if needed (of the day
        range only: search pages arrive in the background)."""
        while True:
            for number, case in enumerate(self._rows):
                if case.register_no == register_no:
                    return number
            if not (fetch and self._query is None and self.canFetchMore()):
                return None
            self.fetchMore()

    # --- cells ---------------------------------------------------------------------
    def tooltip(self, case: CaseRow, column: int) -> str | None:
        if column == COL_SUMMARY:
            return case.summary
        if column in (COL_REGISTER_NO, COL_FLAGS) and case.flags:
            return case.flags
        return None

    def decoration(self, case: CaseRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_FLAGS:
            return FLAG_COLOR
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_PEOPLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _single_day(self) -> bool:
        return self._query is None and self._day_from is not None and self._day_from == self._day_to

    def display(self, case: CaseRow, column: int) -> str | None:
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
        if column == COL_FLAGS:
            return short_flags(case.flags)
        return None
