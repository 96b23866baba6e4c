"""Referral and supervision (交办督办): refer an accepted case to its handling units,
record receipts, objections, report-backs, urging and extensions, issue supervision
slips, and read the board. One module per concern; the public names are re-exported
here (``from petitiondesk.services import referrals``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from petitiondesk.services.lazy import lazy_exports

if TYPE_CHECKING:
    from .board import (
        OVERDUE_HEADER,
        Board,
        BoardFilter,
        BoardRow,
        ExcludedCase,
        Exclusion,
        OverdueCase,
        OverdueNotice,
        OverdueRow,
        UnitOverdue,
        overdue_notice,
        overdue_referrals,
        referral_board,
        referral_counts,
    )
    from .confidentiality import PartyView, UnitCaseView, case_view, office_view, unit_view
    from .deadline import DeadlinePreview, deadline_preview
    from .extension import (
        CaseDeadlines,
        ExtensionInput,
        ExtensionView,
        ReferralDeadline,
        case_deadlines,
        extend_referral,
        mark_petitioner_told,
    )
    from .history import (
        HistoryEvent,
        ReferralView,
        UnitState,
        case_referrals,
        referral_detail,
        referral_history,
    )
    from .objection import ObjectionOutcome, object_referral
    from .receipt import ReceiptOutcome, record_receipt
    from .refer import LeaderChoice, ReferInput, ReferralOutcome, default_case_leader, refer_case
    from .report import ReportInput, ReportOutcome, report_back
    from .source import SourceInput, SourceState, report_to_source, set_case_source
    from .supervision import (
        RecipientInput,
        RecipientView,
        SupervisionInput,
        SupervisionView,
        available_supervision_roles,
        case_supervision,
        issue_supervision,
        record_slip_return,
        set_extra_supervision_roles,
        supervision_slip,
    )
    from .urge import UrgeView, urge_referral

__getattr__ = lazy_exports(
    __name__,
    {
        "board": (
            "OVERDUE_HEADER",
            "Board",
            "BoardFilter",
            "BoardRow",
            "ExcludedCase",
            "Exclusion",
            "OverdueCase",
            "OverdueNotice",
            "OverdueRow",
            "UnitOverdue",
            "overdue_notice",
            "overdue_referrals",
            "referral_board",
            "referral_counts",
        ),
        "confidentiality": (
            "PartyView",
            "UnitCaseView",
            "case_view",
            "office_view",
            "unit_view",
        ),
        "deadline": (
            "DeadlinePreview",
            "deadline_preview",
        ),
        "extension": (
            "CaseDeadlines",
            "ExtensionInput",
            "ExtensionView",
            "ReferralDeadline",
            "case_deadlines",
            "extend_referral",
            "mark_petitioner_told",
        ),
        "history": (
            "HistoryEvent",
            "ReferralView",
            "UnitState",
            "case_referrals",
            "referral_detail",
            "referral_history",
        ),
        "objection": (
            "ObjectionOutcome",
            "object_referral",
        ),
        "receipt": (
            "ReceiptOutcome",
            "record_receipt",
        ),
        "refer": (
            "LeaderChoice",
            "ReferInput",
            "ReferralOutcome",
            "default_case_leader",
            "refer_case",
        ),
        "report": (
            "ReportInput",
            "ReportOutcome",
            "report_back",
        ),
        "source": (
            "SourceInput",
            "SourceState",
            "report_to_source",
            "set_case_source",
        ),
        "supervision": (
            "RecipientInput",
            "RecipientView",
            "SupervisionInput",
            "SupervisionView",
            "available_supervision_roles",
            "case_supervision",
            "issue_supervision",
            "record_slip_return",
            "set_extra_supervision_roles",
            "supervision_slip",
        ),
        "urge": (
            "UrgeView",
            "urge_referral",
        ),
    },
)

__all__ = [
    "OVERDUE_HEADER",
    "Board",
    "BoardFilter",
    "BoardRow",
    "CaseDeadlines",
    "DeadlinePreview",
    "ExcludedCase",
    "Exclusion",
    "ExtensionInput",
    "ExtensionView",
    "HistoryEvent",
    "LeaderChoice",
    "ObjectionOutcome",
    "OverdueCase",
    "OverdueNotice",
    "OverdueRow",
    "PartyView",
    "ReceiptOutcome",
    "RecipientInput",
    "RecipientView",
    "ReferInput",
    "ReferralDeadline",
    "ReferralOutcome",
    "ReferralView",
    "ReportInput",
    "ReportOutcome",
    "SourceInput",
    "SourceState",
    "SupervisionInput",
    "SupervisionView",
    "UnitCaseView",
    "UnitOverdue",
    "UnitState",
    "UrgeView",
    "available_supervision_roles",
    "case_deadlines",
    "case_referrals",
    "case_supervision",
    "case_view",
    "deadline_preview",
    "default_case_leader",
    "extend_referral",
    "issue_supervision",
    "mark_petitioner_told",
    "object_referral",
    "office_view",
    "overdue_notice",
    "overdue_referrals",
    "record_receipt",
    "record_slip_return",
    "referral_board",
    "referral_counts",
    "referral_detail",
    "referral_history",
    "refer_case",
    "report_back",
    "report_to_source",
    "set_case_source",
    "set_extra_supervision_roles",
    "supervision_slip",
    "unit_view",
    "urge_referral",
]
