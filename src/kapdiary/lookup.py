"""A template's field by template name and key (``Lookup``), kept apart from
``kapdiary.templates`` so that showing entries reads no template file, compiles no
pattern and builds no template class when the index already holds their fields."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.errors import KapdiaryError

if TYPE_CHECKING:
    from kapdiary.fields import Field


class Lookup:
    """A template's field by template name and key, each template read once; a template
    that is gone or broken finds nothing (its answers are then shown by their keys)."""

    def __init__(self, user_dir: Path, known: Mapping[str, list[Field]] | None = None) -> None:
        """``known``: templates' fields already at hand (the index keeps them), by name."""
        self._user_dir = user_dir
        self._found: dict[str, dict[str, Field]] = {
            name: {f.key: f for f in fields} for name, fields in (known or {}).items()
        }

    def __call__(self, name: str | None, key: str) -> Field | None:
        if not name:
            return None
        if name not in self._found:
            from kapdiary.templates import find

            try:
                fields = find(self._user_dir, name).fields
            except KapdiaryError:
                fields = []
            self._found[name] = {f.key: f for f in fields}
        return self._found[name].get(key)
