"""What each role may do. Services check it (:func:`allowed` / :func:`refusal`); the window
only hides what a service would refuse anyway."""

from __future__ import annotations

from enum import StrEnum

from petitiondesk.core.identity import Actor, Role


class Permission(StrEnum):
    REGISTER = "register"  # intake, acceptance, conversations, attachments, drafts
    REFER = "refer"  # 交办/转送, supervision, receipts, extensions
    CLOSE = "close"  # replies, closure, delivery, reviews
    ROSTER = "roster"  # reception-day rules, roster, appointments
    READ_CASES = "read_cases"  # every case (leaders: only the cases they own)
    READ_STATISTICS = "read_statistics"
    RECORD_INSTRUCTIONS = "record_instructions"  # a leader's 批示
    PRINT = "print"  # forms and ledgers
    EXPORT = "export"  # ledgers and archive leaving the program
    SETTINGS = "settings"  # office settings, deadline rules
    CALENDAR = "calendar"  # the holiday calendar
    USERS = "users"  # accounts, password resets
    AUDIT = "audit"  # the audit log screen
    BACKUP = "backup"  # backup and restore


PERMISSION_LABELS: dict[Permission, str] = {
    Permission.REGISTER: "登记受理",
    Permission.REFER: "交办督办",
    Permission.CLOSE: "办结答复",
    Permission.ROSTER: "领导接待日排班",
    Permission.READ_CASES: "查阅案件",
    Permission.READ_STATISTICS: "查阅统计",
    Permission.RECORD_INSTRUCTIONS: "记录领导批示",
    Permission.PRINT: "打印",
    Permission.EXPORT: "导出",
    Permission.SETTINGS: "办公室设置与期限规则",
    Permission.CALENDAR: "节假日安排",
    Permission.USERS: "账户管理",
    Permission.AUDIT: "审计日志",
    Permission.BACKUP: "备份与恢复",
}

_CLERK = {
    Permission.REGISTER,
    Permission.REFER,
    Permission.CLOSE,
    Permission.ROSTER,
    Permission.READ_CASES,
    Permission.READ_STATISTICS,
    Permission.PRINT,
    Permission.EXPORT,
    Permission.BACKUP,
}
_LEADER = {
    Permission.READ_CASES,
    Permission.READ_STATISTICS,
    Permission.RECORD_INSTRUCTIONS,
    Permission.PRINT,
}
_ADMIN = set(Permission)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(_CLERK),
    Role.LEADER: frozenset(_LEADER),
    Role.ADMIN: frozenset(_ADMIN),
    Role.COMMAND_LINE: frozenset(set(Permission)),  # whoever holds the file maintains it
}


def allowed(actor: object, permission: Permission) -> bool:
    """True when ``actor`` is an issued, unaltered :class:`Actor` whose role grants it."""
    if not isinstance(actor, Actor) or not actor.genuine():
        return False
    return permission in ROLE_PERMISSIONS[actor.role]


def refusal(actor: object, permission: Permission) -> str | None:
    """The Chinese sentence a service returns when ``actor`` may not do this, else None."""
    if not isinstance(actor, Actor) or not actor.genuine():
        return "操作人身份无效：请重新登录后再试"
    if permission in ROLE_PERMISSIONS[actor.role]:
        return None
    return f"{actor.role.label}（{actor.name}）无权进行此项操作：{PERMISSION_LABELS[permission]}"
