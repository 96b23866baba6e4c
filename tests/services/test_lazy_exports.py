"""The services packages resolve their public names on first use (issue 15, start-up):
each package's lazy map gives exactly the names its ``TYPE_CHECKING`` imports name (what
mypy and the packager see), each from the module they name."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import petitiondesk.services

SERVICES = Path(petitiondesk.services.__file__).parent
LAZY = sorted(
    p.parent.name
    for p in SERVICES.glob("*/__init__.py")
    if "lazy_exports(" in p.read_text(encoding="utf-8")
)


def typed_imports(package: str) -> dict[str, str]:
    tree = ast.parse((SERVICES / package / "__init__.py").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom) and stmt.level == 1
                for alias in stmt.names:
                    found[alias.asname or alias.name] = str(stmt.module)
    return found


def test_the_lazy_packages() -> None:
    assert {"referrals", "closure", "roster", "appointments", "statistics"} <= set(LAZY)


@pytest.mark.parametrize("package", LAZY)
def test_a_lazy_package_gives_what_it_declares(package: str) -> None:
    names = typed_imports(package)
    module = importlib.import_module(f"petitiondesk.services.{package}")
    assert sorted(names) == sorted(module.__all__)
    for name, where in names.items():
        source = importlib.import_module(f"petitiondesk.services.{package}.{where}")
        assert getattr(module, name) is getattr(source, name), name
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018
