"""Plain data classes without ``dataclasses``' start-up cost (issue 19).

``@dataclass`` writes each class's methods as source text and compiles it with ``exec``
when the module is imported, and ``import dataclasses`` brings ``inspect`` (with ``ast``,
``dis`` and ``tokenize``) along: together about a fifth of what `review` did before its
first line of output. The classes every command reads (a diary's home, its config, a
template's fields, an indexed entry, the filters, the figures) are written out instead:
each lists its fields in ``_fields``, in order, and has an ``__init__`` that sets them;
``==``, ``repr`` and ``replace`` come from here, written once, and behave as a dataclass's
do (compared and shown field by field, in order, only with the same class).
"""

from __future__ import annotations

from typing import Any, ClassVar, Self


class Plain:
    """A mutable record (like ``@dataclass``): equal when its class and fields are."""

    _fields: ClassVar[tuple[str, ...]] = ()
    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq: unhashable

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Plain)
        return self._values() == other._values()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({shown})"

    def as_dict(self) -> dict[str, Any]:
        """The fields by name, in order (a shallow ``dataclasses.asdict``)."""
        return {name: getattr(self, name) for name in self._fields}

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed (as ``dataclasses.replace``)."""
        unknown = set(changes) - set(self._fields)
        if unknown:
            raise TypeError(f"{self.__class__.__name__} has no field {sorted(unknown)[0]!r}")
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return self.__class__(**values)


class Frozen(Plain):
    """An immutable record (like ``@dataclass(frozen=True)``): hashable by its fields,
    and assigning to one raises, as a frozen dataclass does."""

    def __hash__(self) -> int:  # type: ignore[override]  # Plain's is None: unhashable
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")
