"""Chinese names for what the audit log stores in English: actions, tables and fields.

The 审计日志 screen and its exports show these; a name without a label is shown as stored
(an unknown action is still readable, and nothing is hidden).
"""

from __future__ import annotations

from typing import Final

from .petitioners import FIELD_LABELS as PETITIONER_FIELDS

ACTION_LABELS: Final[dict[str, str]] = {
    "register_visit": "登记来信来访",
    "register_walk_in": "现场登记",
    "create_petitioner": "新建信访人",
    "update_petitioner": "修改信访人",
    "decide_acceptance": "受理决定",
    "correct_acceptance": "更正受理决定",
    "set_case_source": "设置案件来源",
    "link_repeat": "关联重复访",
    "unlink_repeat": "取消重复访关联",
    "add_attachment": "添加附件",
    "update_conversation_record": "修改接谈记录",
    "refer_case": "交办/转送",
    "receive_referral": "签收交办",
    "object_referral": "退回交办",
    "report_referral": "承办单位报告",
    "urge_referral": "催办",
    "extend_referral": "延期",
    "extension_told": "告知延期",
    "issue_supervision": "发出督办单",
    "return_supervision_copy": "督办单回执",
    "record_completion_report": "办结报告",
    "report_to_source": "向来源报告",
    "save_opinion": "保存处理意见",
    "record_opinion_receipt": "意见书送达回执",
    "record_delivery": "送达",
    "record_hearing": "听证",
    "record_satisfaction": "满意度评价",
    "close_case": "办结",
    "reopen_case": "重新办理",
    "archive_case": "归档",
    "request_review": "申请复查",
    "record_review_receipt": "复查申请回执",
    "decide_review": "复查决定",
    "recompute_deadline": "重算期限",
    "case_status": "案件状态",
    "book_appointment": "预约",
    "cancel_appointment": "取消预约",
    "save_reception_rule": "保存接待规则",
    "save_leader": "保存领导",
    "generate_roster_entry": "生成排班",
    "add_roster_entry": "手工加排",
    "remove_roster_entry": "删除排班",
    "remove_stale_roster_entry": "删除过期排班",
    "set_roster_accompany": "设置陪同人员",
    "roster_swap": "调换",
    "roster_substitute": "替班",
    "roster_fill_next": "递补",
    "roster_calendar_covered": "排班日历补齐",
    "save_holiday": "保存节假日",
    "remove_holiday": "删除节假日",
    "complete_calendar_year": "节假日年度录入完成",
    "reopen_calendar_year": "重新打开节假日年度",
    "update_office_settings": "修改单位设置",
    "update_closure_settings": "修改办结设置",
    "set_supervision_roles": "设置督办对象",
    "add_deadline_rule": "新增期限规则",
    "update_deadline_rule": "修改期限规则",
    "activate_deadline_rule": "启用期限规则",
    "answer_demo_offer": "回答演示数据询问",
    "load_demo": "载入演示数据",
    "backup": "备份数据库",
    "restore_backup": "从备份恢复",
    "print_registration_slip": "打印登记单",
    "print_reception_cards": "打印四卡",
    "print_conversation_record": "打印接谈记录",
    "print_acceptance_notice": "打印告知书",
    "export_register_ledger": "导出登记台账",
    "export_roster_publication": "导出排班",
    "export_audit_log": "导出审计日志",
    "export_pdf": "另存为PDF",
}

ENTITY_LABELS: Final[dict[str, str]] = {
    "petition": "信访事项",
    "petitioner": "信访人",
    "representative": "代表",
    "attachment": "附件",
    "conversation_record": "接谈记录",
    "referral": "交办",
    "referral_unit": "承办单位",
    "referral_urge": "催办",
    "extension": "延期",
    "supervision_slip": "督办单",
    "supervision_recipient": "督办对象",
    "closure": "办结",
    "review_request": "复查申请",
    "reception_rule": "接待规则",
    "roster_entry": "排班",
    "roster_change": "排班变更",
    "appointment": "预约",
    "office_settings": "单位设置",
    "deadline_rule": "期限规则",
    "issue_category": "问题类别",
    "leader": "领导",
    "department": "科室",
    "holiday": "节假日",
    "calendar_year": "节假日年度",
    "export": "导出",
    "database": "数据库",
    "account": "账户",
}

FIELD_LABELS: Final[dict[str, str]] = {
    **PETITIONER_FIELDS,
    "id": "编号",
    "register_no": "登记号",
    "channel": "渠道",
    "received_at": "登记时间",
    "petitioner_id": "信访人编号",
    "petition_id": "信访事项编号",
    "people_count": "人数",
    "category_id": "问题类别",
    "place": "问题发生地",
    "summary": "主要内容",
    "demands": "诉求",
    "receiving_officer": "接待人",
    "duty_leader_id": "接待领导",
    "handling_opinion": "处理意见",
    "result": "处理结果",
    "status": "状态",
    "is_group": "集体访",
    "skipped_level": "越级访",
    "anonymous": "匿名",
    "urgent": "紧急",
    "confidential": "保密",
    "accused": "被反映人",
    "acceptance": "受理决定",
    "acceptance_date": "受理日期",
    "acceptance_due": "告知期限",
    "rejection_reason": "不予受理理由",
    "handling_due": "办理期限",
    "case_leader_id": "包案领导",
    "notice_no": "文号",
    "title": "职务",
    "note": "备注",
    "day": "日期",
    "leader_id": "领导",
    "department_id": "科室",
    "unit": "单位",
    "due": "期限",
    "form": "表单",
    "ledger": "台账",
    "out": "文件",
    "file": "文件",
    "count": "条数",
    "use": "用途",
}


def action_label(action: str) -> str:
    """``register_visit`` → 登记来信来访; an unknown print or export keeps its kind."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    for prefix, label in (("print_", "打印"), ("export_", "导出")):
        if action.startswith(prefix):
            return f"{label}（{action[len(prefix) :]}）"
    return action


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


def field_label(key: str) -> str:
    return FIELD_LABELS.get(key, key)
