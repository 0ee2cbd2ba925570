"""`kapdiary template list | show`, and a user's template taking a built-in's place."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import one_error_line

MY_EVENING = """\
---
title: My coach's evening — {long_date}
description: Three lines before sleep.
fields:
  - key: energy
    type: scale
    prompt: How much energy is left?
---

## One good thing
Anything at all.
"""


def test_template_list_shows_the_builtin_evening_as_default(run, home: Path) -> None:
    result = run("template", "list")

    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("evening"))
    assert "(default)" in line and "built-in" in line
    assert "The daily look back" in line


def test_template_list_json(run, home: Path) -> None:
    result = run("template", "list", "--json")

    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    evening = rows["evening"]
    assert evening["source"] == "built-in" and evening["default"] is True
    assert evening["problem"] is None
    assert Path(evening["path"]).name == "evening.md"


def test_template_show_lists_the_fields_and_prompts(run, home: Path) -> None:
    result = run("template", "show", "evening")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "evening (built-in" in out
    for words in (
        "mood (scale): How is your mood this evening? — a whole number from 1 to 10",
        "intentions (intentions)",
        "areas (areas)",
        "tags (tags)",
        "## What came up for me today?",
        "## What do I carry into tomorrow?",
    ):
        assert words in out, words


def test_template_show_raw_prints_the_file(run, home: Path) -> None:
    result = run("template", "show", "evening", "--raw")

    assert result.exit_code == 0, result.output
    rows = json.loads(run("template", "list", "--json").stdout)
    [evening] = [row for row in rows if row["name"] == "evening"]
    assert result.stdout == Path(evening["path"]).read_text(encoding="utf-8")


def test_a_users_template_takes_the_builtins_place(run, home: Path) -> None:
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "evening.md").write_text(MY_EVENING, encoding="utf-8")

    listed = {row["name"]: row for row in json.loads(run("template", "list", "--json").stdout)}
    shown = run("template", "show", "evening")
    raw = run("template", "show", "evening", "--raw")

    assert listed["evening"]["source"] == "yours"
    assert listed["evening"]["path"] == str(home / "templates" / "evening.md")
    assert "energy (scale)" in shown.stdout and "## One good thing" in shown.stdout
    assert "mood" not in shown.stdout
    assert raw.stdout == MY_EVENING


def test_showing_an_unknown_template_names_the_ones_there_are(run, home: Path) -> None:
    result = run("template", "show", "nightly")

    assert result.exit_code == 2
    line = one_error_line(result)
    assert "'nightly'" in line and "evening" in line


def test_a_broken_template_of_yours_is_listed_with_the_fix(run, home: Path) -> None:
    (home / "templates").mkdir(parents=True)
    (home / "templates" / "coach.md").write_text("---\ntitle: [unclosed\n---\n\n## Q\n")

    listed = run("template", "list")
    shown = run("template", "show", "coach")

    assert listed.exit_code == 0, listed.output
    assert "kapdiary template check" in listed.stdout
    assert shown.exit_code == 1
    line = one_error_line(shown)
    assert "coach.md" in line and "line " in line
