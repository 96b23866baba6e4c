"""argparse in Chinese: the usage and help headings, and argparse's own error messages
translated into the one ``错误：…`` line every other failure prints (exit 2).

argparse has no Chinese catalogue, and installing one through gettext would change the
messages of every other program in the process; so :class:`ArgumentParser` translates
the few messages argparse can produce, by pattern, in :meth:`ArgumentParser.error`.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final, NoReturn

from .common import EXIT_USAGE

#: argparse's ``type=`` names as the clerk reads them.
TYPE_NAMES: Final = {"int": "整数", "float": "数字", "parse_date": "日期", "Path": "路径"}

#: argparse's messages (Python 3.11–3.13 wording) → Chinese; ``{0}``… are the groups.
MESSAGES: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern, re.DOTALL), chinese)
    for pattern, chinese in (
        (r"the following arguments are required: (.*)", "缺少必需的参数：{0}"),
        (r"unrecognized arguments: (.*)", "无法识别的参数：{0}"),
        (r"invalid choice: (.*?) \(choose from (.*)\)", "无效的选择：{0}（可选：{1}）"),
        (r"expected one argument", "需要提供一个值"),
        (r"expected at least one argument", "至少需要提供一个值"),
        (r"expected at most one argument", "最多只能提供一个值"),
        (r"expected (\d+) arguments?", "需要提供 {0} 个值"),
        (r"ambiguous option: (.*) could match (.*)", "选项 {0} 有歧义，可能是：{1}"),
        (r"not allowed with argument (.*)", "不能与参数 {0} 同时使用"),
        (r"one of the arguments (.*) is required", "必须提供以下参数之一：{0}"),
        (r"ignored explicit argument (.*)", "参数不应带值：{0}"),
        (r"unexpected option string: (.*)", "意外的选项：{0}"),
    )
)
_ARGUMENT = re.compile(r"argument (.+?): (.*)", re.DOTALL)
_INVALID_VALUE = re.compile(r"invalid (\S+) value: (.*)", re.DOTALL)


def translate(message: str) -> str:
    """One of argparse's error messages in Chinese (unknown ones are returned unchanged)."""
    found = _ARGUMENT.fullmatch(message)
    if found:
        return f"参数 {found[1]}：{translate(found[2])}"
    found = _INVALID_VALUE.fullmatch(message)
    if found:
        kind = TYPE_NAMES.get(found[1], found[1])
        return f"{found[2]} 不是有效的{kind}"
    for pattern, chinese in MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            return chinese.format(*found.groups())
    return message


class HelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` that speaks Chinese and fails with one line.

    Subcommand parsers are of this class too (``add_subparsers`` uses the parent's class).
    """

    def __init__(
        self,
        *,
        add_help: bool = True,
        parents: Sequence[argparse.ArgumentParser] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(add_help=False, **kwargs)
        # Retitled before the parents' options join, so they share the one group.
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出"
            )
        for parent in parents:  # as argparse.ArgumentParser.__init__ does
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> NoReturn:
        line = translate(message).replace("\n", " ")
        self.exit(EXIT_USAGE, f"错误：{line}（用法见 {self.prog} -h）\n")
