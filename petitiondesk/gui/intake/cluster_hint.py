"""The early-warning line of the intake form: when the registration being typed joins a
cluster (苗头性、倾向性问题, :mod:`petitiondesk.core.clusters`) it is named above the 查重
list — "30天内第 6 件：新华社区通村公路" — with the cases in its tooltip.

:class:`ClusterWatcher` asks :func:`services.clusters.cluster_for_new` off the UI thread,
:data:`DEBOUNCE_MS` after the place, category, summary, people count or 越级 last changed,
and drops answers to questions no longer asked.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from petitiondesk.services import clusters
from petitiondesk.services.clusters import ClusterJoin
from petitiondesk.services.intake import VisitInput
from petitiondesk.store.db import Database

from ..operations import ProgressFn, run_in_background
from .form import IntakeForm

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400
#: Characters of the summary before a cluster is looked for.
MIN_SUMMARY_CHARS = 4
#: Cases listed in the tooltip.
TIP_CASES = 12
STYLES = {
    1: "color: #92400e; background: #fef3c7; padding: 3px; font-weight: bold;",
    2: "color: #9a3412; background: #ffedd5; padding: 3px; font-weight: bold;",
    3: "color: #ffffff; background: #b91c1c; padding: 3px; font-weight: bold;",
}


def tooltip(join: ClusterJoin) -> str:
    cluster = join.cluster
    lines = [
        f"苗头性、倾向性问题（{cluster.level.label}）：{cluster.title}",
        f"{cluster.category}，{cluster.count} 件 {cluster.people} 人（含本次登记）",
    ]
    for fact in cluster.facts[-TIP_CASES:]:
        lines.append(f"{fact.register_no}  {fact.received:%m-%d}  {fact.summary[:24]}")
    return "\n".join(lines)


class ClusterHint(QLabel):
    """One line naming the cluster the registration joins; hidden otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cluster_hint")
        self.setWordWrap(True)
        self.join: ClusterJoin | None = None
        self.hide()

    def show_join(self, join: ClusterJoin | None) -> None:
        self.join = join
        if join is None:
            self.clear()
            self.setToolTip("")
            self.hide()
            return
        self.setText(f"⚠ {join.text}")
        self.setStyleSheet(STYLES.get(join.cluster.level.value, STYLES[1]))
        self.setToolTip(tooltip(join))
        self.show()


class ClusterWatcher(QObject):
    """Looks for the cluster of the registration being typed (see the module)."""

    def __init__(
        self, db: Database, form: IntakeForm, hint: ClusterHint, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self.form, self.hint = db, form, hint
        self._asked: VisitInput | None = None
        self._generation = 0
        self._pending = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.look_up)
        form.place.textChanged.connect(self.timer.start)
        form.summary.textChanged.connect(self.timer.start)
        form.category.currentIndexChanged.connect(self.timer.start)
        form.people_count.valueChanged.connect(self.timer.start)
        form.skipped_level.toggled.connect(self.timer.start)

    @property
    def busy(self) -> bool:
        return self.timer.isActive() or self._pending > 0

    def draft(self) -> VisitInput | None:
        """What the look-up asks with, or None when the form says too little."""
        form = self.form
        category = form.category.currentData()
        summary = form.summary.toPlainText().strip()
        place = form.place.text().strip()
        if category is None or not place or len(summary) < MIN_SUMMARY_CHARS:
            return None
        received = form.received_at.dateTime().toPython()
        return VisitInput(
            channel=form.current_channel(),
            received_at=received if isinstance(received, datetime) else datetime.now(),
            category_id=category,
            place=place,
            summary=summary,
            people_count=form.people_count.value(),
            skipped_level=form.skipped_level.isChecked(),
        )

    def look_up(self) -> None:
        draft = self.draft()
        if draft == self._asked and draft is not None:
            return
        self._asked = draft
        self._generation += 1
        if draft is None:
            self.hint.show_join(None)
            return
        generation, db = self._generation, self._db

        def work(_progress: ProgressFn) -> ClusterJoin | None:
            return clusters.cluster_for_new(db, draft)

        def done(join: ClusterJoin | None) -> None:
            if generation == self._generation:
                self.hint.show_join(join)

        def failed(exc: BaseException) -> None:
            log.error("cluster look-up failed", exc_info=exc)  # the clerk types on

        def finished() -> None:
            self._pending -= 1

        self._pending += 1
        operation = run_in_background(None, work, on_success=done, on_failure=failed)
        operation.finished.connect(finished)
