"""`kapdiary write --editor`: the filled template in $VISUAL/$EDITOR."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary import drafts, messages, writing
from kapdiary.cli.guided import interruptible, say
from kapdiary.errors import EXIT_INTERRUPTED, KapdiaryError, UsageError
from kapdiary.intentions import Intention
from kapdiary.locations import Home
from kapdiary.storage import FILE_MODE
from kapdiary.templates import fill
from kapdiary.use_cases.write import save_edited
from kapdiary.writing import GUIDANCE_CLOSE, GUIDANCE_OPEN, without_guidance

__all__ = ["EditorInterrupted", "editor_command", "run_editor", "without_guidance"]

if TYPE_CHECKING:
    from kapdiary.use_cases.write import Page, Reread


def editor_command(configured: str | None) -> list[str]:
    """The config's editor, then $VISUAL, $EDITOR, then nano, then vi."""
    for candidate in (configured, os.environ.get("VISUAL"), os.environ.get("EDITOR")):
        if candidate and candidate.strip():
            return shlex.split(candidate)
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise UsageError("no editor found; set $EDITOR (for example `export EDITOR=nano`)")


def editor_text(
    answers: writing.Answers,
    values: dict[str, str],
    intentions: list[Intention],
    areas: list[str],
    *,
    where: str | None = None,
    reread: Reread | None = None,
) -> str:
    """The template as a file to fill in: empty fields with hints, prompts with guidance.

    ``where`` (the place in the course) and ``reread`` (the weekly review's week) go in a
    guidance comment under the title, so they are shown and never saved.
    """
    lines = [
        f"date: {answers.day.isoformat()}",
        f"time: '{answers.time}'",
        f"template: {answers.template.name}",
    ]
    if answers.session is not None:
        lines.append(f"session: {answers.session}  # its number in your course; yours to change")
    for f in answers.template.fields:
        hint = fill(f.prompt, values)
        if f.type == "intentions":
            active = [i for i in intentions if i.active]
            if active:
                lines.append(f"intentions:  # 0-10: {hint}")
                lines += [f"  {i.id}:  # {i.text}" for i in active]
        elif f.type == "areas":
            lines.append(f"areas:  # 0-10: {hint}")
            lines += [f"  {a}:" for a in writing.field_areas(f, areas)]
        elif f.type == "scored":
            lines.append(f"{f.key}:  # {hint} {f.describe()}")
            lines += [f"  {item}:  # {question}" for item, question in f.items.items()]
        else:
            lines.append(f"{f.key}:  # {f.describe()}: {hint}")
    parts = [f"# {fill(answers.template.title, values)}"]
    notes = [where if where and answers.session is None else "", reread.text() if reread else ""]
    note = "\n\n".join(n for n in notes if n).replace("-->", "->")  # would end the comment
    if note:
        parts.append(f"{GUIDANCE_OPEN}{note}{GUIDANCE_CLOSE}\n")
    for prompt in answers.template.prompts:
        guidance = fill(prompt.guidance, values)
        block = f"## {fill(prompt.heading, values)}\n"
        if guidance:
            block += f"{GUIDANCE_OPEN}{guidance}{GUIDANCE_CLOSE}\n"
        parts.append(block)
    return "---\n" + "\n".join(lines) + "\n---\n\n" + "\n\n".join(parts)


class EditorInterrupted(KeyboardInterrupt):
    """The editor was stopped by SIGHUP/SIGTERM; ``text`` is what its file held then."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


def run_editor(command: list[str], text: str, name: str) -> tuple[str, int]:
    """Edit ``text`` in a 0600 file inside a private temporary folder, removed afterwards.

    Ctrl-C belongs to the editor while it runs (vi users press it all the time), so
    kapdiary ignores SIGINT meanwhile; a handler, unlike SIG_IGN, is not inherited.
    """
    folder = Path(tempfile.mkdtemp(prefix="kapdiary-"))  # created 0700
    path = folder / name
    previous = signal.signal(signal.SIGINT, lambda signum, frame: None)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            code = subprocess.call([*command, str(path)])
        except FileNotFoundError:
            raise UsageError(f"the editor {command[0]!r} was not found; check $EDITOR") from None
        except KeyboardInterrupt:
            raise EditorInterrupted(_read(path, text)) from None
        return _read(path, text), code
    finally:
        signal.signal(signal.SIGINT, previous)
        shutil.rmtree(folder, ignore_errors=True)


def _ended(code: int) -> str:
    """How the editor ended: ``subprocess`` gives -N for a process stopped by signal N."""
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"was stopped by {signal.Signals(-code).name}"
    return f"exited with status {code}"


def _read(path: Path, fallback: str) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return fallback


def write_in_editor(home: Home, configured: str | None, page: Page) -> Path | None:
    """Edit the filled template (or the draft carried on) and save it as a new entry."""
    import typer

    answers, values, draft = page.answers, page.values, page.draft
    intentions, areas = page.intentions, page.areas
    command = editor_command(configured)
    pristine = editor_text(answers, values, intentions, areas, where=page.where, reread=page.reread)
    start = draft.raw if draft else pristine
    draft_path = page.draft_path(home)
    name = f"kapdiary-{answers.day.isoformat()}-{answers.template.name}.md"
    edited = start
    with drafts.hold(draft_path), interruptible():
        try:
            edited, code = run_editor(command, start, name)
        except EditorInterrupted as stop:
            if stop.text in (start, pristine) and draft is None:
                drafts.discard(draft_path)
                say("Stopped. Nothing was typed, so nothing was kept.")
            else:
                drafts.save(draft_path, stop.text)
                say(messages.draft_kept(draft_path))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        if edited == pristine:
            drafts.let_go(home, draft_path, resumed=draft is not None)
            if code != 0:
                raise KapdiaryError(
                    f"the editor {_ended(code)} and nothing was written; "
                    "check $EDITOR (or `kapdiary config set editor ...`) and try again"
                )
            say(messages.nothing_changed())
            return None
        if code != 0:
            drafts.save(draft_path, edited)
            raise KapdiaryError(
                f"the editor {_ended(code)}; your text is kept in {draft_path}. "
                "Run `kapdiary write --resume --editor` to carry on"
            )
        path = save_edited(home, answers, values, intentions, areas, edited, draft_path)
        if path is None:
            drafts.let_go(home, draft_path, resumed=draft is not None)
            say("Nothing was written, so no entry was saved.")
            return None
        drafts.discard(draft_path)
    return path
