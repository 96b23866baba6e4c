"""Result objects: expected failures are return values, not exceptions across layers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Result(Generic[T]):
    """Outcome of a use case.

    ``errors`` maps a form field key to a Chinese message shown next to that field;
    ``message`` is one sentence for the status bar or stderr.
    """

    value: T | None = None
    errors: dict[str, str] = field(default_factory=dict)
    message: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and self.value is not None

    @classmethod
    def success(cls, value: T, message: str = "") -> Result[T]:
        return cls(value=value, message=message)

    @classmethod
    def failure(cls, errors: dict[str, str], message: str = "") -> Result[T]:
        if not message:
            message = "；".join(errors.values()) if errors else "操作失败"
        return cls(errors=errors or {"": message}, message=message)

    def unwrap(self) -> T:
        if self.value is None or self.errors:
            raise ValueError(self.message or "result has no value")
        return self.value
