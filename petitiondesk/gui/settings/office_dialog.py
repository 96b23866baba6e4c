"""办公室设置…: the office settings (``services.settings.OfficeProfile``).

Office name, letterhead lines, address and phone printed on notices, the document-number
prefix (with a live example: 青信〔2027〕1号), seal text, receiving officers (one per
line), the due-soon window, the group-visit rules (信访工作条例 第二十条) and the
early-warning window and count (苗头预警, :mod:`petitiondesk.core.clusters`), the idle lock
(空闲锁定, 0 = never) and the roles that read confidential cases in full (管理员 always). Messages of
``update_office_settings`` show under their fields; Enter saves, Esc cancels. A save tells
the hub SETTINGS: the intake form reads the representative limit again and the 账户 menu's
idle watcher takes the new idle time at once (no restart).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from petitiondesk.core.clusters import (
    MAX_THRESHOLD,
    MAX_WINDOW_DAYS,
    MIN_THRESHOLD,
    MIN_WINDOW_DAYS,
)
from petitiondesk.core.identity import Actor, Role
from petitiondesk.services import settings
from petitiondesk.services.result import Result
from petitiondesk.services.settings import (
    CONFIDENTIAL_ROLE_CHOICES,
    MAX_DUE_SOON_DAYS,
    MAX_IDLE_LOCK_MINUTES,
    MAX_PEOPLE_SETTING,
    STATUTE_REP_LIMIT,
    OfficeProfile,
)
from petitiondesk.store.db import Database

from .. import signals
from ..operations import Operation
from ..widgets.form_dialog import FormDialog

NOTE_STYLE = "color: #555;"


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


def _text_box(placeholder: str, rows: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * rows + 14)
    return box


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("1000 人") + 40)
    return spin


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


class OfficeSettingsDialog(FormDialog):
    """The settings form; ``saved(result)`` after a good save."""

    def __init__(
        self, db: Database, *, actor: Actor, year: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__("办公室设置", parent)
        self.db, self.actor = db, actor
        self.year = year if year is not None else date.today().year
        self.profile = settings.get_office_settings(db)
        self._build_office_fields()
        self._build_group_fields()
        self._build_cluster_fields()
        self._build_account_fields()
        self.add_save_cancel("保存设置")
        self.archive_button = QPushButton("归档设置…")  # 全宗号, 保管期限 (年底归档)
        self.archive_button.clicked.connect(self.open_archive_settings)
        buttons = (self.archive_button, self.save_button, self.cancel_button)
        self.lay_out(buttons=buttons, width=620)
        self.load(self.profile)
        self.name.setFocus()

    def _build_office_fields(self) -> None:
        self.name = QLineEdit()
        self.letterhead = _text_box("每行一行文头，如：青山县人民政府信访局", 2)
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.doc_prefix = QLineEdit()
        self.doc_prefix.setPlaceholderText("如：青信")
        self.doc_example = QLabel()
        self.doc_example.setStyleSheet(NOTE_STYLE)
        self.doc_prefix.textChanged.connect(self._update_example)
        self.seal_text = QLineEdit()
        self.officers = _text_box("每行一位接待人姓名")
        self.default_officer = QLineEdit()
        self.default_officer.setPlaceholderText("新登记时预填的接待人（可不填）")
        self.due_soon = _spin(0, MAX_DUE_SOON_DAYS, " 天")
        self.due_soon.setToolTip("期限前多少天起在督办、超期一览中标为“即将到期”")
        self.add_field("name", "单位名称", self.name)
        self.add_field("letterhead_lines", "文头", self.letterhead)
        self.add_field("address", "地址", self.address)
        self.add_field("phone", "电话", self.phone)
        self.add_field("doc_prefix", "文号前缀", _row(self.doc_prefix, self.doc_example))
        self.fields["doc_prefix"] = self.doc_prefix
        self.add_field("seal_text", "印章文字", self.seal_text)
        self.add_field("receiving_officers", "接待人", self.officers)
        self.add_field("default_receiving_officer", "默认接待人", self.default_officer)
        self.add_field(
            "due_soon_days", "即将到期提醒", _row(self.due_soon, QLabel("内到期的标为“即将到期”"))
        )
        self.fields["due_soon_days"] = self.due_soon

    def _build_group_fields(self) -> None:
        self.rep_limit = _spin(1, STATUTE_REP_LIMIT, " 人")
        self.rep_limit.setToolTip(
            "《信访工作条例》第二十条：多人提出同一信访事项，推选代表不超过5人"
        )
        self.small_rule = QCheckBox("小规模集体访另定：")
        self.small_max = _spin(2, MAX_PEOPLE_SETTING, " 人")
        self.small_limit = _spin(1, STATUTE_REP_LIMIT, " 人")
        self.small_rule.toggled.connect(self._small_rule_toggled)
        self.group_min = _spin(2, MAX_PEOPLE_SETTING, " 人")
        self.group_min.setToolTip("来访人数达到此数即登记为集体访（与代表人数上限无关）")
        small = _row(
            self.small_rule, self.small_max, QLabel("及以下的，代表不超过"), self.small_limit
        )
        self.add_field("group_rep_limit", "集体访代表上限", _row(self.rep_limit))
        self.fields["group_rep_limit"] = self.rep_limit
        self.add_field("small_group_rep_limit", "", small)
        self.fields["small_group_rep_limit"] = self.small_limit
        self.messages["small_group_max_people"] = self.messages["small_group_rep_limit"]
        self.fields["small_group_max_people"] = self.small_max
        self.add_field(
            "group_visit_min_people",
            "集体访起算人数",
            _row(self.group_min, QLabel("及以上为集体访")),
        )
        self.fields["group_visit_min_people"] = self.group_min

    def open_archive_settings(self) -> QWidget:
        from .archive_dialog import ArchiveSettingsDialog

        dialog = ArchiveSettingsDialog(self.db, year=self.year, parent=self)
        self.archive_dialog = dialog
        dialog.open()
        return dialog

    def _build_cluster_fields(self) -> None:
        self.cluster_window = _spin(MIN_WINDOW_DAYS, MAX_WINDOW_DAYS, " 天")
        self.cluster_threshold = _spin(MIN_THRESHOLD, MAX_THRESHOLD, " 件")
        tip = "同一村（社区）、同一类别、内容相近的信访事项在此天数内达到此件数，列为苗头性、倾向性问题"
        self.cluster_window.setToolTip(tip)
        self.cluster_threshold.setToolTip(tip)
        self.add_field(
            "cluster_window_days",
            "苗头预警",
            _row(self.cluster_window, QLabel("内同类事项达到"), self.cluster_threshold),
        )
        self.fields["cluster_window_days"] = self.cluster_window
        self.fields["cluster_threshold"] = self.cluster_threshold
        self.messages["cluster_threshold"] = self.messages["cluster_window_days"]

    def _build_account_fields(self) -> None:
        self.idle_lock = _spin(0, MAX_IDLE_LOCK_MINUTES, " 分钟")
        self.idle_lock.setSpecialValueText("从不")  # 0
        self.idle_lock.setToolTip(
            "无键盘鼠标操作达到此时间后锁定窗口，需重新输入密码；0 为从不锁定"
        )
        self.add_field(
            "idle_lock_minutes",
            "空闲锁定",
            _row(self.idle_lock, QLabel("无操作后锁定（0 为从不）")),
        )
        self.fields["idle_lock_minutes"] = self.idle_lock
        self.role_boxes: dict[Role, QCheckBox] = {}
        for role in CONFIDENTIAL_ROLE_CHOICES:
            box = QCheckBox(role.label)
            self.role_boxes[role] = box
        admin_box = self.role_boxes[Role.ADMIN]
        admin_box.setChecked(True)
        admin_box.setEnabled(False)  # administrators always read them in full
        admin_box.setToolTip("管理员始终可查看保密件全文")
        self.add_field(
            "confidential_roles", "可查看保密件全文的角色", _row(*self.role_boxes.values())
        )

    # --- load / collect ---------------------------------------------------------------------
    def load(self, profile: OfficeProfile) -> None:
        self.name.setText(profile.name)
        self.letterhead.setPlainText("\n".join(profile.letterhead_lines))
        self.address.setText(profile.address)
        self.phone.setText(profile.phone)
        self.doc_prefix.setText(profile.doc_prefix)
        self.seal_text.setText(profile.seal_text)
        self.officers.setPlainText("\n".join(profile.receiving_officers))
        self.default_officer.setText(profile.default_receiving_officer)
        self.due_soon.setValue(profile.due_soon_days)
        self.rep_limit.setValue(profile.group_rep_limit)
        small = profile.small_group_rep_limit
        self.small_rule.setChecked(small is not None)
        self.small_limit.setValue(small if small is not None else min(3, profile.group_rep_limit))
        self.small_max.setValue(profile.small_group_max_people)
        self.group_min.setValue(profile.group_visit_min_people)
        self.cluster_window.setValue(profile.cluster_window_days)
        self.cluster_threshold.setValue(profile.cluster_threshold)
        self.idle_lock.setValue(profile.idle_lock_minutes)
        for role, box in self.role_boxes.items():
            box.setChecked(role is Role.ADMIN or role in profile.confidential_roles)
        self._small_rule_toggled(small is not None)
        self._update_example()

    def collect(self) -> OfficeProfile:
        return OfficeProfile(
            name=self.name.text(),
            letterhead_lines=_lines(self.letterhead),
            address=self.address.text(),
            phone=self.phone.text(),
            doc_prefix=self.doc_prefix.text(),
            seal_text=self.seal_text.text(),
            receiving_officers=_lines(self.officers),
            default_receiving_officer=self.default_officer.text(),
            due_soon_days=self.due_soon.value(),
            group_rep_limit=self.rep_limit.value(),
            small_group_rep_limit=self.small_limit.value() if self.small_rule.isChecked() else None,
            small_group_max_people=self.small_max.value(),
            group_visit_min_people=self.group_min.value(),
            cluster_window_days=self.cluster_window.value(),
            cluster_threshold=self.cluster_threshold.value(),
            idle_lock_minutes=self.idle_lock.value(),
            confidential_roles=frozenset(
                role for role, box in self.role_boxes.items() if box.isChecked()
            ),
            version=self.profile.version,
        )

    def _small_rule_toggled(self, on: bool) -> None:
        self.small_max.setEnabled(on)
        self.small_limit.setEnabled(on)

    def _update_example(self) -> None:
        prefix = self.doc_prefix.text().strip()
        example = OfficeProfile(name="", doc_prefix=prefix).doc_no_example(self.year)
        self.doc_example.setText(f"文号示例：{example}（每年从1号起）")

    # --- save -------------------------------------------------------------------------------
    def submit(self) -> Operation | None:
        self.clear_messages()
        data, db, actor = self.collect(), self.db, self.actor
        return self.write(
            lambda: settings.update_office_settings(db, data, actor=actor),
            topics=(signals.SETTINGS,),
            on_done=self._done,
        )

    def _done(self, result: Result[OfficeProfile]) -> None:
        if self.finish(result) and result.value is not None:
            self.profile = result.value
