"""Every `kapdiary …` command shown in the README and in docs/ names a real command with
real options, so the documentation cannot drift from the tool (it once named options that
had been renamed)."""

from __future__ import annotations

import functools
import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer.main

from kapdiary.cli import app

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(?:sh|bash|console|shell)?\s*$\n(.*?)^```", re.MULTILINE | re.DOTALL)


def documented() -> list[tuple[str, str]]:
    """(page, command line) for each line of a shell block that runs kapdiary."""
    found = []
    for page in PAGES:
        for block in FENCE.findall(page.read_text(encoding="utf-8")):
            for raw in block.splitlines():
                line = raw.strip().removeprefix("$ ")
                line = line.split(" #", 1)[0].split(" | ", 1)[0].split(" && ", 1)[0].strip()
                if line.endswith("."):
                    continue  # a sentence in an example file, not a command
                if line.startswith("kapdiary ") or line == "kapdiary":
                    found.append((page.name, line))
    return found


def _options(command: Any) -> set[str]:
    names = {"--help", "-h"}
    for param in command.params:
        names.update(getattr(param, "opts", []))
        names.update(getattr(param, "secondary_opts", []))
    return names


@functools.cache
def root() -> Any:
    return typer.main.get_command(app)


@pytest.mark.parametrize(("page", "line"), documented(), ids=lambda v: str(v)[:60])
def test_a_documented_command_exists_with_its_options(page: str, line: str) -> None:
    try:
        words = shlex.split(line)[1:]
    except ValueError:
        pytest.fail(f"{page}: cannot read {line!r}")
    command: Any = root()
    while words and getattr(command, "commands", None) and words[0] in command.commands:
        command = command.commands[words.pop(0)]
    if getattr(command, "commands", None) and words and not words[0].startswith("-"):
        pytest.fail(f"{page}: `{line}` names no command {words[0]!r}")
    known = _options(command)
    for word in words:
        if word.startswith("-") and word != "-":
            name = word.split("=", 1)[0]
            assert name in known, f"{page}: `{line}`: {name} is not an option of this command"


def test_the_pages_show_commands_at_all() -> None:
    assert len(documented()) > 40
