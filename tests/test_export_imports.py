"""A year's export imports only what its file needs (issue 19).

Each test runs the real program in a process of its own (the quick start, as `kapdiary`
does) with ``builtins.__import__`` watched, and looks at what was imported and from where.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import put, subprocess_env
from helpers import COACH_FIELDS

# Runs kapdiary.launch.main() as the `kapdiary` script does, noting every import statement
# that asks for dataclasses (with the module and function it ran in), then prints, on
# stderr, those and the names of every module loaded.
WATCHED = """
import atexit, builtins, json, sys
asked = set()
real = builtins.__import__
def watched(name, globals=None, locals=None, fromlist=(), level=0):
    if name.partition(".")[0] == "dataclasses":
        frame = sys._getframe(1)
        asked.add((frame.f_globals.get("__name__"), frame.f_code.co_name))
    return real(name, globals, locals, fromlist, level)
builtins.__import__ = watched
atexit.register(lambda: sys.stderr.write(
    "WATCHED " + json.dumps({"dataclasses": sorted(asked), "modules": sorted(sys.modules)})
    + "\\n"))
sys.argv = ["kapdiary", *sys.argv[1:]]
from kapdiary.launch import main
sys.exit(main())
"""

# What only some other command, or another format, needs.
# (dataclasses brings inspect, ast, dis and tokenize: kapdiary.plain and plain classes.)
NEVER = {"dataclasses", "inspect", "html", "html.entities", "calendar", "locale", "yaml"}
NEVER |= {"kapdiary.templates", "typer", "click", "rich", "markdown_it", "tomllib", "hashlib"}

COACH = (
    "---\ntitle: Coach check-in — {long_date}\ndescription: My coach's daily questions.\n"
    "fields:\n" + COACH_FIELDS + "  - key: notes_for_coach\n    type: text\n"
    "    prompt: Anything for my coach?\n---\n\n## Anything else?\n"
)
PHQ9 = ("interest", "down", "sleep", "tired", "appetite", "failure", "concentrating")
PHQ9 += ("moving", "self_harm")


def export(home: Path, tmp_path: Path, fmt: str) -> dict[str, list[str]]:
    """A year's export as the benchmark makes it; what it imported."""
    out = tmp_path / f"year.{fmt}"
    args = ["export", "--since", "2025-11-21", "--until", "2026-11-20", "--yes", "--force"]
    done = subprocess.run(
        [sys.executable, "-c", WATCHED, *args, "-o", str(out), "-f", fmt],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    line = next(x for x in done.stderr.splitlines() if x.startswith("WATCHED "))
    found: dict[str, list[str]] = json.loads(line.removeprefix("WATCHED "))
    return found


def a_year(home: Path) -> None:
    """Evening and session entries, a coach's questions and PHQ-9 check-ins."""
    (home / "templates").mkdir(exist_ok=True)
    (home / "templates" / "coach.md").write_text(COACH, encoding="utf-8")
    for n, day in enumerate(["2026-03-01", "2026-06-01", "2026-09-01", "2026-11-01"]):
        put(home, day, "A day. #family", mood=n + 4, intentions={"present-with-kids": 6})
        put(home, day.replace("-01", "-02"), "Dosed.", template="session", session=n + 1)
        answered = {"took_meds": True, "energy": "steady", "notes_for_coach": "Less tired"}
        put(home, day.replace("-01", "-03"), "Asked.", template="coach", groundedness=3,
            sleep_hours=7.5, **answered)  # fmt: skip
        answers = dict(zip(PHQ9, [n % 4, 1, 1, 2, 0, 1, 0, 0, 0], strict=True))
        put(home, day.replace("-01", "-04"), "Check-in.", template="phq9", phq9=answers,
            score=sum(answers.values()), severity="mild")  # fmt: skip


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_an_export_imports_only_what_its_file_needs(
    initialised: Path, tmp_path: Path, fmt: str
) -> None:
    a_year(initialised)
    export(initialised, tmp_path, fmt)  # the first one reads the templates

    found = export(initialised, tmp_path, fmt)

    assert found["dataclasses"] == []  # not even a call that copies a record
    assert not NEVER & set(found["modules"]), NEVER & set(found["modules"])


def test_an_edited_questionnaire_or_coach_template_shows_in_the_next_export(
    initialised: Path, tmp_path: Path
) -> None:
    a_year(initialised)
    first = export(initialised, tmp_path, "md")  # the templates read, and kept in the index
    before = export(initialised, tmp_path, "md")
    made = (tmp_path / "year.md").read_text(encoding="utf-8")
    coach = initialised / "templates" / "coach.md"
    edited = COACH.replace("label: Groundedness", "label: Feet on the ground")
    coach.write_text(edited.replace("unit: hours", "unit: hrs"), encoding="utf-8")
    builtin = Path(__file__).resolve().parent.parent / "templates" / "phq9.md"
    own = builtin.read_text(encoding="utf-8").replace("5: mild,", "5: gentle,")
    assert "gentle" in own
    (initialised / "templates" / "phq9.md").write_text(own, encoding="utf-8")

    after = export(initialised, tmp_path, "md")
    remade = (tmp_path / "year.md").read_text(encoding="utf-8")

    assert "yaml" in first["modules"] and "yaml" not in before["modules"]
    assert "yaml" in after["modules"]  # the edited ones read again
    assert "Groundedness" in made and "Feet on the ground" in remade
    assert "Feet on the ground" not in made and "Groundedness" not in remade
    assert "7.5 hours" in made and "7.5 hrs" in remade
    assert "gentle" not in made and "gentle" in remade


def test_progress_with_check_ins_reads_no_template_twice(initialised: Path) -> None:
    """The questionnaires' scales, as the coach's fields, come from the index's copy once
    it has read them: a second `progress` imports no YAML."""
    a_year(initialised)
    seen = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", WATCHED, "progress", "--since", "1y", "--json"],
            capture_output=True,
            text=True,
            env=subprocess_env(),
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        line = next(x for x in done.stderr.splitlines() if x.startswith("WATCHED "))
        seen.append(json.loads(line.removeprefix("WATCHED "))["modules"])
        assert json.loads(done.stdout)["measures"], done.stdout  # PHQ-9 is scored
    assert "yaml" not in seen[1]
