"""领导与接待规则…: the leaders (rota order, portfolio) and the reception-day rules.

Two pages, each a list on the left and the form of the chosen item on the right. The
forms show the messages of :func:`services.roster.save_leader` and
:func:`services.roster.save_reception_rule` under their fields (``Result.errors`` keys);
the time-span text is checked while the clerk types. Saves run off the UI thread and tell
the data hub ``topic`` (leaders are reference data: the intake form lists them as the
leader on duty); ``changed(topic)`` is emitted after every save.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from petitiondesk.core.enums import DayOffPolicy, ReceptionRuleKind
from petitiondesk.core.identity import Actor
from petitiondesk.core.roster import WEEKDAY_LABELS, check_spans
from petitiondesk.services import cases, roster
from petitiondesk.services.roster import (
    MAX_CAPACITY,
    LeaderInput,
    LeaderRow,
    RuleInput,
    RuleRow,
)
from petitiondesk.store.db import Database

from ..operations import Operation
from ..widgets.dates import to_date, to_qdate
from ..widgets.form_dialog import button_row
from ..widgets.list_form import ListFormPage

NTH_CHOICES: tuple[tuple[str, int], ...] = (
    ("第一个", 1),
    ("第二个", 2),
    ("第三个", 3),
    ("第四个", 4),
    ("第五个", 5),
    ("最后一个", -1),
)
DAY_OFF_TEXT = {
    DayOffPolicy.SKIP: "取消（法定节假日除外）",
    DayOffPolicy.NEXT: "顺延到下一个工作日",
    DayOffPolicy.PREVIOUS: "提前到上一个工作日",
}
SLOTS_PLACEHOLDER = "08:30-12:00;14:30-18:00"


def portfolio_note(portfolio: str, names: list[str]) -> str:
    """The note typed by the clerk, out of ``LeaderRow.portfolio`` ("names（note）",
    "names" or "note", see :func:`services.roster.portfolio_text`)."""
    joined = "、".join(names)
    if not joined:
        return portfolio
    if portfolio == joined:
        return ""
    rest = portfolio[len(joined) :] if portfolio.startswith(joined) else ""
    if rest.startswith("（") and rest.endswith("）"):
        return rest[1:-1]
    return portfolio


# --- leaders ----------------------------------------------------------------------------------


class LeadersPage(ListFormPage[LeaderRow]):
    """The leaders in rota order; name, title, phone, order, active, portfolio."""

    def __init__(self, db: Database, *, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor=actor, new_text="新增领导", save_text="保存领导", parent=parent)
        self._hidden_categories: list[int] = []
        self.current_version: int | None = None  # of the leader loaded (issue 14)
        self.list.setMinimumWidth(220)
        fs = self.fieldset
        self.name = QLineEdit()
        self.title = QLineEdit()
        self.title.setPlaceholderText("如：副局长")
        self.phone = QLineEdit()
        self.rotation_order = QSpinBox()
        self.rotation_order.setRange(0, 9999)
        self.rotation_order.setToolTip("值班顺序小的先轮到；相同时按录入先后")
        self.active = QCheckBox("在岗（参加轮值）")
        self.categories = QListWidget()
        self.categories.setToolTip("该领导分管的问题类别：预约时分管领导的接待时段排在前面")
        for choice in cases.reference_data(db).categories:
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.categories.addItem(item)
        # Every category in view (up to 16 rows), and the room left over on top of that.
        rows = min(max(self.categories.count(), 6), 16)
        row_height = max(self.categories.sizeHintForRow(0), self.fontMetrics().height() + 4)
        frame = 2 * self.categories.frameWidth() + 6
        self.categories.setMinimumHeight(rows * row_height + frame)
        self.categories.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.portfolio_note = QLineEdit()
        self.portfolio_note.setPlaceholderText("分管范围的补充说明（可不填）")
        fs.add_field("name", "姓名", self.name)
        fs.add_field("title", "职务", self.title)
        fs.add_field("phone", "电话", self.phone)
        fs.add_field("rotation_order", "值班顺序", self.rotation_order)
        fs.add_field("active", "", self.active)
        fs.add_field("category_ids", "分管领域", self.categories)
        fs.add_field("portfolio_note", "分管说明", self.portfolio_note)
        self._lay_out("按值班顺序：")
        self.reload()

    # --- list -------------------------------------------------------------------------
    def list_items(self) -> list[LeaderRow]:
        return roster.list_leaders(self.db)

    def item_text(self, leader: LeaderRow) -> tuple[str, str]:
        text = f"{leader.rotation_order}. {leader.name}"
        if leader.title:
            text += f" {leader.title}"
        if not leader.active:
            text += "（停用）"
        return text, leader.portfolio or "未设分管领域"

    def leader_names(self) -> list[str]:
        return [ld.name for ld in self._items]

    def load(self, leader: LeaderRow) -> None:
        self.fieldset.clear_messages()
        self.current_id = leader.id
        self.current_version = leader.version
        self.name.setText(leader.name)
        self.title.setText(leader.title)
        self.phone.setText(leader.phone)
        self.rotation_order.setValue(leader.rotation_order)
        self.active.setChecked(leader.active)
        shown = set()
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            category_id = int(item.data(Qt.ItemDataRole.UserRole))
            shown.add(category_id)
            checked = category_id in leader.category_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        # categories no longer in use stay in the portfolio unless the clerk removes them
        self._hidden_categories = [c for c in leader.category_ids if c not in shown]
        self.portfolio_note.setText(portfolio_note(leader.portfolio, self.checked_names()))

    def new_leader(self) -> None:
        """新增领导: an empty form, at the end of the rota."""
        self._start_new()
        for widget in (self.name, self.title, self.phone, self.portfolio_note):
            widget.clear()
        last = max((ld.rotation_order for ld in self._items), default=0)
        self.rotation_order.setValue(last + 1)
        self.active.setChecked(True)
        for i in range(self.categories.count()):
            self.categories.item(i).setCheckState(Qt.CheckState.Unchecked)
        self._hidden_categories = []
        self.status.clear()
        self.name.setFocus()

    new_item = new_leader

    def checked_categories(self) -> list[int]:
        return [
            int(self.categories.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.categories.count())
            if self.categories.item(i).checkState() == Qt.CheckState.Checked
        ]

    def checked_names(self) -> list[str]:
        return [
            self.categories.item(i).text()
            for i in range(self.categories.count())
            if self.categories.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_categories(self, names: list[str]) -> None:
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked
            )

    # --- save -------------------------------------------------------------------------
    def save(self) -> Operation | None:
        data = LeaderInput(
            id=self.current_id,
            name=self.name.text(),
            title=self.title.text(),
            phone=self.phone.text(),
            rotation_order=self.rotation_order.value(),
            active=self.active.isChecked(),
            category_ids=self.checked_categories() + self._hidden_categories,
            portfolio_note=self.portfolio_note.text(),
            version=self.current_version if self.current_id is not None else None,
        )
        db, actor = self.db, self.actor
        return self.write_item(lambda: roster.save_leader(db, data, actor=actor))


# --- reception rules --------------------------------------------------------------------------


class RulesPage(ListFormPage[RuleRow]):
    """The reception-day rules: kind, weekday, n-th, time spans, place, day-off policy,
    capacity, active, optional validity."""

    def __init__(self, db: Database, *, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor=actor, new_text="新增规则", save_text="保存规则", parent=parent)
        self.list.setMinimumWidth(260)
        self.list.setWordWrap(True)
        fs = self.fieldset
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：每周一领导接待日")
        self.kind = QComboBox()
        for kind in ReceptionRuleKind:
            self.kind.addItem(kind.label, kind)
        self.weekday = QComboBox()
        for number, label in enumerate(WEEKDAY_LABELS):
            self.weekday.addItem(label, number)
        self.nth = QComboBox()
        for label, value in NTH_CHOICES:
            self.nth.addItem(label, value)
        self.slots = QLineEdit()
        self.slots.setPlaceholderText(SLOTS_PLACEHOLDER)
        self.slots.setToolTip("一个或多个接待时段，用分号隔开，如 " + SLOTS_PLACEHOLDER)
        self.place = QLineEdit()
        self.on_day_off = QComboBox()
        for policy in DayOffPolicy:
            self.on_day_off.addItem(DAY_OFF_TEXT[policy], policy)
        self.capacity = QSpinBox()
        self.capacity.setRange(1, MAX_CAPACITY)
        self.capacity.setSuffix(" 人")
        self.capacity.setToolTip("每个接待时段最多可预约的人数（现场排队不受限制）")
        self.active = QCheckBox("启用")
        self.limited = QCheckBox("限定有效期")
        self.valid_from = QDateEdit()
        self.valid_to = QDateEdit()
        for edit in (self.valid_from, self.valid_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        validity = QWidget()
        row = QHBoxLayout(validity)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.limited)
        row.addWidget(self.valid_from)
        row.addWidget(QLabel("至"))
        row.addWidget(self.valid_to)
        row.addStretch(1)
        fs.add_field("name", "规则名称", self.name)
        fs.add_field("kind", "规则类型", self.kind)
        fs.add_field("weekday", "星期", self.weekday)
        fs.add_field("nth", "每月第几个", self.nth)
        fs.add_field("slots", "接待时段", self.slots)
        fs.add_field("place", "接待地点", self.place)
        fs.add_field("on_day_off", "遇节假日", self.on_day_off)
        fs.add_field("capacity", "每时段可预约", self.capacity)
        fs.add_field("active", "", self.active)
        fs.add_field("valid_to", "有效期", validity)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.slots.textEdited.connect(self._check_slots)
        self.limited.toggled.connect(self.valid_from.setEnabled)
        self.limited.toggled.connect(self.valid_to.setEnabled)

        note = QLabel("修改规则不影响已生成的排班；保存后请对今后的期间重新“生成排班”。")
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self._lay_out("接待日规则：", note)
        self.reload()

    def list_items(self) -> list[RuleRow]:
        return roster.list_rules(self.db)

    def item_text(self, rule: RuleRow) -> tuple[str, str]:
        text = f"{rule.name}\n{rule.description}"
        if not rule.active:
            text = f"（停用）{text}"
        return text, f"{rule.description}\n地点：{rule.place}"

    def load(self, rule: RuleRow) -> None:
        self.fieldset.clear_messages()
        self.current_id = rule.id
        self.name.setText(rule.name)
        self.kind.setCurrentIndex(max(self.kind.findData(rule.kind), 0))
        self.weekday.setCurrentIndex(max(self.weekday.findData(rule.weekday or 0), 0))
        self.nth.setCurrentIndex(max(self.nth.findData(rule.nth or 1), 0))
        self.slots.setText(rule.slots)
        self.place.setText(rule.place)
        self.on_day_off.setCurrentIndex(max(self.on_day_off.findData(rule.on_day_off), 0))
        self.capacity.setValue(rule.capacity)
        self.active.setChecked(rule.active)
        limited = rule.valid_from is not None or rule.valid_to is not None
        self.limited.setChecked(limited)
        today = date.today()
        self.valid_from.setDate(to_qdate(rule.valid_from or today))
        self.valid_to.setDate(to_qdate(rule.valid_to or date(today.year, 12, 31)))
        self._kind_changed()
        self.status.clear()

    def new_rule(self) -> None:
        self._start_new()
        self.name.clear()
        self.kind.setCurrentIndex(0)
        self.weekday.setCurrentIndex(0)
        self.nth.setCurrentIndex(0)
        self.slots.setText("08:30-12:00")
        self.place.clear()
        self.on_day_off.setCurrentIndex(0)
        self.capacity.setValue(10)
        self.active.setChecked(True)
        self.limited.setChecked(False)
        today = date.today()
        self.valid_from.setDate(to_qdate(today))
        self.valid_to.setDate(to_qdate(date(today.year, 12, 31)))
        self._kind_changed()
        self.status.clear()
        self.name.setFocus()

    new_item = new_rule

    def current_kind(self) -> ReceptionRuleKind:
        value = self.kind.currentData()
        return ReceptionRuleKind(value) if value is not None else ReceptionRuleKind.WEEKDAY

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.weekday.setEnabled(kind in (ReceptionRuleKind.WEEKDAY, ReceptionRuleKind.NTH_WEEKDAY))
        self.nth.setEnabled(kind is ReceptionRuleKind.NTH_WEEKDAY)

    def _check_slots(self) -> None:
        message = check_spans(self.slots.text())
        target = self.fieldset.messages["slots"]
        if message:
            target.set_error(message)
        else:
            target.clear_message()

    def collect(self) -> RuleInput:
        kind = self.current_kind()
        uses_weekday = kind in (ReceptionRuleKind.WEEKDAY, ReceptionRuleKind.NTH_WEEKDAY)
        limited = self.limited.isChecked()
        return RuleInput(
            id=self.current_id,
            name=self.name.text(),
            kind=kind,
            slots=self.slots.text(),
            place=self.place.text(),
            weekday=int(self.weekday.currentData()) if uses_weekday else None,
            nth=int(self.nth.currentData()) if kind is ReceptionRuleKind.NTH_WEEKDAY else None,
            on_day_off=DayOffPolicy(self.on_day_off.currentData()),
            capacity=self.capacity.value(),
            active=self.active.isChecked(),
            valid_from=to_date(self.valid_from.date()) if limited else None,
            valid_to=to_date(self.valid_to.date()) if limited else None,
        )

    def save(self) -> Operation | None:
        db, data, actor = self.db, self.collect(), self.actor
        return self.write_item(
            lambda: roster.save_reception_rule(db, data, actor=actor),
            aliases={"valid_from": "valid_to"},
        )


class LeadersRulesDialog(QDialog):
    """领导与接待规则…: two pages; ``changed(topic)`` after each save."""

    changed = Signal(str)

    def __init__(
        self, db: Database, *, actor: Actor, topic: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("领导与接待规则")
        self.leaders = LeadersPage(db, actor=actor)
        self.rules = RulesPage(db, actor=actor)
        self.leaders.topics = self.rules.topics = (topic,)
        self.leaders.saved.connect(lambda _r: self.changed.emit(topic))
        self.rules.saved.connect(lambda _r: self.changed.emit(topic))
        self.pages = QTabWidget()
        self.pages.addTab(self.leaders, "领导（轮值顺序、分管领域）")
        self.pages.addTab(self.rules, "接待日规则")
        self.close_button = QPushButton("关闭")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(button_row(self.close_button))
        self.resize(860, 600)
