"""Printed forms and ledgers from the register: one module per form, data only (the
layout is in ``forms/*.toml``, the drawing in :mod:`petitiondesk.printing`).

- :mod:`.registration` — 来访登记单
- :mod:`.acceptance_notice` — 受理 / 不予受理 / 转送告知书（一式二份）
- :mod:`.conversation_record` — 接谈记录
- :mod:`.register_ledger` — 来信来访登记台账 (Excel)
- :mod:`.roster` — 排班公示 (PDF / Excel)
- :mod:`.cards` — 领导接待日四卡
- :mod:`.referral_slip` — 交办单 / 转送单, 信访送阅表
- :mod:`.supervision_slip` — 督办单（每个督办对象一联带回执，另附存根）
- :mod:`.extension_notice` — 延期办理告知书（一式二份）
- :mod:`.overdue_notice` — 超期办理情况通报
- :mod:`.closure_form` — 信访事项办结单
- :mod:`.closure_opinion` — 信访处理意见书（一式二份，存档联带送达回证）
- :mod:`.review_decision` — 复查 / 复核意见书（一式二份）

Each module fills its form from the database by the form's field (or column) keys and
hands the values to a renderer, which is imported only when a file is written.

The names are imported from their modules when first used (PEP 562): the window uses
a few light helpers at start-up and must not pay for every form (issue 15, start-up).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .acceptance_notice import COPY_LABELS, notice_values, print_acceptance_notice
    from .cards import (
        UnitChoice,
        booking_no_of,
        booking_number,
        card_values,
        cards_file_name,
        print_cards,
        responsible_units,
    )
    from .closure_form import print_closure_form
    from .closure_opinion import print_opinion
    from .conversation_record import conversation_record_values, print_conversation_record
    from .extension_notice import print_extension_notice
    from .overdue_notice import print_overdue_notice
    from .referral_slip import print_referral_slip, print_routing_slip
    from .register_ledger import export_register, register_ledger_row
    from .registration import print_registration, registration_slip_values
    from .review_decision import print_review_decision
    from .roster import (
        ROSTER_SUFFIXES,
        portfolio_for_print,
        print_roster,
        roster_file_name,
        roster_print_rows,
    )
    from .supervision_slip import print_supervision_slips

#: Where each public name lives.
_MODULES: dict[str, str] = {
    "COPY_LABELS": "acceptance_notice",
    "notice_values": "acceptance_notice",
    "print_acceptance_notice": "acceptance_notice",
    "UnitChoice": "cards",
    "booking_no_of": "cards",
    "booking_number": "cards",
    "card_values": "cards",
    "cards_file_name": "cards",
    "print_cards": "cards",
    "responsible_units": "cards",
    "print_closure_form": "closure_form",
    "print_opinion": "closure_opinion",
    "conversation_record_values": "conversation_record",
    "print_conversation_record": "conversation_record",
    "print_extension_notice": "extension_notice",
    "print_overdue_notice": "overdue_notice",
    "print_referral_slip": "referral_slip",
    "print_routing_slip": "referral_slip",
    "export_register": "register_ledger",
    "register_ledger_row": "register_ledger",
    "print_registration": "registration",
    "registration_slip_values": "registration",
    "print_review_decision": "review_decision",
    "ROSTER_SUFFIXES": "roster",
    "portfolio_for_print": "roster",
    "print_roster": "roster",
    "roster_file_name": "roster",
    "roster_print_rows": "roster",
    "print_supervision_slips": "supervision_slip",
}


def available(name: str) -> bool:
    """Does this build have the printout ``name`` (without importing its module)?"""
    return name in _MODULES


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # found directly next time
    return value


__all__ = [
    "COPY_LABELS",
    "ROSTER_SUFFIXES",
    "UnitChoice",
    "booking_no_of",
    "booking_number",
    "card_values",
    "cards_file_name",
    "conversation_record_values",
    "export_register",
    "notice_values",
    "portfolio_for_print",
    "print_acceptance_notice",
    "print_cards",
    "print_closure_form",
    "print_opinion",
    "print_conversation_record",
    "print_supervision_slips",
    "print_routing_slip",
    "print_referral_slip",
    "print_overdue_notice",
    "print_extension_notice",
    "print_registration",
    "print_review_decision",
    "print_roster",
    "register_ledger_row",
    "registration_slip_values",
    "responsible_units",
    "roster_file_name",
    "roster_print_rows",
]
