"""``petitiondesk print FORM --case NO --out FILE``: one case's printed forms as PDF.

Every form carries personal data, so every print is recorded in the audit log (who, when,
which form, which case): printing opens the database for writing. The acceptance notice
also records in the register when it was printed."""

from __future__ import annotations

import argparse
from pathlib import Path

from petitiondesk.services.referrals.board import Exclusion
from petitiondesk.store.db import Database

from .common import Access, CliError, Subparsers, cli_actor, finish, parse_date, prepare_output

#: ``petitiondesk print FORM``: the forms one case can be printed on.
PRINT_FORMS = {
    "registration": "来访登记单",
    "acceptance-notice": "受理/不予受理告知书",
    "conversation-record": "接谈记录",
    "referral": "交办单/转送单",
    "routing": "信访送阅表",
    "supervision": "督办单（各联及存根）",
    "extension-notice": "延期办理告知书",
    "overdue-notice": "超期办理情况通报",
    "opinion": "信访处理意见书（一式二份）",
    "closure": "办结单",
    "review-decision": "复查/复核意见书（一式二份）",
}


def register(commands: Subparsers, common: argparse.ArgumentParser) -> None:
    prt = commands.add_parser("print", parents=[common], help="打印表单为 PDF")
    prt.add_argument(
        "form",
        choices=list(PRINT_FORMS),
        help="registration = 来访登记单；acceptance-notice = 受理/不予受理告知书（一式二份）；"
        "conversation-record = 接谈记录；referral = 交办单/转送单；routing = 信访送阅表；"
        "supervision = 督办单；extension-notice = 延期办理告知书；overdue-notice = 超期通报；"
        "opinion = 信访处理意见书；closure = 办结单；review-decision = 复查/复核意见书",
    )
    prt.add_argument("--case", help="登记号，如 2026-00012（overdue-notice 之外必填）")
    prt.add_argument("--slip", help="督办单号（supervision；默认该件最近一张）")
    prt.add_argument("--from", dest="start", type=parse_date, help="通报起始日期（overdue-notice）")
    prt.add_argument("--to", dest="end", type=parse_date, help="通报截止日期（overdue-notice）")
    prt.add_argument(
        "--exclude",
        action="append",
        default=[],
        type=_exclusion,
        metavar="编号=理由",
        help="不列入通报的事项（overdue-notice，可重复）：登记号或交办号=理由",
    )
    prt.add_argument(
        "--review", type=int, help="复查复核记录编号（review-decision；默认最近作出的一次）"
    )
    prt.add_argument("--out", required=True, type=Path, help="输出 PDF 文件")
    prt.set_defaults(handler=_print, access=Access.WRITE)


def _print(db: Database, args: argparse.Namespace) -> int:
    from petitiondesk.services import printouts

    out = prepare_output(args.out, (".pdf",))
    if args.form in REFERRAL_FORMS:
        return _print_referral_form(db, args, out)
    if args.case is None:
        raise CliError(f"print {args.form} 需要 --case 登记号")
    if args.form in CLOSURE_FORMS:
        return _print_closure_form(db, args, out)
    if args.form == "registration":
        return finish(printouts.print_registration(db, args.case, out, actor=cli_actor()))
    if args.form == "acceptance-notice":
        return finish(printouts.print_acceptance_notice(db, args.case, out, actor=cli_actor()))
    return finish(printouts.print_conversation_record(db, args.case, out, actor=cli_actor()))


#: The forms of the 交办督办 tab (issue 10).
REFERRAL_FORMS = ("referral", "routing", "supervision", "extension-notice", "overdue-notice")


def _print_referral_form(db: Database, args: argparse.Namespace, out: Path) -> int:
    from petitiondesk.services import printouts

    if args.form == "overdue-notice":
        if args.start is None or args.end is None:
            raise CliError("print overdue-notice 需要 --from 和 --to 日期")
        notice = printouts.print_overdue_notice
        return finish(notice(db, args.start, args.end, out, exclusions=tuple(args.exclude)))
    if args.case is None:
        raise CliError(f"print {args.form} 需要 --case 登记号")
    if args.form == "referral":
        return finish(printouts.print_referral_slip(db, args.case, out))
    if args.form == "routing":
        return finish(printouts.print_routing_slip(db, args.case, out))
    if args.form == "supervision":
        return finish(printouts.print_supervision_slips(db, args.case, out, slip_no=args.slip))
    return finish(printouts.print_extension_notice(db, args.case, out))


#: The forms of the 办结 tab (issue 11); none records anything (Access.READ).
CLOSURE_FORMS = ("opinion", "closure", "review-decision")


def _print_closure_form(db: Database, args: argparse.Namespace, out: Path) -> int:
    from petitiondesk.services import printouts

    if args.form == "opinion":
        return finish(printouts.print_opinion(db, args.case, out))
    if args.form == "closure":
        return finish(printouts.print_closure_form(db, args.case, out))
    return finish(printouts.print_review_decision(db, args.case, out, review_id=args.review))


def _exclusion(text: str) -> Exclusion:
    """``2026-00012=已报经主任同意延期`` → an :class:`Exclusion` (argparse type)."""
    case, _, reason = text.partition("=")
    if not case.strip() or not reason.strip():
        raise argparse.ArgumentTypeError(f"应为“编号=理由”：{text}")
    return Exclusion(case=case.strip(), reason=reason.strip())
