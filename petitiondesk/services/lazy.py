"""Lazy re-exports for the services packages (issue 15, start-up).

A package re-exports its modules' public names, but importing it imports none of them:
the first use of a name imports its module (PEP 562 module ``__getattr__``). So the
window's start, which uses a few names of a few packages, does not import every sibling.

    if TYPE_CHECKING:  # what mypy (and the packager) see
        from .board import Board, referral_board
    __getattr__ = lazy_exports(__name__, {"board": ("Board", "referral_board")})

A test checks that each package's map names exactly what its ``TYPE_CHECKING`` imports do
(tests/services/test_lazy_exports.py).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def lazy_exports(package: str, modules: Mapping[str, Sequence[str]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``modules`` maps each submodule (without
    the dot) to the public names it gives."""
    where = {name: module for module, names in modules.items() for name in names}

    def module_getattr(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", package), name)
        setattr(sys.modules[package], name, value)  # found directly next time
        return value

    return module_getattr
