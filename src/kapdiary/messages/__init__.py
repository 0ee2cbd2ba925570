"""The words kapdiary says to people, in one place, so the tone stays calm and kind.

A package so that each area keeps its sentences in a module of its own
(`messages.crypto`, `messages.importing`, ...); what was here first stays in this file.
Every user-facing sentence belongs here, never inline in `cli/` or the library:
tests/test_house.py fails on a sentence given inline to an error, an echo, a prompt or a
notice, and on any sentence at all in `cli/` or `use_cases/` outside help texts.

One function per sentence, named for what it says; its parameters are the values it
shows. Reading a module top to bottom is reading everything kapdiary says in that area."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kapdiary.drafts import Draft
    from kapdiary.editing import Outcome


def saved(path: Path) -> str:
    return f"Saved {path}"


def home_created(path: Path) -> str:
    return f"started your diary in {path} (`kapdiary config` shows where everything lives)."


def closing() -> str:
    return "Thank you for taking these minutes for yourself."


def draft_kept(path: Path) -> str:
    return (
        f"Stopped. Everything you typed is kept in {path}. "
        "Run `kapdiary write --resume` to carry on."
    )


def nothing_changed() -> str:
    return "The template came back unchanged, so no entry was written."


def nothing_to_write() -> str:
    return (
        "nothing to write: give fields with --set KEY=VALUE and text with --text or on "
        "standard input, or run `kapdiary write` in a terminal"
    )


SECTION_HOW = (
    "Write as many lines as you like. End a section with two empty lines "
    "(or a line with just a dot). Press Enter on the first line to skip it. "
    "Ctrl-C stops and keeps everything as a draft."
)
NO_INTENTIONS = (
    "You have no intentions yet, so there is nothing to rate. "
    'Add one any time with `kapdiary intention add "..."`.'
)
UNEXPECTED = (
    "kapdiary hit an unexpected problem ({error}). Nothing you wrote is lost. "
    "Run the command again with --debug to see the details, and please report it."
)
INTERRUPTED = "Stopped (Ctrl-C) before the command finished."


def index_unusable(path: Path, reason: str, fix: str) -> str:
    """The index file cannot be used and nothing can stand in for it (`reindex`)."""
    return f"the index at {path} cannot be used ({reason}); {fix}"


def index_fallback(path: Path, reason: str) -> str:
    """Said once by a reading command that reads the files because the index cannot be used."""
    return (
        f"the index at {path} cannot be used ({reason}); reading your entry files directly, "
        "which is slower. `kapdiary doctor` says how to fix it"
    )


def doctor_clean(home: Path) -> str:
    return f"No problems found in {home}."


def doctor_summary(home: Path, problems: int, warnings: int, *, fixable: int = 0) -> str:
    """The last line of `kapdiary doctor`: what it found, and what --fix would do."""
    found = [_count(problems, "problem"), _count(warnings, "warning")]
    said = " and ".join(part for part in found if part)
    if not problems:
        line = f"No problems found in {home}; {said} above."
    else:
        line = f"{said[0].upper()}{said[1:]} in {home}."
    if fixable:
        line += f" `kapdiary doctor --fix` can fix {fixable} of them."
    return line


def doctor_after_fix(home: Path, fixed: int, problems: int, warnings: int) -> str:
    done = f"Fixed {_count(fixed, 'thing')}." if fixed else "Nothing needed fixing."
    if not problems and not warnings:
        return f"{done} No problems left in {home}."
    left = " and ".join(p for p in (_count(problems, "problem"), _count(warnings, "warning")) if p)
    verb = "needs" if problems + warnings == 1 else "need"
    return f"{done} {left[0].upper()}{left[1:]} still {verb} you."


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}" if n else ""


def score_line(label: str, score: int, severity: str) -> str:
    """A questionnaire's result, said plainly (after the questions and after saving)."""
    return f"{label} score: {score} ({severity})."


def edit_outcome(outcome: Outcome) -> str:
    """What became of an edit, in one line (kapdiary.editing)."""
    from kapdiary import editing

    path, kept = outcome.path, outcome.kept
    if outcome.kind == editing.UNCHANGED:
        return f"No changes to {path}."
    if outcome.kind == editing.CONFLICT:
        return (
            f"the entry was changed by something else while you were editing, so both are kept: "
            f"the entry as it is now, and your version in {path}. Keep the one you want and "
            "delete the other (`kapdiary doctor` names both)"
        )
    if outcome.kind == editing.REFUSED and kept is None:
        return f"{outcome.reason}, so {path} was not changed"
    if outcome.kind == editing.REFUSED:
        return (
            f"{outcome.reason}, so {path} was not changed; your text is kept in {kept}. "
            f"Run `kapdiary edit {path}` again to make the change"
        )
    if outcome.kind == editing.RECREATED:
        return f"{path} was deleted or moved while you were editing; your version is saved there."
    if outcome.kind == editing.UNDONE:
        kept_where = f"kept in {kept}" if kept else "gone already"
        return (
            f"Brought back the earlier version of {path}; the one it replaced is {kept_where} "
            "(`kapdiary edit --undo` again swaps them back)."
        )
    return saved(path)


def edit_unsaved(path: Path, kept: Path, why: str) -> str:
    return f"{why}, so {path} was not changed; your edited text is kept in {kept}"


def draft_offer(draft: Draft) -> str:
    when = draft.day.isoformat() if draft.day else "an earlier day"
    return (
        f"You have an unfinished {draft.template} entry for {when} "
        f"({draft.size}, kept in {draft.path}). Resume it?"
    )


def other_drafts(count: int) -> str:
    entries = "entry" if count == 1 else "entries"
    return f"You have {count} other unfinished {entries}: `kapdiary drafts` lists them."


def pdf_needs_extra() -> str:
    return (
        "PDF export needs WeasyPrint, an optional extra: install it with "
        "`pip install 'kapdiary[pdf]'` (or `pipx inject kapdiary weasyprint`), "
        "or export --format html and print that to PDF from a browser"
    )


def pdf_needs_pango(problem: OSError) -> str:
    first = str(problem).splitlines()[0] if str(problem) else type(problem).__name__
    return (
        f"WeasyPrint is installed but cannot start ({first}); it needs the Pango library: "
        "`apt install libpango-1.0-0 libpangoft2-1.0-0` on Debian or Ubuntu, "
        "`brew install pango` on macOS"
    )
