"""`edit`: an entry changed in the editor without losing a word, or `edit --undo`.

The command line finds the entry (a date or a path) and hands over the editor; the use
case runs it, keeps the words of a stopped or failed editor in `.history/`, and puts the
edit back through kapdiary.editing (the hash check, the conflict copy, the kept version).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.use_cases import Editor, Stopped

if TYPE_CHECKING:
    from kapdiary.editing import Outcome
    from kapdiary.locations import Home

__all__ = ["EditRequest", "Stopped", "edit"]


@dataclass(frozen=True)
class EditRequest:
    """One `edit`: the entry's file, the config's editor (else $VISUAL/$EDITOR), --undo."""

    home: Home
    path: Path
    editor: str | None = None
    undo: bool = False


def edit(request: EditRequest, editor: Editor) -> Outcome:
    """The edit put back (or the last version brought back, with ``undo``); what became of
    it. A refused edit or a conflict raises KapdiaryError saying where the words are; a
    stopped editor raises ``Stopped`` (its words kept)."""
    from kapdiary import editing
    from kapdiary.errors import KapdiaryError
    from kapdiary.messages import edit_outcome

    if request.undo:
        return editing.undo(request.home, request.path)
    opened = editing.open_entry(request.path)
    text = _edited(request, opened.text, editor)
    outcome = editing.save_edit(request.home, opened, text)
    if outcome.kind in (editing.REFUSED, editing.CONFLICT):
        raise KapdiaryError(edit_outcome(outcome))
    return outcome


def _edited(request: EditRequest, before: str, editor: Editor) -> str:
    """The entry's text after the editor; words of a stopped or failed editor are kept in
    .history/ and the entry stays as it was."""
    from kapdiary import history
    from kapdiary.editor import EditorInterrupted, editor_command, ended
    from kapdiary.errors import KapdiaryError
    from kapdiary.messages import edit_unsaved
    from kapdiary.messages import reading as said
    from kapdiary.vault import editor_warning, plain

    home, path = request.home, request.path
    command = editor_command(request.editor)
    warning = editor_warning(home)  # an encrypted diary: the editor's own copies
    if warning:
        editor.say(warning)
    try:
        with editor.session():  # SIGTERM / SIGHUP: keep what the editor's file holds
            text, code = editor.edit(command, before, plain(path).name)
    except EditorInterrupted as stop:
        if stop.text != before and stop.text.strip():
            kept = history.keep(home, path, stop.text, history.UNSAVED)
            raise Stopped(edit_unsaved(path, kept, said.editor_stopped())) from None
        raise Stopped from None
    if code != 0:
        why = said.editor_ended(ended(code))
        if text != before and text.strip():
            kept = history.keep(home, path, text, history.UNSAVED)
            raise KapdiaryError(edit_unsaved(path, kept, why))
        raise KapdiaryError(said.editor_left_unchanged(why, path))
    return text
