"""Which template files there are: the built-in ones shipped with kapdiary and the user's
own (which override them), by name. Kept apart from ``kapdiary.templates`` (reading and
checking a template) so that finding a template's file costs no more than a folder listing.
"""

from __future__ import annotations

from pathlib import Path

from kapdiary.patterns import lazy
from kapdiary.vault import plain

NAME = lazy(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def builtin_dir() -> Path:
    """Built-in templates: inside the installed package, or the checkout's ``templates/``."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def available(user_dir: Path) -> dict[str, tuple[Path, bool]]:
    """Every template by name → (path, built-in?); the user's override built-ins."""
    found: dict[str, tuple[Path, bool]] = {}
    for folder, builtin in ((builtin_dir(), True), (user_dir, False)):
        for name in sorted(_names(folder)):
            path = folder / name
            stem = plain(path).stem
            if NAME.match(stem):
                found[stem] = (path, builtin)
    return dict(sorted(found.items()))


def _names(folder: Path) -> list[str]:
    """The names in ``folder`` that end in ``.md`` or ``.md.age`` (as ``Path.glob`` would
    find them, without compiling its patterns); none when it cannot be listed."""
    import os

    try:
        return [n for n in os.listdir(folder) if n.endswith((".md", ".md.age"))]
    except OSError:
        return []
