"""`kapdiary write --editor` and `kapdiary edit`: running $VISUAL/$EDITOR on a private file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from kapdiary.editor import EditorInterrupted, editor_command, editor_text
from kapdiary.editor import ended as _ended
from kapdiary.errors import UsageError
from kapdiary.messages import writing as said
from kapdiary.storage import FILE_MODE
from kapdiary.writing import without_guidance

__all__ = [
    "EditorInterrupted",
    "_ended",
    "editor_command",
    "editor_text",
    "run_editor",
    "without_guidance",
]


def run_editor(command: list[str], text: str, name: str) -> tuple[str, int]:
    """Edit ``text`` in a 0600 file inside a private temporary folder, removed afterwards.

    Ctrl-C belongs to the editor while it runs (vi users press it all the time), so
    kapdiary ignores SIGINT meanwhile; a handler, unlike SIG_IGN, is not inherited.
    """
    folder = Path(tempfile.mkdtemp(prefix="kapdiary-", dir=_memory_folder()))  # created 0700
    path = folder / name
    previous = signal.signal(signal.SIGINT, lambda signum, frame: None)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            code = subprocess.call([*command, str(path)])
        except FileNotFoundError:
            raise UsageError(said.editor_not_found(command[0])) from None
        except KeyboardInterrupt:
            raise EditorInterrupted(_read(path, text)) from None
        return _read(path, text), code
    finally:
        signal.signal(signal.SIGINT, previous)
        shutil.rmtree(folder, ignore_errors=True)


def _memory_folder() -> str | None:
    """The user's own runtime folder (a tmpfs on Linux: the copy never reaches a disk),
    else the system's temporary folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    return runtime if runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK) else None


def _read(path: Path, fallback: str) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return fallback
