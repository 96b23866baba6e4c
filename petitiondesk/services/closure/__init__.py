"""Closure and review (办结): the completion report, the written opinion, delivery,
satisfaction, closing, reopening and archiving, 复查 and 复核, 不再受理, and the tab's
queues. One module per concern; the public names are re-exported here
(``from petitiondesk.services import closure``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from petitiondesk.services.lazy import lazy_exports

if TYPE_CHECKING:
    from .board import (
        AwaitingRow,
        ClosureBoard,
        ReviewDueRow,
        WindowRow,
        closure_board,
        closure_counts,
    )
    from .closing import (
        ClosureFormData,
        archive_case,
        close_case,
        closing_check,
        closure_form,
        reopen_case,
    )
    from .delivery import (
        DeliveryInput,
        SatisfactionInput,
        record_delivery,
        record_receipt,
        record_satisfaction,
    )
    from .finality import AcceptanceProposal, acceptance_proposal
    from .opinion import OPINION_SERIES, OpinionInput, draft_opinion, save_opinion
    from .report import CompletionReportInput, completion_report_draft, record_completion_report
    from .review import (
        ReviewDecisionInput,
        ReviewInput,
        ReviewWindow,
        decide_review,
        record_decision_receipt,
        record_hearing,
        request_review,
        review_window,
    )
    from .views import (
        ClosureView,
        DeliveryView,
        OpinionView,
        ReportView,
        ReviewView,
        case_closure,
        case_version,
        closure_version,
    )

__getattr__ = lazy_exports(
    __name__,
    {
        "board": (
            "AwaitingRow",
            "ClosureBoard",
            "ReviewDueRow",
            "WindowRow",
            "closure_board",
            "closure_counts",
        ),
        "closing": (
            "ClosureFormData",
            "archive_case",
            "close_case",
            "closing_check",
            "closure_form",
            "reopen_case",
        ),
        "delivery": (
            "DeliveryInput",
            "SatisfactionInput",
            "record_delivery",
            "record_receipt",
            "record_satisfaction",
        ),
        "finality": (
            "AcceptanceProposal",
            "acceptance_proposal",
        ),
        "opinion": (
            "OPINION_SERIES",
            "OpinionInput",
            "draft_opinion",
            "save_opinion",
        ),
        "report": (
            "CompletionReportInput",
            "completion_report_draft",
            "record_completion_report",
        ),
        "review": (
            "ReviewDecisionInput",
            "ReviewInput",
            "ReviewWindow",
            "decide_review",
            "record_decision_receipt",
            "record_hearing",
            "request_review",
            "review_window",
        ),
        "views": (
            "ClosureView",
            "DeliveryView",
            "OpinionView",
            "ReportView",
            "ReviewView",
            "case_closure",
            "case_version",
            "closure_version",
        ),
    },
)

__all__ = [
    "OPINION_SERIES",
    "AcceptanceProposal",
    "AwaitingRow",
    "ClosureBoard",
    "ClosureFormData",
    "ClosureView",
    "CompletionReportInput",
    "DeliveryInput",
    "DeliveryView",
    "OpinionInput",
    "OpinionView",
    "ReportView",
    "ReviewDecisionInput",
    "ReviewDueRow",
    "ReviewInput",
    "ReviewView",
    "ReviewWindow",
    "SatisfactionInput",
    "WindowRow",
    "acceptance_proposal",
    "archive_case",
    "case_closure",
    "case_version",
    "closure_version",
    "close_case",
    "closing_check",
    "closure_board",
    "closure_counts",
    "closure_form",
    "completion_report_draft",
    "decide_review",
    "draft_opinion",
    "record_completion_report",
    "record_decision_receipt",
    "record_delivery",
    "record_hearing",
    "record_receipt",
    "record_satisfaction",
    "reopen_case",
    "request_review",
    "review_window",
    "save_opinion",
]
