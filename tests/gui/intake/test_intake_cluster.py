"""The intake form names the cluster the registration being typed joins."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytestqt.qtbot import QtBot

from petitiondesk.core.enums import Channel
from petitiondesk.gui.intake.tab import IntakeTab
from petitiondesk.services.intake import VisitInput, register_visit
from petitiondesk.store.db import Database
from tests.helpers import actor

ROAD = ("新华社区通村公路年久失修，坑洼不平", "通村公路坑洼不平，雨天无法通行")


def earlier_road_petitions(db: Database, count: int) -> None:
    now = datetime.now().replace(second=0, microsecond=0)
    for n in range(count):
        data = VisitInput(
            channel=Channel.PHONE,
            received_at=now - timedelta(days=count - n),
            name=f"村民{n}",
            phone=f"1391234{n:04d}",
            category_id=1,  # 城乡建设
            place="城关镇新华社区",
            summary=ROAD[n % 2],
            receiving_officer="赵敏",
        )
        register_visit(db, data, actor=actor()).unwrap()


def type_matter(tab: IntakeTab, place: str, category: str = "城乡建设") -> None:
    form = tab.form
    form.category.setCurrentIndex(form.category.findText(category))
    form.place.setText(place)
    form.summary.setPlainText("反映通村公路坑洼不平，要求修复")


def wait_quiet(qtbot: QtBot, tab: IntakeTab) -> None:
    qtbot.waitUntil(lambda: not tab.clusters.busy, timeout=10_000)


def test_joining_a_cluster_is_named_and_raised_by_skipping_a_level(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    earlier_road_petitions(db, 5)
    hint = intake.cluster_hint
    assert not hint.isVisibleTo(intake)
    type_matter(intake, "新华社区二组")
    wait_quiet(qtbot, intake)
    assert hint.isVisibleTo(intake)
    assert hint.text() == "⚠ 30天内第 6 件：新华社区通村公路"
    assert "城乡建设，6 件 6 人（含本次登记）" in hint.toolTip()
    intake.form.skipped_level.setChecked(True)
    wait_quiet(qtbot, intake)
    assert hint.text().startswith("⚠ 【预警】30天内第 6 件")
    intake.form.place.setText("东风村")
    wait_quiet(qtbot, intake)
    assert not hint.isVisibleTo(intake)


def test_below_the_threshold_nothing_is_named(
    qtbot: QtBot, db: Database, intake: IntakeTab
) -> None:
    earlier_road_petitions(db, 1)
    type_matter(intake, "新华社区")
    wait_quiet(qtbot, intake)
    assert not intake.cluster_hint.isVisibleTo(intake)
