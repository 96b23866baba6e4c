"""``services.printouts`` imports its form modules when a name is first used (start-up
time, issue 15): every public name still resolves to the object of its module."""

from __future__ import annotations

import importlib

import pytest

from petitiondesk.services import printouts


def test_every_public_name_resolves_from_its_module() -> None:
    modules = printouts._MODULES  # noqa: SLF001 - the table under test
    assert set(modules) == set(printouts.__all__)
    for name in printouts.__all__:
        module = importlib.import_module(f"petitiondesk.services.printouts.{modules[name]}")
        assert getattr(printouts, name) is getattr(module, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        printouts.print_nothing  # type: ignore[attr-defined]  # noqa: B018
    assert not hasattr(printouts, "print_nothing")
