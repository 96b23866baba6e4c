"""All ORM models; import from here."""

from .accounts import Account
from .audit import AuditLog
from .base import Base
from .changes import ChangeLog
from .dispute import Dispute
from .handling import (
    Closure,
    Extension,
    Referral,
    ReferralUnit,
    ReferralUrge,
    ReviewRequest,
    SupervisionRecipient,
    SupervisionSlip,
)
from .office import (
    CalendarYear,
    DeadlineRule,
    Department,
    Holiday,
    IssueCategory,
    Leader,
    OfficeSettings,
    leader_category,
)
from .petition import (
    Attachment,
    ConversationRecord,
    DocCounter,
    Petition,
    Petitioner,
    RegisterCounter,
    Representative,
)
from .program import ProgramVersion
from .roster import Appointment, ReceptionRule, RosterChange, RosterEntry

__all__ = [
    "Account",
    "Appointment",
    "Attachment",
    "AuditLog",
    "ChangeLog",
    "Base",
    "CalendarYear",
    "Closure",
    "ConversationRecord",
    "DeadlineRule",
    "Department",
    "Dispute",
    "DocCounter",
    "Extension",
    "Holiday",
    "IssueCategory",
    "Leader",
    "OfficeSettings",
    "Petition",
    "Petitioner",
    "ProgramVersion",
    "Referral",
    "ReferralUnit",
    "ReferralUrge",
    "RegisterCounter",
    "Representative",
    "ReceptionRule",
    "ReviewRequest",
    "RosterChange",
    "RosterEntry",
    "SupervisionRecipient",
    "SupervisionSlip",
    "leader_category",
]
