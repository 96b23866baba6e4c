"""The side panel of the intake form: known petitioners and repeat visits (查重).

While the clerk types, :class:`RepeatWatcher` asks the services — off the UI thread,
300 ms after the last keystroke, dropping answers to questions no longer asked:

* as soon as a valid ID number, a valid phone, or a name with an address is there:
  :func:`services.petitioners.lookup_petitioners` (已有档案) and
  :func:`services.repeats.earlier_by_person` (此人以前的来访, with the reason);
* once a category is chosen and the summary has :data:`SIMILAR_MIN_CHARS` characters:
  :func:`services.repeats.similar_open_petitions` (相似的在办事项).

:class:`RepeatPanel` lists the answers under three headings. A click or Enter on a
petitioner fills the form's empty fields from the file and reuses that petitioner; on a
petition it marks the new registration as its repeat — :class:`RepeatBanner` then says
"将登记为 2025-00012 的重复访" with 撤销, and the tab links the two right after the save.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.idcard import check_id_number
from petitiondesk.core.masking import mask_id, mask_phone
from petitiondesk.core.validation import check_phone
from petitiondesk.services import petitioners, repeats
from petitiondesk.services.cases import KnownPetitioner
from petitiondesk.services.repeats import RepeatCandidate
from petitiondesk.store.db import Database

from ..operations import ProgressFn, run_in_background
from .form import IntakeForm

log = logging.getLogger(__name__)

#: Wait this long after the last keystroke before asking (milliseconds).
DEBOUNCE_MS = 300
#: Similar open petitions are looked for once the summary has this many characters.
SIMILAR_MIN_CHARS = 8
#: Most petitions listed per heading.
LIST_LIMIT = 20

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_HEADING = "heading"
KIND_PETITIONER = "petitioner"
KIND_CASE = "case"

HINT_EMPTY = (
    "输入身份证号、电话，或姓名和住址后，这里列出已有档案和此人以前的来访；"
    f"选择问题类别并填写{SIMILAR_MIN_CHARS}个字以上的主要问题后，列出相似的在办事项。"
)
HINT_NOTHING = "未发现已有档案、以前的来访或相似的在办事项。"
HINT_CHOOSE = "F4 进入列表；单击或回车：沿用档案 / 登记为该事项的重复访；Esc 返回"
HINT_SEARCHING = "正在查找…"
CHOSEN_BACKGROUND = QColor("#e6f4ea")
HEADING_BACKGROUND = QColor("#eceff1")


@dataclass(frozen=True)
class PersonKeys:
    """What the person look-up asks with (only the parts that are complete)."""

    id_number: str = ""
    phone: str = ""
    name: str = ""
    address: str = ""

    def __bool__(self) -> bool:
        return bool(self.id_number or self.phone or (self.name and self.address))


@dataclass
class Findings:
    petitioners: list[KnownPetitioner] = field(default_factory=list)
    earlier: list[RepeatCandidate] = field(default_factory=list)
    similar: list[RepeatCandidate] = field(default_factory=list)


def person_keys(form: IntakeForm) -> PersonKeys:
    """The complete look-up keys on the form: a valid ID number, a valid phone, a name
    with an address (half-typed numbers ask nothing)."""
    check = check_id_number(form.id_number.text())
    phone = form.phone.text().strip()
    name, address = form.name.text().strip(), form.address.text().strip()
    return PersonKeys(
        id_number=check.normalized if check.ok else "",
        phone=phone if phone and check_phone(phone) is None else "",
        name=name if name and address else "",
        address=address if name and address else "",
    )


WORD_JOINER = "\u2060"


def unbreakable(text: str) -> str:
    """``text`` that a wrapping label keeps on one line (word joiners between the
    characters, non-breaking spaces)."""
    return WORD_JOINER.join(text.replace(" ", "\u00a0"))


def case_text(candidate: RepeatCandidate) -> str:
    first = f"{candidate.register_no}  {candidate.received_at:%Y-%m-%d}  {candidate.status.label}"
    if candidate.reason == repeats.REASON_SIMILAR:
        similar = unbreakable(f"内容相似 {round(candidate.score * 100)}%")
        reason = f"{candidate.name}，{similar}"
    else:
        reason = candidate.reason
    category = f"{candidate.category}｜" if candidate.category else ""
    final = f"【{candidate.final_label}，不再受理】" if candidate.final else ""
    return f"{final}{first}  · {reason}\n{category}{candidate.summary}"


def petitioner_text(known: KnownPetitioner, automatic: bool) -> str:
    parts = [known.name]
    if known.sex.label in ("男", "女"):
        parts.append(known.sex.label)
    if known.id_number:
        parts.append(mask_id(known.id_number))
    first = "  ".join(parts) + f"  · {known.match}"
    visits = f"来访 {known.earlier_cases} 次"
    if known.last_received is not None:
        visits += f"，最近 {known.last_received:%Y-%m-%d}"
    details = "；".join(p for p in (visits, mask_phone(known.phone), known.address) if p)
    if automatic:
        details += "（身份证号相同，保存时自动沿用）"
    return f"{first}\n{details}"


class RepeatPanel(QWidget):
    """Known petitioners, earlier petitions of the person, similar open petitions."""

    petitioner_chosen = Signal(object)  # KnownPetitioner
    repeat_chosen = Signal(object)  # RepeatCandidate

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repeat_panel")
        title = QLabel("查重与档案 (F4)")
        title.setStyleSheet("font-weight: bold;")
        self.hint = QLabel(HINT_EMPTY)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")
        self.list = QListWidget()
        self.list.setObjectName("repeat_list")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(False)
        self.list.setSpacing(1)
        self.list.setToolTip(HINT_CHOOSE)
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)
        self.findings = Findings()
        self._searching = False
        self._asked = False
        self.show_findings(Findings(), asked=False)

    # --- content ---------------------------------------------------------------------------
    def set_searching(self, searching: bool) -> None:
        self._searching = searching
        self._update_hint()

    def show_findings(
        self,
        findings: Findings,
        *,
        asked: bool,
        chosen_petitioner: int | None = None,
        repeat_of: int | None = None,
        typed_id: str = "",
    ) -> None:
        """List ``findings``; mark the chosen petitioner and the petition repeated."""
        self.findings = findings
        self._asked = asked
        current = self.list.currentItem()
        current_key = (current.data(KIND_ROLE), _key(current.data(VALUE_ROLE))) if current else None
        self.list.clear()
        earlier_ids = {c.petition_id for c in findings.earlier}
        similar = [c for c in findings.similar if c.petition_id not in earlier_ids]
        sections: list[tuple[str, str, list[KnownPetitioner] | list[RepeatCandidate]]] = [
            ("已有档案", KIND_PETITIONER, findings.petitioners),
            ("此人以前的来访", KIND_CASE, findings.earlier),
            ("相似的在办事项", KIND_CASE, similar),
        ]
        for heading, kind, values in sections:
            if not values:
                continue
            self._heading(f"{heading}（{len(values)}）")
            for value in values:
                if isinstance(value, KnownPetitioner):
                    chosen = value.id == chosen_petitioner
                    text = petitioner_text(value, bool(typed_id) and value.id_number == typed_id)
                else:
                    chosen = value.petition_id == repeat_of
                    text = case_text(value)
                item = QListWidgetItem(("✓ " if chosen else "") + text)
                item.setData(KIND_ROLE, kind)
                item.setData(VALUE_ROLE, value)
                item.setToolTip(
                    ("已选用这份档案" if kind == KIND_PETITIONER else "已选为本次登记的前次来访")
                    if chosen
                    else (
                        "单击或回车：沿用这份档案"
                        if kind == KIND_PETITIONER
                        else "单击或回车：登记为该事项的重复访"
                    )
                )
                if chosen:
                    item.setBackground(QBrush(CHOSEN_BACKGROUND))
                self.list.addItem(item)
                if current_key == (kind, _key(value)):
                    self.list.setCurrentItem(item)
        self._update_hint()

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setData(KIND_ROLE, KIND_HEADING)
        item.setFlags(Qt.ItemFlag.NoItemFlags)  # arrow keys step over it
        item.setForeground(QBrush(QColor("#333")))
        font = QFont(self.list.font())
        font.setBold(True)
        item.setFont(font)
        item.setBackground(QBrush(HEADING_BACKGROUND))
        self.list.addItem(item)

    def _update_hint(self) -> None:
        self.list.setVisible(self.list.count() > 0)
        if self._searching:
            text = HINT_SEARCHING
        elif self.list.count():
            text = HINT_CHOOSE
        elif self._asked:
            text = HINT_NOTHING
        else:
            text = HINT_EMPTY
        self.hint.setText(text)

    # --- access (and tests) --------------------------------------------------------------------
    def items(self, kind: str) -> list[QListWidgetItem]:
        found = (self.list.item(row) for row in range(self.list.count()))
        return [item for item in found if item is not None and item.data(KIND_ROLE) == kind]

    def case_items(self) -> list[QListWidgetItem]:
        return self.items(KIND_CASE)

    def petitioner_items(self) -> list[QListWidgetItem]:
        return self.items(KIND_PETITIONER)

    def _chosen(self, item: QListWidgetItem) -> None:
        kind, value = item.data(KIND_ROLE), item.data(VALUE_ROLE)
        if kind == KIND_PETITIONER:
            self.petitioner_chosen.emit(value)
        elif kind == KIND_CASE:
            self.repeat_chosen.emit(value)


def _key(value: object) -> object:
    if isinstance(value, KnownPetitioner):
        return ("p", value.id)
    if isinstance(value, RepeatCandidate):
        return ("c", value.petition_id)
    return None


class RepeatBanner(QWidget):
    """ "将登记为 2025-00012 的重复访" with 撤销 (hidden when nothing is chosen)."""

    undo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repeat_banner")
        self.label = QLabel()
        self.label.setStyleSheet("color: #b45309; font-weight: bold;")
        self.undo_button = QPushButton("撤销")
        self.undo_button.setToolTip("不作为重复访登记")
        self.undo_button.clicked.connect(self.undo.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.undo_button)
        self.hide()

    def show_choice(self, candidate: RepeatCandidate | None) -> None:
        if candidate is None:
            self.label.setText("")
            self.hide()
            return
        self.label.setText(f"将登记为 {candidate.register_no} 的重复访")
        self.label.setToolTip(case_text(candidate))
        self.show()


class RepeatWatcher(QObject):
    """Asks the look-ups as the form fills in and shows the answers (see the module)."""

    def __init__(
        self,
        db: Database,
        form: IntakeForm,
        panel: RepeatPanel,
        banner: RepeatBanner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.form = form
        self.panel = panel
        self.banner = banner
        self.findings = Findings()
        self._person: PersonKeys = PersonKeys()
        self._matter: tuple[int, str] | None = None
        self._person_generation = 0
        self._matter_generation = 0
        self._pending = 0  # look-ups on their way
        self._resume: list[QTimer] = []
        self.person_timer = self._timer(self.look_up_person)
        self.matter_timer = self._timer(self.look_up_similar)
        for line in (form.id_number, form.phone, form.name, form.address):
            line.textChanged.connect(lambda: self._schedule(self.person_timer))
        form.category.currentIndexChanged.connect(lambda: self._schedule(self.matter_timer))
        form.summary.textChanged.connect(lambda: self._schedule(self.matter_timer))
        form.choice_changed.connect(self._render)
        panel.petitioner_chosen.connect(form.use_petitioner)
        panel.repeat_chosen.connect(form.set_repeat_of)
        banner.undo.connect(lambda: form.set_repeat_of(None))

    def _schedule(self, timer: QTimer) -> None:
        """Ask after the debounce; while the form is hidden, once it is shown again."""
        if self.form.isVisible():
            timer.start()
        elif timer not in self._resume:
            self._resume.append(timer)

    def _timer(self, slot: object) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(DEBOUNCE_MS)
        timer.timeout.connect(slot)
        return timer

    @property
    def busy(self) -> bool:
        """A look-up is waiting for its debounce or running (tests wait on this)."""
        return self.person_timer.isActive() or self.matter_timer.isActive() or self._pending > 0

    def pause(self) -> None:
        """The tab was hidden (another tab, or the window closing): ask nothing meanwhile."""
        self._resume = [t for t in (self.person_timer, self.matter_timer) if t.isActive()]
        for timer in self._resume:
            timer.stop()

    def resume(self) -> None:
        """The tab is shown again: ask what was waiting."""
        for timer in self._resume:
            timer.start()
        self._resume = []

    def reset(self) -> None:
        """The form was cleared: forget everything (answers on their way are dropped)."""
        self.person_timer.stop()
        self.matter_timer.stop()
        self._resume = []
        self._person_generation += 1
        self._matter_generation += 1
        self._person, self._matter = PersonKeys(), None
        self.findings = Findings()
        self.panel.set_searching(False)
        self._render()

    # --- the person --------------------------------------------------------------------------
    def look_up_person(self) -> None:
        keys = person_keys(self.form)
        if keys == self._person:
            return
        self._person = keys
        self._person_generation += 1
        if not keys:
            self.findings.petitioners, self.findings.earlier = [], []
            self._render()
            return
        generation, db = self._person_generation, self._db

        def work(_progress: ProgressFn) -> tuple[list[KnownPetitioner], list[RepeatCandidate]]:
            found = petitioners.lookup_petitioners(
                db,
                id_number=keys.id_number,
                phone=keys.phone,
                name=keys.name,
                address=keys.address,
            )
            earlier = repeats.earlier_by_person(
                db,
                id_number=keys.id_number,
                phone=keys.phone,
                name=keys.name,
                address=keys.address,
                limit=LIST_LIMIT,
            )
            return found, earlier

        def done(value: tuple[list[KnownPetitioner], list[RepeatCandidate]]) -> None:
            if generation == self._person_generation:
                self.findings.petitioners, self.findings.earlier = value
                self._render()

        self._start(work, done)

    # --- the matter ----------------------------------------------------------------------------
    def look_up_similar(self) -> None:
        category = self.form.category.currentData()
        summary = self.form.summary.toPlainText().strip()
        matter = (category, summary) if category is not None else None
        if matter is not None and len(summary) < SIMILAR_MIN_CHARS:
            matter = None
        if matter == self._matter:
            return
        self._matter = matter
        self._matter_generation += 1
        if matter is None:
            self.findings.similar = []
            self._render()
            return
        generation, db = self._matter_generation, self._db
        category_id, text = matter

        def work(_progress: ProgressFn) -> list[RepeatCandidate]:
            return repeats.similar_open_petitions(
                db, category_id=category_id, summary=text, limit=LIST_LIMIT
            )

        def done(value: list[RepeatCandidate]) -> None:
            if generation == self._matter_generation:
                self.findings.similar = value
                self._render()

        self._start(work, done)

    # --- shared ------------------------------------------------------------------------------------
    def _start(self, work: Callable[[ProgressFn], Any], done: Callable[[Any], None]) -> None:
        self._pending += 1
        self.panel.set_searching(True)

        def finished() -> None:
            self._pending -= 1
            self.panel.set_searching(self._pending > 0)

        def failed(exc: BaseException) -> None:
            # A failed look-up must not stop the clerk typing; the save still checks.
            log.error("repeat look-up failed", exc_info=exc)

        operation = run_in_background(None, work, on_success=done, on_failure=failed)
        operation.finished.connect(finished)

    def _render(self) -> None:
        form = self.form
        check = check_id_number(form.id_number.text())
        self.panel.show_findings(
            self.findings,
            asked=bool(self._person) or self._matter is not None,
            chosen_petitioner=form.chosen_petitioner.id if form.chosen_petitioner else None,
            repeat_of=form.repeat_of.petition_id if form.repeat_of else None,
            typed_id=check.normalized if check.ok else "",
        )
        self.banner.show_choice(form.repeat_of)
