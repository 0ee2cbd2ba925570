"""The editor a diary opens, and the template as a file to fill in there (no running here)."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
from typing import TYPE_CHECKING

from kapdiary import writing
from kapdiary.errors import UsageError
from kapdiary.messages import writing as said
from kapdiary.templates import fill
from kapdiary.writing import GUIDANCE_CLOSE, GUIDANCE_OPEN

if TYPE_CHECKING:
    from kapdiary.intentions import Intention
    from kapdiary.use_cases.write import Reread


def editor_command(configured: str | None) -> list[str]:
    """The config's editor, then $VISUAL, $EDITOR, then nano, then vi."""
    for candidate in (configured, os.environ.get("VISUAL"), os.environ.get("EDITOR")):
        if candidate and candidate.strip():
            return shlex.split(candidate)
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise UsageError(said.no_editor_found())


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


def ended(code: int) -> str:
    """How the editor ended: ``subprocess`` gives -N for a process stopped by signal N."""
    if code < 0:
        with contextlib.suppress(ValueError):
            return said.editor_stopped_by(signal.Signals(-code).name)
    return said.editor_exited(code)
