"""Checks shared by the hand-edited TOML files in ``forms/``: forms
(:mod:`petitiondesk.printing.formspec`) and ledgers (:mod:`petitiondesk.printing.ledgerspec`).

Every problem is a :class:`FormSpecError` naming the file and the place in it, because
these files are edited by hand.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class FormSpecError(ValueError):
    """A form file is missing, malformed or inconsistent."""


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


SpecT = TypeVar("SpecT", bound=_HasId)


def load_spec(
    path: Path,
    name: str | Path,
    kind: str,
    parse: Callable[[dict[str, Any], str], SpecT],
) -> SpecT:
    """Read the TOML file at ``path`` and ``parse`` it; a file loaded by ``name`` (not by
    path) must carry that name as its ``id``. ``kind`` ("form", "ledger") is for messages."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise FormSpecError(f"{path}: {kind} file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise FormSpecError(f"{path}: not valid TOML: {exc}") from None
    spec = parse(data, str(path))
    if isinstance(name, str) and spec.id != name:
        raise FormSpecError(f"{path}: id = {spec.id!r} but the file is named {name!r}")
    return spec


def check_keys(data: Mapping[str, Any], where: str, allowed: set[str]) -> None:
    """Refuse keys of a table that are not in ``allowed`` (a typo would be ignored)."""
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise FormSpecError(
            f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
        )


def check_template(template: str, where: str, allowed: frozenset[str] | None = None) -> str:
    """``template`` if its ``{key}`` placeholders are plain names (and in ``allowed``)."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise FormSpecError(f"{where}: bad template {template!r}: {exc}") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not IDENT.fullmatch(name) or spec or conversion:
            raise FormSpecError(
                f"{where}: placeholder {{{name}}} in {template!r} must be a plain name "
                "like {register_no} (use {{ and }} for literal braces)"
            )
        if allowed is not None and name not in allowed:
            raise FormSpecError(
                f"{where}: placeholder {{{name}}} not allowed here (only {sorted(allowed)})"
            )
    return template


def segment_lines(raw: list[Any], where: str) -> tuple[tuple[str, ...], ...]:
    """Lines of templates printed under a grid or table (a form's footer, a card's notes, a
    ledger's footer): each a string or a non-empty array of segments spread across the
    width. ``where`` names the array; ``where[i]`` the line in an error."""
    lines: list[tuple[str, ...]] = []
    for i, line in enumerate(raw):
        segments = [line] if isinstance(line, str) else line
        if (
            not isinstance(segments, list)
            or not segments
            or not all(isinstance(s, str) for s in segments)
        ):
            raise FormSpecError(f"{where}[{i}]: expected a string or a non-empty array of strings")
        lines.append(tuple(check_template(s, f"{where}[{i}]") for s in segments))
    return tuple(lines)
