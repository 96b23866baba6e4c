"""The tabs of the main window, in their order (the one place that names them).

Each tab is declared (:mod:`lazy_tab`): the window imports and builds a tab when it is
first shown or one of its actions is used; the tab in front is built at start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from petitiondesk.core.identity import Actor
from petitiondesk.core.permissions import Permission as P
from petitiondesk.store.db import Database

from . import signals
from .lazy_tab import ActionDeclaration as A
from .lazy_tab import MenuDeclaration, TabDeclaration
from .signals import DataHub
from .tab import TabContract

#: Makes a tab for the window: ``factory(db, hub)`` (built at start), or a declaration
#: (built on first use).
TabFactory = Callable[[Database, DataHub], TabContract]
TabSource = TabFactory | TabDeclaration
Groups = tuple[tuple[A, ...], ...]

TAB_ROSTER = 0
TAB_INTAKE = 1
TAB_REFERRAL = 2
TAB_CLOSURE = 3
TAB_STATISTICS = 4


def referral_badge(db: Database, actor: Actor) -> str:
    """交办督办 with its counts (one cheap query), as the unfiltered board would show."""
    from petitiondesk.services import referrals

    from .referral.badge import board_title

    return board_title(referrals.referral_counts(db, date.today(), actor=actor))


def closure_badge(db: Database, actor: Actor) -> str:
    """办结 with its counts, without reading the queues."""
    from petitiondesk.services import closure

    from .closure.badge import board_title

    return board_title(closure.closure_counts(db, date.today(), actor=actor))


def declare(
    key: str, title: str, cls: str, menu: str, rank: int, groups: Groups, **more: Any
) -> TabDeclaration:
    """The tab ``petitiondesk.gui.<key>.tab:<cls>`` with one menu."""
    factory = f"petitiondesk.gui.{key}.tab:{cls}"
    menus = (MenuDeclaration(menu, groups, rank),)
    return TabDeclaration(key=key, title=title, factory=factory, menus=menus, **more)


def plain(permission: P, *texts: str) -> tuple[A, ...]:
    """Actions with no shortcut or tip, disabled while the tab is hidden."""
    return tuple(A(text, permission) for text in texts)


ROSTER = declare("roster", "排班", "RosterTab", "排班(&D)", 2, (
    (A("生成排班(&G)", P.ROSTER, "Ctrl+G", "按接待日规则生成本期排班", True),),
    (
        A("替班(&T)…", P.ROSTER, None, "由另一位领导接待选中的时段"),
        A("调换(&W)…", P.ROSTER, None, "与另一位领导的接待时段互换"),
        A("按值班顺序递补(&N)…", P.ROSTER, None, "由下一位有空的领导接待"),
    ),
    (
        A("陪同(&A)…", P.ROSTER, "Ctrl+Shift+A", in_tab=True),
        A("手工加排(&M)…", P.ROSTER, "Ctrl+Shift+N", enabled=True, in_tab=True),
    ),
    (
        A("预约(&B)…", P.ROSTER, "Ctrl+B", "为来访人预约领导接待日", True),
        A("现场登记(&K)…", P.ROSTER, None, "未预约的来访人现场排队"),
        A("取消预约(&C)", P.ROSTER, None, "取消选中来访人的预约"),
        A("打印四卡(&4)…", P.PRINT, None, "打印选中预约的领导接待日四卡"),
    ),
    (
        A("打印排班公示(&P)…", P.PRINT, "Ctrl+Shift+P", "预览并打印本期的领导接待日安排表", True),
        A("导出排班(&X)…", P.EXPORT, None, "把本期排班导出为 Excel", True),
    ),
    (A("领导与接待规则(&L)…", P.ROSTER, enabled=True),),
))  # fmt: skip

#: The tab in front at start: built at once, its menus come from the tab itself.
INTAKE = TabDeclaration(
    key="intake", title="来访登记", factory="petitiondesk.gui.intake.tab:IntakeTab"
)

REFERRAL = declare("referral", "交办督办", "ReferralTab", "交办督办(&J)", 3, (
    (A("交办/转送(&R)…", P.REFER, "Ctrl+Shift+R", "把已受理的事项交办或转送", True),),
    (
        A("签收(&K)…", P.REFER, "Ctrl+Shift+K", "记录承办单位签收"),
        A("回退(&B)…", P.REFER, None, "承办单位认为不属于其职责"),
        A("办理结果(&E)…", P.REFER, "Ctrl+Shift+E", "记录承办单位报送的办理结果"),
    ),
    (
        A("延期(&Y)…", P.REFER, None, "经批准延长办理期限（最多30日）"),
        A("催办(&U)…", P.REFER, "Ctrl+Shift+U", "记录一次催办"),
    ),
    (
        A("督办单(&D)…", P.REFER, "Ctrl+Shift+D", "开具督办单（最多8个督办对象）"),
        A("回执(&H)…", P.REFER, "Ctrl+Shift+H", "记录督办单回执"),
    ),
    (
        A("打印交办单…", P.PRINT, "Ctrl+P", "预览并打印交办单"),
        A("打印信访送阅表…", P.PRINT, None, "预览并打印信访送阅表"),
        A("打印督办单…", P.PRINT, None, "预览并打印督办单"),
        A("打印延期办理告知书…", P.PRINT, None, "预览并打印延期办理告知书"),
        A("超期通报(&O)…", P.PRINT, None, "按期间通报超期单位", True),
    ),
    (A("刷新看板", None, "F5", enabled=True),),
), topics=(signals.REFERRALS, signals.CASES, signals.REFERENCE), badge=referral_badge)  # fmt: skip

CLOSURE = declare("closure", "办结", "ClosureTab", "办结(&B)", 4, (
    plain(P.CLOSE, "办结报告(&R)…", "处理意见书(&O)…", "送达(&D)…", "登记收到日期(&V)…"),
    plain(P.CLOSE, "满意度(&S)…", "办结(&C)…", "撤销办结(&U)…", "存档销案(&A)…"),
    plain(P.CLOSE, "复查/复核申请(&Q)…", "听证(&H)…", "复查/复核意见(&J)…",
          "登记意见收到日期(&L)…"),
    plain(P.PRINT, "打印意见书(&P)…", "打印办结单(&B)…", "打印复查/复核意见(&K)…"),
), topics=(signals.CLOSURE, signals.CASES), badge=closure_badge)  # fmt: skip

STATISTICS = declare("statistics", "统计", "StatisticsTab", "统计(&T)", 5, (
    (*plain(P.PRINT, "打印月报(&P)…", "信访形势分析(&A)…"), A("导出统计 xlsx(&X)…", P.EXPORT)),
))  # fmt: skip

DEFAULT_TABS: Sequence[TabSource] = (ROSTER, INTAKE, REFERRAL, CLOSURE, STATISTICS)
#: The tab in front when the window opens.
START_TAB = TAB_INTAKE
