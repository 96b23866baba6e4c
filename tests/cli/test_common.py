"""What the command groups share: the date argument, the one error translation, and each
group registering a handler on every command it adds."""

from __future__ import annotations

import argparse
import errno
from datetime import date

import pytest

from petitiondesk.cli import GROUPS, Access, build_parser
from petitiondesk.cli.common import EXIT_ERROR, CliError, error_exit, error_message, parse_date
from petitiondesk.store.db import DatabaseError


def test_parse_date() -> None:
    assert parse_date("2026-10-01") == date(2026, 10, 1)
    for bad in ("2026-13-01", "tomorrow", "", "  "):
        with pytest.raises(argparse.ArgumentTypeError, match="日期格式应为 YYYY-MM-DD"):
            parse_date(bad)


def test_error_translation_is_one_chinese_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert error_message(CliError("找不到登记号")) == "找不到登记号"
    assert error_message(DatabaseError("数据库由更新版本创建")) == "数据库由更新版本创建"
    disk_full = OSError(errno.ENOSPC, "No space left on device", "/tmp/台账.xlsx")
    assert error_message(disk_full) == "无法写入文件：/tmp/台账.xlsx（磁盘已满）"
    assert error_exit(CliError("天数不能为负数")) == EXIT_ERROR
    assert capsys.readouterr().err == "错误：天数不能为负数\n"


def leaf_commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every command that takes no further subcommand, by its words (``roster export``)."""
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not actions:
        return {path: parser}
    leaves: dict[tuple[str, ...], argparse.ArgumentParser] = {}
    for name, child in actions[0].choices.items():
        leaves.update(leaf_commands(child, (*path, name)))
    return leaves


def test_every_command_of_every_group_has_a_handler() -> None:
    leaves = leaf_commands(build_parser())
    assert len(GROUPS) == 13
    assert sorted(" ".join(words) for words in leaves) == [
        "archive verify", "backup", "bench", "calendar complete", "calendar due",
        "calendar export", "calendar holidays", "calendar import", "cases", "check", "demo",
        "disputes", "export", "init", "migrate-to", "overdue", "print", "reindex", "restore",
        "roster export", "roster generate",
    ]  # fmt: skip
    for words, command in leaves.items():
        assert callable(command.get_default("handler")), words
        access = command.get_default("access")
        assert isinstance(access, Access) or callable(access), words
